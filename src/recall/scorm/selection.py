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
from recall.i18n import t

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


def parse_selection(text: str, lang: str = "en") -> Selection:
    """Parse a ``--cards`` value.

    Args:
        text: ``onboarding``, ``all``, ``topic:TOPIC`` or ``incident:ID``.
        lang: the language of the error message (ja or en).

    Returns:
        The selection.

    Raises:
        InputError: the text is none of these forms.
    """
    raw = text.strip()
    kind, sep, value = raw.partition(":")
    kind = kind.strip().lower()
    value = value.strip()
    usage = t("export.usage", lang)
    if kind in ("onboarding", "all") and not sep:
        return Selection(kind)
    if kind == "topic" and sep:
        if not _TOPIC.match(value):
            raise InputError(
                t("export.bad_topic_id", lang, raw=repr(raw), value=value, usage=usage), lang=lang
            )
        return Selection("topic", value)
    if kind == "incident" and sep:
        if not (value.isascii() and value.isdigit()) or not 0 < int(value) <= MAX_INCIDENT_ID:
            raise InputError(
                t("export.bad_incident_id", lang, raw=repr(raw), max=MAX_INCIDENT_ID, usage=usage),
                lang=lang,
            )
        return Selection("incident", str(int(value)))
    raise InputError(t("export.bad_selection", lang, raw=repr(raw), usage=usage), lang=lang)


def select_cards(
    deck: Deck,
    selection: Selection,
    incident_topics: Collection[str] | None = None,
    lang: str = "en",
) -> list[Card]:
    """The cards of ``deck`` that ``selection`` names, in deck order.

    Args:
        deck: the deck.
        selection: what to pick.
        incident_topics: for ``incident:ID`` only, the topics the incident touches.
        lang: the language of the error messages (ja or en).

    Returns:
        The cards; never empty.

    Raises:
        ExportError: unknown topic, a topic or incident with no cards in this deck, an
            incident selection without its topics, or an empty selection.
    """
    where = t("export.where", lang, id=deck.id, file=deck.file or t("export.no_file", lang))
    none = t("export.none", lang)
    if selection.kind == "all":
        cards = list(deck.cards)
    elif selection.kind == "onboarding":
        cards = [c for c in deck.cards if c.onboarding]
        if not cards:
            raise ExportError(t("export.no_onboarding", lang, where=where), lang=lang)
    elif selection.kind == "topic":
        known = [topic.id for topic in deck.topics]
        if selection.value not in known:
            raise ExportError(
                t(
                    "export.no_topic",
                    lang,
                    selection=selection,
                    where=where,
                    topic=selection.value,
                    known=", ".join(known) or none,
                ),
                lang=lang,
            )
        cards = [c for c in deck.cards if selection.value in c.topics]
        if not cards:
            raise ExportError(
                t(
                    "export.topic_empty",
                    lang,
                    selection=selection,
                    topic=selection.value,
                    where=where,
                ),
                lang=lang,
            )
    elif selection.kind == "incident":
        if incident_topics is None:
            raise ExportError(
                t("export.incident_topics_missing", lang, selection=selection), lang=lang
            )
        wanted = set(incident_topics)
        cards = [c for c in deck.cards if wanted.intersection(c.topics)]
        if not cards:
            topics = ", ".join(sorted(wanted)) or none
            raise ExportError(
                t("export.incident_empty", lang, selection=selection, where=where, topics=topics),
                lang=lang,
            )
    else:
        raise ExportError(
            t("export.unknown_kind", lang, selection=selection, kind=selection.kind), lang=lang
        )
    return cards
