"""Today's queue for one employee: refreshers, then due cards, then new cards.

Order and limits:

1. **Refreshers** — cards assigned after an incident or a coverage gap, not yet done:
   first, lowest retrievability first, outside the daily limit.
2. **Due** — cards whose FSRS due time falls before the end of the organisation's day,
   lowest retrievability first (most forgotten first), within the daily limit minus the
   new-card quota. A card already answered today and still in its short (re)learning
   steps (e.g. answered wrongly) comes back outside the limit: it was counted when first
   shown today. It waits for its step while other cards are left, then comes back at
   the end of the same sitting (:func:`waiting`, :data:`LEARN_AHEAD`): a wrong answer is
   relearnt before the employee leaves, not at their next visit.
3. **New** — onboarding-core cards first (spread so the whole core is seen within the
   first ``onboarding_days`` working days); once the core is introduced, the rest of
   the deck at ``new_cards_per_day``.

How the two limits interact (:func:`share_slots`): the new-card quota (onboarding
spread, else ``new_cards_per_day``) is set aside first, so due reviews never starve new
cards; due reviews fill the rest of ``daily_limit``. The daily limit still caps the
total: with a limit of 10 and a quota of 3, a day has at most 3 new cards and at least
7 slots for due reviews. A backlog after a holiday is thus spread over the following
days, most forgotten first, while new cards keep coming.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import fsrs

from recall.core.codes import Reason
from recall.core.deck import Card
from recall.core.policy import Policy

__all__ = [
    "LEARN_AHEAD",
    "QueueItem",
    "build_queue",
    "in_learning_step",
    "reason_for",
    "share_slots",
    "stepping_today",
    "waiting",
]

#: Once nothing else is left today, a card whose short (re)learning step ends within this
#: is shown at once (Anki's "learn ahead limit" is also 20 minutes): the sitting ends with
#: the cards answered wrongly in it instead of sending the employee away to come back.
LEARN_AHEAD = timedelta(minutes=20)


@dataclass(frozen=True)
class QueueItem:
    """One card in today's queue and why it is there."""

    card_id: str
    reason: Reason
    retrievability: float | None


def build_queue(
    cards: Sequence[Card],
    memories: Mapping[str, fsrs.Card],
    *,
    now: datetime,
    policy: Policy,
    hired: date,
    assigned: Collection[str] = (),
    answered_today: int = 0,
    introduced_today: int = 0,
    limit: int | None = None,
) -> list[QueueItem]:
    """Build one employee's queue for the organisation's day containing ``now``.

    Args:
        cards: the cards the employee is enrolled in (deck order).
        memories: FSRS state per card id, for cards already introduced.
        now: the current instant (aware UTC).
        policy: the organisation's policy.
        hired: the employee's hire date (for the onboarding spread).
        assigned: card ids of open refresher assignments.
        answered_today: distinct cards answered today outside refreshers (they use the
            daily limit).
        introduced_today: new cards introduced today.
        limit: the daily limit; default the policy's ``daily_limit``.

    Returns:
        The queue, in the order the cards should be shown.
    """
    settings = policy.settings
    cap = settings.daily_limit if limit is None else limit
    start_of_day, end_of_day = policy.today_bounds(now)
    assigned_set = set(assigned)

    def recall_of(card_id: str) -> float:
        memory = memories.get(card_id)
        return policy.retrievability(memory, now) if memory is not None else 0.0

    queue: list[QueueItem] = []
    refreshers = sorted(
        (c.id for c in cards if c.id in assigned_set), key=lambda cid: (recall_of(cid), cid)
    )
    queue.extend(
        QueueItem(cid, Reason.REFRESHER, recall_of(cid) if cid in memories else None)
        for cid in refreshers
    )

    unseen = [c for c in cards if c.id not in memories and c.id not in assigned_set]
    onboarding_new = [c for c in unseen if c.onboarding]
    other_new = [c for c in unseen if not c.onboarding]
    quota = policy.onboarding_quota(
        hired, policy.local_date(now), len(onboarding_new), introduced_today
    )
    fresh = max(0, settings.new_cards_per_day - introduced_today)

    due = []
    for c in cards:
        memory = memories.get(c.id)
        if memory is None or c.id in assigned_set:
            continue
        if stepping_today(memory, start_of_day):
            # Counted once already today: its short learning step does not use the limit.
            # It stays in today's queue even when the step ends after midnight (a wrong
            # answer just before the day ends is still relearnt in the same sitting).
            queue.append(QueueItem(c.id, Reason.DUE, recall_of(c.id)))
        elif memory.due < end_of_day:
            due.append((recall_of(c.id), memory.due, c.id))
    due.sort()
    due_slots, onboarding_slots, new_slots = share_slots(
        max(0, cap - answered_today),
        due=len(due),
        onboarding=min(quota, len(onboarding_new)),
        new=min(fresh, len(other_new)) if not onboarding_new else 0,
    )
    queue.extend(QueueItem(cid, Reason.DUE, r) for r, _, cid in due[:due_slots])
    queue.extend(
        QueueItem(c.id, Reason.ONBOARDING, None) for c in onboarding_new[:onboarding_slots]
    )
    queue.extend(QueueItem(c.id, Reason.NEW, None) for c in other_new[:new_slots])
    return queue


def share_slots(room: int, *, due: int, onboarding: int, new: int) -> tuple[int, int, int]:
    """Share today's room between due reviews and new cards; new cards go first.

    Args:
        room: answers left within today's limit.
        due: due cards waiting.
        onboarding: onboarding cards to introduce today (the onboarding spread).
        new: other new cards to introduce today (``new_cards_per_day``, once the
            onboarding core is introduced).

    Returns:
        Slots for due cards, onboarding cards and other new cards; their sum never
        exceeds ``room``.
    """
    onboarding_slots = min(onboarding, room)
    new_slots = min(new, room - onboarding_slots)
    due_slots = min(due, room - onboarding_slots - new_slots)
    return due_slots, onboarding_slots, new_slots


def stepping_today(memory: fsrs.Card, start_of_day: datetime) -> bool:
    """A card in its (re)learning steps that was already reviewed today."""
    return (
        memory.state in (fsrs.State.Learning, fsrs.State.Relearning)
        and memory.last_review is not None
        and memory.last_review >= start_of_day
    )


def in_learning_step(memory: fsrs.Card | None, now: datetime, policy: Policy) -> bool:
    """A card answered today that waits for its short (re)learning step (e.g. answered
    wrongly a minute ago): it is in today's queue but not to be shown before its step."""
    if memory is None:
        return False
    start_of_day, _ = policy.today_bounds(now)
    return stepping_today(memory, start_of_day) and memory.due > now


def waiting(
    items: Sequence[QueueItem], memories: Mapping[str, fsrs.Card], now: datetime, policy: Policy
) -> list[QueueItem]:
    """The cards of today's queue ``items`` that are not to be shown yet.

    A card in its short (re)learning step (:func:`in_learning_step`) waits while any
    other card is left. When only such cards are left, those whose step ends within
    :data:`LEARN_AHEAD` are shown at once, so that the sitting ends by relearning them;
    the rest wait.
    """
    stepping = [i for i in items if in_learning_step(memories.get(i.card_id), now, policy)]
    if len(stepping) < len(items):
        return stepping
    return [i for i in stepping if memories[i.card_id].due > now + LEARN_AHEAD]


def reason_for(
    card: Card, memory: fsrs.Card | None, *, assigned: bool, now: datetime, policy: Policy
) -> Reason:
    """Why an answer to ``card`` is recorded as it is (the review log's reason).

    An open refresher is a refresher; a card never seen is onboarding (core) or new; a
    card due before the end of the organisation's day, or in the learning step of an
    answer given today (as :func:`build_queue` queues it), is a review; anything else was
    answered ahead of its time (extra).
    """
    if assigned:
        return Reason.REFRESHER
    if memory is None:
        return Reason.ONBOARDING if card.onboarding else Reason.NEW
    start_of_day, end_of_day = policy.today_bounds(now)
    if memory.due < end_of_day or stepping_today(memory, start_of_day):
        return Reason.DUE
    return Reason.EXTRA
