"""The SQLite store: all of recall's SQL. See :class:`recall.store.store.Store`."""

from recall.store.decks import DeckInfo
from recall.store.instants import iso, parse_iso
from recall.store.reviews import AnswerRow, ReviewRecord, Written
from recall.store.store import Store

__all__ = ["AnswerRow", "DeckInfo", "ReviewRecord", "Store", "Written", "iso", "parse_iso"]
