"""The SQLite store: every SQL statement recall runs on its database lives in this package.

Class :class:`Store` opens (and creates, privately) the database, migrates its schema,
keeps the decks in sync with the deck files, and reads and writes employees, memory
states and the append-only review log. Incidents and reports add their queries through
the mixins in :mod:`recall.store.incidents` and :mod:`recall.store.reports`.

Every write that matters runs in one transaction (:meth:`Store.transaction`): an answer
is its memory state, its log row and its assignment closed, together or not at all.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import fsrs
import sqlite_utils

from recall.core.answering import Answer
from recall.core.deck import Card, Deck
from recall.core.employee import Employee
from recall.core.policy import Policy, Settings
from recall.core.queue import QueueItem, build_queue
from recall.errors import InputError, NotFoundError, StoreError
from recall.store.fits import FitQueries
from recall.store.incidents import IncidentQueries
from recall.store.instants import iso, parse_iso
from recall.store.reports import ReportQueries
from recall.store.schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["DeckInfo", "ReviewRecord", "Store", "iso", "parse_iso"]

BUSY_TIMEOUT_MS = 10_000


@dataclass(frozen=True)
class DeckInfo:
    """A deck as stored: identity, version and metadata (title, source, topics)."""

    id: str
    version: str
    title: dict[str, str]
    data: dict[str, Any]
    active: bool


@dataclass(frozen=True)
class ReviewRecord:
    """One row of the append-only review log."""

    id: int
    employee_id: str
    card_id: str
    card_version: int
    choice: str
    correct: bool
    rating: fsrs.Rating
    response_ms: int | None
    answered_at: datetime
    reason: str
    method: str


class Store(IncidentQueries, ReportQueries, FitQueries):
    """recall's database. Build it with :meth:`open`.

    Args:
        db: an open sqlite-utils database (already migrated).
        path: the file it lives in.
    """

    def __init__(self, db: sqlite_utils.Database, path: Path) -> None:
        self.db = db
        self.path = path
        self._cards: dict[str, Card] | None = None
        self._card_decks: dict[str, str] | None = None
        self._settings: Settings | None = None
        self._in_transaction = False

    # --- opening ------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str) -> Store:
        """Open the database at ``path``, creating it (readable by its owner only).

        Raises:
            StoreError: it cannot be opened, is not a recall database, or is from a newer
                recall.
        """
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
                os.close(fd)
            conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"cannot open database {path}: {error}") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
            store = cls(sqlite_utils.Database(conn), path)
            store._migrate()
        except sqlite3.DatabaseError as error:
            conn.close()
            raise StoreError(f"{path} is not a usable recall database: {error}") from None
        return store

    def close(self) -> None:
        """Close the connection."""
        self.db.conn.close()

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer recall (schema version {version}; this "
                f"recall knows up to {SCHEMA_VERSION}). Upgrade recall to use it."
            )
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                for statement in _statements(MIGRATIONS[number]):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number + 1}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (``BEGIN IMMEDIATE``); nested calls join the outer one."""
        if self._in_transaction:
            yield
            return
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        self._in_transaction = True
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")
        finally:
            self._in_transaction = False

    # --- settings -----------------------------------------------------------------
    def settings(self) -> Settings:
        """The organisation's settings (defaults for any not set)."""
        if self._settings is None:
            rows = {r["name"]: r["value"] for r in self.db.query("SELECT * FROM settings")}
            self._settings = Settings().with_values(rows)
        return self._settings

    def policy(self) -> Policy:
        """The scheduling policy built from the settings and the FSRS parameters in use
        (the newest ``recall optimize`` fit; FSRS's defaults before any)."""
        fit = self.current_fit()
        return Policy(self.settings(), parameters=fit.fit.parameters if fit else None)

    def update_settings(self, values: dict[str, str]) -> Settings:
        """Change settings (validated together; nothing is written if any is bad).

        Raises:
            InputError: an unknown setting or a bad value.
        """
        updated = self.settings().with_values(values)
        with self.transaction():
            for name, value in updated.as_text().items():
                if name in values:
                    self.db.execute(
                        "INSERT INTO settings(name, value) VALUES (?, ?) "
                        "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                        [name, value],
                    )
        self._settings = updated
        return updated

    # --- decks --------------------------------------------------------------------
    def sync_decks(self, decks: Sequence[Deck], now: datetime) -> None:
        """Bring the stored decks in line with the deck files, in one transaction.

        A reworded card gets a new version and keeps every schedule; a card whose
        correct answer changed gets a new version and its memory states are reset (it is
        a different fact now); a card no longer in its deck stops being scheduled, and
        its history stays. A deck whose file is gone stops being scheduled the same way
        (and comes back, schedules intact, with its file); an empty deck folder changes
        nothing. Unchanged decks cost one query.
        """
        stored = {
            r["id"]: (r["fingerprint"], r["active"])
            for r in self.db.query("SELECT id, fingerprint, active FROM decks")
        }
        changed = [d for d in decks if stored.get(d.id) != (_fingerprint(d), 1)]
        loaded = {d.id for d in decks}
        gone = [i for i, (_, active) in stored.items() if active and i not in loaded]
        if not decks or not (changed or gone):
            return
        stamp = iso(now)
        with self.transaction():
            for deck in changed:
                self._sync_deck(deck, stamp)
            for deck_id in gone:
                self.db.execute(
                    "UPDATE decks SET active = 0, synced_at = ? WHERE id = ?", [stamp, deck_id]
                )
                self.db.execute("UPDATE cards SET active = 0 WHERE deck_id = ?", [deck_id])
        self._cards = None
        self._card_decks = None

    def _sync_deck(self, deck: Deck, stamp: str) -> None:
        meta = {
            "title": dict(deck.title),
            "languages": list(deck.languages),
            "source": {
                "title": deck.source.title,
                "publisher": deck.source.publisher,
                "year": deck.source.year,
                "url": deck.source.url,
            },
            "attribution": dict(deck.attribution),
            "topics": [{"id": t.id, "name": dict(t.name)} for t in deck.topics],
        }
        existed = self.db.execute("SELECT 1 FROM decks WHERE id = ?", [deck.id]).fetchone()
        self.db["decks"].upsert(
            {
                "id": deck.id,
                "version": deck.version,
                "title_ja": deck.title["ja"],
                "title_en": deck.title.get("en"),
                "file": deck.file,
                "fingerprint": _fingerprint(deck),
                "data": json.dumps(meta, ensure_ascii=False),
                "active": 1,
                "synced_at": stamp,
            },
            pk="id",
        )
        current = {
            r["id"]: r
            for r in self.db.query(
                "SELECT c.id, c.version, c.answer_fingerprint, v.content_hash FROM cards c "
                "JOIN card_versions v ON v.card_id = c.id AND v.version = c.version "
                "WHERE c.deck_id = ?",
                [deck.id],
            )
        }
        for position, card in enumerate(deck.cards):
            row = current.pop(card.id, None)
            version = 1
            if row is not None:
                version = row["version"]
                if row["content_hash"] != card.content_hash:
                    version += 1
                    if row["answer_fingerprint"] != card.answer_fingerprint:
                        self.db.execute("DELETE FROM memory WHERE card_id = ?", [card.id])
            elif self.db.execute("SELECT 1 FROM cards WHERE id = ?", [card.id]).fetchone():
                raise InputError(
                    f"{deck.file}:{card.line}: card {card.id}: this id already belongs to "
                    "another deck in the database; card ids must stay unique"
                )
            self.db.execute(
                "INSERT INTO cards(id, deck_id, version, answer_fingerprint, onboarding, "
                "position, active) VALUES (?, ?, ?, ?, ?, ?, 1) ON CONFLICT(id) DO UPDATE SET "
                "version = excluded.version, answer_fingerprint = excluded.answer_fingerprint, "
                "onboarding = excluded.onboarding, position = excluded.position, active = 1",
                [card.id, deck.id, version, card.answer_fingerprint, card.onboarding, position],
            )
            if row is None or version != row["version"]:
                self.db.execute(
                    "INSERT INTO card_versions VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        card.id,
                        version,
                        deck.version,
                        card.content_hash,
                        card.answer_fingerprint,
                        json.dumps(card.to_dict(), ensure_ascii=False),
                        stamp,
                    ],
                )
            self.db.execute("DELETE FROM card_topics WHERE card_id = ?", [card.id])
            for topic in card.topics:
                self.db.execute("INSERT INTO card_topics VALUES (?, ?)", [card.id, topic])
        for removed in current:
            self.db.execute("UPDATE cards SET active = 0 WHERE id = ?", [removed])
        if existed:
            return
        self.db.execute(
            "INSERT OR IGNORE INTO enrolments SELECT id, ?, ? FROM employees WHERE left_on IS NULL",
            [deck.id, stamp],
        )

    def decks(self) -> list[DeckInfo]:
        """The decks in the database."""
        return [
            DeckInfo(
                r["id"],
                r["version"],
                json.loads(r["data"])["title"],
                json.loads(r["data"]),
                bool(r["active"]),
            )
            for r in self.db.query("SELECT * FROM decks ORDER BY id")
        ]

    def cards(self) -> dict[str, Card]:
        """Every active card, by id, in deck order (cached until the decks change)."""
        if self._cards is None:
            rows = self.db.query(
                "SELECT v.data FROM cards c JOIN card_versions v "
                "ON v.card_id = c.id AND v.version = c.version "
                "WHERE c.active = 1 ORDER BY c.deck_id, c.position"
            )
            cards = (Card.from_dict(json.loads(r["data"])) for r in rows)
            self._cards = {c.id: c for c in cards}
        return self._cards

    def card(self, card_id: str) -> Card:
        """An active card.

        Raises:
            NotFoundError: no active card has this id.
        """
        try:
            return self.cards()[card_id]
        except KeyError:
            raise NotFoundError(f"no card '{card_id}' (see `recall deck list`)") from None

    def topics(self) -> dict[str, dict[str, str]]:
        """Every topic of the active decks: id → names by language."""
        result: dict[str, dict[str, str]] = {}
        for deck in self.decks():
            if deck.active:
                for topic in deck.data["topics"]:
                    result[topic["id"]] = topic["name"]
        return result

    # --- employees ----------------------------------------------------------------
    def add_employees(self, employees: Iterable[Employee], now: datetime) -> int:
        """Add employees and enrol them in every deck, all in one transaction.

        Returns:
            How many were added.

        Raises:
            InputError: an id already exists (nothing is added).
        """
        stamp = iso(now)
        rows = [
            {
                "id": e.id,
                "name": e.name,
                "email": e.email,
                "department": e.department,
                "hired": e.hired.isoformat(),
                "lang": e.lang,
                "left_on": e.left_on.isoformat() if e.left_on else None,
                "created_at": stamp,
            }
            for e in employees
        ]
        deck_ids = [r["id"] for r in self.db.query("SELECT id FROM decks WHERE active = 1")]
        with self.transaction():
            try:
                self.db["employees"].insert_all(rows, batch_size=1000)
            except sqlite3.IntegrityError:
                existing = self._existing_ids([r["id"] for r in rows])
                raise InputError(
                    "already enrolled: "
                    + ", ".join(existing[:10])
                    + (" ..." if len(existing) > 10 else "")
                ) from None
            self.db["enrolments"].insert_all(
                (
                    {"employee_id": r["id"], "deck_id": d, "enrolled_at": stamp}
                    for r in rows
                    for d in deck_ids
                ),
                batch_size=1000,
            )
        return len(rows)

    def _existing_ids(self, ids: list[str]) -> list[str]:
        found: list[str] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found += [
                r["id"]
                for r in self.db.query(f"SELECT id FROM employees WHERE id IN ({marks})", chunk)
            ]
        return sorted(found)

    def existing_employee_ids(self, ids: list[str]) -> list[str]:
        """Which of ``ids`` are already in the database."""
        return self._existing_ids(ids)

    def employee(self, employee_id: str) -> Employee:
        """One employee.

        Raises:
            NotFoundError: no such employee.
        """
        rows = list(self.db.query("SELECT * FROM employees WHERE id = ?", [employee_id]))
        if not rows:
            raise NotFoundError(f"no employee '{employee_id}' (see `recall employee list`)")
        return _employee(rows[0])

    def employees(
        self, department: str | None = None, include_left: bool = False
    ) -> list[Employee]:
        """Employees, by department and id."""
        where, params = ["1 = 1"], []
        if department is not None:
            where.append("department = ?")
            params.append(department)
        if not include_left:
            where.append("left_on IS NULL")
        rows = self.db.query(
            f"SELECT * FROM employees WHERE {' AND '.join(where)} ORDER BY department, id",
            params,
        )
        return [_employee(r) for r in rows]

    def departments(self) -> list[str]:
        """Departments that have active employees."""
        return [
            r["department"]
            for r in self.db.query(
                "SELECT DISTINCT department FROM employees WHERE left_on IS NULL ORDER BY 1"
            )
        ]

    def update_employee(self, employee: Employee) -> None:
        """Replace an enrolled employee's record (name, email, department, hire date, language).

        Raises:
            NotFoundError: no such employee.
        """
        self.employee(employee.id)
        with self.transaction():
            self.db.execute(
                "UPDATE employees SET name = ?, email = ?, department = ?, hired = ?, lang = ? "
                "WHERE id = ?",
                [
                    employee.name,
                    employee.email,
                    employee.department,
                    employee.hired.isoformat(),
                    employee.lang,
                    employee.id,
                ],
            )

    def mark_left(self, employee_id: str, on: date, today: date) -> None:
        """Record that an employee left: scheduling stops, records stay.

        Args:
            employee_id: the employee.
            on: the leaving date (today or earlier).
            today: the organisation's date.

        Raises:
            NotFoundError: no such employee.
            InputError: the leaving date is before the hire date, or in the future.
        """
        employee = self.employee(employee_id)
        if on > today:
            raise InputError(
                f"employee {employee_id}: leaving date {on.isoformat()} is in the future "
                f"(today is {today.isoformat()}); record it on the day"
            )
        if on < employee.hired:
            raise InputError(
                f"employee {employee_id}: leaving date {on.isoformat()} is before the hire "
                f"date {employee.hired.isoformat()}"
            )
        with self.transaction():
            self.db.execute(
                "UPDATE employees SET left_on = ? WHERE id = ?", [on.isoformat(), employee_id]
            )

    # --- memory and reviews -------------------------------------------------------
    def memories(self, employee_id: str) -> dict[str, fsrs.Card]:
        """The employee's FSRS state for each card already introduced."""
        rows = self.db.execute(
            "SELECT card_id, fsrs_id, state, step, stability, difficulty, due, last_review "
            "FROM memory WHERE employee_id = ?",
            [employee_id],
        ).fetchall()
        return {row[0]: _memory(row) for row in rows}

    def open_assignments(self, employee_id: str) -> dict[str, int]:
        """Open refresher assignments of an employee: card id → assignment id (oldest)."""
        rows = self.db.execute(
            "SELECT card_id, MIN(id) FROM assignments WHERE employee_id = ? AND done_at IS NULL "
            "GROUP BY card_id",
            [employee_id],
        ).fetchall()
        return {card_id: assignment for card_id, assignment in rows}

    def queue(self, employee_id: str, now: datetime, limit: int | None = None) -> list[QueueItem]:
        """Today's queue for an employee (empty once they have left).

        Raises:
            NotFoundError: no such employee.
        """
        employee = self.employee(employee_id)
        policy = self.policy()
        if not employee.active_on(policy.local_date(now)):
            return []
        start, end = policy.today_bounds(now)
        answered, introduced = self.db.execute(
            "SELECT "
            " (SELECT COUNT(DISTINCT card_id) FROM review_log WHERE employee_id = ?1 "
            "  AND answered_at >= ?2 "
            "  AND answered_at < ?3 AND reason != 'refresher'), "
            " (SELECT COUNT(*) FROM memory WHERE employee_id = ?1 AND introduced_at >= ?2 "
            "  AND introduced_at < ?3)",
            [employee_id, iso(start), iso(end)],
        ).fetchone()
        return build_queue(
            self.enrolled_cards(employee_id),
            self.memories(employee_id),
            now=now,
            policy=policy,
            hired=employee.hired,
            assigned=self.open_assignments(employee_id).keys(),
            answered_today=answered,
            introduced_today=introduced,
            limit=limit,
        )

    def enrolled_cards(self, employee_id: str) -> list[Card]:
        """The active cards of the decks an employee is enrolled in, in deck order."""
        enrolled = {
            r[0]
            for r in self.db.execute(
                "SELECT deck_id FROM enrolments WHERE employee_id = ?", [employee_id]
            )
        }
        return [c for c in self.cards().values() if self._deck_of(c.id) in enrolled]

    def deck_id_of(self, card_id: str) -> str:
        """The id of the deck a card belongs to ('' if the card is unknown)."""
        return self._deck_of(card_id)

    def _deck_of(self, card_id: str) -> str:
        if self._card_decks is None:
            self._card_decks = {
                r["id"]: r["deck_id"] for r in self.db.query("SELECT id, deck_id FROM cards")
            }
        return self._card_decks.get(card_id, "")

    def memory_or_new(self, employee_id: str, card_id: str, now: datetime) -> fsrs.Card:
        """The employee's memory of a card, or a fresh one if never introduced."""
        row = self.db.execute(
            "SELECT card_id, fsrs_id, state, step, stability, difficulty, due, last_review "
            "FROM memory WHERE employee_id = ? AND card_id = ?",
            [employee_id, card_id],
        ).fetchone()
        if row is not None:
            return _memory(row)
        return self.policy().new_memory(_fsrs_id(employee_id, card_id), now)

    def record_answer(self, employee_id: str, answer: Answer, *, reason: str, method: str) -> int:
        """Store an answer: memory state, review-log row, refresher done — one transaction.

        Returns:
            The review-log id.
        """
        card_id = answer.card_id
        after = answer.after
        stamp = iso(answer.answered_at)
        with self.transaction():
            card_row = self.db.execute(
                "SELECT c.version, c.deck_id, v.deck_version FROM cards c JOIN card_versions v "
                "ON v.card_id = c.id AND v.version = c.version WHERE c.id = ?",
                [card_id],
            ).fetchone()
            if card_row is None:
                raise NotFoundError(f"no card '{card_id}'")
            self.db.execute(_UPSERT_MEMORY, _memory_row(employee_id, card_id, after, stamp))
            assignment = self.db.execute(
                "SELECT MIN(id) FROM assignments WHERE employee_id = ? AND card_id = ? "
                "AND done_at IS NULL",
                [employee_id, card_id],
            ).fetchone()[0]
            cursor = self.db.execute(
                _INSERT_REVIEW,
                [
                    employee_id,
                    card_id,
                    card_row[0],
                    card_row[1],
                    card_row[2],
                    answer.choice,
                    int(answer.correct),
                    int(answer.rating),
                    answer.response_ms,
                    stamp,
                    "refresher" if assignment is not None else reason,
                    method,
                    assignment,
                ],
            )
            if assignment is not None:
                self.db.execute(
                    "UPDATE assignments SET done_at = ? WHERE employee_id = ? AND card_id = ? "
                    "AND done_at IS NULL",
                    [stamp, employee_id, card_id],
                )
            return int(cursor.lastrowid or 0)

    def record_answers(self, answers: Iterable[tuple[str, Answer, str]], *, method: str) -> int:
        """Store many answers at once (simulations, benchmarks, imports of past history).

        Each item is ``(employee_id, answer, reason)``, in the order given. Memory states
        and log rows are written as :meth:`record_answer` writes them, in one
        transaction; refresher assignments are not looked at.

        Returns:
            How many answers were stored.

        Raises:
            NotFoundError: an answer names a card that is not in the database.
        """
        versions = {
            r[0]: (r[1], r[2], r[3])
            for r in self.db.execute(
                "SELECT c.id, c.version, c.deck_id, v.deck_version FROM cards c "
                "JOIN card_versions v ON v.card_id = c.id AND v.version = c.version"
            )
        }
        memory_rows: dict[tuple[str, str], tuple[Any, ...]] = {}
        log_rows: list[tuple[Any, ...]] = []
        for employee_id, answer, reason in answers:
            if answer.card_id not in versions:
                raise NotFoundError(f"no card '{answer.card_id}'")
            version, deck_id, deck_version = versions[answer.card_id]
            after = answer.after
            stamp = iso(answer.answered_at)
            key = (employee_id, answer.card_id)
            earlier = memory_rows.get(key)
            introduced = earlier[9] if earlier else stamp  # introduced when first answered
            memory_rows[key] = _memory_row(employee_id, answer.card_id, after, introduced)
            log_rows.append(
                (
                    employee_id,
                    answer.card_id,
                    version,
                    deck_id,
                    deck_version,
                    answer.choice,
                    int(answer.correct),
                    int(answer.rating),
                    answer.response_ms,
                    stamp,
                    reason,
                    method,
                    None,  # bulk answers close no assignment
                )
            )
        conn = self.db.conn
        with self.transaction():
            conn.executemany(
                _UPSERT_MEMORY,
                list(memory_rows.values()),  # the last state of each employee x card
            )
            conn.executemany(
                _INSERT_REVIEW,
                log_rows,
            )
        return len(log_rows)

    def reviews(self, employee_id: str) -> list[ReviewRecord]:
        """An employee's review-log rows, oldest first."""
        rows = self.db.execute(
            "SELECT id, card_id, card_version, choice, correct, rating, response_ms, "
            "answered_at, reason, method FROM review_log WHERE employee_id = ? "
            "ORDER BY answered_at, id",
            [employee_id],
        ).fetchall()
        return [
            ReviewRecord(
                id=r[0],
                employee_id=employee_id,
                card_id=r[1],
                card_version=r[2],
                choice=r[3],
                correct=bool(r[4]),
                rating=fsrs.Rating(r[5]),
                response_ms=r[6],
                answered_at=parse_iso(r[7]),
                reason=r[8],
                method=r[9],
            )
            for r in rows
        ]

    def review_count(self, employee_id: str | None = None) -> int:
        """Rows in the review log (of one employee, or all)."""
        if employee_id is None:
            return self.db.execute("SELECT COUNT(*) FROM review_log").fetchone()[0]
        return self.db.execute(
            "SELECT COUNT(*) FROM review_log WHERE employee_id = ?", [employee_id]
        ).fetchone()[0]


_UPSERT_MEMORY = (
    "INSERT INTO memory(employee_id, card_id, fsrs_id, state, step, stability, difficulty, "
    "due, last_review, introduced_at) VALUES (?,?,?,?,?,?,?,?,?,?) "
    "ON CONFLICT(employee_id, card_id) DO UPDATE SET state = excluded.state, "
    "step = excluded.step, stability = excluded.stability, difficulty = excluded.difficulty, "
    "due = excluded.due, last_review = excluded.last_review"
)
_INSERT_REVIEW = (
    "INSERT INTO review_log(employee_id, card_id, card_version, deck_id, deck_version, "
    "choice, correct, rating, response_ms, answered_at, reason, method, assignment_id) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


def _memory_row(
    employee_id: str, card_id: str, after: fsrs.Card, introduced_at: str
) -> tuple[Any, ...]:
    """The ``memory`` row of an FSRS state (introduced_at is kept on update)."""
    return (
        employee_id,
        card_id,
        after.card_id,
        int(after.state),
        after.step,
        after.stability,
        after.difficulty,
        iso(after.due),
        iso(after.last_review) if after.last_review else None,
        introduced_at,
    )


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (triggers keep their inner semicolons)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    return statements


def _fingerprint(deck: Deck) -> str:
    parts = [
        deck.version,
        json.dumps(
            {
                "t": dict(deck.title),
                "a": dict(deck.attribution),
                "s": [deck.source.title, deck.source.publisher, deck.source.year, deck.source.url],
                "l": list(deck.languages),
            },
            ensure_ascii=False,
            sort_keys=True,
        ),
    ]
    parts += [t.id + json.dumps(dict(t.name), ensure_ascii=False) for t in deck.topics]
    parts += [f"{c.id}:{c.content_hash}:{int(c.onboarding)}" for c in deck.cards]
    return zlib.crc32("|".join(parts).encode()).to_bytes(4, "big").hex() + str(len(deck.cards))


def _fsrs_id(employee_id: str, card_id: str) -> int:
    return zlib.crc32(f"{employee_id}\x00{card_id}".encode())


def _memory(row: Sequence[Any]) -> fsrs.Card:
    _, fsrs_id, state, step, stability, difficulty, due, last_review = row
    return fsrs.Card(
        card_id=fsrs_id,
        state=fsrs.State(state),
        step=step,
        stability=stability,
        difficulty=difficulty,
        due=parse_iso(due),
        last_review=parse_iso(last_review) if last_review else None,
    )


def _employee(row: dict[str, Any]) -> Employee:
    return Employee(
        id=row["id"],
        name=row["name"],
        email=row["email"],
        department=row["department"],
        hired=date.fromisoformat(row["hired"]),
        lang=row["lang"],
        left_on=date.fromisoformat(row["left_on"]) if row["left_on"] else None,
    )
