"""Decks and their cards as stored: kept in line with the deck files, versioned.

Class :class:`DeckQueries` (a query group of :class:`recall.store.Store`): sync the decks
from their files (:meth:`~DeckQueries.sync_decks`), list them (:class:`DeckInfo`), and
read card versions. The active cards and topics themselves are read through
:class:`recall.store.base.StoreBase` (every group uses them).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from recall.core.deck import Deck, Rule, Source, Topic
from recall.errors import InputError, NotFoundError
from recall.store.base import StoreBase
from recall.store.instants import iso
from recall.store.summaries import RESTART

__all__ = ["DeckInfo", "DeckQueries"]


@dataclass(frozen=True)
class DeckInfo:
    """A deck as stored: identity, version, metadata and whether it is scheduled."""

    id: str
    version: str
    title: dict[str, str]
    languages: tuple[str, ...]
    source: Source
    attribution: dict[str, str]
    topics: tuple[Topic, ...]
    #: the rules the deck's cards are checked against (none in a deck without rules)
    rules: tuple[Rule, ...]
    #: False once its file is gone (its cards are no longer scheduled)
    active: bool


class DeckQueries(StoreBase):
    """Deck queries; a query group of :class:`recall.store.Store`."""

    def sync_decks(self, decks: Sequence[Deck], now: datetime) -> None:
        """Bring the stored decks in line with the deck files, in one transaction.

        A reworded card gets a new version and keeps every schedule; a card whose
        correct answer changed gets a new version and its memory states are reset (it is
        a different fact now); a card no longer in its deck stops being scheduled, and
        its history stays. A deck whose file is gone stops being scheduled the same way
        (and comes back, schedules intact, with its file); an empty deck folder changes
        nothing. Unchanged decks cost one query.
        """
        stored = {
            r["id"]: (r["fingerprint"], r["active"])
            for r in self.db.query("SELECT id, fingerprint, active FROM decks")
        }
        changed = [d for d in decks if stored.get(d.id) != (_fingerprint(d), 1)]
        loaded = {d.id for d in decks}
        gone = [i for i, (_, active) in stored.items() if active and i not in loaded]
        if not decks or not (changed or gone):
            self.finish_summaries(abandoned=True)  # one its process did not finish
            return
        stamp = iso(now)
        with self.transaction():
            for deck in changed:
                self._sync_deck(deck, stamp)
            for deck_id in gone:
                self.db.execute(
                    "UPDATE decks SET active = 0, synced_at = ? WHERE id = ?", [stamp, deck_id]
                )
                self.db.execute("UPDATE cards SET active = 0 WHERE deck_id = ?", [deck_id])
        self._forget_cards()
        # cards changed: the summaries are rebuilt in short steps, each its own transaction
        # (readers use the exact queries meanwhile), not under this sync's write lock
        self.finish_summaries()

    def _sync_deck(self, deck: Deck, stamp: str) -> None:
        meta = {
            "title": dict(deck.title),
            "languages": list(deck.languages),
            "source": {
                "title": deck.source.title,
                "publisher": deck.source.publisher,
                "year": deck.source.year,
                "url": deck.source.url,
                "title_en": deck.source.title_en,
            },
            "attribution": dict(deck.attribution),
            "topics": [{"id": t.id, "name": dict(t.name)} for t in deck.topics],
            "rules": [{"id": r.id, "name": dict(r.name)} for r in deck.rules],
        }
        existed = self.db.execute("SELECT 1 FROM decks WHERE id = ?", [deck.id]).fetchone()
        self.db.upsert(
            "decks",
            {
                "id": deck.id,
                "version": deck.version,
                "title_ja": deck.title["ja"],
                "title_en": deck.title.get("en"),
                "file": deck.file,
                "fingerprint": _fingerprint(deck),
                "data": json.dumps(meta, ensure_ascii=False),
                "active": 1,
                "synced_at": stamp,
            },
            pk="id",
        )
        current = {
            r["id"]: r
            for r in self.db.query(
                "SELECT c.id, c.version, c.answer_fingerprint, v.content_hash FROM cards c "
                "JOIN card_versions v ON v.card_id = c.id AND v.version = c.version "
                "WHERE c.deck_id = ?",
                [deck.id],
            )
        }
        for position, card in enumerate(deck.cards):
            row = current.pop(card.id, None)
            version = 1
            if row is not None:
                version = row["version"]
                if row["content_hash"] != card.content_hash:
                    version += 1
                    if row["answer_fingerprint"] != card.answer_fingerprint:
                        # rebuilt after the sync rather than row by row by the triggers
                        self.db.execute(RESTART)
                        self.db.execute("DELETE FROM memory WHERE card_id = ?", [card.id])
            elif self.db.execute("SELECT 1 FROM cards WHERE id = ?", [card.id]).fetchone():
                raise InputError.of(
                    "error.card_of_other_deck", file=deck.file, line=card.line, id=card.id
                )
            self.db.execute(
                "INSERT INTO cards(id, deck_id, version, answer_fingerprint, onboarding, "
                "position, active) VALUES (?, ?, ?, ?, ?, ?, 1) ON CONFLICT(id) DO UPDATE SET "
                "version = excluded.version, answer_fingerprint = excluded.answer_fingerprint, "
                "onboarding = excluded.onboarding, position = excluded.position, active = 1",
                [card.id, deck.id, version, card.answer_fingerprint, card.onboarding, position],
            )
            if row is None or version != row["version"]:
                self.db.execute(
                    "INSERT INTO card_versions VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        card.id,
                        version,
                        deck.version,
                        card.content_hash,
                        card.answer_fingerprint,
                        json.dumps(card.to_dict(), ensure_ascii=False),
                        stamp,
                    ],
                )
            stored_topics = {
                r[0]
                for r in self.db.execute(
                    "SELECT topic FROM card_topics WHERE card_id = ?", [card.id]
                )
            }
            if stored_topics != set(card.topics):  # untouched otherwise: see summaries
                self.db.execute("DELETE FROM card_topics WHERE card_id = ?", [card.id])
                for topic in card.topics:
                    self.db.execute("INSERT INTO card_topics VALUES (?, ?)", [card.id, topic])
        for removed in current:
            self.db.execute("UPDATE cards SET active = 0 WHERE id = ?", [removed])
        if existed:
            return
        self.db.execute(
            "INSERT OR IGNORE INTO enrolments SELECT id, ?, ? FROM employees WHERE left_on IS NULL",
            [deck.id, stamp],
        )

    def decks(self) -> list[DeckInfo]:
        """The decks in the database."""
        return [
            _deck_info(r["id"], r["version"], json.loads(r["data"]), bool(r["active"]))
            for r in self.db.query("SELECT id, version, data, active FROM decks ORDER BY id")
        ]

    def card_version(self, card_id: str) -> int:
        """The card's current version number (it grows when the card's content changes).

        Raises:
            NotFoundError: no such card.
        """
        row = self.db.execute("SELECT version FROM cards WHERE id = ?", [card_id]).fetchone()
        if row is None:
            raise NotFoundError.of("error.no_card_short", id=card_id)
        return int(row[0])

    def card_versions(self) -> dict[str, int]:
        """Every card's current version number."""
        return {r[0]: int(r[1]) for r in self.db.execute("SELECT id, version FROM cards")}


def _deck_info(deck_id: str, version: str, meta: dict[str, Any], active: bool) -> DeckInfo:
    """A :class:`DeckInfo` from the stored metadata (as :meth:`DeckQueries._sync_deck`
    writes it)."""
    return DeckInfo(
        id=deck_id,
        version=version,
        title=meta["title"],
        languages=tuple(meta["languages"]),
        source=Source(**meta["source"]),
        attribution=meta["attribution"],
        topics=tuple(Topic(t["id"], t["name"]) for t in meta["topics"]),
        rules=tuple(Rule(r["id"], r["name"]) for r in meta.get("rules", ())),
        active=active,
    )


def _fingerprint(deck: Deck) -> str:
    parts = [
        deck.version,
        json.dumps(
            {
                "t": dict(deck.title),
                "a": dict(deck.attribution),
                "s": [deck.source.title, deck.source.publisher, deck.source.year, deck.source.url]
                + ([deck.source.title_en] if deck.source.title_en else []),
                "l": list(deck.languages),
            },
            ensure_ascii=False,
            sort_keys=True,
        ),
    ]
    parts += [t.id + json.dumps(dict(t.name), ensure_ascii=False) for t in deck.topics]
    parts += ["rule:" + r.id + json.dumps(dict(r.name), ensure_ascii=False) for r in deck.rules]
    parts += [f"{c.id}:{c.content_hash}:{int(c.onboarding)}" for c in deck.cards]
    return zlib.crc32("|".join(parts).encode()).to_bytes(4, "big").hex() + str(len(deck.cards))
