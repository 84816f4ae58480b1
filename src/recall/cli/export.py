"""``recall export ...``: write SCORM packages for an LMS and check packages.

Commands only parse options, call :mod:`recall.service.export` and print; every problem is raised
as a :class:`recall.errors.RecallError` and reported by ``recall.cli.app``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from recall.cli.language import remember_lang
from recall.cli.output import LangOption
from recall.cli.runtime import runtime
from recall.core.codes import Lang, ScormStandard, StatusMode
from recall.i18n import t
from recall.scorm import ExportOptions, parse_selection
from recall.service import export as use

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


@app.command("scorm")
def scorm(
    ctx: typer.Context,
    standard: Annotated[
        ScormStandard,
        typer.Option("--standard", help="SCORM version: 1.2, or 2004 (4th Edition)."),
    ] = ScormStandard.V12,
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
    lang: Annotated[
        Lang,
        typer.Option(
            "--lang",
            help="Language of the course, and of this command's messages.",
            callback=remember_lang,
        ),
    ] = Lang.JA,
    passing_score: Annotated[
        int,
        typer.Option(
            "--passing-score",
            help="Pass mark, 0-100: the share of cards answered right at the first try.",
        ),
    ] = 80,
    status: Annotated[
        StatusMode,
        typer.Option(
            "--status",
            help="What the LMS records at the end: passed-failed, passed-incomplete (a "
            "learner below the pass mark stays incomplete) or completed (no pass/fail).",
        ),
    ] = StatusMode.PASSED_FAILED,
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
        selection=parse_selection(cards, lang),
        standard=standard,
        lang=lang,
        passing_score=passing_score,
        status=status,
        title=title,
    )
    path = use.export_scorm(
        rt.decks_dir, options, output, deck_id=deck_id, store=rt.store, check=check, lang=lang
    )
    rt.console.print(str(path), markup=False, soft_wrap=True)
    if check:
        rt.console.print(t("export.ok_valid", lang, standard=options.standard), markup=False)


@app.command("check")
def check_command(
    ctx: typer.Context,
    package: Annotated[Path, typer.Argument(help="The SCORM package (.zip) to check.")],
    lang: LangOption = Lang.JA,
) -> None:
    """Check a SCORM package: its manifest against the official XSDs, files and paths.

    Exits 0 when the package is valid, 1 with every problem listed otherwise. Nothing is
    fetched over the network.
    """
    use.check(package, lang)
    runtime(ctx).console.print(
        t("export.ok_package", lang, path=package), markup=False, soft_wrap=True
    )
