"""Opening recall's database with the deck files synchronised into it (every command and
every web request starts here)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from recall.deckfiles import load_decks
from recall.errors import DeckError
from recall.store import Store

__all__ = ["open_store", "ping", "sync_decks", "unchanged_since"]


def open_store(db_path: Path) -> Store:
    """Open (creating if needed, readable by its owner only) the database at ``db_path``.

    Raises:
        StoreError: it cannot be opened or is not a recall database.
    """
    return Store.open(db_path)


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
    store: Store, decks_dir: Path, now: datetime, *, warn: Callable[[int], None] | None = None
) -> None:
    """Bring the deck files of ``decks_dir`` into the database.

    When the deck files have problems but the database already holds decks, work goes on
    with the decks as last loaded and ``warn`` is told how many problems there are, so
    that a typo in a deck file never stops employees' reviews.

    Raises:
        DeckError: the deck files have problems and the database holds no deck yet.
    """
    try:
        store.sync_decks(load_decks([decks_dir]), now=now)
    except DeckError as error:
        if not store.decks():
            raise
        if warn is not None:
            warn(len(error.problems))
