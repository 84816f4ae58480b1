"""Options and output shared by the commands that print reports: ``--format``,
``--output`` and ``--lang``, and :func:`emit` (render, then print or write a private file)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import RenderableType

from recall.cli.language import remember_lang
from recall.cli.runtime import Runtime, check_path
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
        help="Default: from the -o file's suffix (.csv, .json, .html; .txt or none: "
        "table; another suffix needs --format), else table.",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
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
        callback=remember_lang,
    ),
]


#: ``-o`` suffixes → format, when ``--format`` is not given (a suffix-less file and
#: ``.txt`` get the text table)
_SUFFIXES = {
    "csv": ReportFormat.CSV,
    "json": ReportFormat.JSON,
    "html": ReportFormat.HTML,
    "htm": ReportFormat.HTML,
    "txt": ReportFormat.TABLE,
    "": ReportFormat.TABLE,
}


def emit(rt: Runtime, report: Report, fmt: ReportFormat | None, output: Path | None) -> None:
    """Render ``report`` as ``fmt`` to ``output`` (or the terminal; ``-`` is the terminal).

    Without ``fmt`` the format comes from the file's suffix (.csv, .json, .html, .txt);
    another suffix (``out.xlsx``) is refused rather than given a text table. The file is
    written whole or not at all: into a private temporary file beside it, then renamed,
    so a full disk leaves no empty or cut report behind.

    Raises:
        InputError: an unknown suffix without ``--format``, or the file cannot be written.
    """
    if output is not None and str(output) == "-":
        output = None
    if output is not None:
        check_path(output, "-o")
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output else ""
        if suffix not in _SUFFIXES:
            raise InputError.of("hr.unknown_suffix", path=output, suffix=output.suffix)
        fmt = _SUFFIXES[suffix]
    rendered = render(report, fmt)
    if output is None:
        if isinstance(rendered, str):
            rt.console.file.write(rendered)
        else:
            rt.console.print(rendered)
        return
    encoding = "utf-8-sig" if fmt == ReportFormat.CSV else "utf-8"
    _write_whole(output, rendered, encoding)
    rt.console.print(t("hr.wrote", report.lang, path=output), markup=False, soft_wrap=True)


def _write_whole(output: Path, rendered: str | RenderableType, encoding: str) -> None:
    """Write a private file (0600: reports hold names) whole or not at all."""
    folder = output.parent
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".tmp")
    except OSError as error:
        raise InputError.of("error.cannot_write", path=output, reason=error.strerror) from None
    try:
        os.fchmod(fd, 0o600)
        with open(fd, "w", encoding=encoding, newline="") as handle:
            if isinstance(rendered, str):
                handle.write(rendered)
            else:
                TerminalConsole(file=handle, width=160, highlight=False).print(rendered)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, output)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise InputError.of("error.cannot_write", path=output, reason=error.strerror) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
