"""Answering a card: grade the answer, move the FSRS memory state on. Pure.

:func:`answer_card` is the one path every answer takes — from the terminal review,
``recall answer``, and the simulation — so that they schedule identically.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import fsrs

from recall.core.deck import Card
from recall.core.grading import grade
from recall.core.policy import Policy

__all__ = ["Answer", "answer_card"]


@dataclass(frozen=True)
class Answer:
    """The result of one answer: the grade and the memory state after it."""

    card_id: str
    choice: str
    correct: bool
    rating: fsrs.Rating
    response_ms: int | None
    before: fsrs.Card
    after: fsrs.Card
    answered_at: datetime


def answer_card(
    card: Card,
    memory: fsrs.Card,
    choice: str,
    response_ms: int | None,
    now: datetime,
    policy: Policy,
    *,
    seed_key: str,
) -> Answer:
    """Grade ``choice`` on ``card`` and review the employee's memory of it.

    Args:
        card: the card answered.
        memory: the employee's FSRS state for it (``policy.new_memory`` if new).
        choice: the chosen choice key.
        response_ms: response time in milliseconds, or None if not measured.
        now: when the answer was given (aware UTC).
        policy: the organisation's policy.
        seed_key: identifies this review for reproducible fuzzing (e.g. "emp:card").

    Returns:
        The answer with the new memory state.

    Raises:
        InputError: ``choice`` is not one of the card's choices.
    """
    in_review = memory.state == fsrs.State.Review and memory.last_review is not None
    result = grade(card, choice, response_ms, in_review)
    after = policy.review(
        memory,
        result.rating,
        now,
        seed_key=f"{seed_key}:{now.isoformat()}",
        duration_ms=response_ms,
    )
    return Answer(
        card_id=card.id,
        choice=choice,
        correct=result.correct,
        rating=result.rating,
        response_ms=response_ms,
        before=memory,
        after=after,
        answered_at=now,
    )
