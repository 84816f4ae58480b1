"""``recall export ...``: write SCORM packages for an LMS and check packages.

Commands only parse options, call :mod:`recall.scorm` and print; every problem is raised
as a :class:`recall.errors.RecallError` and reported by ``recall.cli.app``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from recall.cli.runtime import Runtime, runtime
from recall.core.deck import Deck
from recall.deckfiles import load_decks
from recall.errors import ExportError, NotFoundError
from recall.scorm import (
    ExportOptions,
    Selection,
    check_package,
    parse_selection,
    select_cards,
    write_package,
)

app = typer.Typer(
    help="Export SCORM packages (1.2 or 2004 4th Edition) for an LMS, and check them.",
    no_args_is_help=True,
)


def register(root: typer.Typer) -> None:
    """Attach the ``export`` group to the root app.

    Args:
        root: the recall Typer app.
    """
    root.add_typer(app, name="export")


def _pick_deck(decks: list[Deck], deck_id: str | None, where: Path) -> Deck:
    ids = ", ".join(d.id for d in decks) or "none"
    if deck_id is None:
        if len(decks) == 1:
            return decks[0]
        if not decks:
            raise NotFoundError(f"no deck files in {where}")
        raise ExportError(f"--deck: {where} holds several decks ({ids}); name one with --deck")
    for deck in decks:
        if deck.id == deck_id:
            return deck
    raise NotFoundError(f"--deck {deck_id}: no such deck in {where} (decks: {ids})")


def _incident_topics(rt: Runtime, selection: Selection) -> list[str]:
    """The topics of the incident named by ``--cards incident:ID``, from the store."""
    return rt.store().incident_topics(selection.incident_id)


@app.command("scorm")
def scorm(
    ctx: typer.Context,
    standard: Annotated[
        str,
        typer.Option("--standard", help="SCORM version: 1.2, or 2004 (4th Edition)."),
    ] = "1.2",
    deck_id: Annotated[
        str | None,
        typer.Option("--deck", help="Deck id. Default: the only deck in the decks folder."),
    ] = None,
    cards: Annotated[
        str,
        typer.Option(
            "--cards",
            help="Which cards: onboarding, all, topic:TOPIC, or incident:ID (the topics "
            "an incident touched).",
        ),
    ] = "onboarding",
    lang: Annotated[str, typer.Option("--lang", help="Language of the course: ja or en.")] = "ja",
    passing_score: Annotated[
        int,
        typer.Option(
            "--passing-score",
            help="Pass mark, 0-100: the share of cards answered right at the first try.",
        ),
    ] = 80,
    status: Annotated[
        str,
        typer.Option(
            "--status",
            help="What the LMS records at the end: passed-failed, passed-incomplete (a "
            "learner below the pass mark stays incomplete) or completed (no pass/fail).",
        ),
    ] = "passed-failed",
    title: Annotated[
        str | None,
        typer.Option("--title", help="Course title in the LMS. Default: deck title + cards."),
    ] = None,
    output: Annotated[
        Path,
        typer.Option("-o", "--output", help="Folder to write the zip to.", file_okay=False),
    ] = Path("exports"),
    check: Annotated[
        bool,
        typer.Option("--check", help="Validate the written package (as `export check`)."),
    ] = False,
) -> None:
    """Write a SCORM package (one zip) of a deck's cards and print its path.

    The zip is named after the deck, the cards, the language and the standard, e.g.
    exports/privacy-incidents_onboarding_ja_scorm12.zip. Its identifiers depend only on
    these, so uploading a new export of the same selection updates the LMS course.
    """
    rt = runtime(ctx)
    options = ExportOptions(
        selection=parse_selection(cards),
        standard=standard.strip(),
        lang=lang.strip().lower(),
        passing_score=passing_score,
        status=status.strip().lower(),
        title=title,
    )
    deck = _pick_deck(load_decks([rt.decks_dir]), deck_id, rt.decks_dir)
    options.check(deck)
    topics = None
    if options.selection.kind == "incident":
        topics = _incident_topics(rt, options.selection)
    selected = select_cards(deck, options.selection, topics)
    path = write_package(deck, selected, options, output)
    rt.console.print(str(path), markup=False, soft_wrap=True)
    if check:
        check_package(path)
        rt.console.print(f"OK: valid SCORM {options.standard} package", markup=False)


@app.command("check")
def check_command(
    ctx: typer.Context,
    package: Annotated[Path, typer.Argument(help="The SCORM package (.zip) to check.")],
) -> None:
    """Check a SCORM package: its manifest against the official XSDs, files and paths.

    Exits 0 when the package is valid, 1 with every problem listed otherwise. Nothing is
    fetched over the network.
    """
    check_package(package)
    runtime(ctx).console.print(
        f"OK: {package} is a valid SCORM package", markup=False, soft_wrap=True
    )
