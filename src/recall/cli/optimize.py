"""``recall optimize``: fit the scheduler to the organisation's own reviews.

Parses ``--dry-run``, calls :func:`recall.service.optimize.optimize` (with a rich
progress display on a terminal) and prints the figures.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from recall.cli.app import runtime
from recall.service.optimize import OptimizeResult, optimize

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the ``optimize`` command to ``app``."""
    app.command("optimize")(optimize_command)


def optimize_command(
    ctx: typer.Context,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Fit and report; store nothing.")
    ] = False,
) -> None:
    """Fit the scheduler's FSRS parameters to the organisation's review log.

    Checks the fit on a fifth of the employees it was not fitted on (log loss and RMSE,
    before and after), stores the parameters (unless --dry-run) and advises a desired
    retention; the desired_retention setting is never changed. Refused, with exit code 1
    and nothing stored, while the log has too few reviews.

    Example: recall optimize --dry-run
    """
    rt = runtime(ctx)
    store = rt.store()
    now = rt.now()
    if rt.console.is_terminal:
        columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
        with Progress(*columns, console=rt.console, transient=True) as bar:
            task = bar.add_task("starting")
            result = optimize(
                store,
                now,
                dry_run=dry_run,
                progress=lambda phase: bar.update(task, description=phase),
            )
    else:
        result = optimize(store, now, dry_run=dry_run)
    _show(rt.console, result)


def _show(console: Console, result: OptimizeResult) -> None:
    fit = result.fit
    console.print(
        f"Review log: {fit.reviews:,} reviews; fitted on {fit.fitted_reviews:,} cross-day "
        f"reviews, checked on {fit.held_out_reviews:,} of held-out employees "
        f"({result.optimizer}).",
        markup=False,
        soft_wrap=True,
    )
    table = Table("parameters", "log loss", "RMSE (bins)")
    table.add_row("FSRS defaults", f"{fit.before.log_loss:.4f}", f"{fit.before.rmse_bins:.4f}")
    table.add_row("fitted", f"{fit.after.log_loss:.4f}", f"{fit.after.rmse_bins:.4f}")
    console.print(table)
    console.print(
        f"Recommended desired retention: {result.recommended_retention:.2f} (least review "
        f"time per card remembered; the setting is {result.desired_retention:.2f} and is "
        "not changed: `recall settings set desired_retention VALUE` to change it).",
        markup=False,
        soft_wrap=True,
    )
    if result.fit_id is None:
        console.print("Dry run: nothing stored.", markup=False)
    else:
        console.print(
            f"Stored as fit {result.fit_id}: the scheduler uses these parameters from now "
            "on (cards keep their due dates; each card's next review uses them).",
            markup=False,
            soft_wrap=True,
        )
