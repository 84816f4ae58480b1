"""Grading: an answer (choice and response time) → correct or not, and an FSRS rating.

The mapping (documented in the README):

- wrong answer → ``Again``
- right, but slower than :func:`slow_ms` for this card → ``Hard``
- right, faster than :func:`fast_ms`, on a card already in review → ``Easy``
- any other right answer → ``Good`` (also when the response time was not measured)

Time limits grow with what there is to read: the card's Japanese prompt and choices.
"""

from __future__ import annotations

from dataclasses import dataclass

import fsrs

from recall.core.deck import Card
from recall.errors import InputError

__all__ = ["Grade", "fast_ms", "grade", "slow_ms"]

BASE_SLOW_MS = 10_000
SLOW_MS_PER_CHAR = 150
BASE_FAST_MS = 2_000
FAST_MS_PER_CHAR = 40


@dataclass(frozen=True)
class Grade:
    """The outcome of one answer."""

    correct: bool
    rating: fsrs.Rating


def slow_ms(card: Card) -> int:
    """Above this response time a right answer counts as Hard."""
    return BASE_SLOW_MS + SLOW_MS_PER_CHAR * card.length


def fast_ms(card: Card) -> int:
    """Below this response time a right answer on a card in review counts as Easy."""
    return BASE_FAST_MS + FAST_MS_PER_CHAR * card.length


def grade(card: Card, choice: str, response_ms: int | None, in_review: bool) -> Grade:
    """Grade one answer.

    Args:
        card: the card answered.
        choice: the key of the chosen choice (e.g. ``b`` or ``true``).
        response_ms: time from showing the card to the answer, in milliseconds; None when
            it was not measured (a right answer is then Good).
        in_review: whether the card was already in FSRS's Review state.

    Returns:
        Whether it was right, and the FSRS rating.

    Raises:
        InputError: ``choice`` is not one of the card's choices.
    """
    keys = [c.key for c in card.choices]
    if choice not in keys:
        raise InputError.of(
            "grading.no_such_choice", card=card.id, choice=choice, keys=", ".join(keys)
        )
    if choice != card.answer:
        return Grade(False, fsrs.Rating.Again)
    if response_ms is None:
        return Grade(True, fsrs.Rating.Good)
    if response_ms > slow_ms(card):
        return Grade(True, fsrs.Rating.Hard)
    if in_review and response_ms < fast_ms(card):
        return Grade(True, fsrs.Rating.Easy)
    return Grade(True, fsrs.Rating.Good)
