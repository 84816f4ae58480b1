"""The review-log read behind the item analysis (:mod:`recall.core.items`).

Function :func:`item_histories`: every learner's answers to every active card in a span
of time, with what the learner had done on the card before it, in one query.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from recall.core.items import Attempt, History
from recall.store.database import Database
from recall.store.instants import iso

__all__ = ["item_histories"]

# Answers in [start, end) to active cards, one learner and card after the other in time
# order; ``right_before`` is NULL when the learner had not answered the card before
# ``start``, else whether they had answered it right. ``current``: the answer was to the
# card's current version.
_SQL = """
WITH prior AS (
    SELECT employee_id, card_id, MAX(correct) AS right_before
    FROM review_log WHERE answered_at < :start
    GROUP BY employee_id, card_id
)
SELECT r.employee_id, r.card_id, r.correct, r.response_ms, r.answered_at,
       r.card_version = c.version AS current, p.right_before
FROM review_log r
JOIN cards c ON c.id = r.card_id AND c.active = 1
LEFT JOIN prior p ON p.employee_id = r.employee_id AND p.card_id = r.card_id
WHERE r.answered_at >= :start AND r.answered_at < :end
ORDER BY r.employee_id, r.card_id, r.answered_at, r.id
"""


def item_histories(db: Database, start: datetime, end: datetime) -> Iterator[History]:
    """Each learner's answers to each active card from ``start`` (included) to ``end``.

    Args:
        db: the store's database.
        start: the first instant (aware).
        end: the instant after the last (aware).

    Returns:
        One :class:`~recall.core.items.History` per (learner, card) with answers in the
        span, ordered by learner then card; its attempts in time order.
    """
    rows = db.execute(_SQL, {"start": iso(start), "end": iso(end)})
    pair: tuple[str, str] | None = None
    attempts: list[Attempt] = []
    before = None
    for employee_id, card_id, correct, response_ms, answered_at, current, right_before in rows:
        if pair != (employee_id, card_id):
            if pair is not None:
                yield _history(pair, attempts, before)
            pair, attempts, before = (employee_id, card_id), [], right_before
        # stored instants are UTC with +00:00 (:func:`iso`): fromisoformat gives aware UTC
        attempts.append(
            Attempt(bool(correct), response_ms, datetime.fromisoformat(answered_at), bool(current))
        )
    if pair is not None:
        yield _history(pair, attempts, before)


def _history(pair: tuple[str, str], attempts: list[Attempt], right_before: int | None) -> History:
    """``right_before``: NULL (never answered before the period), 0 or 1."""
    return History(
        pair[0],
        pair[1],
        tuple(attempts),
        seen_before=right_before is not None,
        right_before=bool(right_before),
    )
