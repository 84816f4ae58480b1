"""SQL behind ``recall optimize``: the review log as fitting rows, and stored fits.

Class :class:`FitQueries` (a query group of :class:`recall.store.Store`), :class:`StoredFit`.
The newest row of ``fsrs_fits`` holds the FSRS parameters the scheduler uses.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from recall.core.fitting import Fit, FitScores, ReviewRow
from recall.store.base import StoreBase
from recall.store.instants import iso, parse_iso

__all__ = ["FitQueries", "StoredFit"]


@dataclass(frozen=True)
class StoredFit:
    """A fit as stored: when, with what, and how good it was."""

    id: int
    fitted_at: datetime
    optimizer: str
    fit: Fit
    recommended_retention: float | None


class FitQueries(StoreBase):
    """Fit queries; a query group of :class:`recall.store.Store`."""

    def fit_rows(self, timezone: str) -> Iterator[ReviewRow]:
        """Every review-log row as the fit reads it: grouped by employee × card, oldest
        first within a group, dated in the organisation's ``timezone``."""
        zone = ZoneInfo(timezone)
        days: dict[str, date] = {}  # by minute: half-hour zones date correctly too
        cursor = self.db.execute(
            "SELECT employee_id, card_id, answered_at, rating FROM review_log "
            "ORDER BY employee_id, card_id, answered_at, id"
        )
        for employee_id, card_id, answered_at, rating in cursor:
            minute = answered_at[:16]
            day = days.get(minute)
            if day is None:
                day = days[minute] = parse_iso(answered_at).astimezone(zone).date()
            yield ReviewRow(employee_id, card_id, day, rating)

    def mean_review_seconds(self, feedback_seconds: float) -> float | None:
        """Mean seconds per review: measured response time plus ``feedback_seconds`` for
        reading the explanation; None when no response time was measured."""
        mean_ms = self.db.execute(
            "SELECT AVG(response_ms) FROM review_log WHERE response_ms IS NOT NULL"
        ).fetchone()[0]
        return None if mean_ms is None else mean_ms / 1000 + feedback_seconds

    def save_fit(
        self, fit: Fit, *, now: datetime, optimizer: str, recommended_retention: float | None
    ) -> int:
        """Store a fit; from now on it is the one in use.

        Returns:
            The fit's id.
        """
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO fsrs_fits(fitted_at, parameters, optimizer, reviews, "
                "fitted_reviews, held_out_reviews, log_loss_before, log_loss_after, "
                "rmse_bins_before, rmse_bins_after, recommended_retention) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    iso(now),
                    json.dumps(list(fit.parameters)),
                    optimizer,
                    fit.reviews,
                    fit.fitted_reviews,
                    fit.held_out_reviews,
                    fit.before.log_loss,
                    fit.after.log_loss,
                    fit.before.rmse_bins,
                    fit.after.rmse_bins,
                    recommended_retention,
                ],
            )
        return int(cursor.lastrowid or 0)

    def current_fit(self) -> StoredFit | None:
        """The fit in use (the newest), or None while FSRS's defaults are used."""
        row = self.db.execute(
            "SELECT id, fitted_at, parameters, optimizer, reviews, fitted_reviews, "
            "held_out_reviews, log_loss_before, log_loss_after, rmse_bins_before, "
            "rmse_bins_after, recommended_retention FROM fsrs_fits ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        return StoredFit(
            id=row[0],
            fitted_at=parse_iso(row[1]),
            optimizer=row[3],
            fit=Fit(
                parameters=tuple(json.loads(row[2])),
                reviews=row[4],
                fitted_reviews=row[5],
                held_out_reviews=row[6],
                before=FitScores(row[7], row[9]),
                after=FitScores(row[8], row[10]),
            ),
            recommended_retention=row[11],
        )
