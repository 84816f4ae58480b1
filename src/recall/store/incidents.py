"""SQL for incidents, refresher assignments and audit-period coverage (mixin of Store)."""

from __future__ import annotations

__all__ = ["IncidentQueries"]


class IncidentQueries:
    """Incident and assignment queries; mixed into :class:`recall.store.Store`."""
