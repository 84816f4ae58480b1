"""``recall simulate``: the retention simulation on the organisation's decks.

Parses options, calls :func:`recall.simulation.run_simulation`, prints the table and,
with ``--out``, writes ``retention.csv`` and (with matplotlib) ``retention.png``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from recall.cli.runtime import runtime
from recall.deckfiles import load_decks
from recall.errors import InputError
from recall.simulation import LearnerModel, SimulationConfig, run_simulation
from recall.simulation.report import csv_text, format_table, format_targets, save_chart

__all__ = ["register"]

QUICK_EMPLOYEES = 10


def register(app: typer.Typer) -> None:
    """Add the ``simulate`` command to ``app``."""
    app.command("simulate")(simulate)


def simulate(
    ctx: typer.Context,
    quick: Annotated[bool, typer.Option("--quick", help="10 employees (under 30 s).")] = False,
    employees: Annotated[
        int | None,
        typer.Option(
            max=100_000,
            metavar="N",
            help="Simulated employees, 1-100000 (default 200; 10 with --quick).",
            show_default=False,
        ),
    ] = None,
    days: Annotated[
        int, typer.Option(max=3650, metavar="DAYS", help="Days simulated, 14-3650.")
    ] = 365,
    seed: Annotated[
        int,
        typer.Option(
            min=0, max=2**32 - 1, metavar="SEED", help="Seed of every random draw (0-4294967295)."
        ),
    ] = 0,
    workers: Annotated[int, typer.Option(max=64, metavar="N", help="Worker processes, 1-64.")] = 2,
    out: Annotated[
        Path | None,
        typer.Option(help="Folder for retention.csv and retention.png.", show_default=False),
    ] = None,
) -> None:
    """Compare fixed cycles, recall and an oracle on simulated employees (both learner models)."""
    count = employees if employees is not None else (QUICK_EMPLOYEES if quick else 200)
    if count < 1:
        raise InputError.of("error.at_least", what="--employees", n=1)
    if days < 14:
        raise InputError.of("error.at_least", what="--days", n=14)
    if workers < 1:
        raise InputError.of("error.at_least", what="--workers", n=1)
    rt = runtime(ctx)
    decks = load_decks([rt.decks_dir])
    if not any(deck.cards for deck in decks):
        raise InputError.of("error.no_cards_in", folder=rt.decks_dir)
    result = [
        run_simulation(
            decks,
            SimulationConfig(employees=count, days=days, seed=seed, learner_model=model),
            workers=workers,
        )
        for model in LearnerModel
    ]
    rt.console.print(format_table(result), markup=False)
    rt.console.print(format_targets(result), markup=False)
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
            (out / "retention.csv").write_text(csv_text(result), encoding="utf-8")
        except OSError as error:
            raise InputError.of("error.out_unwritable", out=out, reason=error.strerror) from None
        rt.console.print(f"wrote {out / 'retention.csv'}", markup=False)
        if save_chart(result, out / "retention.png"):
            rt.console.print(f"wrote {out / 'retention.png'}", markup=False)
        else:
            rt.console.print(
                "matplotlib is not installed: no chart (pip install -e '.[plot]')",
                markup=False,
            )
