"""The Typer application: global options, lazy loading of commands, errors → exit codes.

This is the only place that turns a :class:`recall.errors.RecallError` into an exit
code: commands raise, this module prints the message to stderr and exits 1. Exit code
2 stays Typer's own, for usage errors.

Command modules are imported only when their command runs (``recall --version`` and
``recall status`` load no report, export or simulation code): :data:`COMMANDS` names
the module of each command, and :class:`_RecallGroup` imports it on first use.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from recall.cli.language import command_lang, fresh
from recall.cli.runtime import (
    Runtime,
    check_path,
    default_db_path,
    default_decks_dir,
    parse_now,
)
from recall.errors import DeckError, RecallError

__all__ = ["COMMANDS", "app", "main"]

#: command name → the ``recall.cli`` module that registers it (in ``--help`` order).
COMMANDS: dict[str, str] = {
    "review": "study",
    "due": "study",
    "answer": "study",
    "status": "study",
    "deck": "deck",
    "employee": "staff",
    "incident": "incident",
    "refresh": "incident",
    "report": "report",
    "export": "export",
    "simulate": "simulate",
    "settings": "settings",
    "serve": "serve",
    "link": "serve",
    "remind": "remind",
    "optimize": "optimize",
    "admin": "admin",
}


def _print_error(error: RecallError) -> None:
    """Print ``error`` to stderr in the command's language (:func:`command_lang`)."""
    from recall.cli.terminal import TerminalConsole
    from recall.i18n import t

    lang = error.language(command_lang())
    console = TerminalConsole(stderr=True, highlight=False, soft_wrap=True)
    if isinstance(error, DeckError):
        for problem in error.problems:
            console.print(str(problem), markup=False)
        n = len(error.problems)
        found = t("error.problems_found", lang, n=n, s="s" if n != 1 else "")
        console.print(found, style="red", markup=False)
    else:
        label = t("error.label", lang)
        console.print(f"{label}: {error.text(lang)}", style="red", markup=False)


class _RecallGroup(TyperGroup):
    """Root group: commands load on first use, and every RecallError raised by any
    command becomes one clean message and exit code 1."""

    def list_commands(self, ctx: typer.Context) -> list[str]:  # noqa: D102
        return list(COMMANDS)

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:  # noqa: ANN401  # noqa: D102
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module = importlib.import_module(f"recall.cli.{COMMANDS[cmd_name]}")
            # the root's markup mode, as Typer passes it down to the commands it builds:
            # without it they get Typer's default ("rich"), which keeps the docstrings'
            # single line breaks and so breaks their lines twice in a narrow terminal
            holder = typer.Typer(rich_markup_mode=self.rich_markup_mode)
            module.register(holder)
            group = typer.main.get_group(holder)
            for name, command in group.commands.items():
                self.commands.setdefault(name, command)
        return self.commands.get(cmd_name)

    def invoke(self, ctx: typer.Context) -> Any:  # noqa: ANN401 - click's signature
        with fresh():
            try:
                return super().invoke(ctx)
            except RecallError as error:
                _print_error(error)
                raise typer.Exit(1) from None


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"recall {version('recall')}")
        raise typer.Exit()


app = typer.Typer(
    cls=_RecallGroup,
    name="recall",
    help=(
        "Spaced-repetition privacy-protection training. Employees review short incident "
        "scenarios just before they would forget them (FSRS); HR enrols staff, triggers "
        "refreshers after incidents and prints audit records; LMS admins export SCORM."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            envvar="RECALL_DB",
            help="SQLite database file, created on first use in an existing folder (a "
            "missing folder is an error: a mistyped path). Default: recall.db in the "
            "user's data directory.",
            show_default=False,
        ),
    ] = None,
    decks: Annotated[
        Path | None,
        typer.Option(
            "--decks",
            envvar="RECALL_DECKS",
            help="Folder of deck files to load. Default: ./decks, else the bundled decks.",
            show_default=False,
        ),
    ] = None,
    now: Annotated[
        str | None,
        typer.Option(
            "--now",
            envvar="RECALL_NOW",
            help="Pretend the current time is this ISO-8601 instant (tests, simulations). "
            "Without an offset it is read in the organisation's timezone (setting "
            "timezone, default Asia/Tokyo).",
            show_default=False,
        ),
    ] = None,
    allow_past: Annotated[
        bool,
        typer.Option(
            "--allow-past",
            envvar="RECALL_ALLOW_PAST",
            help="Testing only: let a --now earlier than the latest record write answers, "
            "incidents and imports (the record is otherwise never backdated).",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show recall's version and exit."
        ),
    ] = False,
) -> None:
    try:
        checked = now if parse_now(now) else None  # checked here, read in Runtime.now()
        if db is not None:
            check_path(db, "--db")
        if decks is not None:
            check_path(decks, "--decks")
    except RecallError as error:
        _print_error(error)
        raise typer.Exit(1) from None
    ctx.obj = Runtime(
        db_path=db or default_db_path(),
        decks_dir=decks or default_decks_dir(),
        now_text=checked,
        create_db_folder=db is None,
        allow_past=allow_past,
    )
    ctx.call_on_close(ctx.obj.close)


def _replace_unencodable() -> None:
    """A terminal or pipe whose encoding lacks a character (``PYTHONIOENCODING=cp932``
    and the ``—`` placeholder) shows ``?`` for it instead of failing the command."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def main() -> None:
    """Console-script entry point."""
    _replace_unencodable()
    sys.exit(app())
