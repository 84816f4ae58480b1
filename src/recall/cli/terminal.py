"""The console every command prints through: no text reaches the terminal raw.

Class :class:`TerminalConsole` is rich's ``Console`` with one change: every piece of text
it renders (messages, tables, panels, reports written with ``-o`` as a table) goes
through :func:`recall.core.escaping.for_terminal`, so a name, a deck text or an incident
title holding an escape sequence (``ESC ] 0 ; title BEL``, ``ESC [ 2 J``), another control
character or a bidi override is shown as a visible escape (``\\x1b``) instead of acting
on the terminal. rich's own styling is not text and is left alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

from recall.core.escaping import for_terminal, has_controls

__all__ = ["TerminalConsole"]


class TerminalConsole(Console):
    """A rich ``Console`` whose rendered text never carries control characters."""

    def render(  # noqa: D102 - rich's method, documented there
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control is None and has_controls(segment.text):
                yield Segment(for_terminal(segment.text), segment.style)
            else:
                yield segment
