"""Use case: fit the scheduler's FSRS parameters to the organisation's review log.

Function :func:`optimize` (read the log, fit, advise a desired retention, store).
What the figures mean and when to run it: README, "Fit the scheduler to your
organisation".

Cards already scheduled keep their due dates: the stored due date of every employee ×
card is not rewritten. At each card's next answer its stability and difficulty are first
recomputed from its review log under the new parameters
(:func:`recall.service.review.answer`, :meth:`recall.core.policy.Policy.replay`), so the
next interval does not build on a state the new parameters would never have given; every
retrievability estimate (queue order, reports) uses the new parameters from now on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import version

from recall.core.fitting import Fit, fit_parameters, recommended_retention
from recall.store import Store

__all__ = ["FEEDBACK_SECONDS", "OptimizeResult", "optimize"]

#: Seconds an employee spends reading the feedback after answering (not in the log's
#: response time); used to cost a review when advising a desired retention.
FEEDBACK_SECONDS = 8.0
#: Seconds per review assumed when the log has no measured response times.
_DEFAULT_REVIEW_SECONDS = 20.0


@dataclass(frozen=True)
class OptimizeResult:
    """What ``recall optimize`` found.

    Attributes:
        fit: the fitted parameters and their held-out figures.
        optimizer: the optimizer and its version.
        recommended_retention: the desired retention with the least review time per
            unit of knowledge under the fitted parameters (advice only).
        desired_retention: the ``desired_retention`` setting (unchanged).
        fit_id: the stored fit's id; None on a dry run.
    """

    fit: Fit
    optimizer: str
    recommended_retention: float
    desired_retention: float
    fit_id: int | None


def optimize(
    store: Store,
    now: datetime,
    *,
    dry_run: bool = False,
    progress: Callable[[str], None] | None = None,
) -> OptimizeResult:
    """Fit FSRS parameters to the whole review log and (unless ``dry_run``) use them.

    Args:
        store: the organisation's database.
        now: the current instant (aware UTC): the fit's date.
        dry_run: fit and report, store nothing.
        progress: told the name of each phase as it starts.

    Returns:
        The fit, the advice and the stored fit's id.

    Raises:
        InputError: too few reviews to trust a fit (nothing is stored).
    """
    say = progress or (lambda _phase: None)
    settings = store.settings()
    fit = fit_parameters(store.fit_rows(settings.timezone), progress=say)
    say("advising a desired retention")
    seconds = store.mean_review_seconds(FEEDBACK_SECONDS) or _DEFAULT_REVIEW_SECONDS
    advice = recommended_retention(
        fit.parameters,
        cards=len(store.cards()),
        maximum_interval=settings.maximum_interval,
        daily_limit=settings.daily_limit,
        new_cards_per_day=settings.new_cards_per_day,
        seconds_per_review=seconds,
    )
    optimizer = f"fsrs-rs-python {version('fsrs-rs-python')}"
    fit_id = None
    if not dry_run:
        fit_id = store.save_fit(fit, now=now, optimizer=optimizer, recommended_retention=advice)
    return OptimizeResult(fit, optimizer, advice, settings.desired_retention, fit_id)
