"""Memory states and the append-only review log: the one way an answer is written.

Class :class:`ReviewQueries` (a query group of :class:`recall.store.Store`): each
employee's FSRS state per card, what they did today, the review log
(:class:`ReviewRecord`), and :meth:`~ReviewQueries.record_answers`, which writes answers
(:class:`AnswerRow`): memory state, log row and the refresher it closes, in one
transaction.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import fsrs

from recall.core.answering import Answer
from recall.core.codes import Method, Reason
from recall.errors import NotFoundError
from recall.store.base import StoreBase
from recall.store.instants import iso, parse_iso

__all__ = ["AnswerRow", "DayActivity", "ReviewQueries", "ReviewRecord", "Written"]


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
    #: the card version shown and graded
    card_version: int
    #: the deck the card belonged to, and that deck's version, when answered
    deck_id: str
    deck_version: str
    choice: str
    correct: bool
    rating: fsrs.Rating
    response_ms: int | None
    answered_at: datetime
    #: why the card was shown (a :class:`~recall.core.codes.Reason` value)
    reason: str
    #: how the answer arrived (a :class:`~recall.core.codes.Method` value)
    method: str
    #: the refresher assignment it was answered for, if any
    assignment_id: int | None


@dataclass(frozen=True)
class DayActivity:
    """What an employee did in one day, as the daily limits count it."""

    #: distinct cards answered outside refreshers (they use the daily limit)
    answered: int
    #: cards introduced (answered for the first time)
    introduced: int


class ReviewQueries(StoreBase):
    """Memory and review-log queries; a query group of :class:`recall.store.Store`."""

    def memories(self, employee_id: str) -> dict[str, fsrs.Card]:
        """The employee's FSRS state for each card already introduced."""
        rows = self.db.execute(
            "SELECT card_id, fsrs_id, state, step, stability, difficulty, due, last_review "
            "FROM memory WHERE employee_id = ?",
            [employee_id],
        ).fetchall()
        return {row[0]: _memory(row) for row in rows}

    def activity_today(self, employee_id: str, start: datetime, end: datetime) -> DayActivity:
        """What an employee did between ``start`` and ``end`` (the organisation's day)."""
        answered, introduced = self.db.execute(
            "SELECT "
            " (SELECT COUNT(DISTINCT card_id) FROM review_log WHERE employee_id = ?1 "
            "  AND answered_at >= ?2 "
            "  AND answered_at < ?3 AND reason != 'refresher'), "
            " (SELECT COUNT(*) FROM memory WHERE employee_id = ?1 AND introduced_at >= ?2 "
            "  AND introduced_at < ?3)",
            [employee_id, iso(start), iso(end)],
        ).fetchone()
        return DayActivity(answered, introduced)

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
                raise NotFoundError.of("error.no_card_short", id=answer.card_id)
            version = current[answer.card_id] if row.card_version is None else row.card_version
            if (answer.card_id, version) not in versions:
                raise NotFoundError.of("error.no_card_version", id=answer.card_id, version=version)
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
            "SELECT id, card_id, card_version, deck_id, deck_version, choice, correct, rating, "
            "response_ms, answered_at, reason, method, assignment_id FROM review_log "
            "WHERE employee_id = ? ORDER BY answered_at, id",
            [employee_id],
        ).fetchall()
        return [
            ReviewRecord(
                id=r[0],
                employee_id=employee_id,
                card_id=r[1],
                card_version=r[2],
                deck_id=r[3],
                deck_version=r[4],
                choice=r[5],
                correct=bool(r[6]),
                rating=fsrs.Rating(r[7]),
                response_ms=r[8],
                answered_at=parse_iso(r[9]),
                reason=r[10],
                method=r[11],
                assignment_id=r[12],
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
