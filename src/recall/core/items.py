"""Item analysis: how each card performed in real answers, and which cards to rewrite.

Classes: :class:`Attempt` (one answer), :class:`History` (one learner's answers to one
card), :class:`ItemFlag` (why a card needs rewriting), :class:`ItemStats` (the figures of
one card). Function: :func:`analyse_items`.

Definitions (per card, over the answers in the period):

- **first sight**: a learner's first answer to the card ever (any wording). A learner who
  answered the card before the period has no first sight in it.
- **chance**: 1 / number of choices (a true-false card has two).
- **first right**: the share of first-sight answers that were right.
- **later right**: the share right among the other answers (the reviews).
- **lapses**: wrong answers given after the learner had answered the card right
  (before or in the period).
- **median seconds**: the median response time of the answers that have one.
- **discrimination**: the point-biserial correlation, over the learners who met the card
  at first sight, between being right on it at first sight (0/1) and the learner's
  *rest score*: their share right at first sight on the **other** cards they met at first
  sight in the period (learners with no other first-sight card are left out). It is
  Moodle's quiz statistics "discrimination index" (item score against the rest of the
  test), with shares instead of totals because learners meet different cards. From -1 to
  1: around 0.3 and above the card separates those who know the deck from those who
  don't; near 0 or negative it does not. ``None`` when it cannot be computed (fewer than
  two such learners, or everyone right, or everyone wrong, or all rest scores equal).

Flags (only for cards met at first sight by at least ``min_learners`` learners,
:data:`MIN_LEARNERS` by default; otherwise ``None``):

- **confusing**: first right is below chance: a wrong choice draws learners.
- **too hard**: first right is at or above chance but below :data:`TOO_HARD` (0.3).
- **guessed**: first right is far above chance, i.e. the share right beyond chance,
  ``(first right - chance) / (1 - chance)``, is at least :data:`GUESSED_BEYOND_CHANCE`
  (0.8: 90% on a two-choice card, 85% on a four-choice card), **and** discrimination is
  low: below :data:`LOW_DISCRIMINATION` (0.2), or ``None`` (not computable, typically
  because everyone was right). Such a card is answered from surface cues, not knowledge.

Answers to an older wording of a card count as its history (first sight, lapses) but not
in its figures, which describe the current wording.

Pure: no I/O and no clock.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

__all__ = [
    "GUESSED_BEYOND_CHANCE",
    "LOW_DISCRIMINATION",
    "MIN_LEARNERS",
    "TOO_HARD",
    "Attempt",
    "History",
    "ItemFlag",
    "ItemStats",
    "analyse_items",
]

#: learners at first sight a card needs before it gets a flag
MIN_LEARNERS = 10
#: first right below this (and not below chance) is too hard
TOO_HARD = 0.3
#: the share right beyond chance from which a card counts as answered without knowledge
GUESSED_BEYOND_CHANCE = 0.8
#: discrimination below this is low
LOW_DISCRIMINATION = 0.2
#: shares are ratios of counts: equal ratios must compare equal despite rounding
_EPSILON = 1e-9


class ItemFlag(StrEnum):
    """Why a card should be rewritten, most urgent first."""

    CONFUSING = "confusing"
    TOO_HARD = "too_hard"
    GUESSED = "guessed"


class Attempt(NamedTuple):
    """One answer to a card (a named tuple: a review log holds millions).

    Attributes:
        correct: whether it was right.
        response_ms: how long the learner took (``None``: not measured).
        answered_at: when (aware UTC).
        current: whether it answered the card's current wording.
    """

    correct: bool
    response_ms: int | None
    answered_at: datetime
    current: bool = True


class History(NamedTuple):
    """One learner's answers to one card in the period, in time order.

    Attributes:
        employee_id: the learner.
        card_id: the card.
        attempts: the answers in the period, oldest first.
        seen_before: the learner answered the card before the period.
        right_before: the learner answered it right before the period.
    """

    employee_id: str
    card_id: str
    attempts: tuple[Attempt, ...]
    seen_before: bool = False
    right_before: bool = False


@dataclass(frozen=True)
class ItemStats:
    """The figures of one card (see the module docstring for each definition)."""

    card_id: str
    choices: int
    chance: float
    learners: int
    first_sight: int
    first_right: float | None
    later_answers: int
    later_right: float | None
    lapses: int
    median_seconds: float | None
    discrimination: float | None
    flag: ItemFlag | None
    #: whether enough learners met the card at first sight for a flag
    enough: bool


class _Tally:
    """What one card's answers add up to while the histories are read."""

    def __init__(self) -> None:
        self.learners: set[str] = set()
        self.first: dict[str, bool] = {}  # learner -> right at first sight
        self.later = 0
        self.later_right = 0
        self.lapses = 0
        self.times: list[int] = []


def analyse_items(
    histories: Iterable[History],
    choices: Mapping[str, int],
    *,
    min_learners: int = MIN_LEARNERS,
) -> list[ItemStats]:
    """The figures and flag of every card in ``choices``, cards to rewrite first.

    Order: confusing, too hard, guessed, then unflagged cards, then cards with too few
    learners for a flag; within each group by discrimination (lowest first, ``None``
    last), then first right (lowest first), then card id.

    Args:
        histories: per (learner, card), the answers in the period in time order.
            Cards not in ``choices`` (no longer in a deck) are ignored.
        choices: card id → number of choices (2 for true-false).
        min_learners: learners at first sight a card needs before it gets a flag.

    Returns:
        One row per card in ``choices``, also those nobody answered.

    Raises:
        ValueError: a card with fewer than two choices, or ``min_learners`` below 1.
    """
    if min_learners < 1:
        raise ValueError(f"min_learners must be at least 1, not {min_learners}")
    for card_id, count in choices.items():
        if count < 2:
            raise ValueError(f"card '{card_id}' has {count} choices; it needs at least 2")
    tallies: dict[str, _Tally] = {card_id: _Tally() for card_id in choices}
    for history in histories:
        tally = tallies.get(history.card_id)
        if tally is None:
            continue
        _add(tally, history)
    scores = _first_sight_scores(tallies)
    rows = [
        _stats(card_id, count, tallies[card_id], scores, min_learners)
        for card_id, count in choices.items()
    ]
    return sorted(rows, key=_urgency)


def _add(tally: _Tally, history: History) -> None:
    seen, right = history.seen_before, history.right_before
    for attempt in history.attempts:
        if attempt.current:
            tally.learners.add(history.employee_id)
            if not seen:
                tally.first[history.employee_id] = attempt.correct
            else:
                tally.later += 1
                tally.later_right += attempt.correct
                if right and not attempt.correct:
                    tally.lapses += 1
            if attempt.response_ms is not None:
                tally.times.append(attempt.response_ms)
        seen = True
        right = right or attempt.correct


def _first_sight_scores(tallies: Mapping[str, _Tally]) -> dict[str, list[int]]:
    """Per learner, [right, answered] at first sight over all cards."""
    scores: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for tally in tallies.values():
        for employee, correct in tally.first.items():
            scores[employee][0] += correct
            scores[employee][1] += 1
    return scores


def _stats(
    card_id: str,
    count: int,
    tally: _Tally,
    scores: Mapping[str, list[int]],
    min_learners: int,
) -> ItemStats:
    chance = 1 / count
    first_sight = len(tally.first)
    first_right = sum(tally.first.values()) / first_sight if first_sight else None
    discrimination = _discrimination(tally.first, scores)
    enough = first_sight >= min_learners
    return ItemStats(
        card_id=card_id,
        choices=count,
        chance=chance,
        learners=len(tally.learners),
        first_sight=first_sight,
        first_right=first_right,
        later_answers=tally.later,
        later_right=tally.later_right / tally.later if tally.later else None,
        lapses=tally.lapses,
        median_seconds=statistics.median(tally.times) / 1000 if tally.times else None,
        discrimination=discrimination,
        flag=_flag(first_right, chance, discrimination) if enough else None,
        enough=enough,
    )


def _discrimination(first: Mapping[str, bool], scores: Mapping[str, list[int]]) -> float | None:
    """Point-biserial correlation of first-sight right on this card with the rest score."""
    pairs = []
    for employee, correct in first.items():
        right, answered = scores[employee]
        if answered > 1:
            pairs.append((float(correct), (right - correct) / (answered - 1)))
    if len(pairs) < 2:
        return None
    n = len(pairs)
    mean_x = sum(x for x, _ in pairs) / n
    mean_y = sum(y for _, y in pairs) / n
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in pairs)
    sxx = sum((x - mean_x) ** 2 for x, _ in pairs)
    syy = sum((y - mean_y) ** 2 for _, y in pairs)
    if sxx == 0 or syy == 0:
        return None
    return sxy / (sxx * syy) ** 0.5


def _flag(
    first_right: float | None, chance: float, discrimination: float | None
) -> ItemFlag | None:
    if first_right is None:
        return None
    if first_right < chance - _EPSILON:
        return ItemFlag.CONFUSING
    if first_right < TOO_HARD - _EPSILON:
        return ItemFlag.TOO_HARD
    beyond = (first_right - chance) / (1 - chance)
    low = discrimination is None or discrimination < LOW_DISCRIMINATION
    if beyond >= GUESSED_BEYOND_CHANCE - _EPSILON and low:
        return ItemFlag.GUESSED
    return None


_ORDER = {ItemFlag.CONFUSING: 0, ItemFlag.TOO_HARD: 1, ItemFlag.GUESSED: 2, None: 3}


def _urgency(row: ItemStats) -> tuple[int, int, float, float, str]:
    group = _ORDER[row.flag] if row.enough else 4
    return (
        group,
        row.discrimination is None,
        row.discrimination if row.discrimination is not None else 0.0,
        row.first_right if row.first_right is not None else 1.0,
        row.card_id,
    )
