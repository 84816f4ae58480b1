"""Reading deck files from disk: find ``*.yaml`` files, parse each, check them together."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from recall.core.deck import Deck, check_decks, parse_deck
from recall.errors import DeckError, Problem

__all__ = ["find_deck_files", "load_decks", "read_decks"]


def find_deck_files(paths: Iterable[Path]) -> list[Path]:
    """Deck files named by ``paths``: files as given, folders searched for ``*.yaml``/``*.yml``.

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
            missing.append(Problem(str(path), 0, None, "no such file or folder"))
    if missing:
        raise DeckError(missing)
    return files


def read_decks(paths: Iterable[Path]) -> tuple[list[Deck], list[Problem]]:
    """Parse every deck file under ``paths``, collecting problems instead of stopping.

    Returns:
        The valid decks and every problem found (in files and across files).
    """
    decks: list[Deck] = []
    problems: list[Problem] = []
    for file in find_deck_files(paths):
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            problems.append(Problem(str(file), 1, None, f"not UTF-8 text ({error.reason})"))
            continue
        except OSError as error:
            problems.append(Problem(str(file), 0, None, f"cannot be read: {error.strerror}"))
            continue
        try:
            decks.append(parse_deck(text, str(file)))
        except DeckError as error:
            problems.extend(error.problems)
    problems.extend(check_decks(decks))
    return decks, problems


def load_decks(paths: Iterable[Path]) -> list[Deck]:
    """Every deck under ``paths``, all valid.

    Raises:
        DeckError: any problem in any deck (all of them listed).
    """
    decks, problems = read_decks(paths)
    if problems:
        raise DeckError(problems)
    return decks
