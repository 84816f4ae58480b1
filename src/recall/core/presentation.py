"""How a card is put in front of one employee: language, shuffled choices, numbering.

Classes: :class:`ShownChoice`, :class:`ShownCard`. Function: :func:`present`.

Choices are shuffled reproducibly per employee × card × day, so the same employee sees
the same order all day (a second look does not give the answer away by position) and a
different order on other days. Pure: the day is given, the clock is never read.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from recall.core.deck import Card

__all__ = ["ShownCard", "ShownChoice", "present"]


@dataclass(frozen=True)
class ShownChoice:
    """One choice as shown: its number on screen (1-based), stable key and text."""

    number: int
    key: str
    text: str


@dataclass(frozen=True)
class ShownCard:
    """A card as one employee sees it today."""

    card_id: str
    kind: str
    reason: str
    lang: str
    prompt: str
    choices: tuple[ShownChoice, ...]
    #: the card's stored version when shown (0: not known); the answer names it
    version: int = 0

    def key_for(self, number: int) -> str | None:
        """The choice key shown under ``number``, or None if there is no such number."""
        for choice in self.choices:
            if choice.number == number:
                return choice.key
        return None

    def to_dict(self) -> dict[str, object]:
        """JSON-able form (used by ``recall due --json``)."""
        return {
            "id": self.card_id,
            "kind": self.kind,
            "reason": self.reason,
            "lang": self.lang,
            "version": self.version,
            "prompt": self.prompt,
            "choices": [{"key": c.key, "number": c.number, "text": c.text} for c in self.choices],
        }


def present(card: Card, *, employee_id: str, day: date, lang: str, reason: str) -> ShownCard:
    """The card in ``lang`` with its choices shuffled for this employee and day.

    True-false cards keep their order (正しい / 誤り), which is part of the question's form.

    Args:
        card: the card.
        employee_id: who sees it (part of the shuffle seed).
        day: the organisation's date (part of the shuffle seed).
        lang: ``ja`` or ``en``; texts missing in it fall back to Japanese.
        reason: why it is shown (queue reason, or ``extra``).

    Returns:
        The card ready to show.
    """
    choices = list(card.choices)
    if card.kind != "true-false":
        random.Random(f"{employee_id}\x00{card.id}\x00{day.isoformat()}").shuffle(choices)
    return ShownCard(
        card_id=card.id,
        kind=card.kind,
        reason=reason,
        lang=lang,
        prompt=card.text("prompt", lang),
        choices=tuple(
            ShownChoice(n, c.key, c.text.get(lang) or c.text["ja"])
            for n, c in enumerate(choices, 1)
        ),
    )
