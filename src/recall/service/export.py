"""Exporting SCORM packages: pick the deck, select the cards (an incident's topics come
from the database), write the zip, optionally check it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall.core.deck import Deck
from recall.deckfiles import load_decks
from recall.errors import ExportError, NotFoundError
from recall.scorm import ExportOptions, check_package, select_cards, write_package
from recall.store import Store

__all__ = ["check", "export_scorm", "pick_deck"]


def pick_deck(decks: list[Deck], deck_id: str | None, where: Path) -> Deck:
    """The deck named ``deck_id``, or the only deck when none is named.

    Raises:
        NotFoundError: no deck files, or no deck with that id.
        ExportError: several decks and none named.
    """
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
    raise NotFoundError(f"--deck {deck_id!r}: no such deck in {where} (decks: {ids})")


def export_scorm(
    decks_dir: Path,
    options: ExportOptions,
    output: Path,
    *,
    deck_id: str | None = None,
    store: Callable[[], Store] | None = None,
    check: bool = False,
) -> Path:
    """Write one SCORM package of a deck's cards; no employee data goes into it.

    Args:
        decks_dir: the deck folder.
        options: what to export and how the LMS grades it (checked here, once).
        output: the folder to write the zip to.
        deck_id: the deck; default the only deck of ``decks_dir``.
        store: opens the database, needed only for ``incident:ID`` selections.
        check: validate the written package as ``recall export check`` does.

    Returns:
        The zip's path.

    Raises:
        ExportError: bad options, an unknown incident, or an invalid package.
        NotFoundError: no such deck.
    """
    deck = pick_deck(load_decks([decks_dir]), deck_id, decks_dir)
    options.check(deck)
    topics = None
    if options.selection.kind == "incident":
        if store is None:
            raise ExportError("--cards incident:ID needs the database")
        topics = store().incident_topics(options.selection.incident_id)
    path = write_package(deck, select_cards(deck, options.selection, topics), options, output)
    if check:
        check_package(path)
    return path


def check(package: Path) -> None:
    """Check a SCORM package: manifest against the official XSDs, files and paths.

    Raises:
        ExportError: every problem found.
    """
    check_package(package)
