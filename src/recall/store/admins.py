"""HR accounts (issue 11): admins, their sign-in links and sessions, and their trail.

Functions take the open :class:`recall.store.Store` and run SQL on the tables of the
``_HR`` migration. Secrets arrive as SHA-256 digests (:func:`recall.store.auth.digest`).
The trail is append-only (triggers abort UPDATE and DELETE); :func:`add_trail` joins the
caller's transaction so a change and its trail row are written together.

Classes: :class:`AdminRow`, :class:`TrailRow`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from recall.store.instants import iso, parse_iso

if TYPE_CHECKING:
    from recall.store.store import Store

__all__ = [
    "AdminRow",
    "TrailRow",
    "add_admin",
    "add_trail",
    "admins",
    "find_admin",
    "open_past",
    "remove_admin",
    "reviewed_between",
    "search_employee_ids",
    "trail",
]


@dataclass(frozen=True)
class AdminRow:
    """An HR account: work email, role (hr | viewer), when it was added."""

    email: str
    role: str
    created_at: datetime


@dataclass(frozen=True)
class TrailRow:
    """One change an admin made: who, when, what and the counts."""

    id: int
    actor: str
    at: datetime
    action: str
    subject: str
    counts: dict[str, int]


def add_admin(store: Store, email: str, role: str, now: datetime) -> None:
    """Add an admin, or change the role of one already listed."""
    with store.transaction():
        store.db.execute(
            "INSERT INTO admins(email, role, created_at) VALUES (?, ?, ?) "
            "ON CONFLICT(email) DO UPDATE SET role = excluded.role",
            [email, role, iso(now)],
        )


def remove_admin(store: Store, email: str) -> bool:
    """Remove an admin and end their sessions; False when there was none."""
    found = find_admin(store, email)
    if found is None:
        return False
    email = found.email
    with store.transaction():
        store.db.execute("DELETE FROM admin_sessions WHERE admin_email = ?", [email])
        store.db.execute("DELETE FROM admin_links WHERE admin_email = ?", [email])
        cursor = store.db.execute("DELETE FROM admins WHERE email = ?", [email])
    return cursor.rowcount == 1


def find_admin(store: Store, email: str) -> AdminRow | None:
    """The admin with this email (case-insensitive), or None."""
    row = store.db.execute(
        "SELECT email, role, created_at FROM admins WHERE email = ?", [email]
    ).fetchone()
    return None if row is None else AdminRow(row[0], row[1], parse_iso(row[2]))


def admins(store: Store) -> list[AdminRow]:
    """Every admin, by email."""
    rows = store.db.execute("SELECT email, role, created_at FROM admins ORDER BY email")
    return [AdminRow(r[0], r[1], parse_iso(r[2])) for r in rows]


def add_trail(
    store: Store, actor: str, now: datetime, action: str, subject: str, counts: dict[str, int]
) -> None:
    """Append one change to the admins' trail (joins the caller's transaction)."""
    with store.transaction():
        store.db.execute(
            "INSERT INTO admin_trail(actor, at, action, subject, counts) VALUES (?, ?, ?, ?, ?)",
            [actor, iso(now), action, subject, json.dumps(counts, sort_keys=True)],
        )


def trail(
    store: Store, start: datetime | None = None, end: datetime | None = None
) -> list[TrailRow]:
    """The trail (between ``start`` and ``end`` when given), oldest first."""
    sql = "SELECT id, actor, at, action, subject, counts FROM admin_trail WHERE 1"
    params: list[str] = []
    if start is not None:
        sql += " AND at >= ?"
        params.append(iso(start))
    if end is not None:
        sql += " AND at < ?"
        params.append(iso(end))
    rows = store.db.execute(sql + " ORDER BY id", params)
    return [TrailRow(r[0], r[1], parse_iso(r[2]), r[3], r[4], json.loads(r[5])) for r in rows]


def reviewed_between(store: Store, start: datetime, end: datetime) -> int:
    """How many distinct employees answered a card between ``start`` and ``end``."""
    row = store.db.execute(
        "SELECT COUNT(DISTINCT employee_id) FROM review_log WHERE answered_at >= ? "
        "AND answered_at < ?",
        [iso(start), iso(end)],
    ).fetchone()
    return int(row[0])


def open_past(store: Store, today: str) -> int:
    """Open refreshers of active employees whose deadline is before ``today``."""
    row = store.db.execute(
        "SELECT COUNT(*) FROM assignments a JOIN employees e ON e.id = a.employee_id "
        "WHERE a.done_at IS NULL AND a.deadline IS NOT NULL AND a.deadline < ? "
        "AND e.left_on IS NULL",
        [today],
    ).fetchone()
    return int(row[0])


def search_employee_ids(
    store: Store, text: str, department: str | None, include_left: bool, limit: int
) -> list[str]:
    """Ids of employees whose id, name or email contains ``text`` (case-insensitive),
    in ``department`` when given, by department and id, at most ``limit``."""
    where = [
        "(instr(lower(id), lower(?)) OR instr(lower(name), lower(?)) "
        "OR instr(lower(COALESCE(email, '')), lower(?)))"
    ]
    params: list[object] = [text, text, text]
    if department:
        where.append("department = ?")
        params.append(department)
    if not include_left:
        where.append("left_on IS NULL")
    rows = store.db.execute(
        f"SELECT id FROM employees WHERE {' AND '.join(where)} ORDER BY department, id LIMIT ?",
        [*params, limit],
    )
    return [r[0] for r in rows]
