"""A progress bar on stderr for long work (sync, import, incident, coverage refresh).

Function :func:`progress_bar` gives the service a :data:`ProgressCallback` that draws
the phase and the rows or people done with rich, when stderr is a terminal; otherwise
(piped, redirected, tests) a callback that does nothing, so output stays the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from recall.cli.runtime import Runtime
from recall.core.progress import ProgressCallback, Step, quiet
from recall.i18n import t

__all__ = ["progress_bar"]


@contextmanager
def progress_bar(rt: Runtime, lang: str) -> Iterator[ProgressCallback]:
    """A callback drawing each step on ``rt.err_console`` while the block runs; the bar
    is removed when the block ends (the command then prints its result)."""
    console = rt.err_console
    if not console.is_terminal:
        yield quiet
        return
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(t("job.waiting", lang), total=None)

        def tell(step: Step) -> None:
            bar.update(task, description=step.text(lang), total=step.total, completed=step.done)

        yield tell
