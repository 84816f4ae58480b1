"""SQL behind HR's reports: overview, employee history, incidents, audit (mixin of Store)."""

from __future__ import annotations

__all__ = ["ReportQueries"]


class ReportQueries:
    """Report queries; mixed into :class:`recall.store.Store`."""
