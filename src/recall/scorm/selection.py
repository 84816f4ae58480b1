"""Which cards go into a SCORM package: parse ``--cards`` and pick the cards from a deck.

Classes: :class:`Selection` (what the user asked for, with a slug for file names and
identifiers). Functions: :func:`parse_selection` (``--cards`` text → Selection) and
:func:`select_cards` (deck + selection → the cards, in deck order).

This module is pure: for ``incident:ID`` the caller looks up the incident's topics (in the
store) and passes them in as ``incident_topics``.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from recall.core.deck import Card, Deck
from recall.errors import ExportError, InputError

__all__ = ["MAX_INCIDENT_ID", "SELECTION_KINDS", "Selection", "parse_selection", "select_cards"]

MAX_INCIDENT_ID = 2**63 - 1  # SQLite's largest integer: no incident id can be larger
SELECTION_KINDS = ("onboarding", "all", "topic", "incident")
_TOPIC = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Selection:
    """A choice of cards: ``onboarding``, ``all``, ``topic:TOPIC`` or ``incident:ID``."""

    kind: str
    value: str = ""

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}" if self.value else self.kind

    @property
    def slug(self) -> str:
        """The selection as used in file names and identifiers, e.g. ``topic-consent``."""
        return f"{self.kind}-{self.value}" if self.value else self.kind

    @property
    def incident_id(self) -> int:
        """The incident number of an ``incident:ID`` selection.

        Raises:
            ValueError: this is not an incident selection.
        """
        if self.kind != "incident":
            raise ValueError(f"{self} is not an incident selection")
        return int(self.value)


def parse_selection(text: str) -> Selection:
    """Parse a ``--cards`` value.

    Args:
        text: ``onboarding``, ``all``, ``topic:TOPIC`` or ``incident:ID``.

    Returns:
        The selection.

    Raises:
        InputError: the text is none of these forms.
    """
    raw = text.strip()
    kind, sep, value = raw.partition(":")
    kind = kind.strip().lower()
    value = value.strip()
    usage = "use onboarding, all, topic:TOPIC or incident:ID"
    if kind in ("onboarding", "all") and not sep:
        return Selection(kind)
    if kind == "topic" and sep:
        if not _TOPIC.match(value):
            raise InputError(f"--cards {raw!r}: '{value}' is not a topic id ({usage})")
        return Selection("topic", value)
    if kind == "incident" and sep:
        if not (value.isascii() and value.isdigit()) or not 0 < int(value) <= MAX_INCIDENT_ID:
            raise InputError(
                f"--cards {raw!r}: the incident id must be a positive number up to "
                f"{MAX_INCIDENT_ID} ({usage})"
            )
        return Selection("incident", str(int(value)))
    raise InputError(f"--cards {raw!r} is not a card selection ({usage})")


def select_cards(
    deck: Deck,
    selection: Selection,
    incident_topics: Collection[str] | None = None,
) -> list[Card]:
    """The cards of ``deck`` that ``selection`` names, in deck order.

    Args:
        deck: the deck.
        selection: what to pick.
        incident_topics: for ``incident:ID`` only, the topics the incident touches.

    Returns:
        The cards; never empty.

    Raises:
        ExportError: unknown topic, a topic or incident with no cards in this deck, an
            incident selection without its topics, or an empty selection.
    """
    where = f"deck '{deck.id}' ({deck.file or 'no file'})"
    if selection.kind == "all":
        cards = list(deck.cards)
    elif selection.kind == "onboarding":
        cards = [c for c in deck.cards if c.onboarding]
        if not cards:
            raise ExportError(f"--cards onboarding: no card in {where} is marked onboarding: true")
    elif selection.kind == "topic":
        known = [t.id for t in deck.topics]
        if selection.value not in known:
            raise ExportError(
                f"--cards {selection}: {where} has no topic '{selection.value}' "
                f"(its topics: {', '.join(known) or 'none'})"
            )
        cards = [c for c in deck.cards if selection.value in c.topics]
        if not cards:
            raise ExportError(
                f"--cards {selection}: topic '{selection.value}' has no cards in {where}"
            )
    elif selection.kind == "incident":
        if incident_topics is None:
            raise ExportError(f"--cards {selection}: the incident's topics were not given")
        wanted = set(incident_topics)
        cards = [c for c in deck.cards if wanted.intersection(c.topics)]
        if not cards:
            topics = ", ".join(sorted(wanted)) or "none"
            raise ExportError(
                f"--cards {selection}: no card in {where} covers the incident's topics ({topics})"
            )
    else:
        raise ExportError(f"--cards {selection}: unknown selection kind '{selection.kind}'")
    return cards
