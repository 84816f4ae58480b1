"""Item analysis on hand-made answer sequences: every figure, the discrimination index,
each flag and the minimum-learners rule."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest

from recall.core.items import MIN_LEARNERS, Attempt, History, ItemFlag, analyse_items

T0 = datetime(2026, 4, 1, tzinfo=UTC)


def history(
    employee: str,
    card: str,
    answers: str,
    *,
    ms: list[int | None] | None = None,
    seen_before: bool = False,
    right_before: bool = False,
    old: int = 0,
) -> History:
    """``answers`` as R (right) / W (wrong), one day apart; the first ``old`` answer an
    older wording of the card."""
    times = ms or [None] * len(answers)
    return History(
        employee,
        card,
        tuple(
            Attempt(a == "R", times[i], T0 + timedelta(days=i), current=i >= old)
            for i, a in enumerate(answers)
        ),
        seen_before=seen_before,
        right_before=right_before,
    )


def one(rows, card_id):
    (row,) = [r for r in rows if r.card_id == card_id]
    return row


def test_first_sight_later_reviews_lapses_and_median():
    rows = analyse_items(
        [
            history("e1", "c", "WRWR", ms=[4000, 2000, 9000, 1000]),
            history("e2", "c", "RR", ms=[3000, None]),
            # answered (and right) before the period: no first sight in it, a lapse
            history("e3", "c", "W", ms=[5000], seen_before=True, right_before=True),
        ],
        {"c": 3},
    )
    row = one(rows, "c")
    assert (row.learners, row.first_sight, row.first_right) == (3, 2, 0.5)
    assert row.chance == pytest.approx(1 / 3)
    assert (row.later_answers, row.later_right) == (5, 3 / 5)  # R W R, R, W
    assert row.lapses == 2  # e1's third answer, e3's answer
    assert row.median_seconds == 3.5  # of 1, 2, 3, 4, 5, 9 s (None not counted)


def test_seen_before_but_never_right_is_no_lapse():
    row = one(analyse_items([history("e1", "c", "WW", seen_before=True)], {"c": 2}), "c")
    assert (row.first_sight, row.first_right, row.later_answers, row.lapses) == (0, None, 2, 0)


def test_an_older_wording_is_history_not_figures():
    # the first answer was to the old wording: the current wording is never "first sight"
    row = one(analyse_items([history("e1", "c", "RW", old=1)], {"c": 2}), "c")
    assert (row.learners, row.first_sight, row.later_answers, row.later_right) == (1, 0, 1, 0.0)
    assert row.lapses == 1


def test_a_card_nobody_answered_has_a_row_without_figures():
    row = one(analyse_items([], {"c": 4}), "c")
    assert (row.learners, row.first_sight, row.lapses) == (0, 0, 0)
    assert row.first_right is row.later_right is row.median_seconds is row.discrimination is None
    assert row.flag is None and not row.enough


def test_answers_to_cards_no_longer_in_a_deck_are_ignored():
    rows = analyse_items([history("e1", "gone", "R"), history("e1", "c", "R")], {"c": 2})
    assert [r.card_id for r in rows] == ["c"]


def _rest(employee: str, right: int, total: int = 2) -> list[History]:
    return [history(employee, f"rest{i}", "R" if i < right else "W") for i in range(total)]


def test_discrimination_is_the_point_biserial_correlation_with_the_rest_score():
    # rest scores 1, .5, .5, 0; right on x: 1, 1, 0, 0 -> r = .5 / sqrt(1 * .5)
    learners = [("e1", "R", 2), ("e2", "R", 1), ("e3", "W", 1), ("e4", "W", 0)]
    histories = [history(e, "x", a) for e, a, _ in learners]
    for e, _, right in learners:
        histories += _rest(e, right)
    cards = {"x": 2, "rest0": 2, "rest1": 2}
    assert one(analyse_items(histories, cards), "x").discrimination == pytest.approx(math.sqrt(0.5))
    # the weak learners right, the strong ones wrong: the same size, negative
    flipped = [history(e, "x", "W" if a == "R" else "R") for e, a, _ in learners]
    for e, _, right in learners:
        flipped += _rest(e, right)
    assert one(analyse_items(flipped, cards), "x").discrimination == pytest.approx(-math.sqrt(0.5))


def test_discrimination_leaves_out_this_card_and_later_answers():
    # e1's own right answer on x does not raise e1's rest score; later answers don't count
    histories = [
        history("e1", "x", "RW"),
        history("e2", "x", "WR"),
        *_rest("e1", 0),
        *_rest("e2", 2),
    ]
    row = one(analyse_items(histories, {"x": 2, "rest0": 2, "rest1": 2}), "x")
    assert row.discrimination == pytest.approx(-1.0)


def test_discrimination_is_none_when_it_cannot_be_computed():
    everyone_right = [history(f"e{i}", "x", "R") for i in range(3)]
    for i in range(3):
        everyone_right += _rest(f"e{i}", i)
    cards = {"x": 2, "rest0": 2, "rest1": 2}
    assert one(analyse_items(everyone_right, cards), "x").discrimination is None
    same_rest = [history("e1", "x", "R"), history("e2", "x", "W"), *_rest("e1", 1)]
    same_rest += _rest("e2", 1)
    assert one(analyse_items(same_rest, cards), "x").discrimination is None
    no_rest = [history("e1", "x", "R"), history("e2", "x", "W")]
    assert one(analyse_items(no_rest, {"x": 2}), "x").discrimination is None


def card_with(card: str, right: int, total: int, *, strong_right: bool = True) -> list[History]:
    """``total`` learners meet ``card`` at first sight, ``right`` of them right. Each also
    meets two other cards; with ``strong_right`` those right on ``card`` are the ones
    right on the others (high discrimination), else it is the other way round."""
    histories = []
    for i in range(total):
        correct = i < right
        histories.append(history(f"{card}-e{i}", card, "R" if correct else "W"))
        histories += [
            history(f"{card}-e{i}", f"{card}-r{k}", "R" if correct == strong_right else "W")
            for k in range(2)
        ]
    return histories


def analyse(histories: list[History], cards: dict[str, int]) -> list:
    full = dict(cards)
    for h in histories:
        full.setdefault(h.card_id, 2)
    return analyse_items(histories, full)


def test_confusing_is_below_chance():
    row = one(analyse(card_with("c", 2, 10), {"c": 4}), "c")  # 20% < 25%
    assert row.flag == ItemFlag.CONFUSING


def test_too_hard_is_below_three_in_ten_but_not_below_chance():
    assert one(analyse(card_with("c", 5, 20), {"c": 4}), "c").flag == ItemFlag.TOO_HARD  # 25%
    assert one(analyse(card_with("c", 6, 20), {"c": 4}), "c").flag is None  # 30%
    # on a two-choice card 40% is below chance: confusing, not too hard
    assert one(analyse(card_with("c", 4, 10), {"c": 2}), "c").flag == ItemFlag.CONFUSING


def test_guessed_is_far_above_chance_and_low_discrimination():
    # everyone right: discrimination cannot be computed, the card separates nobody
    row = one(analyse(card_with("c", 10, 10), {"c": 2}), "c")
    assert (row.first_right, row.discrimination, row.flag) == (1.0, None, ItemFlag.GUESSED)
    # 9 of 10 right, and the one wrong is the strongest learner: negative discrimination
    row = one(analyse(card_with("c", 9, 10, strong_right=False), {"c": 2}), "c")
    assert row.discrimination < 0.2 and row.flag == ItemFlag.GUESSED
    # 9 of 10 right, the one wrong is the weakest learner: it discriminates, no flag
    row = one(analyse(card_with("c", 9, 10), {"c": 2}), "c")
    assert row.discrimination > 0.2 and row.flag is None
    # 85% on a four-choice card is 80% beyond chance; 80% is not far enough
    assert one(analyse(card_with("c", 17, 20, strong_right=False), {"c": 4}), "c").flag == (
        ItemFlag.GUESSED
    )
    assert one(analyse(card_with("c", 16, 20, strong_right=False), {"c": 4}), "c").flag is None
    # 85% on a two-choice card is only 70% beyond chance
    assert one(analyse(card_with("c", 17, 20, strong_right=False), {"c": 2}), "c").flag is None


def test_cards_met_at_first_sight_by_too_few_learners_get_no_flag():
    assert MIN_LEARNERS == 10
    few = one(analyse(card_with("c", 0, 9), {"c": 4}), "c")
    assert (few.first_right, few.enough, few.flag) == (0.0, False, None)
    enough = one(analyse(card_with("c", 0, 10), {"c": 4}), "c")
    assert (enough.enough, enough.flag) == (True, ItemFlag.CONFUSING)
    # the threshold is a parameter; later answers do not count towards it
    histories = card_with("c", 0, 3) + [history("old", "c", "WWWWWWW", seen_before=True)]
    assert one(analyse_items(histories, {"c": 4}, min_learners=4), "c").flag is None
    assert one(analyse_items(histories, {"c": 4}, min_learners=3), "c").flag == (ItemFlag.CONFUSING)


def test_cards_to_rewrite_come_first():
    histories = (
        card_with("guessed", 10, 10)
        + card_with("fine", 7, 10)
        + card_with("hard", 5, 20)
        + card_with("confusing", 1, 10)
        + card_with("few", 0, 3)
    )
    cards = {"guessed": 2, "fine": 2, "hard": 4, "confusing": 4, "few": 4}
    rows = [
        r for r in analyse_items(histories, {**cards, **_others(histories)}) if r.card_id in cards
    ]
    assert [r.card_id for r in rows] == ["confusing", "hard", "guessed", "fine", "few"]
    assert [r.flag for r in rows] == [
        ItemFlag.CONFUSING,
        ItemFlag.TOO_HARD,
        ItemFlag.GUESSED,
        None,
        None,
    ]


def _others(histories: list[History]) -> dict[str, int]:
    return {h.card_id: 2 for h in histories if "-r" in h.card_id}


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="card 'c' has 1 choices; it needs at least 2"):
        analyse_items([], {"c": 1})
    with pytest.raises(ValueError, match="min_learners must be at least 1, not 0"):
        analyse_items([], {"c": 2}, min_learners=0)
