"""SQL behind HR's reports: overview, employee retention, audit.

Class :class:`ReportQueries` (a query group of :class:`recall.store.Store`). Every method
is a handful of set-based queries (``GROUP BY`` over the whole table, never one query per
employee) returning typed rows: :class:`DepartmentActivity`, :class:`Retention`,
:class:`PeriodReviews`, :class:`AssignmentTally`. Turning them into report tables is
:mod:`recall.reports.build`'s job.

Estimated retention is FSRS retrievability (:meth:`recall.core.policy.Policy.retrievability`)
of each card an employee has reviewed. It depends only on the card's stability and the
whole days since its last review, so memory rows are grouped by those two in SQL and
``fsrs`` is asked once per distinct pair.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from recall.core.coverage import Period
from recall.core.retention import Retention, totals_by
from recall.store.base import StoreBase
from recall.store.instants import iso, parse_iso

__all__ = [
    "AssignmentTally",
    "DepartmentActivity",
    "PeriodReviews",
    "ReportQueries",
    "Retention",
]


@dataclass(frozen=True)
class DepartmentActivity:
    """One department of active employees, for the overview."""

    department: str
    #: active employees
    employees: int
    #: those who answered every onboarding-core card of their decks at least once
    onboarded: int
    #: those with an answer in the last 7 days
    reviewed_7d: int
    #: those with an answer in the last 30 days
    reviewed_30d: int
    #: those with a card due more than ``overdue_days`` ago
    overdue: int


@dataclass(frozen=True)
class PeriodReviews:
    """What the review log holds for one employee in a period."""

    #: answers
    reviews: int
    #: right answers
    correct: int
    #: distinct cards answered
    cards: int
    #: distinct topics those cards cover
    topics: int
    #: (deck id, deck version) answered from, sorted
    decks: tuple[tuple[str, str], ...]
    #: how the answers arrived (method codes), sorted
    methods: tuple[str, ...]
    #: local days with at least one answer, sorted
    dates: tuple[date, ...]


@dataclass(frozen=True)
class AssignmentTally:
    """One employee's refresher assignments of one incident, counted."""

    employee_id: str
    incident_id: int
    kind: str
    title: str
    assigned: int
    done: int
    #: when the first was assigned
    assigned_at: datetime
    #: when the last was done (None: none done)
    last_done: datetime | None


class ReportQueries(StoreBase):
    """Report queries; a query group of :class:`recall.store.Store`."""

    # --- overview -----------------------------------------------------------------
    def department_activity(
        self, now: datetime, overdue_days: int = 3, *, exact: bool = False
    ) -> list[DepartmentActivity]:
        """Per department of active employees: head count, onboarding, activity, overdue.

        Read from the per-employee facts the triggers keep (one ``GROUP BY`` over one
        row per employee). An employee with an answer later than ``now`` (a report for a
        past instant) has their activity read from the log, so the figures are the same
        as a recomputation in every case.

        Args:
            now: the current instant (aware UTC).
            overdue_days: a card counts as overdue once its due time is this many days past.
            exact: recompute from memory and the log instead (slow; what the summaries
                are tested against, and the fallback while they are stale).

        Returns:
            One row per department, by department.
        """
        if exact or not self.summaries_fresh():
            return self._department_activity_exact(now, overdue_days)
        week = iso(now - timedelta(days=7))
        month = iso(now - timedelta(days=30))
        late = iso(now - timedelta(days=overdue_days))
        stamp = iso(now)

        def since(start: str) -> str:
            return (
                "SUM(CASE WHEN f.last_answer IS NULL THEN 0 WHEN f.last_answer <= :now "
                f"THEN f.last_answer >= :{start} ELSE EXISTS (SELECT 1 FROM review_log r "
                f"WHERE r.employee_id = e.id AND r.answered_at >= :{start} "
                "AND r.answered_at <= :now) END)"
            )

        rows = self.db.execute(
            "SELECT e.department, COUNT(*), SUM(f.core_seen >= f.core_required), "
            f"{since('week')}, {since('month')}, SUM(COALESCE(f.min_due < :late, 0)) "
            "FROM employees e JOIN employee_facts f ON f.employee_id = e.id "
            "WHERE e.left_on IS NULL GROUP BY e.department ORDER BY e.department",
            {"now": stamp, "week": week, "month": month, "late": late},
        ).fetchall()
        return [DepartmentActivity(r[0], *(int(v or 0) for v in r[1:])) for r in rows]

    def _department_activity_exact(
        self, now: datetime, overdue_days: int
    ) -> list[DepartmentActivity]:
        week = iso(now - timedelta(days=7))
        month = iso(now - timedelta(days=30))
        late = iso(now - timedelta(days=overdue_days))
        stamp = iso(now)
        core = [c.id for c in self.cards().values() if c.onboarding] or [""]
        marks = ",".join("?" * len(core))
        rows = self.db.execute(
            "WITH dc AS MATERIALIZED (SELECT deck_id, COUNT(*) AS n FROM cards "
            "  WHERE active = 1 AND onboarding = 1 GROUP BY deck_id), "
            "mem AS MATERIALIZED (SELECT m.employee_id AS id, "
            f"  SUM(m.last_review IS NOT NULL AND m.card_id IN ({marks})) AS seen "
            "  FROM memory m GROUP BY m.employee_id) "
            "SELECT e.department, COUNT(*), "
            " SUM(COALESCE(mem.seen, 0) >= COALESCE((SELECT SUM(dc.n) FROM enrolments en "
            "   JOIN dc ON dc.deck_id = en.deck_id WHERE en.employee_id = e.id), 0)), "
            " SUM(EXISTS (SELECT 1 FROM review_log r WHERE r.employee_id = e.id "
            "   AND r.answered_at >= ? AND r.answered_at <= ?)), "
            " SUM(EXISTS (SELECT 1 FROM review_log r WHERE r.employee_id = e.id "
            "   AND r.answered_at >= ? AND r.answered_at <= ?)), "
            " SUM(EXISTS (SELECT 1 FROM memory m WHERE m.employee_id = e.id AND m.due < ? "
            "   AND m.card_id IN (SELECT id FROM cards WHERE active = 1))) "
            "FROM employees e LEFT JOIN mem ON mem.id = e.id "
            "WHERE e.left_on IS NULL GROUP BY e.department ORDER BY e.department",
            [*core, week, stamp, month, stamp, late],
        ).fetchall()
        return [DepartmentActivity(r[0], *(int(v or 0) for v in r[1:])) for r in rows]

    def retention_by_department(
        self, now: datetime, *, exact: bool = False
    ) -> tuple[dict[str, Retention], dict[tuple[str, str], Retention]]:
        """Retrievability of active employees' reviewed cards, summed per department.

        Read from the retention cells the triggers keep (:mod:`recall.store.summaries`):
        each memory state counts with its stability bucket's middle and its review-time
        cell's middle, so each state's estimate is within
        :func:`recall.store.summaries.retention_error_bound` of ``fsrs``'s (for the
        default decay: 0.0043 plus what shifting the review time by half a cell does;
        under 0.02 in all from a stability of 16 days).

        Args:
            now: the current instant (aware UTC).
            exact: ask ``fsrs`` for every memory state instead (slow; the reference the
                cells are tested against, and the fallback while they are stale).

        Returns:
            ``department → Retention`` and the same per ``(department, topic)`` (a card
            on two topics counts for each).
        """
        if exact or not self.summaries_fresh():
            sums = self._retention_sums(
                now,
                key_sql="e.department, m.card_id",
                joins="JOIN employees e ON e.id = m.employee_id AND e.left_on IS NULL",
                where="",
                params=[],
            )
            return self._fold(sums)
        policy = self.policy()
        params = {"now": _julian_ms(now)}
        days = "MAX(0, (:now - c.tk * b.width_ms - b.width_ms / 2) / 86400000)"
        # fsrs is asked once per distinct (bucket, whole days); SQLite then weighs every
        # cell by its value, in one pass (a Python loop over the cells is 3x slower)
        pairs = self.db.execute(
            f"SELECT DISTINCT c.sb, b.mid, {days} FROM retention_cells c "
            "JOIN retention_buckets b ON b.sb = c.sb",
            params,
        ).fetchall()
        self.db.execute(
            "CREATE TEMP TABLE IF NOT EXISTS retention_values (sb INTEGER, days INTEGER, "
            "value REAL NOT NULL, PRIMARY KEY (sb, days)) WITHOUT ROWID"
        )
        self.db.execute("DELETE FROM temp.retention_values")
        self.db.conn.executemany(
            "INSERT INTO temp.retention_values VALUES (?, ?, ?)",
            [
                (sb, whole, policy.retrievability_of(middle, now - timedelta(days=whole), now))
                for sb, middle, whole in pairs
            ],
        )
        totals: dict[str, Retention] = {}
        topics: dict[tuple[str, str], Retention] = {}
        for department, topic, total, count in self.db.execute(
            "SELECT c.department, c.topic, SUM(c.n * v.value), SUM(c.n) FROM retention_cells c "
            "JOIN retention_buckets b ON b.sb = c.sb "
            f"JOIN temp.retention_values v ON v.sb = c.sb AND v.days = {days} "
            "WHERE c.n > 0 GROUP BY c.department, c.topic",
            params,
        ):
            if topic == "":
                totals[department] = Retention(total, count)
            else:
                topics[(department, topic)] = Retention(total, count)
        return totals, topics

    def retention_by_topic(self, now: datetime) -> dict[str, Retention]:
        """Retrievability of active employees' reviewed cards, summed per topic (the
        organisation as a whole)."""
        _, per_department = self.retention_by_department(now)
        return totals_by(per_department)

    def retention_of(
        self, employee_id: str, now: datetime
    ) -> tuple[Retention, dict[str, Retention]]:
        """One employee's retrievability sums: overall and per topic."""
        sums = self._retention_sums(
            now,
            key_sql="m.employee_id, m.card_id",
            joins="",
            where="AND m.employee_id = ?",
            params=[employee_id],
        )
        totals, topics = self._fold(sums)
        return totals.get(employee_id, Retention()), {t: v for (_, t), v in topics.items()}

    def _fold(
        self, sums: dict[tuple[str, ...], list[float]]
    ) -> tuple[dict[str, Retention], dict[tuple[str, str], Retention]]:
        card_topics = {c.id: c.topics for c in self.cards().values()}
        totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
        topics: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0])
        for (group, card), (total, count) in sums.items():
            totals[group][0] += total
            totals[group][1] += count
            for topic in card_topics.get(card, ()):
                topics[(group, topic)][0] += total
                topics[(group, topic)][1] += count
        return _retention(totals), _retention(topics)

    def _retention_sums(
        self, now: datetime, *, key_sql: str, joins: str, where: str, params: list[Any]
    ) -> dict[tuple[str, ...], list[float]]:
        policy = self.policy()
        now_ms = _julian_ms(now)
        rows = self.db.execute(
            f"SELECT {key_sql}, m.stability, "
            "(? - CAST(round(julianday(m.last_review) * 86400000) AS INTEGER)) / 86400000 "
            "AS days, COUNT(*) "
            f"FROM memory m JOIN cards c ON c.id = m.card_id AND c.active = 1 {joins} "
            f"WHERE m.last_review IS NOT NULL AND m.stability IS NOT NULL {where} "
            f"GROUP BY {key_sql}, m.stability, days",
            [now_ms, *params],
        )
        cache: dict[tuple[float, int], float] = {}
        sums: dict[tuple[str, ...], list[float]] = defaultdict(lambda: [0.0, 0])
        for *key, stability, days, count in rows:
            pair = (stability, max(0, days))
            value = cache.get(pair)
            if value is None:
                value = cache[pair] = policy.retrievability_of(
                    stability, now - timedelta(days=pair[1]), now
                )
            entry = sums[tuple(key)]
            entry[0] += value * count
            entry[1] += count
        return dict(sums)

    # --- audit --------------------------------------------------------------------
    def audit_reviews(self, period: Period) -> dict[str, PeriodReviews]:
        """Per employee id, what the review log holds for ``period`` (employees with no
        answer in it are absent)."""
        policy = self.policy()
        start, end = self._bounds(period)
        result: dict[str, dict[str, Any]] = {}
        for employee, reviews, correct, cards, decks, methods in self.db.execute(
            "SELECT employee_id, COUNT(*), SUM(correct), COUNT(DISTINCT card_id), "
            "group_concat(DISTINCT deck_id || ' ' || deck_version), group_concat(DISTINCT method) "
            "FROM review_log WHERE answered_at >= ? AND answered_at < ? GROUP BY employee_id",
            [start, end],
        ):
            result[employee] = {
                "reviews": reviews,
                "correct": int(correct or 0),
                "cards": cards,
                "topics": 0,
                "decks": _deck_versions(decks),
                "methods": tuple(sorted(set(methods.split(",")))) if methods else (),
                "dates": set(),
            }
        for employee, topics in self.db.execute(
            "SELECT r.employee_id, COUNT(DISTINCT ct.topic) FROM review_log r "
            "JOIN card_topics ct ON ct.card_id = r.card_id "
            "WHERE r.answered_at >= ? AND r.answered_at < ? GROUP BY r.employee_id",
            [start, end],
        ):
            result[employee]["topics"] = topics
        days: dict[str, date] = {}
        for employee, minute in self.db.execute(
            "SELECT DISTINCT employee_id, substr(answered_at, 1, 16) FROM review_log "
            "WHERE answered_at >= ? AND answered_at < ?",
            [start, end],
        ):
            day = days.get(minute)
            if day is None:
                day = days[minute] = policy.local_date(_minute(minute))
            result[employee]["dates"].add(day)
        return {
            employee: PeriodReviews(
                reviews=entry["reviews"],
                correct=entry["correct"],
                cards=entry["cards"],
                topics=entry["topics"],
                decks=entry["decks"],
                methods=entry["methods"],
                dates=tuple(sorted(entry["dates"])),
            )
            for employee, entry in result.items()
        }

    def audit_assignments(self, period: Period) -> list[AssignmentTally]:
        """Refresher assignments made in ``period``, counted per employee × incident (by
        employee id, then incident id)."""
        start, end = self._bounds(period)
        rows = self.db.execute(
            "SELECT a.employee_id, a.incident_id, i.kind, i.title, COUNT(*), "
            "COUNT(a.done_at), MIN(a.assigned_at), MAX(a.done_at) FROM assignments a "
            "JOIN incidents i ON i.id = a.incident_id "
            "WHERE a.assigned_at >= ? AND a.assigned_at < ? "
            "GROUP BY a.employee_id, a.incident_id ORDER BY a.employee_id, a.incident_id",
            [start, end],
        )
        return [
            AssignmentTally(
                employee_id=employee,
                incident_id=incident,
                kind=kind,
                title=title,
                assigned=assigned,
                done=done,
                assigned_at=parse_iso(first),
                last_done=parse_iso(last) if last else None,
            )
            for employee, incident, kind, title, assigned, done, first, last in rows
        ]

    def reviews_per_week(self, period: Period) -> dict[date, int]:
        """Answers per week (keyed by the week's Monday, local calendar) in ``period``."""
        policy = self.policy()
        start, end = self._bounds(period)
        weeks: dict[date, int] = defaultdict(int)
        for minute, count in self.db.execute(
            "SELECT substr(answered_at, 1, 16), COUNT(*) FROM review_log "
            "WHERE answered_at >= ? AND answered_at < ? GROUP BY 1",
            [start, end],
        ):
            day = policy.local_date(_minute(minute))
            weeks[day - timedelta(days=day.weekday())] += count
        return dict(sorted(weeks.items()))

    def _bounds(self, period: Period) -> tuple[str, str]:
        policy = self.policy()
        return iso(policy.day_start(period.start)), iso(policy.day_start(period.end_exclusive))


def _deck_versions(concat: str | None) -> tuple[tuple[str, str], ...]:
    """A ``group_concat`` of ``deck_id version`` texts as sorted (deck id, version) pairs."""
    if not concat:
        return ()
    pairs = (text.partition(" ") for text in sorted(set(concat.split(","))))
    return tuple((deck, version) for deck, _, version in pairs)


def _retention(sums: dict[Any, list[float]]) -> dict[Any, Retention]:
    return {key: Retention(total, int(count)) for key, (total, count) in sums.items()}


def _julian_ms(moment: datetime) -> int:
    """``moment`` as SQLite's julianday in whole milliseconds (exact integer arithmetic).

    Days since a review are counted in SQL from this and the stored time (to the
    millisecond), as ``fsrs`` counts whole days.
    """
    delta = moment.astimezone(UTC) - datetime(2000, 1, 1, 12, tzinfo=UTC)
    return (
        2451545 * 86400000
        + (delta.days * 86400 + delta.seconds) * 1000
        + delta.microseconds // 1000
    )


def _minute(text: str) -> datetime:
    """A UTC minute ``YYYY-MM-DDTHH:MM`` as an instant. Answers are grouped by minute, not
    by hour, so that timezones with half- or quarter-hour offsets get the right local day."""
    return datetime.fromisoformat(text + ":00+00:00")
