"""How far long work has got: the phases of a sync, an import, an incident or a coverage
refresh, and the callback that is told.

Classes: :class:`Phase` (a code), :class:`Step` (a phase and, when it is counted, how
many of how many). Type :data:`ProgressCallback` is the callback. Function :func:`counted` walks
a sequence and tells the callback every so many items.

The callback only watches: it is called inside the service's transaction and must not
write. If it raises, the work stops and the transaction is rolled back (nothing written).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from recall.i18n import t

__all__ = ["EVERY", "Phase", "ProgressCallback", "Step", "counted", "quiet"]

#: how many rows or people between two reports (a report costs a call, nothing more)
EVERY = 2000

_T = TypeVar("_T")


class Phase(StrEnum):
    """A phase of long work; the catalogue labels each (``job.phase.*``)."""

    READING = "reading"  # reading and decoding the file (not counted)
    CHECKING = "checking"  # the file's lines checked
    COMPARING = "comparing"  # the export's rows compared with the roster
    WRITING = "writing"  # roster rows written (new, changed, leaving)
    FINDING = "finding"  # finding who is in scope or short (not counted)
    SEARCHING = "searching"  # people looked at for what they miss in the audit period
    ASSIGNING = "assigning"  # people given their refreshers
    SAVING = "saving"  # the transaction is being committed (not counted)


@dataclass(frozen=True)
class Step:
    """Where the work is: ``done`` of ``total`` in ``phase`` (``total`` None: not counted)."""

    phase: Phase
    done: int = 0
    total: int | None = None

    @property
    def percent(self) -> int | None:
        """How far the phase has got, 0..100 (None when not counted)."""
        if not self.total:
            return None
        return min(100, self.done * 100 // self.total)

    def text(self, lang: str) -> str:
        """The step in words, e.g. ``42,000 / 100,000 lines checked`` (catalogue
        ``job.phase.*``)."""
        if self.total is None:
            return t(f"job.phase.{self.phase}", lang)
        return t(f"job.phase.{self.phase}", lang, done=f"{self.done:,}", total=f"{self.total:,}")


#: the callback told each step
ProgressCallback = Callable[[Step], None]


def quiet(_step: Step) -> None:
    """A callback that ignores every step (the default)."""


def counted(
    items: Sequence[_T], phase: Phase, progress: ProgressCallback, every: int = EVERY
) -> Iterator[_T]:
    """Yield ``items``, telling ``progress`` how many are done every ``every`` items and
    once at the start and the end."""
    total = len(items)
    progress(Step(phase, 0, total))
    for done, item in enumerate(items):
        if done and done % every == 0:
            progress(Step(phase, done, total))
        yield item
    progress(Step(phase, total, total))
