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

from recall.cli.output import LangOption
from recall.cli.runtime import runtime
from recall.core.codes import Lang
from recall.i18n import t
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
    lang: LangOption = Lang.JA,
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
    _show(rt.console, result, lang)


def _show(console: Console, result: OptimizeResult, lang: Lang) -> None:
    fit = result.fit

    def say(key: str, **values: object) -> None:
        console.print(t(key, lang, **values), markup=False, soft_wrap=True)

    say(
        "optimize.log",
        reviews=f"{fit.reviews:,}",
        fitted=f"{fit.fitted_reviews:,}",
        held_out=f"{fit.held_out_reviews:,}",
        optimizer=result.optimizer,
    )
    table = Table(*(t(f"optimize.col.{c}", lang) for c in ("parameters", "log_loss", "rmse")))
    table.add_row(
        t("optimize.defaults", lang), f"{fit.before.log_loss:.4f}", f"{fit.before.rmse_bins:.4f}"
    )
    table.add_row(
        t("optimize.fitted", lang), f"{fit.after.log_loss:.4f}", f"{fit.after.rmse_bins:.4f}"
    )
    console.print(table)
    say(
        "optimize.advice",
        recommended=f"{result.recommended_retention:.2f}",
        current=f"{result.desired_retention:.2f}",
    )
    if result.fit_id is None:
        say("optimize.dry_run")
    else:
        say("optimize.stored", id=result.fit_id)
