"""Building reports from the store's query results. Pure: no SQL, no clock.

Functions: :func:`build_overview`, :func:`build_employee`, :func:`build_incidents`,
:func:`build_incident`, :func:`build_audit`, :func:`build_coverage`. Each takes the
store's typed rows (:mod:`recall.store.reports`, :mod:`recall.store.incidents`,
:mod:`recall.store.reviews`) and domain values, and returns a
:class:`~recall.reports.model.Report` in the requested language.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from recall.core.coverage import Gap, Period
from recall.core.employee import Employee
from recall.core.incident import Incident, Progress, progress_status
from recall.core.retention import Retention, totals_by
from recall.core.retention import total as total_of
from recall.i18n import t
from recall.reports.model import Chart, Report, Section

if TYPE_CHECKING:  # the rows' types only: building a report runs no store code
    from recall.store.incidents import Assignment, IncidentSummary
    from recall.store.reports import AssignmentTally, DepartmentActivity, PeriodReviews
    from recall.store.reviews import ReviewRecord

__all__ = [
    "DeckLine",
    "build_audit",
    "build_coverage",
    "build_employee",
    "build_incident",
    "build_incidents",
    "build_overview",
]

WEAKEST_TOPICS = 3


@dataclass(frozen=True)
class DeckLine:
    """A deck as printed in report headers: title, version and source attribution."""

    id: str
    version: str
    title: Mapping[str, str]
    source: Mapping[str, Any]
    attribution: Mapping[str, str]

    def heading(self, lang: str) -> str:
        """``Title (id) vX``."""
        return f"{_text(self.title, lang)} ({self.id}) v{self.version}"

    def source_line(self, lang: str) -> str:
        """Source title, publisher, year, URL and attribution text."""
        parts = [
            str(self.source.get(k)) for k in ("title", "publisher", "year") if self.source.get(k)
        ]
        text = ", ".join(parts)
        if self.source.get("url"):
            text += f" <{self.source['url']}>"
        if self.attribution:
            text += f" — {_text(self.attribution, lang)}"
        return text


def _text(texts: Mapping[str, str], lang: str) -> str:
    return texts.get(lang) or texts.get("ja") or next(iter(texts.values()), "")


def _retention_mean(retention: Retention | None) -> float | None:
    return retention.mean if retention is not None else None


def _topic(names: Mapping[str, Mapping[str, str]], topic: str, lang: str) -> str:
    return _text(names[topic], lang) if topic in names else topic


def _local(moment: datetime | None, zone: ZoneInfo) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def _local_date(moment: datetime | None, zone: ZoneInfo) -> date | None:
    if moment is None:
        return None
    return moment.astimezone(zone).date()


def _when(now: datetime, zone: ZoneInfo) -> str:
    return now.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")


def build_overview(
    activity: Sequence[DepartmentActivity],
    retention: Mapping[str, Retention],
    topic_retention: Mapping[tuple[str, str], Retention],
    topic_names: Mapping[str, Mapping[str, str]],
    *,
    lang: str,
    organisation: str,
    now: datetime,
    zone: ZoneInfo,
) -> Report:
    """Per department: staff, onboarding, activity, overdue, retention, weakest topics.

    Args:
        activity: rows from ``Store.department_activity``.
        retention: per department.
        topic_retention: per (department, topic).
        topic_names: topic id → names by language.
        lang: report language.
        organisation: organisation name for the header.
        now: when the report is made.
        zone: the organisation's timezone.

    Returns:
        The report, with a last row for the whole organisation.
    """
    by_topic = totals_by(topic_retention)
    per_dept: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for (dept, topic), pair in topic_retention.items():
        mean = pair.mean
        if mean is not None:
            per_dept[dept].append((mean, topic))
    rows: list[dict[str, Any]] = []
    keys = ("employees", "onboarded", "reviewed_7d", "reviewed_30d", "overdue")
    total: dict[str, Any] = dict.fromkeys(keys, 0)
    for entry in activity:
        dept = entry.department
        weakest = sorted(per_dept.get(dept, []))[:WEAKEST_TOPICS]
        rows.append(
            {
                **{k: getattr(entry, k) for k in keys},
                "department": dept or "—",
                "retention": _retention_mean(retention.get(dept)),
                "weakest_topics": [
                    f"{_topic(topic_names, t, lang)} {m * 100:.0f}%" for m, t in weakest
                ],
            }
        )
        for k in keys:
            total[k] += getattr(entry, k)
    org_weakest = sorted((m, t) for t, pair in by_topic.items() if (m := pair.mean) is not None)[
        :WEAKEST_TOPICS
    ]
    if rows:
        rows.append(
            {
                **total,
                "department": t("total", lang),
                "retention": total_of(
                    retention[e.department] for e in activity if e.department in retention
                ).mean,
                "weakest_topics": [
                    f"{_topic(topic_names, t, lang)} {m * 100:.0f}%" for m, t in org_weakest
                ],
            }
        )
    chart = _retention_chart(topic_names, {t: p.mean for t, p in by_topic.items()}, lang)
    return Report(
        kind="overview",
        lang=lang,
        meta=(("organisation", organisation or "—"), ("generated", _when(now, zone))),
        sections=(
            Section(
                "summary",
                (
                    "department",
                    "employees",
                    "onboarded",
                    "reviewed_7d",
                    "reviewed_30d",
                    "overdue",
                    "retention",
                    "weakest_topics",
                ),
                rows,
                percent=frozenset({"retention"}),
            ),
        ),
        charts=(chart,),
        data={
            "generated": now.isoformat(),
            "topic_retention": {t: by_topic[t].mean for t in topic_names if t in by_topic},
        },
    )


def build_employee(
    employee: Employee,
    *,
    retention: Retention,
    topic_retention: Mapping[str, Retention],
    assignments: Sequence[Assignment],
    history: Sequence[ReviewRecord],
    gap: Gap | None,
    period: Period,
    topic_names: Mapping[str, Mapping[str, str]],
    lang: str,
    now: datetime,
    zone: ZoneInfo,
) -> Report:
    """One employee: summary, retention per topic, assignments, full review history.

    Args:
        employee: the employee.
        retention: over their reviewed cards.
        topic_retention: the same per topic.
        assignments: rows from ``Store.assignments_of``.
        history: their review log (``Store.reviews``), oldest first.
        gap: what they are missing in the current audit period (None: nothing).
        period: the current audit period.
        topic_names: topic id → names by language.
        lang: report language.
        now: when the report is made.
        zone: the organisation's timezone.

    Returns:
        The report (four sections).
    """
    today = now.astimezone(zone).date()
    correct = sum(1 for h in history if h.correct)
    summary = {
        "employee_id": employee.id,
        "name": employee.name,
        "department": employee.department,
        "hired": employee.hired,
        "left_on": employee.left_on,
        "reviews": len(history),
        "correct_rate": correct / len(history) if history else None,
        "retention": retention.mean,
        "missing_cards": list(gap.cards) if gap else [],
        "missing_topics": [_topic(topic_names, t, lang) for t in gap.topics] if gap else [],
    }
    topics = [
        {
            "topic": _topic(topic_names, t, lang),
            "cards_reviewed": topic_retention[t].count if t in topic_retention else 0,
            "retention": _retention_mean(topic_retention.get(t)),
        }
        for t in topic_names
    ]
    rows = []
    for a in assignments:
        done_on = _local_date(a.done_at, zone)
        status = progress_status(1, int(done_on is not None), done_on, a.deadline, today)
        rows.append(
            {
                "id": a.incident_id,
                "kind": a.kind,
                "title": a.title,
                "card": a.card_id,
                "assigned_at": _local(a.assigned_at, zone),
                "deadline": a.deadline,
                "done_at": _local(a.done_at, zone),
                "status": status,
            }
        )
    reviews = [
        {
            "answered_at": _local(h.answered_at, zone),
            "card": h.card_id,
            "deck_version": f"{h.deck_id} {h.deck_version}",
            "choice": h.choice,
            "correct": h.correct,
            "reason": h.reason,
            "method": h.method,
        }
        for h in history
    ]
    return Report(
        kind="employee",
        lang=lang,
        meta=(
            ("employee_id", employee.id),
            ("name", employee.name),
            ("department", employee.department or "—"),
            ("period", str(period)),
            ("generated", _when(now, zone)),
        ),
        sections=(
            Section(
                "summary",
                tuple(summary),
                [summary],
                percent=frozenset({"correct_rate", "retention"}),
            ),
            Section(
                "retention_by_topic",
                ("topic", "cards_reviewed", "retention"),
                topics,
                percent=frozenset({"retention"}),
            ),
            Section(
                "assignments",
                ("id", "kind", "title", "card", "assigned_at", "deadline", "done_at", "status"),
                rows,
                coded=frozenset({"kind", "status"}),
            ),
            Section(
                "history",
                ("answered_at", "card", "deck_version", "choice", "correct", "reason", "method"),
                reviews,
                coded=frozenset({"reason", "method"}),
            ),
        ),
        charts=(
            Chart(
                "chart_retention",
                tuple((t["topic"], (t["retention"] or 0.0) * 100) for t in topics),
                unit="percent",
                horizontal=True,
            ),
        ),
        data={"period": [period.start, period.end], "generated": now.isoformat()},
    )


def _scope_text(incident: Incident) -> str:
    return incident.scope.describe()


def build_incidents(
    summaries: Sequence[IncidentSummary],
    topic_names: Mapping[str, Mapping[str, str]],
    *,
    lang: str,
    now: datetime,
    zone: ZoneInfo,
) -> Report:
    """Every incident with its refresher completion and the people past the deadline.

    Args:
        summaries: rows from ``Store.incident_summaries``.
        topic_names: topic id → names by language.
        lang: report language.
        now: when the report is made.
        zone: the organisation's timezone.

    Returns:
        The report (one section).
    """
    rows = []
    for s in summaries:
        incident = s.incident
        rows.append(
            {
                "id": incident.id,
                "kind": incident.kind,
                "title": incident.title,
                "occurred": incident.occurred,
                "topics": [_topic(topic_names, t, lang) for t in incident.topics],
                "scope": _scope_text(incident),
                "deadline": incident.deadline,
                "people": s.people,
                "finished": s.finished,
                "open": s.open,
                "overdue": s.overdue,
                "completion": s.finished / s.people if s.people else None,
                "overdue_people": list(s.overdue_people),
            }
        )
    return Report(
        kind="incidents",
        lang=lang,
        meta=(("generated", _when(now, zone)),),
        sections=(
            Section(
                "incidents",
                (
                    "id",
                    "kind",
                    "title",
                    "occurred",
                    "topics",
                    "scope",
                    "deadline",
                    "people",
                    "finished",
                    "open",
                    "overdue",
                    "completion",
                    "overdue_people",
                ),
                rows,
                percent=frozenset({"completion"}),
                coded=frozenset({"kind"}),
            ),
        ),
        data={"generated": now.isoformat()},
    )


def build_incident(
    incident: Incident,
    people: Sequence[Progress],
    topic_names: Mapping[str, Mapping[str, str]],
    *,
    lang: str,
    now: datetime,
    zone: ZoneInfo,
) -> Report:
    """One incident and each person's progress (for ``recall incident show``).

    Returns:
        The report: header facts and one row per person, overdue first.
    """
    rows = [
        {
            "employee_id": p.employee_id,
            "name": p.name,
            "department": p.department,
            "progress": f"{p.done}/{p.assigned}",
            "finished_on": p.finished_on,
            "deadline": p.deadline,
            "status": p.status,
        }
        for p in people
    ]
    counts = defaultdict(int)
    for p in people:
        counts[p.status] += 1
    meta = [
        ("id", str(incident.id)),
        ("kind", t(f"kind.{incident.kind}", lang)),
        ("title", incident.title),
        ("occurred", incident.occurred.isoformat() if incident.occurred else "—"),
        ("topics", ", ".join(_topic(topic_names, t, lang) for t in incident.topics)),
        ("scope", _scope_text(incident)),
        ("deadline", incident.deadline.isoformat() if incident.deadline else "—"),
        (
            "progress",
            f"{t('progress.done', lang)} {counts['done'] + counts['late']} / {len(people)}, "
            f"{t('progress.overdue', lang)} {counts['overdue']}",
        ),
    ]
    if incident.note:
        meta.append(("note", incident.note))
    return Report(
        kind="incident",
        lang=lang,
        meta=tuple(meta),
        sections=(
            Section(
                "people",
                (
                    "employee_id",
                    "name",
                    "department",
                    "progress",
                    "finished_on",
                    "deadline",
                    "status",
                ),
                rows,
                coded=frozenset({"status"}),
            ),
        ),
        data={
            "incident": {
                "id": incident.id,
                "kind": incident.kind,
                "title": incident.title,
                "occurred": incident.occurred,
                "topics": list(incident.topics),
                "scope": incident.scope.to_json(),
                "deadline": incident.deadline,
                "note": incident.note,
            },
            "generated": now.isoformat(),
        },
    )


def build_audit(
    *,
    period: Period,
    employees: Sequence[Employee],
    reviews: Mapping[str, PeriodReviews],
    assignments: Sequence[AssignmentTally],
    gaps: Sequence[Gap],
    decks: Sequence[DeckLine],
    topic_retention: Mapping[str, Retention],
    weeks: Mapping[date, int],
    topic_names: Mapping[str, Mapping[str, str]],
    pass_mark: int,
    organisation: str,
    lang: str,
    now: datetime,
    zone: ZoneInfo,
    trail: Sequence[Mapping[str, Any]] = (),
) -> Report:
    """The training record for an auditor: one row per employee employed in the period.

    Args:
        period: the period audited.
        employees: employed in the period (``Store.audit_employees``).
        reviews: per employee id, from ``Store.audit_reviews``.
        assignments: rows from ``Store.audit_assignments``.
        gaps: coverage gaps in the period (``Store.coverage_gaps``).
        decks: the decks, for the header.
        topic_retention: per topic (now).
        weeks: answers per week (``Store.reviews_per_week``).
        topic_names: topic id → names by language.
        pass_mark: the correct rate (percent) that counts as understanding.
        organisation: the organisation's name.
        lang: report language.
        now: when the report is made.
        zone: the organisation's timezone.
        trail: the admins' trail in the period (``at``, ``actor``, ``action``,
            ``subject``, ``counts``); an annex section only when there are entries.

    Returns:
        The report, with charts (retention per topic, answers per week).
    """
    gap_of = {g.employee_id: g for g in gaps}
    follow: dict[str, list[str]] = defaultdict(list)
    refreshers: dict[str, list[str]] = defaultdict(list)
    for a in assignments:
        finished = a.done >= a.assigned
        text = f"#{a.incident_id} {a.title}: {a.done}/{a.assigned}"
        if finished and a.last_done:
            text += f" ({t('progress.done', lang)} {_local_date(a.last_done, zone)})"
        target = follow if a.kind == "coverage" else refreshers
        target[a.employee_id].append(text)
    rows = []
    decks_by_id = {d.id: d for d in decks}
    for e in employees:
        r = reviews.get(e.id)
        rate = r.correct / r.reviews if r and r.reviews else None
        shortfall = []
        if not r:
            understanding = "not_trained"
            shortfall.append("not_trained")
        elif rate is not None and rate * 100 < pass_mark:
            understanding = "fail"
            shortfall.append("below_pass_mark")
        else:
            understanding = "pass"
        if e.id in gap_of and r:
            shortfall.append("coverage_gap")
        deck_texts = []
        for deck_id, version in r.decks if r else ():
            deck = decks_by_id.get(deck_id)
            title = _text(deck.title, lang) if deck else deck_id
            deck_texts.append(f"{title} ({deck_id}) v{version}")
        rows.append(
            {
                "employee_id": e.id,
                "name": e.name,
                "department": e.department,
                "training_dates": list(r.dates) if r else [],
                "reviews": r.reviews if r else 0,
                "cards": r.cards if r else 0,
                "topics_covered": r.topics if r else 0,
                "decks": deck_texts,
                "methods": list(r.methods) if r else [],
                "correct_rate": rate,
                "understanding": understanding,
                "shortfall": shortfall,
                "follow_up": follow.get(e.id, []),
                "incident_refreshers": refreshers.get(e.id, []),
            }
        )
    meta = [
        ("organisation", organisation or "—"),
        ("period", f"{period.start.isoformat()} – {period.end.isoformat()}"),
    ]
    for deck in decks:
        meta.append(("deck", deck.heading(lang)))
        meta.append(("source", deck.source_line(lang)))
    meta += [("pass_mark", f"{pass_mark}%"), ("generated", _when(now, zone))]
    charts = (
        _retention_chart(topic_names, {t: r.mean for t, r in topic_retention.items()}, lang),
        Chart(
            "chart_weeks",
            tuple((f"{w.month}/{w.day}", float(n)) for w, n in weeks.items()),
            unit="count",
        ),
    )
    return Report(
        kind="audit",
        lang=lang,
        meta=tuple(meta),
        sections=(
            Section(
                "audit",
                (
                    "employee_id",
                    "name",
                    "department",
                    "training_dates",
                    "reviews",
                    "cards",
                    "topics_covered",
                    "decks",
                    "methods",
                    "correct_rate",
                    "understanding",
                    "shortfall",
                    "follow_up",
                    "incident_refreshers",
                ),
                rows,
                percent=frozenset({"correct_rate"}),
                coded=frozenset({"understanding", "shortfall"}),
            ),
            *_trail_section(trail, zone),
        ),
        charts=charts,
        data={
            "period": [period.start, period.end],
            "pass_mark": pass_mark,
            "organisation": organisation,
            "decks": [{"id": d.id, "version": d.version, "source": dict(d.source)} for d in decks],
            "generated": now.isoformat(),
        },
    )


def build_coverage(
    gaps: Sequence[Gap],
    period: Period,
    topic_names: Mapping[str, Mapping[str, str]],
    *,
    active: int,
    lang: str,
    now: datetime,
    zone: ZoneInfo,
) -> Report:
    """Who is short in the audit period and what they are missing.

    Args:
        gaps: from ``Store.coverage_gaps``.
        period: the audit period.
        topic_names: topic id → names by language.
        active: active employees (for the header).
        lang: report language.
        now: when the report is made.
        zone: the organisation's timezone.

    Returns:
        The report (one row per short employee).
    """
    rows = [
        {
            "employee_id": g.employee_id,
            "name": g.name,
            "department": g.department,
            "missing_cards": list(g.cards),
            "missing_topics": [_topic(topic_names, t, lang) for t in g.topics],
        }
        for g in gaps
    ]
    short = t("short", lang)
    return Report(
        kind="coverage",
        lang=lang,
        meta=(
            ("period", f"{period.start.isoformat()} – {period.end.isoformat()}"),
            ("employees", f"{active} ({short}: {len(gaps)})"),
            ("generated", _when(now, zone)),
        ),
        sections=(
            Section(
                "coverage",
                ("employee_id", "name", "department", "missing_cards", "missing_topics"),
                rows,
            ),
        ),
        data={
            "period": [period.start, period.end],
            "active": active,
            "short": len(gaps),
            "missing_topic_ids": {g.employee_id: list(g.topics) for g in gaps},
            "generated": now.isoformat(),
        },
    )


def _retention_chart(
    topic_names: Mapping[str, Mapping[str, str]],
    means: Mapping[str, float | None],
    lang: str,
) -> Chart:
    """Mean estimated retention per topic (percent), in deck order (topics in ``means``)."""
    return Chart(
        "chart_retention",
        tuple(
            (_topic(topic_names, t, lang), (means[t] or 0.0) * 100)
            for t in topic_names
            if t in means
        ),
        unit="percent",
        horizontal=True,
    )


def _trail_section(trail: Sequence[Mapping[str, Any]], zone: ZoneInfo) -> tuple[Section, ...]:
    """The annex of an audit record: who changed what (only when someone did)."""
    if not trail:
        return ()
    rows = [
        {
            "trail_at": _when(row["at"], zone),
            "trail_actor": row["actor"],
            "trail_action": row["action"],
            "trail_subject": row["subject"],
            "trail_counts": ", ".join(f"{k}={v}" for k, v in sorted(row["counts"].items())),
        }
        for row in trail
    ]
    columns = ("trail_at", "trail_actor", "trail_action", "trail_subject", "trail_counts")
    return (Section("admin_trail", columns, rows, coded=frozenset({"trail_action"})),)
