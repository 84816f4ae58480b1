"""The data behind each HR report, built into a :class:`recall.reports.Report`.

One function per report (overview, one employee, incidents, one incident, the audit
record, audit-period coverage, the item analysis of the cards); the CLI renders the result as a table, CSV, JSON or
HTML, and the web pages show the same reports.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from recall.core.codes import IncidentKind, Lang
from recall.core.coverage import Period
from recall.core.dates import check_record_date
from recall.core.items import MIN_LEARNERS, analyse_items
from recall.errors import InputError
from recall.reports import (
    DeckLine,
    Report,
    build_audit,
    build_coverage,
    build_employee,
    build_incident,
    build_incidents,
    build_overview,
)
from recall.reports.cards import build_cards
from recall.service import admins
from recall.store import Store
from recall.store.items import item_histories
from recall.store.reports import DepartmentActivity

__all__ = [
    "audit",
    "audit_period",
    "cards",
    "coverage",
    "employee",
    "incident",
    "incidents",
    "overview",
    "overview_of",
]


def overview(store: Store, now: datetime, lang: Lang) -> Report:
    """Per department: active staff, onboarding finished, reviewed in the last 7/30 days,
    overdue, mean estimated retention and the weakest topics."""
    return overview_of(store, store.department_activity(now), now, lang)


def overview_of(
    store: Store, activity: list[DepartmentActivity], now: datetime, lang: Lang
) -> Report:
    """:func:`overview` from the department activity already read (the HR dashboard
    also counts today's overdue from it)."""
    retention, topic_retention = store.retention_by_department(now)
    return build_overview(
        activity,
        retention,
        topic_retention,
        store.topics(),
        lang=lang,
        organisation=store.settings().organisation,
        now=now,
        zone=store.policy().zone,
    )


def employee(store: Store, employee_id: str, now: datetime, lang: Lang) -> Report:
    """One employee: retention per topic, what they miss in the audit period, refreshers
    and every answer they gave.

    Raises:
        NotFoundError: no such employee.
    """
    person = store.employee(employee_id)
    period = store.audit_period(now)
    gaps = store.coverage_gaps(period, employee_id) if person.active else []
    retention, topic_retention = store.retention_of(employee_id, now)
    return build_employee(
        person,
        retention=retention,
        topic_retention=topic_retention,
        assignments=store.assignments_of(employee_id),
        history=store.reviews(employee_id),
        gap=gaps[0] if gaps else None,
        period=period,
        topic_names=store.topics(),
        lang=lang,
        now=now,
        zone=store.policy().zone,
    )


def incidents(
    store: Store, now: datetime, lang: Lang, *, kind: IncidentKind | None = None
) -> Report:
    """Every incident and coverage refresh (or only one ``kind``) with its completion,
    newest first."""
    return build_incidents(
        store.incident_summaries(now, kind),
        store.topics(),
        lang=lang,
        now=now,
        zone=store.policy().zone,
    )


def incident(store: Store, incident_id: int, now: datetime, lang: Lang) -> Report:
    """One incident and each person's progress, past the deadline first.

    Raises:
        NotFoundError: no such incident.
    """
    record = store.incident(incident_id)
    return build_incident(
        record,
        store.incident_progress(incident_id, now),
        store.topics(),
        lang=lang,
        now=now,
        zone=store.policy().zone,
    )


def audit_period(store: Store, now: datetime, start: date | None, end: date | None) -> Period:
    """The period an audit report covers: the current audit period unless given.

    Raises:
        InputError: the end is before the start, or a day is outside 2000-2100.
    """
    current = store.audit_period(now)
    first = check_record_date(start, "--from") if start else current.start
    last = check_record_date(end, "--to") if end else current.end
    if last < first:
        raise InputError.of("error.to_before_from", first=first, last=last)
    return Period(first, last)


def audit(store: Store, period: Period, now: datetime, lang: Lang) -> Report:
    """The training record an auditor asks for (JIS Q 15001 / Privacy Mark) over ``period``."""
    policy = store.policy()
    current = store.audit_period(now)
    gaps = store.coverage_gaps(period) if period.end <= current.end else []
    return build_audit(
        period=period,
        employees=store.audit_employees(period),
        reviews=store.audit_reviews(period),
        assignments=store.audit_assignments(period),
        gaps=gaps,
        decks=_deck_lines(store),
        topic_retention=store.retention_by_topic(now),
        weeks=store.reviews_per_week(period),
        topic_names=store.topics(),
        pass_mark=policy.settings.pass_mark,
        organisation=policy.settings.organisation,
        lang=lang,
        now=now,
        zone=policy.zone,
        trail=_trail(store, period, policy.zone),
    )


def _trail(store: Store, period: Period, zone: ZoneInfo) -> list[dict[str, object]]:
    """The admins' trail within the period's local days, for the audit annex."""
    start = datetime.combine(period.start, time(), zone)
    end = datetime.combine(period.end + timedelta(days=1), time(), zone)
    return [
        {"at": r.at, "actor": r.actor, "action": r.action, "subject": r.subject, "counts": r.counts}
        for r in admins.trail(store, start, end)
    ]


def coverage(store: Store, now: datetime, lang: Lang) -> Report:
    """Who is short in the current audit period and what they miss."""
    period = store.audit_period(now)
    return build_coverage(
        store.coverage_gaps(period),
        period,
        store.topics(),
        active=len(store.employees()),
        lang=lang,
        now=now,
        zone=store.policy().zone,
    )


def cards(store: Store, period: Period, now: datetime, lang: Lang) -> Report:
    """The item analysis over ``period``: per active card, learners, right at first sight
    against chance, right in later reviews, lapses, median time, discrimination and a
    flag (confusing, too hard, guessed); cards to rewrite first. See
    :mod:`recall.core.items` for the definitions."""
    policy = store.policy()
    cards = store.cards()
    histories = item_histories(
        store.db, policy.day_start(period.start), policy.day_start(period.end_exclusive)
    )
    stats = analyse_items(histories, {c.id: len(c.choices) for c in cards.values()})
    return build_cards(
        stats,
        period=period,
        card_topics={c.id: c.topics for c in cards.values()},
        topic_names=store.topics(),
        decks=_deck_lines(store),
        min_learners=MIN_LEARNERS,
        lang=lang,
        now=now,
        zone=policy.zone,
    )


def _deck_lines(store: Store) -> list[DeckLine]:
    """The active decks as a report's header names them (title, version, source)."""
    return [
        DeckLine(
            d.id,
            d.version,
            d.title,
            {
                "title": d.source.title,
                "publisher": d.source.publisher,
                "year": d.source.year,
                "url": d.source.url,
            },
            d.attribution,
        )
        for d in store.decks()
        if d.active
    ]
