"""SQL for incidents, refresher assignments and audit-period coverage.

Class :class:`IncidentQueries` (a query group of :class:`recall.store.Store`): record an incident and its refreshers
(:meth:`~IncidentQueries.add_incident`), list and read incidents and each person's
progress, find who is short in the audit period (:meth:`~IncidentQueries.coverage_gaps`)
and assign what closes the gaps (:meth:`~IncidentQueries.refresh_coverage`).

Refreshers never touch memory states: an assigned card goes to the front of the queue
(see :mod:`recall.core.queue`) and answering it early is an ordinary FSRS review. Every
write is set-based (``INSERT ... SELECT``, in slices of people so that progress can be
told) in one transaction; a validation error is raised before anything is written.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from recall.core.coverage import Gap, Period, audit_period, refresher_cards
from recall.core.incident import (
    Incident,
    IncidentOutcome,
    IncidentSpec,
    Progress,
    Scope,
    progress_status,
)
from recall.core.progress import Phase, ProgressCallback, Step, quiet
from recall.errors import InputError, Message, NotFoundError
from recall.store.base import StoreBase
from recall.store.instants import iso, parse_iso

__all__ = ["Assignment", "IncidentQueries", "IncidentSummary"]

_SLICE = 1000  # people per statement when refreshers are written (progress between)
_GAP_STEP = 10_000  # people whose gaps are read per step (progress between)


@dataclass(frozen=True)
class IncidentSummary:
    """One incident and where the people it assigned refreshers to stand."""

    incident: Incident
    #: people with refreshers
    people: int
    #: people who finished them (on time or late)
    finished: int
    #: of those, people who finished after the deadline
    late: int
    #: people not finished, deadline not passed
    open: int
    #: people not finished, deadline passed
    overdue: int
    #: refresher assignments, and how many are done
    assignments: int
    done: int
    #: ``name (id)`` of each overdue person, sorted
    overdue_people: tuple[str, ...]


@dataclass(frozen=True)
class Assignment:
    """One refresher assignment of an employee, with its incident."""

    id: int
    incident_id: int
    kind: str
    title: str
    card_id: str
    assigned_at: datetime
    deadline: date | None
    #: when a right answer completed it (None: still open)
    done_at: datetime | None


class IncidentQueries(StoreBase):
    """Incident and assignment queries; a query group of :class:`recall.store.Store`."""

    # --- recording ----------------------------------------------------------------
    def add_incident(
        self,
        spec: IncidentSpec,
        now: datetime,
        *,
        dry_run: bool = False,
        progress: ProgressCallback = quiet,
    ) -> IncidentOutcome:
        """Record an incident and make its topics' cards refreshers for everyone in scope.

        Every active employee in scope gets one assignment per active card on the
        topics (in the decks they are enrolled in). Memory states are not changed.

        Args:
            spec: the incident.
            now: the current instant (aware UTC).
            dry_run: count what would be assigned, write nothing.
            progress: told how many people have their refreshers (written in slices of
                :data:`_SLICE` people inside the one transaction).

        Returns:
            The new incident's id and how many employees, cards and assignments.

        Raises:
            InputError: a topic no active card has, an unknown department, an employee
                who has left, a scope with no active employee, or bad dates.
            NotFoundError: an employee id that does not exist.
        """
        today = self.policy().local_date(now)
        spec.check_dates(today)
        progress(Step(Phase.FINDING))
        self._check_topics(spec.topics)
        self._check_scope(spec.scope)
        scope_sql, scope_params = _scope_sql(spec.scope)
        topics_json = json.dumps(list(spec.topics))
        select = (
            "FROM employees e JOIN enrolments en ON en.employee_id = e.id "
            "JOIN cards c ON c.deck_id = en.deck_id AND c.active = 1 "
            f"WHERE e.left_on IS NULL AND {scope_sql} AND c.id IN "
            "(SELECT card_id FROM card_topics WHERE topic IN (SELECT value FROM json_each(?)))"
        )
        params = [*scope_params, topics_json]
        employees, cards, pairs = self.db.execute(
            f"SELECT COUNT(DISTINCT e.id), COUNT(DISTINCT c.id), COUNT(*) {select}", params
        ).fetchone()
        if pairs == 0:
            raise InputError.of("error.scope_nobody", scope=spec.scope.describe())
        if dry_run:
            return IncidentOutcome(None, employees, cards, pairs, dry_run=True)
        stamp = iso(now)
        deadline = spec.deadline.isoformat() if spec.deadline else None
        with self.transaction():
            people = [
                r[0] for r in self.db.execute(f"SELECT DISTINCT e.id {select} ORDER BY 1", params)
            ]
            incident_id = self._insert_incident(spec, stamp)
            progress(Step(Phase.ASSIGNING, 0, len(people)))
            for start in range(0, len(people), _SLICE):  # in id order, as one statement would
                part = people[start : start + _SLICE]
                self.db.execute(
                    "INSERT INTO assignments(incident_id, employee_id, card_id, assigned_at, "
                    f"deadline, done_at) SELECT ?, e.id, c.id, ?, ?, NULL {select} "
                    "AND e.id IN (SELECT value FROM json_each(?)) "
                    "ORDER BY e.id, c.deck_id, c.position",
                    [incident_id, stamp, deadline, *params, json.dumps(part)],
                )
                progress(Step(Phase.ASSIGNING, start + len(part), len(people)))
        return IncidentOutcome(incident_id, employees, cards, pairs)

    def _insert_incident(self, spec: IncidentSpec, stamp: str) -> int:
        cursor = self.db.execute(
            "INSERT INTO incidents(kind, title, occurred, topics, scope, deadline, note, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                spec.kind,
                spec.title.strip(),
                spec.occurred.isoformat() if spec.occurred else None,
                json.dumps(list(spec.topics), ensure_ascii=False),
                spec.scope.to_json(),
                spec.deadline.isoformat() if spec.deadline else None,
                spec.note,
                stamp,
            ],
        )
        return int(cursor.lastrowid or 0)

    def _check_topics(self, topics: tuple[str, ...]) -> None:
        known = [
            r[0]
            for r in self.db.execute(
                "SELECT DISTINCT ct.topic FROM card_topics ct JOIN cards c ON c.id = ct.card_id "
                "WHERE c.active = 1 ORDER BY 1"
            )
        ]
        unknown = [t for t in topics if t not in known]
        if unknown:
            raise InputError.of(
                "error.unknown_topics",
                topics=", ".join(f"'{t}'" for t in unknown),
                s="s" if len(unknown) > 1 else "",
                known=", ".join(known) or Message("error.none"),
            )

    def _check_scope(self, scope: Scope) -> None:
        if scope.departments:
            known = [
                r[0]
                for r in self.db.execute(
                    "SELECT DISTINCT department FROM employees WHERE left_on IS NULL ORDER BY 1"
                )
            ]
            unknown = [d for d in scope.departments if d not in known]
            if unknown:
                raise InputError.of(
                    "error.unknown_departments",
                    departments=", ".join(f"'{d}'" for d in unknown),
                    known=", ".join(d for d in known if d) or Message("error.none"),
                )
        if scope.employees:
            rows = {
                r[0]: r[1]
                for r in self.db.execute(
                    "SELECT id, left_on FROM employees WHERE id IN "
                    "(SELECT value FROM json_each(?))",
                    [json.dumps(list(scope.employees))],
                )
            }
            missing = [e for e in scope.employees if e not in rows]
            if missing:
                ids = ", ".join(f"'{e}'" for e in missing[:10]) + (
                    " ..." if len(missing) > 10 else ""
                )
                raise NotFoundError.of("error.scope_no_employees", ids=ids)
            left = [e for e in scope.employees if rows[e]]
            if left:
                who = tuple(
                    Message("error.left_entry", {"id": e, "day": rows[e]}) for e in left[:10]
                )
                raise InputError.of("error.scope_left", employees=who)

    # --- reading ------------------------------------------------------------------
    def incident(self, incident_id: int) -> Incident:
        """One incident.

        Raises:
            NotFoundError: no incident has this id.
        """
        row = self.db.execute("SELECT * FROM incidents WHERE id = ?", [incident_id]).fetchone()
        if row is None:
            raise NotFoundError.of("error.no_incident", id=incident_id)
        return _incident(row)

    def incident_topics(self, incident_id: int) -> list[str]:
        """The topic ids an incident refreshes.

        Raises:
            NotFoundError: no incident has this id.
        """
        return list(self.incident(incident_id).topics)

    def incidents(self, kind: str | None = None) -> list[Incident]:
        """Every incident (of one kind, if given), newest first."""
        where, params = ("WHERE kind = ?", [kind]) if kind else ("", [])
        rows = self.db.execute(
            f"SELECT * FROM incidents {where} ORDER BY id DESC", params
        ).fetchall()
        return [_incident(r) for r in rows]

    def incident_summaries(self, now: datetime, kind: str | None = None) -> list[IncidentSummary]:
        """Each incident (newest first) with people assigned, finished, open and overdue
        (one query)."""
        policy = self.policy()
        today = policy.local_date(now)
        incidents = {i.id: i for i in self.incidents(kind)}
        stats: dict[int, dict[str, int]] = {
            i: dict.fromkeys(
                ("people", "finished", "late", "open", "overdue", "assignments", "done"), 0
            )
            for i in incidents
        }
        overdue_people: dict[int, list[str]] = defaultdict(list)
        for progress_id, progress in self._progress_rows(None, today):
            if progress_id not in stats:
                continue
            entry = stats[progress_id]
            entry["people"] += 1
            if progress.status == "overdue":
                overdue_people[progress_id].append(f"{progress.name} ({progress.employee_id})")
            entry["assignments"] += progress.assigned
            entry["done"] += progress.done
            key = {"done": "finished"}.get(progress.status, progress.status)
            entry[key] += 1
            if progress.status == "late":
                entry["finished"] += 1
        return [
            IncidentSummary(
                incident=incidents[i],
                **stats[i],
                overdue_people=tuple(sorted(overdue_people[i])),
            )
            for i in incidents
        ]

    def incident_progress(self, incident_id: int, now: datetime) -> list[Progress]:
        """Each person's refreshers for one incident, overdue first, then by department.

        Raises:
            NotFoundError: no incident has this id.
        """
        self.incident(incident_id)
        today = self.policy().local_date(now)
        order = {"overdue": 0, "open": 1, "late": 2, "done": 3}
        people = [p for _, p in self._progress_rows(incident_id, today)]
        return sorted(people, key=lambda p: (order[p.status], p.department, p.employee_id))

    def _progress_rows(
        self, incident_id: int | None, today: date
    ) -> Iterator[tuple[int, Progress]]:
        policy = self.policy()
        where, params = ("WHERE a.incident_id = ?", [incident_id]) if incident_id else ("", [])
        rows = self.db.execute(
            "SELECT a.incident_id, a.employee_id, e.name, e.department, COUNT(*), "
            "COUNT(a.done_at), MAX(a.done_at), MIN(a.deadline) FROM assignments a "
            "JOIN employees e ON e.id = a.employee_id "
            # A card removed from its deck can no longer be answered: its open refresher
            # no longer counts (done ones stay in the record).
            "JOIN cards c ON c.id = a.card_id AND (c.active = 1 OR a.done_at IS NOT NULL) "
            f"{where} GROUP BY a.incident_id, a.employee_id",
            params,
        )
        for incident, employee, name, department, assigned, done, last, deadline in rows:
            finished = policy.local_date(parse_iso(last)) if last and done >= assigned else None
            due = date.fromisoformat(deadline) if deadline else None
            yield (
                incident,
                Progress(
                    employee,
                    name,
                    department,
                    assigned,
                    done,
                    finished,
                    due,
                    progress_status(assigned, done, finished, due, today),
                ),
            )

    def assignments_of(self, employee_id: str) -> list[Assignment]:
        """An employee's refresher assignments, newest first, with their incident."""
        rows = self.db.execute(
            "SELECT a.id, a.incident_id, i.kind, i.title, a.card_id, a.assigned_at, "
            "a.deadline, a.done_at FROM assignments a JOIN incidents i ON i.id = "
            "a.incident_id WHERE a.employee_id = ? ORDER BY a.assigned_at DESC, a.id",
            [employee_id],
        )
        return [
            Assignment(
                id=id_,
                incident_id=incident,
                kind=kind,
                title=title,
                card_id=card,
                assigned_at=parse_iso(assigned_at),
                deadline=date.fromisoformat(deadline) if deadline else None,
                done_at=parse_iso(done_at) if done_at else None,
            )
            for id_, incident, kind, title, card, assigned_at, deadline, done_at in rows
        ]

    def open_assignments(self, employee_id: str) -> dict[str, int]:
        """Open refresher assignments of an employee: card id → assignment id (oldest)."""
        rows = self.db.execute(
            "SELECT card_id, MIN(id) FROM assignments WHERE employee_id = ? AND done_at IS NULL "
            "GROUP BY card_id",
            [employee_id],
        ).fetchall()
        return {card_id: assignment for card_id, assignment in rows}

    def table_counts(self) -> dict[str, int]:
        """Rows in the incident and assignment tables (tests: nothing was recorded)."""
        return {
            table: self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("incidents", "assignments", "review_log", "memory")
        }

    # --- coverage -----------------------------------------------------------------
    def audit_period(self, now: datetime) -> Period:
        """The audit period (fiscal year) containing ``now``, from the settings."""
        policy = self.policy()
        return audit_period(policy.local_date(now), policy.settings.fiscal_year_start)

    def coverage_short(self, period: Period) -> int:
        """How many active employees are short in ``period`` (as :meth:`coverage_gaps`
        finds them), counted from the maintained coverage watermarks: one pass over one
        row per employee; only employees with an answer after the period are checked in
        the log."""
        if not self.summaries_fresh():
            return len(self.coverage_gaps(period))
        start, end = self._period_bounds(period)
        short = self.db.execute(
            "SELECT COUNT(*) FROM employees e JOIN employee_facts f ON f.employee_id = e.id "
            "WHERE e.left_on IS NULL AND (f.last_answer IS NULL OR f.last_answer < ?) "
            "AND f.covered_since < ?",
            [end, start],
        ).fetchone()[0]
        later = self._answered_after(end)
        if later:
            short += len(self._gaps(period, later))
        return int(short)

    def coverage_gaps(
        self, period: Period, employee_id: str | None = None, progress: ProgressCallback = quiet
    ) -> list[Gap]:
        """Active employees who are short in ``period``, and what they are missing.

        Short means: an onboarding-core card not answered in the period, or a topic of
        their decks with no card answered in the period. The maintained coverage
        watermarks (:mod:`recall.store.summaries`) pick who to look at; what each one
        misses is then read from the log.

        Args:
            period: the audit period (organisation's calendar).
            employee_id: only this employee.
            progress: told how many of the people who may be short have been looked at
                (when the watermarks are fresh; they are read in steps).

        Returns:
            One :class:`Gap` per short employee, by department and id; missing cards in
            deck order, missing topics in the decks' topic order.
        """
        if employee_id is not None:
            return self._gaps(period, [employee_id])
        if not self.summaries_fresh():
            return self._gaps(period, None)
        start, end = self._period_bounds(period)
        candidates = [
            r[0]
            for r in self.db.execute(
                "SELECT e.id FROM employees e JOIN employee_facts f ON f.employee_id = e.id "
                "WHERE e.left_on IS NULL AND (f.last_answer IS NULL OR f.last_answer < ?) "
                "AND f.covered_since < ?",
                [end, start],
            )
        ]
        looked_at = candidates + self._answered_after(end)  # disjoint: before / after end
        gaps: list[Gap] = []
        progress(Step(Phase.SEARCHING, 0, len(looked_at)))
        for first in range(0, len(looked_at), _GAP_STEP):
            gaps += self._gaps(period, looked_at[first : first + _GAP_STEP])
            done = min(first + _GAP_STEP, len(looked_at))
            progress(Step(Phase.SEARCHING, done, len(looked_at)))
        return sorted(gaps, key=lambda g: (g.department, g.employee_id))

    def _period_bounds(self, period: Period) -> tuple[str, str]:
        policy = self.policy()
        return iso(policy.day_start(period.start)), iso(policy.day_start(period.end_exclusive))

    def _answered_after(self, end: str) -> list[str]:
        """Active employees with an answer at or after ``end`` (their watermark says
        nothing about an earlier period)."""
        return [
            r[0]
            for r in self.db.execute(
                "SELECT e.id FROM employees e JOIN employee_facts f ON f.employee_id = e.id "
                "WHERE e.left_on IS NULL AND f.last_answer >= ?",
                [end],
            )
        ]

    def _gaps(self, period: Period, employee_ids: list[str] | None) -> list[Gap]:
        """The gaps of ``employee_ids`` (None: every active employee), from the log."""
        if employee_ids is not None and not employee_ids:
            return []
        policy = self.policy()
        start = iso(policy.day_start(period.start))
        end = iso(policy.day_start(period.end_exclusive))
        who, who_params = (
            ("AND e.id IN (SELECT value FROM json_each(?))", [json.dumps(employee_ids)])
            if employee_ids is not None
            else ("", [])
        )
        missing_cards = self.db.execute(
            "SELECT e.id, c.id FROM employees e "
            "JOIN enrolments en ON en.employee_id = e.id "
            "JOIN cards c ON c.deck_id = en.deck_id AND c.active = 1 AND c.onboarding = 1 "
            f"WHERE e.left_on IS NULL {who} AND NOT EXISTS (SELECT 1 FROM review_log r "
            "WHERE r.employee_id = e.id AND r.card_id = c.id AND r.answered_at >= ? "
            "AND r.answered_at < ?) ORDER BY e.id, c.deck_id, c.position",
            [*who_params, start, end],
        ).fetchall()
        missing_topics = self.db.execute(
            "WITH dt AS (SELECT DISTINCT c.deck_id, ct.topic FROM cards c "
            "JOIN card_topics ct ON ct.card_id = c.id WHERE c.active = 1) "
            "SELECT e.id, dt.topic FROM employees e "
            "JOIN enrolments en ON en.employee_id = e.id JOIN dt ON dt.deck_id = en.deck_id "
            f"WHERE e.left_on IS NULL {who} AND NOT EXISTS (SELECT 1 FROM review_log r "
            "INDEXED BY review_log_card_time "  # covering: no table lookup per answer
            "JOIN card_topics ct ON ct.card_id = r.card_id WHERE r.employee_id = e.id "
            "AND ct.topic = dt.topic AND r.answered_at >= ? AND r.answered_at < ?)",
            [*who_params, start, end],
        ).fetchall()
        topic_order = {t: n for n, t in enumerate(self.topics())}
        cards: dict[str, list[str]] = defaultdict(list)
        topics: dict[str, list[str]] = defaultdict(list)
        for employee, card in missing_cards:
            cards[employee].append(card)
        for employee, topic in missing_topics:
            topics[employee].append(topic)
        short = set(cards) | set(topics)
        if not short:
            return []
        people = {
            r[0]: (r[1], r[2])
            for r in self.db.execute(
                "SELECT id, name, department FROM employees WHERE id IN "
                "(SELECT value FROM json_each(?))",
                [json.dumps(sorted(short))],
            )
        }
        gaps = [
            Gap(
                employee_id=e,
                cards=tuple(cards.get(e, ())),
                topics=tuple(
                    sorted(topics.get(e, ()), key=lambda t: (topic_order.get(t, 1 << 30), t))
                ),
                name=people[e][0],
                department=people[e][1],
            )
            for e in short
        ]
        return sorted(gaps, key=lambda g: (g.department, g.employee_id))

    def refresh_coverage(
        self,
        now: datetime,
        *,
        deadline: date | None,
        title: str | None = None,
        dry_run: bool = False,
        progress: ProgressCallback = quiet,
    ) -> IncidentOutcome:
        """Assign what each short employee is missing in the current audit period.

        The assignments are recorded under one new incident of kind ``coverage`` (scope:
        the employees concerned), like an incident's refreshers. Missing onboarding
        cards are all assigned; a missing topic gets its least-known card (see
        :func:`recall.core.coverage.refresher_cards`). Cards with an open refresher
        already are not assigned again.

        Args:
            now: the current instant (aware UTC).
            deadline: the day by which to finish.
            title: the record's title (default: ``Audit-period coverage START..END``).
            dry_run: compute the plan, write nothing.
            progress: told when the gaps are being found and how many people have their
                refreshers written.

        Returns:
            The new record's id (None if dry run or nobody needs anything) and the plan.

        Raises:
            InputError: the deadline has already passed.
        """
        policy = self.policy()
        today = policy.local_date(now)
        if deadline is not None and deadline < today:
            raise InputError.of("error.deadline_passed", deadline=deadline, today=today)
        period = audit_period(today, policy.settings.fiscal_year_start)
        progress(Step(Phase.FINDING))
        gaps = self.coverage_gaps(period, progress=progress)
        progress(Step(Phase.FINDING))  # their refreshers chosen (not counted)
        topic_cards: dict[str, list[str]] = defaultdict(list)
        card_topics: dict[str, tuple[str, ...]] = {}
        for card in self.cards().values():
            card_topics[card.id] = card.topics
            for topic in card.topics:
                topic_cards[topic].append(card.id)
        ids = json.dumps([g.employee_id for g in gaps])
        recall_of: dict[str, dict[str, float]] = defaultdict(dict)
        # only the cards of a person's missing topics are weighed (one is chosen per topic)
        weighed = {
            g.employee_id: {c for topic in g.topics for c in topic_cards.get(topic, ())}
            for g in gaps
            if g.topics
        }
        for employee, card, stability, last_review in self.db.execute(
            "SELECT employee_id, card_id, stability, last_review FROM memory "
            "WHERE employee_id IN (SELECT value FROM json_each(?))",
            [json.dumps(list(weighed))],
        ):
            if card in weighed[employee]:
                recall_of[employee][card] = policy.retrievability_of(
                    stability, parse_iso(last_review) if last_review else None, now
                )
        open_cards: dict[str, set[str]] = defaultdict(set)
        for employee, card in self.db.execute(
            "SELECT employee_id, card_id FROM assignments WHERE done_at IS NULL "
            "AND employee_id IN (SELECT value FROM json_each(?))",
            [ids],
        ):
            open_cards[employee].add(card)
        plan = []
        for gap in gaps:
            chosen = refresher_cards(
                gap,
                topic_cards,
                recall_of.get(gap.employee_id, {}),
                already_open=open_cards.get(gap.employee_id, set()),
            )
            if chosen:
                plan.append((gap.employee_id, tuple(chosen)))
        assigned = {c for _, cards in plan for c in cards}
        count = sum(len(cards) for _, cards in plan)
        if dry_run or not plan:
            return IncidentOutcome(None, len(plan), len(assigned), count, dry_run, tuple(plan))
        topics: dict[str, None] = {}
        for gap in gaps:
            topics.update(dict.fromkeys(gap.topics))
        for card in sorted(assigned):
            topics.update(dict.fromkeys(card_topics.get(card, ())))
        spec = IncidentSpec(
            title=title or f"Audit-period coverage {period}",
            occurred=None,
            topics=tuple(topics),
            scope=Scope(employees=tuple(e for e, _ in plan)),
            deadline=deadline,
            kind="coverage",
        )
        stamp = iso(now)
        due = deadline.isoformat() if deadline else None
        with self.transaction():
            incident_id = self._insert_incident(spec, stamp)
            progress(Step(Phase.ASSIGNING, 0, len(plan)))
            for start in range(0, len(plan), _SLICE):
                part = plan[start : start + _SLICE]
                self.db.conn.executemany(
                    "INSERT INTO assignments(incident_id, employee_id, card_id, assigned_at, "
                    "deadline, done_at) VALUES (?, ?, ?, ?, ?, NULL)",
                    [(incident_id, e, c, stamp, due) for e, cards in part for c in cards],
                )
                progress(Step(Phase.ASSIGNING, start + len(part), len(plan)))
        return IncidentOutcome(incident_id, len(plan), len(assigned), count, False, tuple(plan))


def _scope_sql(scope: Scope) -> tuple[str, list[Any]]:
    if scope.all:
        return "1 = 1", []
    if scope.departments:
        return "e.department IN (SELECT value FROM json_each(?))", [
            json.dumps(list(scope.departments), ensure_ascii=False)
        ]
    return "e.id IN (SELECT value FROM json_each(?))", [
        json.dumps(list(scope.employees), ensure_ascii=False)
    ]


def _incident(row: Any) -> Incident:  # noqa: ANN401 - a sqlite3 row tuple
    (id_, kind, title, occurred, topics, scope, deadline, note, created_at) = tuple(row)
    return Incident(
        id=id_,
        kind=kind,
        title=title,
        occurred=date.fromisoformat(occurred) if occurred else None,
        topics=tuple(json.loads(topics)),
        scope=Scope.from_json(scope),
        deadline=date.fromisoformat(deadline) if deadline else None,
        note=note,
        created_at=parse_iso(created_at),
    )
