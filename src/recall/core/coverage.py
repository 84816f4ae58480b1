"""The audit period and what an employee is missing in it (JIS Q 15001: trained yearly).

Classes: :class:`Period` (first and last day, both included), :class:`Gap` (what one
employee has not done in the period). Functions: :func:`audit_period` (the fiscal year
containing a day), :func:`refresher_cards` (the cards that close a gap).

Coverage rule: within the period, every active employee has answered every
onboarding-core card at least once, and at least one card of every topic.

To close a gap, :func:`refresher_cards` assigns every missing onboarding card, and for
each missing topic **one** card: the one the employee knows least (lowest FSRS
retrievability; a card never reviewed counts as 0; ties go to deck order). One answer is
what the rule asks for, and the weakest card is where the answer teaches most.

Pure: no I/O and no clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from recall.errors import InputError

__all__ = ["Gap", "Period", "audit_period", "refresher_cards"]


@dataclass(frozen=True)
class Period:
    """A span of the organisation's calendar, ``start`` and ``end`` both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InputError.of("error.period_reversed", start=self.start, end=self.end)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def end_exclusive(self) -> date:
        """The day after the last day (for half-open time ranges)."""
        return self.end + timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def audit_period(day: date, fiscal_year_start: str = "04-01") -> Period:
    """The fiscal year that contains ``day``.

    Args:
        day: a day of the organisation's calendar.
        fiscal_year_start: the first day of the fiscal year, ``MM-DD``.

    Returns:
        The period from the last fiscal-year start on or before ``day`` to the day before
        the next one (e.g. 2026-04-01..2027-03-31 for any day in it, with ``04-01``).

    Raises:
        InputError: ``fiscal_year_start`` is not ``MM-DD``.
    """
    try:
        month, dom = (int(x) for x in fiscal_year_start.split("-"))
        start = date(day.year, month, dom)
    except ValueError:
        raise InputError.of("error.fiscal_year_start", value=repr(fiscal_year_start)) from None
    if start > day:
        start = start.replace(year=day.year - 1)
    return Period(start, start.replace(year=start.year + 1) - timedelta(days=1))


@dataclass(frozen=True)
class Gap:
    """What one employee has not done in the period."""

    employee_id: str
    cards: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    name: str = ""
    department: str = ""
    extra: Mapping[str, object] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """Whether nothing is missing."""
        return not self.cards and not self.topics


def refresher_cards(
    gap: Gap,
    topic_cards: Mapping[str, Sequence[str]],
    retrievability: Mapping[str, float],
    *,
    already_open: frozenset[str] | set[str] = frozenset(),
) -> list[str]:
    """The cards to assign so that ``gap`` closes once they are answered.

    Args:
        gap: the missing onboarding cards and topics.
        topic_cards: each topic's active cards, in deck order.
        retrievability: the employee's current retrievability per card (missing = 0).
        already_open: cards with an open refresher already (not assigned twice; a topic
            with an open refresher card is already being closed).

    Returns:
        Card ids, without repeats: missing onboarding cards first, then one card per
        missing topic (the least known).
    """
    chosen: dict[str, None] = {c: None for c in gap.cards if c not in already_open}
    for topic in gap.topics:
        candidates = list(topic_cards.get(topic, ()))
        if not candidates:
            continue
        if any(c in already_open or c in chosen for c in candidates):
            continue
        weakest = min(
            enumerate(candidates), key=lambda item: (retrievability.get(item[1], 0.0), item[0])
        )[1]
        chosen[weakest] = None
    return list(chosen)
