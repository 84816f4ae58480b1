"""Reading deck files from disk: find ``*.yaml`` files, parse each, check them together."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from recall.core.deck import Deck, check_decks, parse_deck
from recall.errors import DeckError, Problem
from recall.i18n import t

__all__ = ["find_deck_files", "load_decks", "read_decks"]


def find_deck_files(paths: Iterable[Path], lang: str = "en") -> list[Path]:
    """Deck files named by ``paths``: files as given, folders searched for ``*.yaml``/``*.yml``.

    Messages are in ``lang`` (ja or en), as in the other functions here.

    Raises:
        DeckError: a path does not exist.
    """
    files: list[Path] = []
    missing: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml")))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(Problem(str(path), 0, None, t("deck.file_missing", lang)))
    if missing:
        raise DeckError(missing, lang)
    return files


def read_decks(paths: Iterable[Path], lang: str = "en") -> tuple[list[Deck], list[Problem]]:
    """Parse every deck file under ``paths``, collecting problems instead of stopping.

    Returns:
        The valid decks and every problem found (in files and across files).
    """
    decks: list[Deck] = []
    problems: list[Problem] = []
    for file in find_deck_files(paths, lang):
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            problems.append(
                Problem(str(file), 1, None, t("deck.not_utf8", lang, reason=error.reason))
            )
            continue
        except OSError as error:
            reason = error.strerror
            problems.append(Problem(str(file), 0, None, t("deck.unreadable", lang, reason=reason)))
            continue
        try:
            decks.append(parse_deck(text, str(file), lang))
        except DeckError as error:
            problems.extend(error.problems)
    problems.extend(check_decks(decks, lang))
    return decks, problems


def load_decks(paths: Iterable[Path], lang: str = "en") -> list[Deck]:
    """Every deck under ``paths``, all valid.

    Raises:
        DeckError: any problem in any deck (all of them listed).
    """
    decks, problems = read_decks(paths, lang)
    if problems:
        raise DeckError(problems, lang)
    return decks
