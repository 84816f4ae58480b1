"""HR accounts and their trail (issue 11): add, list and remove admins; their sign-in
links and sessions (the employees' mechanism, in the admins' own tables); the one role
check; and the append-only trail of every change an admin makes.

An admin is a work email with a role: ``viewer`` reads every HR page, ``hr`` may also
change things. Admins are created only here, from the CLI (``recall admin add``): no web
page creates one.

Functions: :func:`add`, :func:`remove`, :func:`listing`, :func:`issue_link`,
:func:`link_state`, :func:`exchange`, :func:`sign_in_trusted`, :func:`resolve`,
:func:`choose_lang`, :func:`sign_out`, :func:`note`, :func:`trail`; the one role
check is :attr:`AdminSession.can_change`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from recall.core.codes import AdminRole, Lang, LinkState, TrailAction
from recall.core.values import check_name
from recall.errors import InputError, NotFoundError
from recall.service.auth import check_link, link_url, new_link, new_session
from recall.store import Store
from recall.store import admins as sql
from recall.store import auth as auth_sql
from recall.store.admins import AdminRow, TrailRow
from recall.store.auth import ADMINS, digest

__all__ = [
    "SESSION_IDLE",
    "AdminLink",
    "AdminRow",
    "AdminSession",
    "TrailRow",
    "add",
    "choose_lang",
    "exchange",
    "issue_link",
    "link_state",
    "listing",
    "note",
    "remove",
    "resolve",
    "sign_in_trusted",
    "sign_out",
    "trail",
]

#: an admin session unused for this long expires
SESSION_IDLE = timedelta(hours=8)
_TOUCH_EVERY = timedelta(minutes=5)


@dataclass(frozen=True)
class AdminLink:
    """An admin sign-in link just issued (the token is shown once, never stored)."""

    admin: AdminRow
    token: str
    expires_at: datetime

    def url(self, base_url: str) -> str:
        """The link under the server's public base URL."""
        return link_url(base_url, self.token)


@dataclass(frozen=True)
class AdminSession:
    """A signed-in HR browser: who, the session id (cookie), its CSRF token, language."""

    admin: AdminRow
    session_id: str
    csrf: str
    lang: Lang

    @property
    def can_change(self) -> bool:
        """Whether this admin's role allows changes (the one role check: only ``hr``)."""
        return self.admin.role == AdminRole.HR


def _email(email: str) -> str:
    email = check_name(email.strip(), "email")
    if "@" not in email or " " in email or len(email) > 254:
        raise InputError.of("error.admin_email", email=repr(email))
    return email


def add(store: Store, email: str, role: AdminRole, now: datetime) -> AdminRow:
    """Add an HR account (or change its role).

    Raises:
        InputError: not an email address.
    """
    email = _email(email)
    sql.add_admin(store, email, str(AdminRole(role)), now)
    found = sql.find_admin(store, email)
    assert found is not None
    return found


def remove(store: Store, email: str) -> None:
    """Remove an HR account; its sessions end and its links stop working.

    Raises:
        NotFoundError: no such admin.
    """
    if not sql.remove_admin(store, email.strip()):
        raise NotFoundError.of("error.no_admin", email=repr(email.strip()))


def listing(store: Store) -> list[AdminRow]:
    """Every HR account, by email."""
    return sql.admins(store)


def issue_link(store: Store, email: str, now: datetime) -> AdminLink:
    """A new sign-in link for an admin (expires after the ``link_days`` setting).

    Raises:
        NotFoundError: no such admin.
    """
    admin = sql.find_admin(store, email.strip())
    if admin is None:
        raise NotFoundError.of("error.no_admin", email=repr(email.strip()))
    return AdminLink(admin, *new_link(store, admin.email, now, ADMINS))


def link_state(store: Store, token: str, now: datetime) -> LinkState:
    """What the admin link with this token is worth now (UNKNOWN: not an admin link)."""
    state, row = check_link(store, token, now, ADMINS)
    if row is None or state is not LinkState.VALID:
        return state
    if sql.find_admin(store, row.employee_id) is None:
        return LinkState.LEFT
    return LinkState.VALID


def exchange(store: Store, token: str, now: datetime) -> tuple[LinkState, AdminSession | None]:
    """Use an admin link up and open a session (when the link is valid)."""
    state = link_state(store, token, now)
    if state is not LinkState.VALID:
        return state, None
    token_hash = digest(token)
    if not auth_sql.use_link(store, token_hash, now, ADMINS):
        return LinkState.USED, None
    row = auth_sql.find_link(store, token_hash, ADMINS)
    assert row is not None
    admin = sql.find_admin(store, row.employee_id)
    assert admin is not None
    return LinkState.VALID, _open(store, admin, now)


def sign_in_trusted(store: Store, value: str, now: datetime) -> AdminSession | None:
    """A session for the admin a trusted proxy header names; None: not in the admin list."""
    admin = sql.find_admin(store, value.strip())
    return None if admin is None else _open(store, admin, now)


def resolve(store: Store, session_id: str, now: datetime) -> AdminSession | None:
    """The admin session for a cookie value; None when unknown, expired or removed."""
    if not session_id or len(session_id) > 200:
        return None
    id_hash = digest(session_id)
    row = auth_sql.find_session(store, id_hash, ADMINS)
    if row is None or row.expires_at <= now:
        return None
    admin = sql.find_admin(store, row.employee_id)
    if admin is None:
        return None
    if now - row.seen_at >= _TOUCH_EVERY:
        auth_sql.touch_session(store, id_hash, now, now + SESSION_IDLE, ADMINS)
    return AdminSession(admin, session_id, row.csrf, Lang(row.lang or "ja"))


def choose_lang(store: Store, session: AdminSession, lang: Lang) -> None:
    """Show this admin session's pages in ``lang`` from now on."""
    auth_sql.set_session_lang(store, digest(session.session_id), str(lang), ADMINS)


def sign_out(store: Store, session_id: str) -> None:
    """End an admin session."""
    auth_sql.delete_session(store, digest(session_id), ADMINS)


def note(
    store: Store,
    actor: str | None,
    now: datetime,
    action: TrailAction,
    subject: str,
    counts: dict[str, int],
) -> None:
    """Append a change to the trail when an actor made it (joins the caller's
    transaction, so the change and its row are written together or not at all)."""
    if actor is not None:
        sql.add_trail(store, actor, now, str(action), subject, counts)


def trail(
    store: Store, start: datetime | None = None, end: datetime | None = None
) -> list[TrailRow]:
    """The admins' trail, oldest first (between ``start`` and ``end`` when given)."""
    return sql.trail(store, start, end)


def _open(store: Store, admin: AdminRow, now: datetime) -> AdminSession:
    session_id, csrf = new_session(store, admin.email, now, SESSION_IDLE, ADMINS)
    return AdminSession(admin, session_id, csrf, Lang.JA)
