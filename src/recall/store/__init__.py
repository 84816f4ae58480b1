"""The SQLite store: all of recall's SQL. See :class:`recall.store.store.Store`."""

from recall.store.store import AnswerRow, DeckInfo, ReviewRecord, Store, Written, iso, parse_iso

__all__ = ["AnswerRow", "DeckInfo", "ReviewRecord", "Store", "Written", "iso", "parse_iso"]
