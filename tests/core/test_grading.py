"""Grading: answer → FSRS rating, with thresholds growing with the card's length."""

from __future__ import annotations

import fsrs
import pytest

from recall.core.deck import parse_deck
from recall.core.grading import fast_ms, grade, slow_ms
from recall.errors import InputError
from tests.conftest import DECK

CARD = parse_deck(DECK, "sample.yaml").card("c1")


def test_thresholds_grow_with_the_text_to_read():
    # 同意なく第三者に渡してよいか (14) + はい (2) + いいえ (3) + 上司がよいと言えば (9)
    assert CARD.length == 28
    assert slow_ms(CARD) == 10_000 + 150 * 28
    assert fast_ms(CARD) == 2_000 + 40 * 28


@pytest.mark.parametrize(
    ("choice", "ms", "in_review", "correct", "rating"),
    [
        ("a", 3_000, False, False, fsrs.Rating.Again),
        ("a", 1_000, True, False, fsrs.Rating.Again),
        ("b", 5_000, False, True, fsrs.Rating.Good),
        ("b", 5_000, True, True, fsrs.Rating.Good),
        ("b", 14_201, True, True, fsrs.Rating.Hard),
        ("b", 14_200, True, True, fsrs.Rating.Good),
        ("b", 3_119, True, True, fsrs.Rating.Easy),
        ("b", 3_120, True, True, fsrs.Rating.Good),
        ("b", 1_000, False, True, fsrs.Rating.Good),  # fast, but not yet in review
    ],
)
def test_mapping(choice, ms, in_review, correct, rating):
    result = grade(CARD, choice, ms, in_review)
    assert (result.correct, result.rating) == (correct, rating)


def test_unknown_choice_is_an_input_error():
    with pytest.raises(InputError, match=r"^card c1: choice 'z' is not one of a, b, c$"):
        grade(CARD, "z", 1000, False)


def test_unmeasured_response_time_grades_a_right_answer_good():
    assert grade(CARD, CARD.answer, None, in_review=True).rating == fsrs.Rating.Good
    wrong = next(c.key for c in CARD.choices if c.key != CARD.answer)
    assert grade(CARD, wrong, None, in_review=True).rating == fsrs.Rating.Again
