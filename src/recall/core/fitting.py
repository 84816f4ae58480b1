"""Fitting FSRS parameters to an organisation's review log, and judging the fit. Pure.

Functions: :func:`fit_parameters` (review rows → fitted parameters with held-out log
loss and RMSE before and after), :func:`fit_items` (the same from items already built),
:func:`recommended_retention` (the desired retention that costs the least review time
per unit of knowledge, for given parameters).
Classes: :class:`ReviewRow`, :class:`ItemHistory` (one employee × card's items, built
review by review), :class:`FitScores`, :class:`Fit`.

The maths is ``fsrs-rs-python``'s (the Rust FSRS optimizer Anki uses; no torch): this
module only turns review rows into its training items and calls it. Nothing here reads a
file, the database or the clock.

How the log becomes training data (as Anki does it): the reviews of one employee × card,
oldest first, are one history; days between reviews count the organisation's calendar
days (so "the next morning" is one day); every review made on a later day than the one
before it is a prediction target, with the history up to it as its input. Same-day
reviews (learning steps) stay in the history as inputs.

Held-out check: the employees whose id hashes (CRC-32) to 0 modulo 5 — about a fifth,
the same ones on every run — are kept out of the fit. Log loss and RMSE (bins) of the
default parameters and of the fitted ones are measured on them, so "after" is not
flattered by having seen the answers it is scored on. The stored parameters are the
ones fitted on the other four fifths, i.e. exactly the ones the figures describe.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

import fsrs_rs_python as rs

from recall.errors import InputError

__all__ = [
    "DEFAULT_PARAMETERS",
    "MIN_REVIEWS",
    "Fit",
    "FitScores",
    "ReviewRow",
    "ItemHistory",
    "fit_items",
    "fit_parameters",
    "recommended_retention",
]

#: FSRS-6 default parameters (the ones used before any fit).
DEFAULT_PARAMETERS: tuple[float, ...] = tuple(rs.DEFAULT_PARAMETERS)

#: Fewest cross-day reviews (outside the held-out employees) a fit needs. py-fsrs's own
#: optimizer (``fsrs.Optimizer.compute_optimal_parameters``) returns the defaults below
#: one mini-batch of 512 such reviews; recall refuses instead of pretending to fit.
MIN_REVIEWS = 512

#: The fewest cross-day reviews of held-out employees worth scoring on.
MIN_HELD_OUT = 100

_HOLDOUT_MODULUS = 5


class ReviewRow(NamedTuple):
    """One review as the fit needs it (a named tuple: a million are built per fit).

    Attributes:
        employee_id: who answered (decides the held-out fifth).
        card_id: the card.
        day: the organisation's calendar date of the answer.
        rating: the FSRS rating given (1 Again … 4 Easy).
    """

    employee_id: str
    card_id: str
    day: date
    rating: int


@dataclass(frozen=True)
class FitScores:
    """How well parameters predict the held-out answers (lower is better for both).

    Attributes:
        log_loss: mean binary cross-entropy of predicted recall vs. right/wrong.
        rmse_bins: root mean square error between predicted and actual recall rates,
            over bins of similar predictions (FSRS's calibration measure).
    """

    log_loss: float
    rmse_bins: float


@dataclass(frozen=True)
class Fit:
    """The result of fitting.

    Attributes:
        parameters: the 21 fitted FSRS-6 parameters.
        reviews: review rows read.
        fitted_reviews: cross-day reviews the parameters were fitted on.
        held_out_reviews: cross-day reviews of held-out employees, scored.
        before: scores of the default parameters on the held-out reviews.
        after: scores of the fitted parameters on the held-out reviews.
    """

    parameters: tuple[float, ...]
    reviews: int
    fitted_reviews: int
    held_out_reviews: int
    before: FitScores
    after: FitScores


def _held_out(employee_id: str) -> bool:
    return zlib.crc32(employee_id.encode()) % _HOLDOUT_MODULUS == 0


class ItemHistory:
    """One employee × card's training items, built as its reviews come in (oldest first),
    so that a log growing by parts need not be read again from its start.

    Attributes:
        held_out: the employee is one of the held-out fifth (its items are scored, not
            fitted on).
        items: the items so far, one per review made on a later day than the one before.
    """

    def __init__(self, employee_id: str, card_id: str) -> None:
        self.held_out = _held_out(employee_id)
        self.items: list[rs.FSRSItem] = []
        self._employee_id = employee_id
        self._card_id = card_id
        self._history: list[rs.FSRSReview] = []
        self._last_day: date | None = None

    def add(self, day: date, rating: int) -> None:
        """The next review of this employee × card.

        Raises:
            InputError: ``day`` is earlier than the review before.
        """
        delta = 0 if self._last_day is None else (day - self._last_day).days
        if delta < 0:
            raise InputError(
                f"review log: employee {self._employee_id}, card {self._card_id}: reviews are "
                "not in time order"
            )
        self._history.append(rs.FSRSReview(int(rating), delta))
        self._last_day = day
        if delta > 0:
            self.items.append(rs.FSRSItem(list(self._history)))


def _items(
    rows: Iterable[ReviewRow],
) -> tuple[list[rs.FSRSItem], list[rs.FSRSItem], int]:
    """Training and held-out items, and the number of rows read.

    ``rows`` must be grouped by employee × card and ordered by time within a group.
    """
    train: list[rs.FSRSItem] = []
    test: list[rs.FSRSItem] = []
    count = 0
    key: tuple[str, str] | None = None
    history: ItemHistory | None = None
    for row in rows:
        count += 1
        here = (row.employee_id, row.card_id)
        if here != key or history is None:
            if history is not None:
                (test if history.held_out else train).extend(history.items)
            key = here
            history = ItemHistory(row.employee_id, row.card_id)
        history.add(row.day, row.rating)
    if history is not None:
        (test if history.held_out else train).extend(history.items)
    return train, test, count


def fit_parameters(
    rows: Iterable[ReviewRow],
    *,
    progress: Callable[[str], None] | None = None,
) -> Fit:
    """Fit FSRS parameters to a review log and score them on held-out employees.

    Args:
        rows: the review log, grouped by employee × card, oldest first within a group.
        progress: told the name of each phase as it starts.

    Returns:
        The fitted parameters with the figures that describe them.

    Raises:
        InputError: fewer than :data:`MIN_REVIEWS` cross-day reviews to fit on, or fewer
            than :data:`MIN_HELD_OUT` held-out ones to score on (the message says how
            many there are), or reviews out of time order.
    """
    say = progress or (lambda _phase: None)
    say("reading the review log")
    train, test, count = _items(rows)
    return fit_items(train, test, count, progress=say)


def fit_items(
    train: list[rs.FSRSItem],
    test: list[rs.FSRSItem],
    count: int,
    *,
    progress: Callable[[str], None] | None = None,
) -> Fit:
    """:func:`fit_parameters` of a log already turned into items (by
    :class:`ItemHistory`, each employee × card's in turn, grouped as there).

    Args:
        train: the items to fit on.
        test: the held-out employees' items.
        count: the reviews they were built from.
        progress: told the name of each phase as it starts.

    Raises:
        InputError: too few items (see :func:`fit_parameters`).
    """
    say = progress or (lambda _phase: None)
    if len(train) < MIN_REVIEWS or len(test) < MIN_HELD_OUT:
        raise InputError(
            f"not enough reviews to fit: {len(train)} cross-day reviews to fit on (at least "
            f"{MIN_REVIEWS} needed, as py-fsrs's optimizer requires) and {len(test)} from "
            f"held-out employees to check the fit on (at least {MIN_HELD_OUT}); "
            f"{count} reviews in the log. Keep the defaults and try again later."
        )
    say("fitting")
    default = rs.FSRS(list(DEFAULT_PARAMETERS))
    fitted = tuple(float(w) for w in default.compute_parameters(train))
    say("scoring")
    before = default.evaluate(test)
    after = rs.FSRS(list(fitted)).evaluate(test)
    return Fit(
        parameters=fitted,
        reviews=count,
        fitted_reviews=len(train),
        held_out_reviews=len(test),
        before=FitScores(before.log_loss, before.rmse_bins),
        after=FitScores(after.log_loss, after.rmse_bins),
    )


def recommended_retention(
    parameters: Sequence[float],
    *,
    cards: int,
    maximum_interval: int,
    daily_limit: int,
    new_cards_per_day: int,
    seconds_per_review: float,
) -> float:
    """The desired retention with the least review time per unit of knowledge.

    FSRS's "minimum recommended retention" (Anki: *Compute minimum recommended
    retention*): ``fsrs-rs-python``'s simulator runs a year of reviews at candidate
    retentions with these parameters and returns the one minimising time spent per card
    remembered. Advice only: nothing changes the ``desired_retention`` setting.

    Args:
        parameters: FSRS parameters.
        cards: cards per employee.
        maximum_interval: the ``maximum_interval`` setting (days).
        daily_limit: the ``daily_limit`` setting.
        new_cards_per_day: the ``new_cards_per_day`` setting.
        seconds_per_review: mean seconds per review (a right answer on a card in review
            costs this; other kinds cost in FSRS's default proportions).

    Returns:
        A desired retention between 0.70 and 0.95.
    """
    scale = 40  # simulate 40 learners' worth of cards: one employee's deck is too noisy
    config = rs.default_simulator_config()
    config.deck_size = max(1, cards) * scale
    config.learn_span = 365
    config.max_ivl = float(maximum_interval)
    config.learn_limit = max(1, new_cards_per_day) * scale
    config.review_limit = max(1, daily_limit) * scale
    config.max_cost_perday = float(daily_limit * scale * seconds_per_review * 10)
    # FSRS's default costs (Anki users' seconds per state and rating: a lapse costs more
    # than a success), scaled so that a successful review costs what ours do.
    scale_cost = seconds_per_review / config.state_rating_costs[1][2]
    config.state_rating_costs = [[c * scale_cost for c in row] for row in config.state_rating_costs]
    return float(rs.optimal_retention(config, list(parameters)))
