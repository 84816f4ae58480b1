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
import re
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import fsrs

from recall.core.answering import Answer
from recall.core.codes import Method, Reason
from recall.core.deck import Card, Deck
from recall.core.employee import Employee
from recall.core.policy import Policy, Settings
from recall.errors import BusyError, InputError, NotFoundError, StoreError
from recall.i18n import t
from recall.store.database import Database
from recall.store.incidents import IncidentQueries
from recall.store.instants import iso, parse_iso
from recall.store.reports import ReportQueries
from recall.store.roster import RosterQueries
from recall.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

__all__ = ["AnswerRow", "DeckInfo", "ReviewRecord", "Store", "Written", "iso", "parse_iso"]

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
class AnswerRow:
    """An answer to write: who, the graded answer, why the card was shown and how."""

    employee_id: str
    answer: Answer
    reason: Reason
    method: Method
    #: the card version shown and graded (None: the current one)
    card_version: int | None = None
    #: the open refresher assignment this answer is for, if any
    assignment_id: int | None = None
    #: whether the answer completes that assignment (a right answer does)
    closes_assignment: bool = False


@dataclass(frozen=True)
class Written:
    """What :meth:`Store.record_answers` wrote."""

    count: int
    last_id: int


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


class Store(IncidentQueries, ReportQueries, RosterQueries):
    """recall's database. Build it with :meth:`open`.

    Args:
        db: the open database (already migrated).
        path: the file it lives in.
    """

    def __init__(self, db: Database, path: Path) -> None:
        self.db = db
        self.path = path
        self._cards: dict[str, Card] | None = None
        self._card_decks: dict[str, str] | None = None
        self._settings: Settings | None = None
        self._in_transaction = False
        #: opened read-only (file, folder or file system not writable): writes refuse
        self.read_only = False
        #: a testing session (``--allow-past``): a fixed clock may be earlier than the
        #: latest record (see :mod:`recall.service.clock`)
        self.allow_past = False

    # --- opening ------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        create_folder: bool = True,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    ) -> Store:
        """Open the database at ``path``, creating it (readable by its owner only).

        A database that exists is made private again (0600, with its ``-wal`` and ``-shm``
        files). A file, folder or file system that cannot be written is opened read-only:
        reports and status work, and a write raises :class:`StoreError`.

        Args:
            path: the database file.
            create_folder: create missing folders for a new database (the default
                location); without it a missing folder is an error (a mistyped path).
            busy_timeout_ms: how long a write waits for another process's write lock.

        Raises:
            StoreError: it cannot be opened, belongs to another program, misses recall's
                tables, or is from a newer recall.
        """
        path = Path(path)
        try:
            if not path.exists():
                _create(path, create_folder)
            _make_private(path)
        except OSError as error:
            raise StoreError(
                t("store.cannot_open", "en", path=path, reason=error.strerror)
            ) from None
        try:
            store = cls._connect(path, busy_timeout_ms, read_only=False)
        except sqlite3.OperationalError as error:
            if not _is_read_only_error(error):
                raise StoreError(t("store.unusable", "en", path=path, reason=error)) from None
            store = cls._connect_read_only(path, busy_timeout_ms, error)
        return store

    @classmethod
    def _connect(cls, path: Path, busy_timeout_ms: int, *, read_only: bool) -> Store:
        """Connect and check (and migrate, when writable) the database at ``path``."""
        if read_only:
            uri = f"{path.resolve().as_uri()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        else:
            conn = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout_ms / 1000)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            if not read_only:
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
            store = cls(Database(conn), path)
            store.read_only = read_only
            store._migrate()
        except sqlite3.OperationalError:
            conn.close()
            raise
        except sqlite3.DatabaseError as error:
            conn.close()
            raise StoreError(t("store.unusable", "en", path=path, reason=error)) from None
        except BaseException:
            conn.close()
            raise
        return store

    @classmethod
    def _connect_read_only(
        cls, path: Path, busy_timeout_ms: int, cause: sqlite3.OperationalError
    ) -> Store:
        """Open read-only; in a folder where WAL cannot create its files, as immutable."""
        try:
            return cls._connect(path, busy_timeout_ms, read_only=True)
        except sqlite3.OperationalError:
            pass
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:  # immutable would ignore its answers
            raise StoreError(t("store.read_only_wal", "en", path=path, wal=wal))
        uri = f"{path.resolve().as_uri()}?immutable=1"
        try:
            conn = sqlite3.connect(uri, uri=True, isolation_level=None)
            store = cls(Database(conn), path)
            store.read_only = True
            store._migrate()
        except sqlite3.Error:
            raise StoreError(t("store.unusable", "en", path=path, reason=cause)) from None
        return store

    def close(self) -> None:
        """Close the connection."""
        self.db.conn.close()

    def _check_owner(self, version: int) -> None:
        """Refuse a database that is not recall's, or that misses some of its tables.

        A database recall created carries :data:`APPLICATION_ID`; one created before that
        was recorded is recognised by its schema version and tables.
        """
        owner = self.db.execute("PRAGMA application_id").fetchone()[0]
        tables = {
            r[0]
            for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith("sqlite_")
        }
        if owner not in (0, APPLICATION_ID) or (owner == 0 and version == 0 and tables):
            raise StoreError(t("store.foreign", "en", path=self.path))
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer recall (schema version {version}; this "
                f"recall knows up to {SCHEMA_VERSION}). Upgrade recall to use it."
            )
        missing = sorted(_tables_of(version) - tables)
        if missing and owner == 0:
            raise StoreError(t("store.foreign", "en", path=self.path))
        if missing:
            raise StoreError(t("store.damaged", "en", path=self.path, tables=", ".join(missing)))

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        self._check_owner(version)
        owner = self.db.execute("PRAGMA application_id").fetchone()[0]
        if version == SCHEMA_VERSION and owner == APPLICATION_ID:
            return
        if self.read_only:
            if version == SCHEMA_VERSION:
                return  # an older recall's database, read as it is
            raise StoreError(t("store.read_only_upgrade", "en", path=self.path))
        while True:
            # The version is read again under the write lock: several processes opening a
            # new database at once migrate it once, one after the other.
            with self.transaction():
                version = self.db.execute("PRAGMA user_version").fetchone()[0]
                self._check_owner(version)
                self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                if version >= SCHEMA_VERSION:
                    return
                for statement in _statements(MIGRATIONS[version]):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {version + 1}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (``BEGIN IMMEDIATE``); nested calls join the outer one.

        Raises:
            BusyError: another process held the write lock past the busy timeout.
            StoreError: the database is read-only, or the disk is full (nothing written).
        """
        if self._in_transaction:
            yield
            return
        if self.read_only:
            raise StoreError(t("store.read_only", "en", path=self.path))
        conn = self.db.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise _write_error(self.path, error) from None
        self._in_transaction = True
        try:
            yield
            conn.execute("COMMIT")
        except BaseException as error:
            if conn.in_transaction:  # SQLite may have rolled back already (disk full)
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            if isinstance(error, sqlite3.OperationalError):
                raise _write_error(self.path, error) from None
            raise
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
        """The scheduling policy built from the settings."""
        return Policy(self.settings())

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
                "title_en": deck.source.title_en,
                "publisher": deck.source.publisher,
                "year": deck.source.year,
                "url": deck.source.url,
            },
            "attribution": dict(deck.attribution),
            "topics": [{"id": t.id, "name": dict(t.name)} for t in deck.topics],
        }
        existed = self.db.execute("SELECT 1 FROM decks WHERE id = ?", [deck.id]).fetchone()
        self.db.upsert(
            "decks",
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
                self.db.insert_all("employees", rows)
            except sqlite3.IntegrityError:
                existing = self._existing_ids([r["id"] for r in rows])
                raise InputError(
                    "already enrolled: "
                    + ", ".join(existing[:10])
                    + (" ..." if len(existing) > 10 else "")
                ) from None
            self.db.insert_all(
                "enrolments",
                (
                    {"employee_id": r["id"], "deck_id": d, "enrolled_at": stamp}
                    for r in rows
                    for d in deck_ids
                ),
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

    def activity_today(self, employee_id: str, start: datetime, end: datetime) -> tuple[int, int]:
        """Between ``start`` and ``end``: distinct cards answered outside refreshers (they
        use the daily limit), and cards introduced."""
        answered, introduced = self.db.execute(
            "SELECT "
            " (SELECT COUNT(DISTINCT card_id) FROM review_log WHERE employee_id = ?1 "
            "  AND answered_at >= ?2 "
            "  AND answered_at < ?3 AND reason != 'refresher'), "
            " (SELECT COUNT(*) FROM memory WHERE employee_id = ?1 AND introduced_at >= ?2 "
            "  AND introduced_at < ?3)",
            [employee_id, iso(start), iso(end)],
        ).fetchone()
        return answered, introduced

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

    def card_version(self, card_id: str) -> int:
        """The card's current version number (it grows when the card's content changes).

        Raises:
            NotFoundError: no such card.
        """
        row = self.db.execute("SELECT version FROM cards WHERE id = ?", [card_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no card '{card_id}'")
        return int(row[0])

    def card_versions(self) -> dict[str, int]:
        """Every card's current version number."""
        return {r[0]: int(r[1]) for r in self.db.execute("SELECT id, version FROM cards")}

    def record_answers(self, rows: Iterable[AnswerRow]) -> Written:
        """Store answers: memory states, review-log rows and the refreshers they close.

        This is the one way an answer is written, one or a million (simulations and
        benchmarks write in bulk), in one transaction. Rows are applied in the order
        given; each is logged under the card version it names (the version shown and
        graded), else the card's current one.

        Returns:
            How many rows were written and the review-log id of the last.

        Raises:
            NotFoundError: an answer names a card, or a card version, that is not stored.
        """
        versions: dict[tuple[str, int], tuple[str, str]] = {}
        current: dict[str, int] = {}
        for card_id, version, deck_id, deck_version, active_version in self.db.execute(
            "SELECT v.card_id, v.version, c.deck_id, v.deck_version, c.version FROM "
            "card_versions v JOIN cards c ON c.id = v.card_id"
        ):
            versions[(card_id, version)] = (deck_id, deck_version)
            current[card_id] = active_version
        memory_rows: dict[tuple[str, str], tuple[Any, ...]] = {}
        log_rows: list[tuple[Any, ...]] = []
        closes: list[tuple[str, str, str]] = []
        for row in rows:
            answer = row.answer
            if answer.card_id not in current:
                raise NotFoundError(f"no card '{answer.card_id}'")
            version = current[answer.card_id] if row.card_version is None else row.card_version
            if (answer.card_id, version) not in versions:
                raise NotFoundError(f"card '{answer.card_id}' has no version {version}")
            deck_id, deck_version = versions[(answer.card_id, version)]
            stamp = iso(answer.answered_at)
            key = (row.employee_id, answer.card_id)
            earlier = memory_rows.get(key)
            introduced = earlier[9] if earlier else stamp  # introduced when first answered
            memory_rows[key] = _memory_row(
                row.employee_id, answer.card_id, answer.after, introduced
            )
            log_rows.append(
                (
                    row.employee_id,
                    answer.card_id,
                    version,
                    deck_id,
                    deck_version,
                    answer.choice,
                    int(answer.correct),
                    int(answer.rating),
                    answer.response_ms,
                    stamp,
                    str(row.reason),
                    str(row.method),
                    row.assignment_id,
                )
            )
            if row.closes_assignment and row.assignment_id is not None:
                closes.append((stamp, row.employee_id, answer.card_id))
        conn = self.db.conn
        with self.transaction():
            # The last state of each employee x card; a stored memory keeps the time it
            # was introduced (the upsert does not change it).
            conn.executemany(_UPSERT_MEMORY, list(memory_rows.values()))
            conn.executemany(_INSERT_REVIEW, log_rows)
            last = conn.execute("SELECT last_insert_rowid()").fetchone()[0]
            conn.executemany(  # every open refresher of that card (several incidents)
                "UPDATE assignments SET done_at = ? WHERE employee_id = ? AND card_id = ? "
                "AND done_at IS NULL",
                closes,
            )
        return Written(len(log_rows), int(last or 0))

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

    def latest_record_at(self) -> datetime | None:
        """The latest instant written to the record: the newest review-log row or
        incident (None while both are empty). The clock rule compares writes with it."""
        row = self.db.execute(
            "SELECT MAX(t) FROM (SELECT MAX(answered_at) AS t FROM review_log "
            "UNION ALL SELECT MAX(created_at) FROM incidents)"
        ).fetchone()
        return parse_iso(row[0]) if row and row[0] else None

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


def _create(path: Path, create_folder: bool) -> None:
    """Create an empty database file, private from the start (0600)."""
    if not path.parent.is_dir():
        if not create_folder:
            raise StoreError(t("store.no_folder", "en", path=path, folder=path.parent))
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass  # another process created it at the same moment


def _make_private(path: Path) -> None:
    """Tighten the database and its WAL files to 0600 (a restored backup may be 0644).

    A file that cannot be changed (not ours, read-only file system) is left as it is.
    """
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            if file.exists() and file.stat().st_mode & 0o077:
                file.chmod(0o600)
        except OSError:
            pass


def _is_read_only_error(error: sqlite3.OperationalError) -> bool:
    text = str(error).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text


def _write_error(path: Path, error: sqlite3.OperationalError) -> StoreError:
    """The error a user sees when a write fails: busy, read-only, disk full, or as is."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return BusyError(t("store.busy", "en", path=path))
    if "readonly" in text or "read-only" in text:
        return StoreError(t("store.read_only", "en", path=path))
    if "full" in text:
        return StoreError(t("store.full", "en", path=path))
    return StoreError(t("store.write_failed", "en", path=path, reason=error))


def _tables_of(version: int) -> set[str]:
    """The tables recall's schema has at ``version``."""
    script = "\n".join(MIGRATIONS[:version])
    return set(re.findall(r"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", script))


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
                "s": [deck.source.title, deck.source.publisher, deck.source.year, deck.source.url]
                + ([deck.source.title_en] if deck.source.title_en else []),
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
