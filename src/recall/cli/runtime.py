"""What every command gets: where the database and decks are, the clock, the consoles.

Commands import :func:`runtime` from here (never from :mod:`recall.cli.app`), so the
command modules and the app that loads them do not import each other.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import typer
from rich.console import Console

from recall.cli.language import command_lang
from recall.cli.terminal import TerminalConsole
from recall.core.dates import check_instant
from recall.core.policy import DEFAULT_TIMEZONE
from recall.errors import InputError
from recall.i18n import t

if TYPE_CHECKING:
    from recall.store import Store

__all__ = [
    "Runtime",
    "check_path",
    "default_db_path",
    "default_decks_dir",
    "parse_now",
    "runtime",
]


def parse_now(text: str | None, timezone: str = DEFAULT_TIMEZONE) -> datetime | None:
    """Parse an ISO-8601 ``--now``; a time without offset is read in ``timezone``.

    Returns:
        The instant as an aware UTC datetime, or None when ``text`` is empty.

    Raises:
        InputError: the text is not an ISO-8601 date or date-time, or its year is outside
            2000-2100 (the years recall's record holds).
    """
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=ZoneInfo(timezone))
        check_instant(moment, "--now")
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise InputError.of("error.bad_now", value=repr(text)) from None


def check_path(path: Path, what: str) -> Path:
    """Refuse a path that cannot mean what the user meant on this system.

    A Windows path (``C:\\Users\\hr\\recall.db``) on Linux or macOS would become one file
    named with backslashes in the current folder.

    Raises:
        InputError: the path holds a backslash (outside Windows) or is empty.
    """
    text = str(path)
    if not text.strip():
        raise InputError.of("error.empty_path", what=what)
    if os.sep != "\\" and "\\" in text:
        raise InputError.of("error.windows_path", what=what, path=repr(text))
    return path


def default_decks_dir() -> Path:
    """./decks if there is one, else the decks of this checkout."""
    here = Path.cwd() / "decks"
    if here.is_dir():
        return here
    checkout = Path(__file__).resolve().parents[3] / "decks"
    return checkout if checkout.is_dir() else here


def default_db_path() -> Path:
    """recall.db in the user's data directory (XDG_DATA_HOME or ~/.local/share)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "recall" / "recall.db"


def _console() -> Console:
    """Standard output. Piped or redirected, tables get 160 columns (not rich's 80), so
    that reports and lists stay readable in files and pagers; COLUMNS still wins."""
    if sys.stdout.isatty() or os.environ.get("COLUMNS"):
        return TerminalConsole(highlight=False)
    return TerminalConsole(highlight=False, width=160)


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
    #: create the database's folder if missing (only for the default location: a
    #: mistyped --db must not silently create folders and an empty database)
    create_db_folder: bool = False
    #: a testing session: a fixed --now may be earlier than the latest record
    allow_past: bool = False
    console: Console = field(default_factory=_console)
    err_console: Console = field(
        default_factory=lambda: TerminalConsole(stderr=True, highlight=False)
    )
    _store: Store | None = None
    _synced: bool = False
    _fixed_now: datetime | None = None

    def clock(self) -> datetime | Callable[[], datetime]:
        """What a write is stamped with: the fixed ``--now``, else the clock itself, read
        by the write under its lock (see :mod:`recall.service.clock`)."""
        return self.now() if self.now_text else self.now

    def now(self) -> datetime:
        """The current instant (aware UTC): the fixed ``--now`` if one was given."""
        if not self.now_text:
            return datetime.now(UTC)
        if self._fixed_now is None:
            timezone = DEFAULT_TIMEZONE
            if datetime.fromisoformat(self.now_text).tzinfo is None:
                timezone = self._open().settings().timezone
            self._fixed_now = parse_now(self.now_text, timezone)
        assert self._fixed_now is not None
        return self._fixed_now

    def close(self) -> None:
        """Close the database, if it was opened (at the end of every command)."""
        if self._store is not None:
            self._store.close()
            self._store = None

    def _open(self) -> Store:
        if self._store is None:
            from recall.service.workspace import open_store

            self._store = open_store(self.db_path, create_folder=self.create_db_folder)
            self._store.allow_past = self.allow_past
        return self._store

    def store(self) -> Store:
        """The database, with the deck files synchronised into it (once per command).

        Raises:
            DeckError: the deck files have problems and the database holds no deck yet.
        """
        store = self._open()
        if not self._synced:
            from recall.service.workspace import sync_decks

            lang = command_lang()

            def warn(problems: int) -> None:
                text = (
                    t("deck.problems_using_stored", lang, n=problems)
                    if problems
                    else t("deck.none_using_stored", lang, folder=self.decks_dir)
                )
                self.err_console.print(text, style="yellow", markup=False, soft_wrap=True)

            sync_decks(store, self.decks_dir, self.now(), warn=warn, lang=lang)
            self._synced = True
        return store


def runtime(ctx: typer.Context) -> Runtime:
    """The :class:`Runtime` built by the root callback."""
    obj = ctx.find_root().obj
    assert isinstance(obj, Runtime)
    return obj
