"""An employee's status: due, overdue, next review, onboarding, retention."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from recall.core.answering import answer_card
from recall.core.deck import parse_deck
from recall.core.policy import Policy
from recall.core.queue import build_queue
from recall.core.status import employee_status, next_review
from tests.conftest import DECK

CARDS = parse_deck(DECK, "sample.yaml").cards
NOW = datetime(2026, 4, 1, 0, 0, tzinfo=UTC)


def test_new_employee_has_nothing_introduced_and_everything_ahead():
    policy = Policy()
    queue = build_queue(CARDS, {}, now=NOW, policy=policy, hired=date(2026, 4, 1))
    status = employee_status(CARDS, {}, queue, now=NOW, policy=policy)
    assert status.due_today == len(queue) > 0
    assert (status.overdue, status.introduced, status.total) == (0, 0, 4)
    assert (status.onboarding_seen, status.onboarding_total) == (0, 2)
    assert status.retention is None
    assert status.next_review == NOW


def test_after_answers_retention_and_next_review_are_estimated():
    policy = Policy()
    memories = {}
    for card in CARDS[:2]:
        m = policy.new_memory(hash(card.id) % 1000, NOW)
        for minutes in (0, 10):
            at = NOW + timedelta(minutes=minutes)
            m = answer_card(card, m, card.answer, 5000, at, policy, seed_key=card.id).after
        memories[card.id] = m
    later = NOW + timedelta(days=40)
    queue = build_queue(CARDS, memories, now=later, policy=policy, hired=date(2026, 4, 1))
    status = employee_status(CARDS, memories, queue, now=later, policy=policy)
    assert status.onboarding_seen == 2 and status.onboarding_done
    assert status.overdue == 2
    assert status.retention is not None and 0 < status.retention < 0.9


def test_a_missed_card_is_next_reviewed_now_once_it_is_all_that_is_left():
    """It is shown at once (queue.waiting's learn-ahead): the next review is now, not at
    the end of its one-minute step."""
    policy = Policy()
    card = CARDS[0]
    choice = next(c.key for c in card.choices if c.key != card.answer)
    after = answer_card(card, policy.new_memory(1, NOW), choice, 4000, NOW, policy, seed_key="x")
    memories = {card.id: after.after}
    now = NOW + timedelta(seconds=10)
    assert after.after.due > now
    queue = build_queue([card], memories, now=now, policy=policy, hired=date(2026, 4, 1))
    assert [q.card_id for q in queue] == [card.id]
    assert next_review([card], memories, queue, now=now, policy=policy) == now
