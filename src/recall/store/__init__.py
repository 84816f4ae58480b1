"""The SQLite store: all of recall's SQL. See :class:`recall.store.store.Store`."""

from recall.store.store import DeckInfo, ReviewRecord, Store, iso, parse_iso

__all__ = ["DeckInfo", "ReviewRecord", "Store", "iso", "parse_iso"]
