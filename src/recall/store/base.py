"""What every group of the store's queries shares: the database, settings, the cards.

Class :class:`StoreBase` is the common base of the query groups (:mod:`~recall.store.decks`,
:mod:`~recall.store.employees`, :mod:`~recall.store.reviews`,
:mod:`~recall.store.incidents`, :mod:`~recall.store.reports`, :mod:`~recall.store.roster`)
that :class:`recall.store.Store` combines. It really defines the members they all use, so
no group declares another's: the open :class:`~recall.store.database.Database` and its
transaction, the organisation's settings and scheduling policy, and the catalogue of
active cards and topics (cached until the decks change).
"""

from __future__ import annotations

import json
import sqlite3
import time
from contextlib import AbstractContextManager
from pathlib import Path

from recall.core.deck import Card
from recall.core.policy import Policy, Settings
from recall.errors import NotFoundError
from recall.store.database import Database
from recall.store.summaries import (
    REBUILD_BATCH,
    REBUILD_PAUSE,
    RESTART,
    rebuild_abandoned,
    rebuild_step,
)

__all__ = ["StoreBase"]


class StoreBase:
    """The database, settings and card catalogue shared by every query group.

    Args:
        db: the open database (already migrated).
        path: the file it lives in.
    """

    def __init__(self, db: Database, path: Path) -> None:
        self.db = db
        self.path = path
        self._cards: dict[str, Card] | None = None
        self._card_decks: dict[str, str] | None = None
        self._settings: Settings | None = None
        self._policy: Policy | None = None
        self._policy_fit: int | None = None
        #: a testing session (``--allow-past``): a fixed clock may be earlier than the
        #: latest record (see :mod:`recall.service.clock`)
        self.allow_past = False

    @property
    def read_only(self) -> bool:
        """Opened read-only (file, folder or file system not writable): writes refuse."""
        return self.db.read_only

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def transaction(self) -> AbstractContextManager[None]:
        """One write transaction (``BEGIN IMMEDIATE``); nested calls join the outer one."""
        return self.db.transaction()

    # --- maintained summaries (recall.store.summaries) ------------------------------
    def summaries_fresh(self) -> bool:
        """Whether the maintained summaries (:mod:`recall.store.summaries`) are up to
        date; they are stale from a deck sync that changed cards (or the upgrade that
        created them) until their rebuild's last step (and absent from an older recall's
        database opened read-only)."""
        return self.summaries_stale() is False

    def summaries_stale(self) -> bool | None:
        """Whether the summaries are being rebuilt (None: the database predates them)."""
        try:
            row = self.db.execute("SELECT stale FROM summary_state").fetchone()
        except sqlite3.OperationalError:
            return None
        return bool(row[0])

    def rebuild_summaries(self, *, batch: int = REBUILD_BATCH) -> None:
        """Recompute the maintained summaries from memory and the log, from scratch."""
        with self.transaction():
            self.db.execute(RESTART)
        self.finish_summaries(batch=batch)

    def finish_summaries(self, *, batch: int = REBUILD_BATCH, abandoned: bool = False) -> int:
        """Finish a rebuild of the summaries, if one is pending, in short steps.

        Each step (``batch`` employees) is its own write transaction, so that answers and
        other writes wait for one step at most, not for the whole rebuild; inside a
        caller's transaction the steps join it. Several processes may run steps at
        once: each takes the next employees from the shared watermark.

        Args:
            batch: employees per step.
            abandoned: only a rebuild that no process has stepped for
                :data:`~recall.store.summaries.REBUILD_LEASE` seconds (what any command
                does at its start: it does not wait for a rebuild another process runs).

        Returns:
            The number of steps run.
        """
        steps = 0
        more = not self.read_only and bool(self.summaries_stale())
        if more and abandoned:
            more = rebuild_abandoned(self.db.execute)
        while more:
            if steps and not self.db.in_transaction:
                # SQLite's busy handler retries every 100 ms at most: a writer waiting for
                # the lock gets it in this pause instead of waiting for the whole rebuild
                time.sleep(REBUILD_PAUSE)
            with self.transaction():
                more = rebuild_step(self.db.execute, batch)
            steps += 1
        return steps

    # --- settings -----------------------------------------------------------------
    def settings(self) -> Settings:
        """The organisation's settings (defaults for any not set)."""
        if self._settings is None:
            rows = {r["name"]: r["value"] for r in self.db.query("SELECT * FROM settings")}
            self._settings = Settings().with_values(rows)
        return self._settings

    def policy(self) -> Policy:
        """The scheduling policy built from the settings and the FSRS parameters in use
        (the newest ``recall optimize`` fit; FSRS's defaults before any).

        The newest fit's id is read on every call (another process may have fitted since);
        the policy is rebuilt only when it or the settings changed.
        """
        row = self.db.execute(
            "SELECT id, parameters FROM fsrs_fits ORDER BY id DESC LIMIT 1"
        ).fetchone()
        fit_id = row[0] if row else None
        if self._policy is None or self._policy_fit != fit_id:
            parameters = tuple(json.loads(row[1])) if row else None
            self._policy = Policy(self.settings(), parameters=parameters)
            self._policy_fit = fit_id
        return self._policy

    def update_settings(self, values: dict[str, str]) -> Settings:
        """Change settings (validated together; nothing is written if any is bad).

        Raises:
            InputError: an unknown setting or a bad value.
        """
        updated = self.settings().with_values(values)
        with self.transaction():
            for name, value in updated.as_text().items():
                if name in values:
                    self.db.execute(
                        "INSERT INTO settings(name, value) VALUES (?, ?) "
                        "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                        [name, value],
                    )
        self._settings = updated
        self._policy = None
        return updated

    # --- the card catalogue -------------------------------------------------------
    def cards(self) -> dict[str, Card]:
        """Every active card, by id, in deck order (cached until the decks change)."""
        if self._cards is None:
            rows = self.db.query(
                "SELECT v.data FROM cards c JOIN card_versions v "
                "ON v.card_id = c.id AND v.version = c.version "
                "WHERE c.active = 1 ORDER BY c.deck_id, c.position"
            )
            cards = (Card.from_dict(json.loads(r["data"])) for r in rows)
            self._cards = {c.id: c for c in cards}
        return self._cards

    def card(self, card_id: str) -> Card:
        """An active card.

        Raises:
            NotFoundError: no active card has this id.
        """
        try:
            return self.cards()[card_id]
        except KeyError:
            raise NotFoundError.of("error.no_card", id=card_id) from None

    def topics(self) -> dict[str, dict[str, str]]:
        """Every topic of the active decks: id → names by language."""
        result: dict[str, dict[str, str]] = {}
        for row in self.db.query("SELECT data FROM decks WHERE active = 1 ORDER BY id"):
            for topic in json.loads(row["data"])["topics"]:
                result[topic["id"]] = topic["name"]
        return result

    def deck_id_of(self, card_id: str) -> str:
        """The id of the deck a card belongs to ('' if the card is unknown)."""
        if self._card_decks is None:
            self._card_decks = {
                r["id"]: r["deck_id"] for r in self.db.query("SELECT id, deck_id FROM cards")
            }
        return self._card_decks.get(card_id, "")

    def _forget_cards(self) -> None:
        """Drop the cached catalogue (the decks changed)."""
        self._cards = None
        self._card_decks = None
