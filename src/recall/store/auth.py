"""The web review's tables: sign-in links, browser sessions, shown cards and reminders.

Functions here take the open :class:`recall.store.Store` and run its SQL on the tables of
the ``_WEB`` migration. Secrets never reach this module in clear: link tokens and session
ids arrive as SHA-256 hex digests (:func:`digest`).

Classes: :class:`LinkRow`, :class:`SessionRow`, :class:`ShownRow`, :class:`AnswerRecord`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from recall.store.instants import iso, parse_iso

if TYPE_CHECKING:
    from recall.store.store import Store

__all__ = [
    "ADMINS",
    "EMPLOYEES",
    "Holder",
    "AnswerRecord",
    "LinkRow",
    "SessionRow",
    "ShownRow",
    "add_link",
    "add_reminder",
    "add_session",
    "add_shown",
    "answer_record",
    "answers_between",
    "delete_session",
    "digest",
    "employee_id_by_email",
    "find_link",
    "find_session",
    "find_shown",
    "freshness",
    "mark_shown_answered",
    "open_shown",
    "purge_expired",
    "reminded_on",
    "reminders",
    "set_session_lang",
    "source_title",
    "touch_session",
    "use_link",
]


def digest(secret: str) -> str:
    """The SHA-256 hex digest under which a secret (token, session id) is stored."""
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class LinkRow:
    """A sign-in link as stored."""

    employee_id: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None


@dataclass(frozen=True)
class SessionRow:
    """A browser session as stored."""

    employee_id: str
    csrf: str
    lang: str | None
    seen_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class ShownRow:
    """A card shown in the browser under an idempotency key."""

    key: str
    employee_id: str
    card_id: str
    card_version: int
    reason: str
    lang: str
    shown_at: datetime
    review_id: int | None


@dataclass(frozen=True)
class AnswerRecord:
    """The review-log facts the feedback page shows."""

    id: int
    choice: str
    correct: bool
    answered_at: datetime


# --- sign-in links and sessions (employees' and HR admins' alike) -----------------------


@dataclass(frozen=True)
class Holder:
    """Whose links and sessions: the tables and the column naming the owner."""

    links: str
    sessions: str
    owner: str


#: employees' links and sessions (the owner is the employee id)
EMPLOYEES = Holder("signin_links", "web_sessions", "employee_id")
#: HR admins' links and sessions (the owner is the admin's e-mail)
ADMINS = Holder("admin_links", "admin_sessions", "admin_email")


def add_link(
    store: Store,
    token_hash: str,
    owner: str,
    now: datetime,
    expires_at: datetime,
    holder: Holder = EMPLOYEES,
) -> None:
    """Store a new sign-in link (its token's digest)."""
    with store.transaction():
        store.db.execute(
            f"INSERT INTO {holder.links}(token_hash, {holder.owner}, created_at, expires_at) "
            "VALUES (?, ?, ?, ?)",
            [token_hash, owner, iso(now), iso(expires_at)],
        )


def find_link(store: Store, token_hash: str, holder: Holder = EMPLOYEES) -> LinkRow | None:
    """The link with this token digest, or None (``employee_id`` holds the owner)."""
    row = store.db.execute(
        f"SELECT {holder.owner}, created_at, expires_at, used_at FROM {holder.links} "
        "WHERE token_hash = ?",
        [token_hash],
    ).fetchone()
    if row is None:
        return None
    return LinkRow(
        row[0], parse_iso(row[1]), parse_iso(row[2]), parse_iso(row[3]) if row[3] else None
    )


def use_link(store: Store, token_hash: str, now: datetime, holder: Holder = EMPLOYEES) -> bool:
    """Mark a link used; False when it was already used (by a concurrent request too)."""
    with store.transaction():
        cursor = store.db.execute(
            f"UPDATE {holder.links} SET used_at = ? WHERE token_hash = ? AND used_at IS NULL",
            [iso(now), token_hash],
        )
    return cursor.rowcount == 1


def add_session(
    store: Store,
    id_hash: str,
    owner: str,
    csrf: str,
    now: datetime,
    expires_at: datetime,
    holder: Holder = EMPLOYEES,
) -> None:
    """Store a new browser session (its id's digest)."""
    with store.transaction():
        store.db.execute(
            f"INSERT INTO {holder.sessions}(id_hash, {holder.owner}, csrf, created_at, "
            "seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
            [id_hash, owner, csrf, iso(now), iso(now), iso(expires_at)],
        )


def find_session(store: Store, id_hash: str, holder: Holder = EMPLOYEES) -> SessionRow | None:
    """The session with this id digest, or None (``employee_id`` holds the owner)."""
    row = store.db.execute(
        f"SELECT {holder.owner}, csrf, lang, seen_at, expires_at FROM {holder.sessions} "
        "WHERE id_hash = ?",
        [id_hash],
    ).fetchone()
    if row is None:
        return None
    return SessionRow(row[0], row[1], row[2], parse_iso(row[3]), parse_iso(row[4]))


def touch_session(
    store: Store, id_hash: str, now: datetime, expires_at: datetime, holder: Holder = EMPLOYEES
) -> None:
    """Record that the session was used and move its idle expiry forward."""
    with store.transaction():
        store.db.execute(
            f"UPDATE {holder.sessions} SET seen_at = ?, expires_at = ? WHERE id_hash = ?",
            [iso(now), iso(expires_at), id_hash],
        )


def set_session_lang(store: Store, id_hash: str, lang: str, holder: Holder = EMPLOYEES) -> None:
    """Remember the language chosen in this browser session."""
    with store.transaction():
        store.db.execute(
            f"UPDATE {holder.sessions} SET lang = ? WHERE id_hash = ?", [lang, id_hash]
        )


def delete_session(store: Store, id_hash: str, holder: Holder = EMPLOYEES) -> None:
    """End a session (signing out)."""
    with store.transaction():
        store.db.execute(f"DELETE FROM {holder.sessions} WHERE id_hash = ?", [id_hash])


def purge_expired(store: Store, now: datetime) -> None:
    """Delete expired sessions, employees' and HR admins' (links stay: a used or expired
    link must still say so)."""
    with store.transaction():
        for holder in (EMPLOYEES, ADMINS):
            store.db.execute(f"DELETE FROM {holder.sessions} WHERE expires_at <= ?", [iso(now)])


def employee_id_by_email(store: Store, email: str) -> str | None:
    """The id of the employee with this work email (case-insensitive), or None."""
    row = store.db.execute(
        "SELECT id FROM employees WHERE lower(email) = lower(?) ORDER BY left_on IS NOT NULL "
        "LIMIT 1",
        [email],
    ).fetchone()
    return None if row is None else row[0]


def freshness(store: Store) -> str:
    """A stamp of the decks, settings and FSRS fit as stored: it changes when any changes
    (a long-lived connection compares it to know its cached cards and policy are stale)."""
    row = store.db.execute(
        "SELECT (SELECT COALESCE(group_concat(id || ':' || synced_at || ':' || active), '') "
        "FROM decks), (SELECT COALESCE(group_concat(name || '=' || value), '') FROM settings), "
        "(SELECT COALESCE(MAX(id), 0) FROM fsrs_fits)"
    ).fetchone()
    return f"{row[0]}|{row[1]}|{row[2]}"


# --- shown cards (idempotency keys) -----------------------------------------------------


def open_shown(store: Store, employee_id: str, card_id: str, version: int) -> ShownRow | None:
    """The unanswered shown-card row for this employee, card and version, if any."""
    row = store.db.execute(
        f"SELECT {_SHOWN} FROM shown_cards WHERE employee_id = ? AND card_id = ? "
        "AND card_version = ? AND review_id IS NULL ORDER BY shown_at DESC LIMIT 1",
        [employee_id, card_id, version],
    ).fetchone()
    return None if row is None else _shown(row)


def add_shown(store: Store, row: ShownRow) -> None:
    """Store a shown card under its key."""
    with store.transaction():
        store.db.execute(
            f"INSERT INTO shown_cards({_SHOWN}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                row.key,
                row.employee_id,
                row.card_id,
                row.card_version,
                row.reason,
                row.lang,
                iso(row.shown_at),
                row.review_id,
            ],
        )


def find_shown(store: Store, key: str) -> ShownRow | None:
    """The shown card with this key, or None."""
    row = store.db.execute(f"SELECT {_SHOWN} FROM shown_cards WHERE key = ?", [key]).fetchone()
    return None if row is None else _shown(row)


def mark_shown_answered(store: Store, key: str, review_id: int) -> None:
    """Link a shown card to the review-log row of its answer."""
    with store.transaction():
        store.db.execute("UPDATE shown_cards SET review_id = ? WHERE key = ?", [review_id, key])


def answers_between(
    store: Store, employee_id: str, start: datetime, end: datetime
) -> tuple[int, int]:
    """How many answers the employee gave between ``start`` and ``end``, and how many
    were right (every method)."""
    row = store.db.execute(
        "SELECT COUNT(*), COALESCE(SUM(correct), 0) FROM review_log WHERE employee_id = ? "
        "AND answered_at >= ? AND answered_at < ?",
        [employee_id, iso(start), iso(end)],
    ).fetchone()
    return int(row[0]), int(row[1])


def answer_record(store: Store, review_id: int) -> AnswerRecord:
    """The review-log row an answer wrote."""
    row = store.db.execute(
        "SELECT id, choice, correct, answered_at FROM review_log WHERE id = ?", [review_id]
    ).fetchone()
    return AnswerRecord(row[0], row[1], bool(row[2]), parse_iso(row[3]))


def source_title(store: Store, card_id: str) -> str:
    """The title of the source the card's deck cites ("" if none)."""
    row = store.db.execute(
        "SELECT json_extract(d.data, '$.source.title') FROM cards c JOIN decks d "
        "ON d.id = c.deck_id WHERE c.id = ?",
        [card_id],
    ).fetchone()
    return (row[0] or "") if row else ""


_SHOWN = "key, employee_id, card_id, card_version, reason, lang, shown_at, review_id"


def _shown(row: tuple) -> ShownRow:  # type: ignore[type-arg]
    return ShownRow(row[0], row[1], row[2], row[3], row[4], row[5], parse_iso(row[6]), row[7])


# --- reminders --------------------------------------------------------------------------


def reminded_on(store: Store, employee_id: str, day: date) -> bool:
    """Whether a reminder was delivered to this employee on ``day``."""
    return (
        store.db.execute(
            "SELECT 1 FROM reminders WHERE employee_id = ? AND day = ? AND error IS NULL",
            [employee_id, day.isoformat()],
        ).fetchone()
        is not None
    )


def add_reminder(
    store: Store,
    *,
    employee_id: str,
    day: date,
    now: datetime,
    email: str,
    due: int,
    refreshers: int,
    overdue: int,
    error: str | None,
) -> None:
    """Record a reminder sent (or a failed attempt, with its error)."""
    with store.transaction():
        store.db.execute(
            "INSERT INTO reminders(employee_id, day, sent_at, email, due, refreshers, overdue, "
            "error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [employee_id, day.isoformat(), iso(now), email, due, refreshers, overdue, error],
        )


def reminders(store: Store, day: date | None = None) -> list[dict[str, object]]:
    """Reminders recorded (on ``day``, or all), oldest first."""
    sql = "SELECT * FROM reminders"
    params: list[str] = []
    if day is not None:
        sql += " WHERE day = ?"
        params.append(day.isoformat())
    return list(store.db.query(sql + " ORDER BY id", params))
