"""The SQLite store: all of recall's SQL. See :class:`recall.store.store.Store`."""

from recall.store.store import DeckInfo, Store, iso, parse_iso

__all__ = ["DeckInfo", "Store", "iso", "parse_iso"]
