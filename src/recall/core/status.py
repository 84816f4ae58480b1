"""One employee's training status: what is due, onboarding progress, estimated retention.

Class :class:`EmployeeStatus`; function :func:`employee_status`. Pure: given the cards,
the memory states, today's queue, the time and the policy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import fsrs

from recall.core.deck import Card
from recall.core.policy import Policy
from recall.core.queue import QueueItem, waiting

__all__ = ["EmployeeStatus", "employee_status", "next_review"]


@dataclass(frozen=True)
class EmployeeStatus:
    """What ``recall status`` shows for one employee."""

    due_today: int
    overdue: int
    next_review: datetime | None
    introduced: int
    total: int
    onboarding_seen: int
    onboarding_total: int
    retention: float | None

    @property
    def onboarding_done(self) -> bool:
        """Whether every onboarding-core card has been introduced."""
        return self.onboarding_seen >= self.onboarding_total


def next_review(
    cards: Sequence[Card],
    memories: Mapping[str, fsrs.Card],
    queue: Sequence[QueueItem],
    *,
    now: datetime,
    policy: Policy,
) -> datetime | None:
    """When the employee next has a card to review (aware UTC), or None if never.

    A card of today's queue is due now, unless it waits for its learning step
    (:func:`recall.core.queue.waiting`): then at the step's end; a card held back by the
    daily limit, or a new card not yet introduced, waits until tomorrow; any other card
    comes back at its FSRS due time.
    """
    _, end_of_day = policy.today_bounds(now)
    tomorrow = end_of_day
    queued = {item.card_id for item in queue}
    later = {item.card_id for item in waiting(queue, memories, now, policy)}
    candidates: list[datetime] = []
    for card in cards:
        memory = memories.get(card.id)
        if memory is None:
            candidates.append(now if card.id in queued else tomorrow)
        elif card.id in later:
            candidates.append(memory.due)
        elif card.id in queued:
            candidates.append(now)
        elif memory.due < end_of_day:
            candidates.append(tomorrow)
        else:
            candidates.append(memory.due)
    if not candidates:
        return None
    return min(candidates)


def employee_status(
    cards: Sequence[Card],
    memories: Mapping[str, fsrs.Card],
    queue: Sequence[QueueItem],
    *,
    now: datetime,
    policy: Policy,
) -> EmployeeStatus:
    """Summarise one employee's training.

    Args:
        cards: the cards the employee is enrolled in.
        memories: FSRS state per card already introduced.
        queue: today's queue (from :func:`recall.core.queue.build_queue`).
        now: the current instant (aware UTC).
        policy: the organisation's policy.

    Returns:
        Due today (the queue's length), overdue cards (due before today began), the
        next review time, introduced and onboarding counts, and the estimated retention:
        the mean FSRS retrievability over cards already reviewed (None before any).
    """
    start_of_day, _ = policy.today_bounds(now)
    ids = {c.id for c in cards}
    known = {cid: m for cid, m in memories.items() if cid in ids}
    reviewed = [m for m in known.values() if m.last_review is not None]
    retention = (
        sum(policy.retrievability(m, now) for m in reviewed) / len(reviewed) if reviewed else None
    )
    onboarding = [c for c in cards if c.onboarding]
    return EmployeeStatus(
        due_today=len(queue),
        overdue=sum(1 for m in known.values() if m.due < start_of_day),
        next_review=next_review(cards, memories, queue, now=now, policy=policy),
        introduced=len(known),
        total=len(cards),
        onboarding_seen=sum(1 for c in onboarding if c.id in known),
        onboarding_total=len(onboarding),
        retention=retention,
    )
