"""Incidents and coverage refreshers: record one (its topics' cards become refreshers for
everyone in scope), list them, and assign what people miss in the audit period.

Long work tells a ``progress`` callback each phase (finding, assigning, saving) and how
many people are done; it only watches (see :mod:`recall.core.progress`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from recall.core.codes import TrailAction
from recall.core.incident import (
    IncidentOutcome,
    IncidentSpec,
    Scope,
    check_deadline,
    resolve_deadline,
)
from recall.core.progress import Phase, ProgressCallback, Step, quiet
from recall.core.values import check_name
from recall.service.admins import note as trail_note
from recall.service.clock import stamp
from recall.store import Store

__all__ = ["CoverageOutcome", "deadline_from", "record", "refresh_coverage"]


def deadline_from(
    store: Store, now: datetime, deadline: date | None, within: str | None
) -> date | None:
    """The deadline from an explicit date or a span (``7d``, ``2w``) counted from today.

    Raises:
        InputError: both given, or a span that cannot be read.
    """
    return resolve_deadline(store.policy().local_date(now), deadline, within)


def record(
    store: Store,
    now: datetime,
    *,
    title: str,
    occurred: date,
    topics: tuple[str, ...],
    scope: Scope,
    deadline: date | None,
    note: str | None,
    dry_run: bool,
    actor: str | None = None,
    progress: ProgressCallback = quiet,
) -> IncidentOutcome:
    """Record an incident and assign its topics' cards as refreshers, in one transaction.

    With ``dry_run`` nothing is written; the outcome says what would be assigned. An
    ``actor`` (an admin) is recorded in the admins' trail in the same transaction.
    ``progress`` is told how many people have their refreshers (inside the
    transaction: it must not write).

    Raises:
        InputError: an unknown topic, department or employee, an empty scope, a title
            with control characters or over 200 characters, or dates that do not fit
            together (nothing is recorded).
    """
    spec = IncidentSpec(  # the title: no control or bidi character, 200 at most
        title=check_name(title, "--title"),
        occurred=occurred,
        topics=topics,
        scope=scope,
        deadline=deadline,
        note=note,
    )
    if dry_run:
        return store.add_incident(spec, now, dry_run=True, progress=progress)
    with store.transaction():
        stamp(store, now)  # the clock rule (never backdated)
        outcome = store.add_incident(spec, now, dry_run=False, progress=progress)
        trail_note(store, actor, now, TrailAction.INCIDENT, spec.title, _counts(outcome))
        progress(Step(Phase.SAVING))
        return outcome


@dataclass(frozen=True)
class CoverageOutcome:
    """What a coverage refresh assigned (or would), and who is still short."""

    outcome: IncidentOutcome
    short: int


def refresh_coverage(
    store: Store,
    now: datetime,
    *,
    deadline: date | None,
    dry_run: bool,
    actor: str | None = None,
    progress: ProgressCallback = quiet,
) -> CoverageOutcome:
    """Assign each active employee what they miss in the current audit period, in one
    transaction; ``progress`` is told when the gaps are being found and how many people
    have their refreshers (it must not write).

    Returns:
        The outcome, and how many employees are short (for the message when nothing new
        was assigned).

    Raises:
        InputError: the deadline has passed or is more than a year ahead.
    """
    if deadline is not None:
        check_deadline(deadline, store.policy().local_date(now))
    if dry_run:
        outcome = store.refresh_coverage(now, deadline=deadline, dry_run=True, progress=progress)
    else:
        with store.transaction():
            stamp(store, now)  # the clock rule (never backdated)
            outcome = store.refresh_coverage(
                now, deadline=deadline, dry_run=False, progress=progress
            )
            subject = deadline.isoformat() if deadline else "-"
            trail_note(store, actor, now, TrailAction.COVERAGE, subject, _counts(outcome))
            progress(Step(Phase.SAVING))
    short = 0
    if outcome.assignments == 0:
        short = len(store.coverage_gaps(store.audit_period(now)))
    return CoverageOutcome(outcome, short)


def _counts(outcome: IncidentOutcome) -> dict[str, int]:
    return {
        "employees": outcome.employees,
        "cards": outcome.cards,
        "assignments": outcome.assignments,
    }
