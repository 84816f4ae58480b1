"""Opening recall's database with the deck files synchronised into it (every command and
every web request starts here)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from recall.deckfiles import load_decks
from recall.errors import DeckError, InputError, Problem
from recall.i18n import t
from recall.store import Store
from recall.store.store import BUSY_TIMEOUT_MS

__all__ = ["open_store", "ping", "sync_decks", "unchanged_since"]


def open_store(db_path: Path, *, create_folder: bool = True) -> Store:
    """Open (creating if needed, readable by its owner only) the database at ``db_path``.

    A database that cannot be written (read-only file, folder or file system) is opened
    read-only: reading works, writing raises :class:`~recall.errors.StoreError`. The
    environment variable ``RECALL_BUSY_TIMEOUT`` (seconds, default 10) says how long a
    write waits for another process's write lock before it fails with "busy, try again".

    Args:
        db_path: the database file.
        create_folder: create a missing folder for a new database; without it a missing
            folder is an error.

    Raises:
        StoreError: it cannot be opened or is not a recall database.
        InputError: ``RECALL_BUSY_TIMEOUT`` is not a number of seconds from 0 to 600.
    """
    return Store.open(db_path, create_folder=create_folder, busy_timeout_ms=_busy_timeout_ms())


def _busy_timeout_ms() -> int:
    text = os.environ.get("RECALL_BUSY_TIMEOUT", "").strip()
    if not text:
        return BUSY_TIMEOUT_MS
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 600:
        raise InputError.of("error.busy_timeout", value=repr(text))
    return int(seconds * 1000)


def unchanged_since(store: Store, stamp: str | None) -> tuple[bool, str]:
    """Whether the decks and settings are as they were at ``stamp`` (and the stamp now).

    A long-lived store caches cards and settings; one kept open across requests (the web
    server keeps one per worker thread) is reopened when this says they changed.
    """
    from recall.store.auth import freshness

    now = freshness(store)
    return now == stamp, now


def ping(store: Store) -> None:
    """Read the database once (a health check).

    Raises:
        sqlite3.Error: the database cannot be read.
    """
    unchanged_since(store, None)


def sync_decks(
    store: Store,
    decks_dir: Path,
    now: datetime,
    *,
    warn: Callable[[int], None] | None = None,
    lang: str = "en",
) -> None:
    """Bring the deck files of ``decks_dir`` into the database.

    When the deck files have problems but the database already holds decks, work goes on
    with the decks as last loaded and ``warn`` is told how many problems there are, so
    that a typo in a deck file never stops employees' reviews. A folder with no deck file
    is an error while the database holds no deck (nothing could be trained: every count
    would be zero); once decks are loaded it is a warning (``warn(0)``) and the decks as
    last loaded are used. Deck problems are written in ``lang`` (the reader's language).

    Raises:
        DeckError: the deck files have problems, or there are none, and the database
            holds no deck yet.
    """
    if store.read_only:
        return  # a read-only copy is read with the decks as last loaded
    try:
        decks = load_decks([decks_dir], lang)
        if not decks:
            if not any(d.active for d in store.decks()):
                raise DeckError([Problem(str(decks_dir), 0, None, t("deck.none", lang))], lang)
            if warn is not None:
                warn(0)
            return
        store.sync_decks(decks, now=now)
    except DeckError as error:
        if not store.decks():
            raise
        if warn is not None:
            warn(len(error.problems))
