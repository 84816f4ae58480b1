"""How the store writes instants: UTC ISO-8601 text that sorts in time order."""

from __future__ import annotations

from datetime import UTC, datetime

__all__ = ["iso", "parse_iso"]


def iso(moment: datetime) -> str:
    """A UTC instant as stored: ISO-8601 with microseconds and ``+00:00`` (sorts as text)."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_iso(text: str) -> datetime:
    """A stored instant back as an aware UTC datetime."""
    return datetime.fromisoformat(text).astimezone(UTC)
