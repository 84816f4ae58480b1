"""The Typer application: global options, the runtime passed to commands, errors → exit codes.

This is the only place that turns a :class:`recall.errors.RecallError` into an exit
code: commands raise, this module prints the message to stderr and exits 1. Exit code
2 stays Typer's own, for usage errors.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from typer.core import TyperGroup

from recall.errors import DeckError, InputError, RecallError

if TYPE_CHECKING:
    from recall.store import Store

DEFAULT_TIMEZONE = "Asia/Tokyo"


def _print_error(error: RecallError) -> None:
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    if isinstance(error, DeckError):
        for problem in error.problems:
            console.print(str(problem), markup=False)
        n = len(error.problems)
        console.print(f"{n} problem{'s' if n != 1 else ''} found", style="red")
    else:
        console.print(f"Error: {error}", style="red", markup=False)


class _RecallGroup(TyperGroup):
    """Root group: every RecallError raised by any command becomes one clean message."""

    def invoke(self, ctx: typer.Context) -> Any:  # noqa: ANN401 - click's signature
        try:
            return super().invoke(ctx)
        except RecallError as error:
            _print_error(error)
            raise typer.Exit(1) from None


def parse_now(text: str | None, timezone: str = DEFAULT_TIMEZONE) -> datetime | None:
    """Parse an ISO-8601 ``--now``; a time without offset is read in ``timezone``.

    Returns:
        The instant as an aware UTC datetime, or None when ``text`` is empty.

    Raises:
        InputError: the text is not an ISO-8601 date or date-time.
    """
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"--now / RECALL_NOW: {text!r} is not an ISO-8601 date-time "
            "(e.g. 2026-04-01T09:00:00+09:00)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(timezone))
    return moment.astimezone(UTC)


def _default_decks_dir() -> Path:
    here = Path.cwd() / "decks"
    if here.is_dir():
        return here
    checkout = Path(__file__).resolve().parents[3] / "decks"
    return checkout if checkout.is_dir() else here


def _default_db_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "recall" / "recall.db"


def _console() -> Console:
    """Standard output. Piped or redirected, tables get 160 columns (not rich's 80), so
    that reports and lists stay readable in files and pagers; COLUMNS still wins."""
    if sys.stdout.isatty() or os.environ.get("COLUMNS"):
        return Console(highlight=False)
    return Console(highlight=False, width=160)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"recall {version('recall')}")
        raise typer.Exit()


@dataclass
class Runtime:
    """What every command gets: where the database and decks are, and the clock.

    ``now_text`` is the ``--now`` value: a time without an offset is read in the
    organisation's timezone (the ``timezone`` setting), so the database is opened to
    read it.
    """

    db_path: Path
    decks_dir: Path
    now_text: str | None = None
    console: Console = field(default_factory=lambda: _console())
    _store: Store | None = None
    _synced: bool = False
    _fixed_now: datetime | None = None

    def now(self) -> datetime:
        """The current instant (aware UTC): the fixed ``--now`` if one was given."""
        if not self.now_text:
            return datetime.now(UTC)
        if self._fixed_now is None:
            parsed = parse_now(self.now_text)
            assert parsed is not None
            if datetime.fromisoformat(self.now_text).tzinfo is None:
                parsed = parse_now(self.now_text, self._open().settings().timezone)
            self._fixed_now = parsed
        assert self._fixed_now is not None
        return self._fixed_now

    def _open(self) -> Store:
        if self._store is None:
            from recall.store import Store

            self._store = Store.open(self.db_path)
        return self._store

    def store(self) -> Store:
        """Open (creating if needed) the database, with the decks synchronised into it.

        When the deck files have problems but the database already holds decks, work goes
        on with the decks as last loaded (a warning says so), so that a typo in a deck
        file never stops employees' reviews.

        Raises:
            DeckError: the deck files have problems and the database holds no deck yet.
        """
        store = self._open()
        if not self._synced:
            from recall.deckfiles import load_decks

            try:
                store.sync_decks(load_decks([self.decks_dir]), now=self.now())
            except DeckError as error:
                if not store.decks():
                    raise
                Console(stderr=True, highlight=False).print(
                    f"Warning: the deck files have {len(error.problems)} problem(s) "
                    "(run `recall deck check`); using the decks as last loaded.",
                    style="yellow",
                    markup=False,
                )
            self._synced = True
        return store


def runtime(ctx: typer.Context) -> Runtime:
    """The :class:`Runtime` built by the root callback."""
    obj = ctx.find_root().obj
    assert isinstance(obj, Runtime)
    return obj


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
            help="SQLite database file (created on first use). "
            "Default: recall.db in the user's data directory.",
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
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show recall's version and exit."
        ),
    ] = False,
) -> None:
    ctx.obj = Runtime(
        db_path=db or _default_db_path(),
        decks_dir=decks or _default_decks_dir(),
        now_text=now if parse_now(now) else None,  # checked here, read in Runtime.now()
    )


def _register() -> None:
    """Attach the command groups (each lives in its own module)."""
    from recall.cli import deck

    app.add_typer(deck.app, name="deck")
    from recall.cli import export, incident, report, simulate, staff, study

    for module in (study, staff, incident, report, export, simulate):
        module.register(app)
    from recall.cli import optimize

    optimize.register(app)


_register()


def main() -> None:
    """Console-script entry point."""
    sys.exit(app())
