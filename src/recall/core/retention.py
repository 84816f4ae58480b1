"""Estimated retention: FSRS retrievability summed over employee × card pairs, and the one
way such sums are combined (per department, per topic, for the whole organisation)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

__all__ = ["Retention", "total", "totals_by"]

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Retention:
    """Estimated retention over reviewed cards: FSRS retrievability summed over
    ``count`` employee × card pairs."""

    total: float = 0.0
    count: int = 0

    @property
    def mean(self) -> float | None:
        """The mean retrievability (None when no card was reviewed)."""
        return self.total / self.count if self.count else None

    def __add__(self, other: Retention) -> Retention:
        return Retention(self.total + other.total, self.count + other.count)


def total(sums: Iterable[Retention]) -> Retention:
    """Several sums combined into one."""
    result = Retention()
    for part in sums:
        result = result + part
    return result


def totals_by(
    sums: Mapping[tuple[Hashable, K], Retention],
) -> dict[K, Retention]:
    """Sums keyed by ``(group, key)`` combined per ``key`` (e.g. per topic over
    departments)."""
    combined: dict[K, Retention] = {}
    for (_, key), part in sums.items():
        combined[key] = combined.get(key, Retention()) + part
    return combined
