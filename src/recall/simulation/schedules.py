"""The scheduling policies compared: fixed intervals (today's practice) and recall's own.

Classes: :class:`PolicySpec` (a picklable description), :class:`FixedInterval` (every
card again a fixed number of days after it was last answered: annual, quarterly, every
30 days) and :class:`RecallSchedule` (the product's own path: ``build_queue`` +
``answer_card`` + ``Policy``, with incident refreshers passed as ``assigned``).
Function: :func:`default_policies`.

A schedule is asked once per study day which cards to show (:meth:`plan`), is told each
answer (:meth:`record`), and is told about incidents (:meth:`assign`). It never sees the
simulated employee's memory, only choices and response times, as the product does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

import fsrs

from recall.core.answering import answer_card
from recall.core.deck import Card
from recall.core.policy import Policy, Settings
from recall.core.queue import build_queue

__all__ = [
    "FixedInterval",
    "PolicySpec",
    "RecallSchedule",
    "Schedule",
    "default_policies",
]


class Schedule(Protocol):
    """What the run loop needs from a policy."""

    def plan(self, day: int, now: datetime) -> list[tuple[str, str]]:
        """Cards to show today, in order, each with the reason it is shown."""
        ...

    def record(self, card: Card, choice: str, response_ms: int, now: datetime, day: int) -> None:
        """One answer, in the order planned."""
        ...

    def assign(self, card_ids: Iterable[str]) -> None:
        """An incident made these cards refreshers."""
        ...


@dataclass(frozen=True)
class PolicySpec:
    """A policy to simulate, described by value so that worker processes can build it.

    Attributes:
        name: the name shown in reports.
        interval_days: for a fixed-interval policy, days between two reviews of a card.
        desired_retention: for recall's scheduler, the organisation's desired retention.
    """

    name: str
    interval_days: int | None = None
    desired_retention: float | None = None

    def __post_init__(self) -> None:
        if (self.interval_days is None) == (self.desired_retention is None):
            raise ValueError(f"policy {self.name}: give interval_days or desired_retention")

    @property
    def is_recall(self) -> bool:
        """Whether this is recall's own scheduler."""
        return self.desired_retention is not None

    def build(self, cards: Sequence[Card], *, seed: int, hired: date, employee: int) -> Schedule:
        """A fresh schedule for one employee.

        Args:
            cards: the deck's cards (deck order).
            seed: the simulation seed (recall's fuzz seed).
            hired: the employee's first day.
            employee: the employee's index (for card keys and fuzz).

        Returns:
            The schedule.
        """
        if self.interval_days is not None:
            return FixedInterval(cards, self.interval_days)
        assert self.desired_retention is not None
        settings = Settings(desired_retention=self.desired_retention, seed=seed)
        return RecallSchedule(cards, Policy(settings), hired=hired, employee=employee)


def default_policies() -> list[PolicySpec]:
    """The policies of the retention benchmark, in report order."""
    return [
        PolicySpec("annual", interval_days=365),
        PolicySpec("quarterly quiz", interval_days=90),
        PolicySpec("fixed 30 days", interval_days=30),
        PolicySpec("recall (0.90)", desired_retention=0.9),
        PolicySpec("recall 0.80", desired_retention=0.8),
        PolicySpec("recall 0.85", desired_retention=0.85),
        PolicySpec("recall 0.95", desired_retention=0.95),
    ]


class FixedInterval:
    """Every card at the first session, then again ``interval`` days after each answer.

    With an interval of 365 this is the annual training; 90, the quarterly quiz. A card
    due while the employee is away is shown at their next session. No daily limit, no
    refreshers.
    """

    def __init__(self, cards: Sequence[Card], interval: int) -> None:
        self._order = [c.id for c in cards]
        self._interval = interval
        self._next: dict[str, int] = dict.fromkeys(self._order, 0)
        self.scheduled = 0
        self.recorded = 0

    def plan(self, day: int, now: datetime) -> list[tuple[str, str]]:
        """Cards due today or earlier, in deck order."""
        items = [(cid, "due") for cid in self._order if self._next[cid] <= day]
        self.scheduled += len(items)
        return items

    def record(self, card: Card, choice: str, response_ms: int, now: datetime, day: int) -> None:
        """Schedule the card ``interval`` days later."""
        self._next[card.id] = day + self._interval
        self.recorded += 1

    def assign(self, card_ids: Iterable[str]) -> None:
        """Incidents change nothing in a fixed schedule."""


class RecallSchedule:
    """recall's scheduler exactly as the product runs it.

    Args:
        cards: the deck's cards (deck order).
        policy: the organisation's policy (settings and fsrs scheduler).
        hired: the employee's first day (for the onboarding spread).
        employee: the employee's index (card keys and fuzz seeds).
    """

    def __init__(
        self, cards: Sequence[Card], policy: Policy, *, hired: date, employee: int
    ) -> None:
        self._cards = list(cards)
        self._index = {c.id: i for i, c in enumerate(self._cards)}
        self._policy = policy
        self._hired = hired
        self._employee = employee
        self.memories: dict[str, fsrs.Card] = {}
        self.assigned: set[str] = set()
        self.scheduled = 0
        self.recorded = 0
        self.reasons: dict[str, int] = {}

    def plan(self, day: int, now: datetime) -> list[tuple[str, str]]:
        """Today's queue from ``build_queue`` (one session per study day)."""
        queue = build_queue(
            self._cards,
            self.memories,
            now=now,
            policy=self._policy,
            hired=self._hired,
            assigned=self.assigned,
        )
        self.scheduled += len(queue)
        for item in queue:
            self.reasons[item.reason] = self.reasons.get(item.reason, 0) + 1
        return [(item.card_id, item.reason) for item in queue]

    def record(self, card: Card, choice: str, response_ms: int, now: datetime, day: int) -> None:
        """Grade and review through ``answer_card``; a refresher answered is closed."""
        memory = self.memories.get(card.id)
        if memory is None:
            key = self._employee * 100_000 + self._index[card.id] + 1
            memory = self._policy.new_memory(key, now)
        answer = answer_card(
            card,
            memory,
            choice,
            response_ms,
            now,
            self._policy,
            seed_key=f"{self._employee}:{card.id}",
        )
        self.memories[card.id] = answer.after
        self.assigned.discard(card.id)
        self.recorded += 1

    def assign(self, card_ids: Iterable[str]) -> None:
        """Open refresher assignments (until answered), as ``recall incident`` does."""
        self.assigned.update(card_ids)
