"""Signing employees in to the web review: personal links, sessions, the trusted header.

A sign-in link carries a random token (256 bits) that is stored only as its SHA-256
digest, expires after the ``link_days`` setting, and is used up when exchanged for a
browser session. Looking at a link (:func:`link_state`) never uses it up, so mail
scanners that open every link in a message do not burn it. Sessions have a random id,
also stored only as a digest, a CSRF token, and expire after :data:`SESSION_IDLE` without
use. Leavers can neither get a link nor sign in, and their sessions stop working.

Functions: :func:`issue_link`, :func:`link_state`, :func:`exchange`,
:func:`sign_in_trusted`, :func:`resolve`, :func:`choose_lang`, :func:`sign_out`; and,
shared with the admins' sign-in (:mod:`recall.service.admins`), :func:`check_link`,
:func:`new_link`, :func:`new_session` and :func:`link_url`.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from recall.core.codes import Lang, LinkState
from recall.core.employee import Employee
from recall.errors import NotFoundError
from recall.service.review import require_active
from recall.store import Store
from recall.store import auth as sql

__all__ = [
    "SESSION_IDLE",
    "Exchange",
    "Link",
    "WebSession",
    "check_link",
    "choose_lang",
    "exchange",
    "issue_link",
    "link_state",
    "link_url",
    "new_link",
    "new_session",
    "resolve",
    "sign_in_trusted",
    "sign_out",
]

#: a session unused for this long expires
SESSION_IDLE = timedelta(hours=12)
#: a session's last use is written at most this often (not on every request)
_TOUCH_EVERY = timedelta(minutes=5)


@dataclass(frozen=True)
class Link:
    """A sign-in link just issued: the token (shown once, never stored) and its expiry."""

    employee: Employee
    token: str
    expires_at: datetime

    def url(self, base_url: str) -> str:
        """The link under the server's public base URL."""
        return link_url(base_url, self.token)


@dataclass(frozen=True)
class WebSession:
    """A signed-in browser: who, the session id (the cookie), its CSRF token and language."""

    employee: Employee
    session_id: str
    csrf: str
    lang: Lang


@dataclass(frozen=True)
class Exchange:
    """The outcome of using a link: the new session, or why there is none."""

    state: LinkState
    session: WebSession | None


def issue_link(store: Store, employee_id: str, now: datetime) -> Link:
    """A new personal sign-in link for an active employee.

    Raises:
        NotFoundError: no such employee.
        InputError: the employee has left.
    """
    employee = store.employee(employee_id)
    require_active(store, employee, now)
    return Link(employee, *new_link(store, employee.id, now))


def link_url(base_url: str, token: str) -> str:
    """A sign-in link (an employee's or an admin's) under the server's public base URL."""
    return f"{base_url.rstrip('/')}/signin/{token}"


def new_link(
    store: Store, owner: str, now: datetime, holder: sql.Holder = sql.EMPLOYEES
) -> tuple[str, datetime]:
    """Store a new sign-in link for ``owner`` (an employee's id or, with ``holder``, an
    admin's email): its random token (stored only as its digest) and its expiry, after
    the ``link_days`` setting."""
    token = secrets.token_urlsafe(32)
    expires = now + timedelta(days=store.settings().link_days)
    sql.add_link(store, sql.digest(token), owner, now, expires, holder)
    return token, expires


def new_session(
    store: Store,
    owner: str,
    now: datetime,
    idle: timedelta = SESSION_IDLE,
    holder: sql.Holder = sql.EMPLOYEES,
) -> tuple[str, str]:
    """Store a new browser session for ``owner`` that expires after ``idle`` unused: its
    random id (the cookie; stored only as its digest) and its CSRF token."""
    session_id = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    sql.add_session(store, sql.digest(session_id), owner, csrf, now, now + idle, holder)
    return session_id, csrf


def check_link(
    store: Store, token: str, now: datetime, holder: sql.Holder = sql.EMPLOYEES
) -> tuple[LinkState, sql.LinkRow | None]:
    """The stored link for ``token`` (an employee's or, with ``holder``, an admin's) and
    what it is worth before its owner is checked: unknown, used, expired, else valid.
    Looking does not use it up."""
    if len(token) > 200:
        return LinkState.UNKNOWN, None
    row = sql.find_link(store, sql.digest(token), holder)
    if row is None:
        return LinkState.UNKNOWN, None
    if row.used_at is not None:
        return LinkState.USED, row
    if row.expires_at <= now:
        return LinkState.EXPIRED, row
    return LinkState.VALID, row


def link_state(store: Store, token: str, now: datetime) -> LinkState:
    """What the link with this token is worth now; looking does not use it up."""
    state, row = check_link(store, token, now)
    if row is None or state is not LinkState.VALID:
        return state
    employee = store.employee(row.employee_id)
    if not employee.active_on(store.policy().local_date(now)):
        return LinkState.LEFT
    return LinkState.VALID


def exchange(store: Store, token: str, now: datetime) -> Exchange:
    """Use a link up and open a session for its employee (when the link is valid)."""
    state = link_state(store, token, now)
    if state is not LinkState.VALID:
        return Exchange(state, None)
    token_hash = sql.digest(token)
    if not sql.use_link(store, token_hash, now):  # used by a concurrent request
        return Exchange(LinkState.USED, None)
    row = sql.find_link(store, token_hash)
    assert row is not None
    return Exchange(LinkState.VALID, _open_session(store, store.employee(row.employee_id), now))


def sign_in_trusted(store: Store, value: str, now: datetime) -> WebSession:
    """A session for the employee a trusted proxy header names (employee id or work email).

    Raises:
        NotFoundError: no employee has this id or email.
        InputError: the employee has left.
    """
    value = value.strip()
    try:
        employee = store.employee(value)
    except NotFoundError:
        found = sql.employee_id_by_email(store, value) if "@" in value else None
        if found is None:
            raise NotFoundError.of("error.no_employee_or_email", value=repr(value)) from None
        employee = store.employee(found)
    require_active(store, employee, now)
    return _open_session(store, employee, now)


def resolve(store: Store, session_id: str, now: datetime) -> WebSession | None:
    """The signed-in session for a cookie value; None when unknown, expired or a leaver's."""
    if not session_id or len(session_id) > 200:
        return None
    id_hash = sql.digest(session_id)
    row = sql.find_session(store, id_hash)
    if row is None or row.expires_at <= now:
        return None
    try:
        employee = store.employee(row.employee_id)
    except NotFoundError:
        return None
    if not employee.active_on(store.policy().local_date(now)):
        sql.delete_session(store, id_hash)
        return None
    if now - row.seen_at >= _TOUCH_EVERY:
        sql.touch_session(store, id_hash, now, now + SESSION_IDLE)
    return WebSession(employee, session_id, row.csrf, Lang(row.lang or employee.lang))


def choose_lang(store: Store, session: WebSession, lang: Lang) -> WebSession:
    """Show this session's pages and cards in ``lang`` from now on."""
    sql.set_session_lang(store, sql.digest(session.session_id), str(lang))
    return WebSession(session.employee, session.session_id, session.csrf, lang)


def sign_out(store: Store, session_id: str, now: datetime) -> None:
    """End a session (and clear expired ones)."""
    sql.delete_session(store, sql.digest(session_id))
    sql.purge_expired(store, now)


def _open_session(store: Store, employee: Employee, now: datetime) -> WebSession:
    session_id, csrf = new_session(store, employee.id, now)
    return WebSession(employee, session_id, csrf, Lang(employee.lang))
