"""Options and output shared by the commands that print reports: ``--format``,
``--output`` and ``--lang``, and :func:`emit` (render, then print or write a private file)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from recall.cli.runtime import Runtime
from recall.cli.terminal import TerminalConsole
from recall.core.codes import Lang, ReportFormat
from recall.errors import InputError
from recall.i18n import t
from recall.reports import Report, render

__all__ = ["FormatOption", "LangOption", "OutputOption", "emit"]

FormatOption = Annotated[
    ReportFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Default: from the -o file's suffix (.csv, .json, .html), else table.",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file instead of the terminal (CSV files get a BOM for Excel); "
        "- is the terminal.",
        show_default=False,
    ),
]
LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang",
        envvar="RECALL_LANG",
        help="Language of labels and messages: ja (日本語) or en. Default: RECALL_LANG, else ja.",
    ),
]


def emit(rt: Runtime, report: Report, fmt: ReportFormat | None, output: Path | None) -> None:
    """Render ``report`` as ``fmt`` to ``output`` (or the terminal).

    Raises:
        InputError: the file cannot be written.
    """
    if output is not None and str(output) == "-":
        output = None
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output else ""
        suffix = {"htm": "html"}.get(suffix, suffix)
        fmt = ReportFormat(suffix) if suffix in set(ReportFormat) else ReportFormat.TABLE
    rendered = render(report, fmt)
    if output is None:
        if isinstance(rendered, str):
            rt.console.file.write(rendered)
        else:
            rt.console.print(rendered)
        return
    try:
        # Reports hold employees' names: the file is readable by its owner only, like the DB.
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(fd, 0o600)  # also when an existing file is overwritten
        encoding = "utf-8-sig" if fmt == ReportFormat.CSV else "utf-8"
        with open(fd, "w", encoding=encoding, newline="") as handle:
            if isinstance(rendered, str):
                handle.write(rendered)
            else:
                TerminalConsole(file=handle, width=160, highlight=False).print(rendered)
    except OSError as error:
        raise InputError(f"cannot write {output}: {error.strerror}") from None
    rt.console.print(t("hr.wrote", report.lang, path=output), markup=False, soft_wrap=True)
