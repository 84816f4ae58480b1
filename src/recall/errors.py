"""Every error recall raises on purpose, and where it happened.

Hierarchy::

    RecallError                 base: a message a user can act on
    ├── DeckError               a deck file cannot be used (holds every Problem found)
    ├── StoreError              the database cannot be opened or is from a newer recall
    │   └── BusyError           another process holds the write lock: try again
    ├── InputError              bad user input: CSV rows, dates, ids, options
    ├── NotFoundError           an employee, card, deck or incident that does not exist
    └── ExportError             a SCORM package cannot be built or does not validate

Only ``recall.cli.app`` catches these: it prints the message to stderr and exits 1; the
web app shows it on a page.

An error is written in the reader's language by the layer that knows that language,
never by the layer that raises it (the store does not know who reads)::

    raise NotFoundError.of("error.no_employee", id=employee_id)   # store: key + values
    print(error.text(lang))                                       # CLI / web: rendered

``str(error)`` is the English text, for logs and tests. A raise site that already knows
the reader's language may still write the message itself
(``InputError(t(key, lang, ...), lang=lang)``, or :meth:`RecallError.written`); such an
error renders as written.

Class :class:`Message` is a catalogue key with its values, not yet rendered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Self

from recall.i18n import t

__all__ = [
    "BusyError",
    "DeckError",
    "ExportError",
    "InputError",
    "Message",
    "NotFoundError",
    "Problem",
    "RecallError",
    "StoreError",
]


@dataclass(frozen=True, eq=False)
class Message:
    """A text of the label catalogue (:mod:`recall.i18n`) not yet put into a language.

    ``values`` fill the key's placeholders; a value that is itself a :class:`Message`
    (a translatable part, such as "the system clock") is rendered in the same language,
    and a tuple of them is rendered each and joined with ``, ``.
    """

    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """The message in ``lang`` (``ja`` or ``en``)."""
        return t(self.key, lang, **{k: _render(v, lang) for k, v in self.values.items()})


def _render(value: object, lang: str) -> object:
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, tuple) and value and all(isinstance(v, Message) for v in value):
        return ", ".join(v.text(lang) for v in value)
    return value


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem: ``FILE:LINE: card ID: message``."""

    file: str
    line: int
    card: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:"
        if self.card:
            return f"{where} card {self.card}: {self.message}"
        return f"{where} {self.message}"


class RecallError(Exception):
    """Base class: the message says what is wrong and where.

    Either keyed (:meth:`of`: a catalogue key and values, rendered by :meth:`text` in the
    reader's language) or written (a text in ``lang``, ``ja`` or ``en``, rendered as it
    is). ``str(error)`` is the English text of a keyed error, the text of a written one.
    """

    def __init__(self, *args: object, lang: str = "en", message: Message | None = None) -> None:
        if message is not None and not args:
            args = (message.text("en"),)
        super().__init__(*args)
        self.lang = lang
        self.message = message

    @classmethod
    def of(cls, key: str, /, **values: object) -> Self:
        """A keyed error: the catalogue ``key`` and its placeholders' ``values``.

        Example: ``NotFoundError.of("error.no_incident", id=7)``.
        """
        return cls(message=Message(key, values))

    @classmethod
    def written(cls, key: str, lang: str | None, /, **values: object) -> Self:
        """Written now in ``lang`` when the raise site knows the reader's language, else
        keyed (``lang`` None), for functions whose callers may or may not pass a language."""
        if lang is None:
            return cls.of(key, **values)
        return cls(Message(key, values).text(lang), lang=lang)

    def text(self, lang: str) -> str:
        """The message for a reader of ``lang``: rendered in it when keyed, else as written.

        Args:
            lang: the reader's language (``ja`` or ``en``), as the CLI command or web
                session resolved it.
        """
        return self.message.text(lang) if self.message is not None else str(self)

    def language(self, lang: str) -> str:
        """The language :meth:`text` gives for a reader of ``lang`` (to label it alike)."""
        return lang if self.message is not None else self.lang


class DeckError(RecallError):
    """A deck cannot be used; ``problems`` lists every problem found (written in ``lang``).

    Not keyed (no :meth:`RecallError.of`): the deck parser writes each problem in the
    language its caller passes, and the CLI prints them as written.
    """

    def __init__(self, problems: list[Problem], lang: str = "en") -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems), lang=lang)


class StoreError(RecallError):
    """The database cannot be opened, migrated or written."""


class BusyError(StoreError):
    """Another process held the database's write lock longer than the busy timeout;
    nothing was written and the same write can be tried again."""


class InputError(RecallError):
    """User input that cannot be accepted; the message locates it."""


class NotFoundError(RecallError):
    """Something named by the user does not exist."""


class ExportError(RecallError):
    """A SCORM package cannot be built or fails its checks."""
