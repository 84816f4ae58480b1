"""Exporting SCORM packages: pick the deck, select the cards (an incident's topics come
from the database), write the zip, optionally check it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall.core.deck import Deck
from recall.deckfiles import load_decks
from recall.errors import ExportError, NotFoundError
from recall.i18n import t
from recall.scorm import ExportOptions, check_package, select_cards, write_package
from recall.store import Store

__all__ = ["check", "export_scorm", "pick_deck"]


def pick_deck(decks: list[Deck], deck_id: str | None, where: Path, lang: str = "en") -> Deck:
    """The deck named ``deck_id``, or the only deck when none is named; messages in ``lang``.

    Raises:
        NotFoundError: no deck files, or no deck with that id.
        ExportError: several decks and none named.
    """
    ids = ", ".join(d.id for d in decks) or t("export.none", lang)
    if deck_id is None:
        if len(decks) == 1:
            return decks[0]
        if not decks:
            raise NotFoundError(t("export.no_decks", lang, where=where), lang=lang)
        raise ExportError(t("export.several_decks", lang, where=where, ids=ids), lang=lang)
    for deck in decks:
        if deck.id == deck_id:
            return deck
    message = t("export.no_deck", lang, id=repr(deck_id), where=where, ids=ids)
    raise NotFoundError(message, lang=lang)


def export_scorm(
    decks_dir: Path,
    options: ExportOptions,
    output: Path,
    *,
    deck_id: str | None = None,
    store: Callable[[], Store] | None = None,
    check: bool = False,
    lang: str = "en",
) -> Path:
    """Write one SCORM package of a deck's cards; no employee data goes into it.

    Args:
        decks_dir: the deck folder.
        options: what to export and how the LMS grades it (checked here, once).
        output: the folder to write the zip to.
        deck_id: the deck; default the only deck of ``decks_dir``.
        store: opens the database, needed only for ``incident:ID`` selections.
        check: validate the written package as ``recall export check`` does.
        lang: the language of the error messages (ja or en).

    Returns:
        The zip's path.

    Raises:
        ExportError: bad options, an unknown incident, or an invalid package.
        NotFoundError: no such deck.
    """
    deck = pick_deck(load_decks([decks_dir], lang), deck_id, decks_dir, lang)
    options.check(deck, lang)
    topics = None
    if options.selection.kind == "incident":
        if store is None:
            raise ExportError(t("export.needs_db", lang), lang=lang)
        topics = store().incident_topics(options.selection.incident_id)
    cards = select_cards(deck, options.selection, topics, lang)
    path = write_package(deck, cards, options, output, lang)
    if check:
        check_package(path, lang)
    return path


def check(package: Path, lang: str = "en") -> None:
    """Check a SCORM package: manifest against the official XSDs, files and paths
    (the message in ``lang``).

    Raises:
        ExportError: every problem found.
    """
    check_package(package, lang)
