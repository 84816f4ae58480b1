"""Today's queue: most-forgotten first, daily cap, onboarding spread, learning steps."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import fsrs

from recall.core.answering import answer_card
from recall.core.deck import Card, parse_deck
from recall.core.policy import Policy, Settings
from recall.core.queue import LEARN_AHEAD, build_queue, reason_for, waiting
from tests.conftest import DECK

BASE = parse_deck(DECK, "sample.yaml").cards
NOW = datetime(2026, 4, 1, 0, 0, tzinfo=UTC)  # 09:00 in Tokyo, a Wednesday


def many_cards(n: int, onboarding: int) -> list[Card]:
    """n cards cloned from the sample, the first ``onboarding`` in the core."""
    return [replace(BASE[0], id=f"k{i:03d}", onboarding=i < onboarding, line=0) for i in range(n)]


def review_memory(days_ago: float, stability: float, key: int) -> fsrs.Card:
    last = NOW - timedelta(days=days_ago)
    return fsrs.Card(
        card_id=key,
        state=fsrs.State.Review,
        step=None,
        stability=stability,
        difficulty=5.0,
        due=last + timedelta(days=stability),
        last_review=last,
    )


def test_due_cards_come_lowest_retrievability_first_then_new():
    cards = many_cards(6, onboarding=0)
    memories = {
        "k000": review_memory(10, 5, 1),  # long overdue: most forgotten
        "k001": review_memory(3, 3, 2),  # due today
        "k002": review_memory(40, 30, 3),  # overdue by 10 days, but stable
        "k003": review_memory(1, 20, 4),  # not due
    }
    policy = Policy(Settings(new_cards_per_day=1))
    queue = build_queue(cards, memories, now=NOW, policy=policy, hired=date(2025, 1, 6))
    assert [(q.card_id, q.reason) for q in queue] == [
        ("k000", "due"),
        ("k002", "due"),
        ("k001", "due"),
        ("k004", "new"),
    ]
    r = [q.retrievability for q in queue[:3]]
    assert r == sorted(r)


def test_backlog_after_a_holiday_is_spread_most_forgotten_first():
    cards = many_cards(25, onboarding=0)
    memories = {c.id: review_memory(5 + i, 2 + i % 3, i) for i, c in enumerate(cards)}
    policy = Policy(Settings(daily_limit=10))
    queue = build_queue(cards, memories, now=NOW, policy=policy, hired=date(2025, 1, 6))
    assert len(queue) == 10
    everything = build_queue(
        cards, memories, now=NOW, policy=policy, hired=date(2025, 1, 6), limit=100
    )
    assert [q.card_id for q in queue] == [q.card_id for q in everything[:10]]
    # what was answered today uses the cap
    rest = build_queue(
        cards, memories, now=NOW, policy=policy, hired=date(2025, 1, 6), answered_today=7
    )
    assert len(rest) == 3


def test_onboarding_core_is_seen_within_n_working_days_then_the_rest_at_the_new_limit():
    cards = many_cards(40, onboarding=23)
    policy = Policy(Settings(onboarding_days=10, new_cards_per_day=3, daily_limit=10))
    hired = date(2026, 4, 1)  # Wednesday
    memories: dict[str, fsrs.Card] = {}
    seen_on: dict[str, date] = {}
    day = hired
    for offset in range(30):
        day = hired + timedelta(days=offset)
        if day.weekday() >= 5:
            continue  # nobody reviews at the weekend
        now = policy.day_start(day) + timedelta(hours=9)
        for item in build_queue(cards, memories, now=now, policy=policy, hired=hired):
            card = next(c for c in cards if c.id == item.card_id)
            memory = memories.get(card.id) or policy.new_memory(hash(card.id) % 10**9, now)
            result = answer_card(card, memory, card.answer, 5000, now, policy, seed_key=card.id)
            memories[card.id] = result.after
            seen_on.setdefault(card.id, day)
            if item.reason == "new":
                assert all(c.id in seen_on for c in cards if c.onboarding)
    core_days = [seen_on[c.id] for c in cards if c.onboarding]
    assert max(core_days) <= date(2026, 4, 14)  # the 10th working day
    new_per_day: dict[date, int] = {}
    for c in cards:
        if not c.onboarding and c.id in seen_on:
            new_per_day[seen_on[c.id]] = new_per_day.get(seen_on[c.id], 0) + 1
    assert new_per_day and max(new_per_day.values()) <= 3


def test_a_card_in_its_learning_steps_today_does_not_use_the_daily_limit():
    cards = many_cards(3, onboarding=0)
    policy = Policy(Settings(daily_limit=1))
    memory = policy.new_memory(1, NOW)
    wrong = answer_card(cards[0], memory, "a", 4000, NOW, policy, seed_key="x")
    assert wrong.rating == fsrs.Rating.Again
    later = NOW + timedelta(minutes=5)
    queue = build_queue(
        cards,
        {cards[0].id: wrong.after},
        now=later,
        policy=policy,
        hired=date(2025, 1, 6),
        answered_today=1,
        introduced_today=1,
    )
    assert [(q.card_id, q.reason) for q in queue] == [("k000", "due")]


def test_due_reviews_never_starve_new_cards_and_the_limit_caps_both():
    cards = many_cards(40, onboarding=0)
    memories = {c.id: review_memory(5 + i, 2, i) for i, c in enumerate(cards[:30])}
    policy = Policy(Settings(daily_limit=10, new_cards_per_day=3))
    queue = build_queue(cards, memories, now=NOW, policy=policy, hired=date(2025, 1, 6))
    reasons = [q.reason for q in queue]
    assert reasons == ["due"] * 7 + ["new"] * 3
    assert [q.card_id for q in queue[7:]] == ["k030", "k031", "k032"]
    tight = Policy(Settings(daily_limit=2, new_cards_per_day=3))
    queue = build_queue(cards, memories, now=NOW, policy=tight, hired=date(2025, 1, 6))
    assert [q.reason for q in queue] == ["new", "new"]


# --- a wrong answer is relearnt at the end of the same sitting (queue.waiting) -------------


def _after_wrong_answer(policy: Policy, cards: list[Card], memories=None):
    """``cards[0]`` answered wrongly at NOW (its first answer unless ``memories`` has it)."""
    memories = dict(memories or {})
    memory = memories.get(cards[0].id) or policy.new_memory(1, NOW)
    wrong = answer_card(cards[0], memory, "a", 4000, NOW, policy, seed_key="x")
    assert wrong.rating == fsrs.Rating.Again
    return {**memories, cards[0].id: wrong.after}


def _queue(policy: Policy, cards: list[Card], memories, now: datetime, introduced: int = 1):
    return build_queue(
        cards,
        memories,
        now=now,
        policy=policy,
        hired=date(2025, 1, 6),
        answered_today=introduced,
        introduced_today=introduced,
    )


def test_a_card_answered_wrongly_waits_while_another_card_is_left():
    cards = many_cards(2, onboarding=0)
    policy = Policy(Settings(new_cards_per_day=2))
    memories = _after_wrong_answer(policy, cards)
    now = NOW + timedelta(seconds=20)  # within its one-minute step
    queue = _queue(policy, cards, memories, now)
    assert [q.card_id for q in queue] == ["k000", "k001"]
    assert [q.card_id for q in waiting(queue, memories, now, policy)] == ["k000"]
    # once its step has passed it is no longer waiting, others left or not
    later = NOW + policy.scheduler.learning_steps[0]
    assert waiting(_queue(policy, cards, memories, later), memories, later, policy) == []


def test_a_card_answered_wrongly_is_shown_at_once_when_it_is_all_that_is_left():
    cards = many_cards(2, onboarding=0)
    policy = Policy(Settings(new_cards_per_day=2))
    memories = _after_wrong_answer(policy, cards)
    now = NOW + timedelta(seconds=20)
    right = answer_card(cards[1], policy.new_memory(2, now), "b", 4000, now, policy, seed_key="y")
    assert right.after.state == fsrs.State.Review  # a right first answer graduates at once
    memories[cards[1].id] = right.after
    queue = _queue(policy, cards, memories, now, introduced=2)
    assert [q.card_id for q in queue] == ["k000"]
    assert memories["k000"].due > now  # its step has not ended ...
    assert waiting(queue, memories, now, policy) == []  # ... but nothing else is left


def test_a_lapse_waits_for_the_others_then_is_relearnt_in_the_same_sitting():
    cards = many_cards(2, onboarding=0)
    policy = Policy(Settings(new_cards_per_day=0))
    learnt = {
        "k000": review_memory(10, 5, 1),
        "k001": review_memory(10, 5, 2),
    }
    memories = _after_wrong_answer(policy, cards, learnt)
    assert memories["k000"].state == fsrs.State.Relearning
    assert memories["k000"].due == NOW + policy.scheduler.relearning_steps[0]
    now = NOW + timedelta(seconds=30)
    queue = _queue(policy, cards, memories, now)
    assert [q.card_id for q in queue] == ["k000", "k001"]
    assert [q.card_id for q in waiting(queue, memories, now, policy)] == ["k000"]
    alone = [q for q in queue if q.card_id == "k000"]
    assert waiting(alone, memories, now, policy) == []


def test_a_step_ending_after_the_learn_ahead_limit_waits_even_alone():
    cards = many_cards(1, onboarding=0)
    for step, waits in ((LEARN_AHEAD, False), (LEARN_AHEAD + timedelta(minutes=1), True)):
        policy = Policy(learning_steps=(step,))
        memories = _after_wrong_answer(policy, cards)
        assert memories["k000"].due == NOW + step
        queue = _queue(policy, cards, memories, NOW)
        assert [q.card_id for q in queue] == ["k000"]
        assert [q.card_id for q in waiting(queue, memories, NOW, policy)] == (
            ["k000"] if waits else []
        ), step


def test_a_step_ending_after_midnight_stays_in_the_sitting_of_the_wrong_answer():
    cards = many_cards(1, onboarding=0)
    policy = Policy()
    late = datetime(2026, 4, 1, 14, 59, 30, tzinfo=UTC)  # 23:59:30 in Tokyo
    memory = policy.new_memory(1, late)
    wrong = answer_card(cards[0], memory, "a", 4000, late, policy, seed_key="x")
    assert wrong.after.due >= policy.today_bounds(late)[1]  # the step ends tomorrow
    memories = {cards[0].id: wrong.after}
    now = late + timedelta(seconds=10)
    queue = _queue(policy, cards, memories, now)
    assert [(q.card_id, q.reason) for q in queue] == [("k000", "due")]
    assert waiting(queue, memories, now, policy) == []
    assert reason_for(cards[0], wrong.after, assigned=False, now=now, policy=policy) == "due"
