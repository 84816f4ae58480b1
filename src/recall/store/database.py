"""The connection the store works through: stdlib ``sqlite3`` with rows as dicts on demand.

recall's SQL is written by hand (:mod:`recall.store`), so the store needs two things from
a database object: run a statement, and read rows by column name. Class
:class:`Database` gives exactly that on a plain ``sqlite3`` connection; it replaced
sqlite-utils, whose import (about 0.25 s, with pluggy and numpy when installed) was most
of every command's start-up time while only these two calls were used.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

__all__ = ["Database"]


class Database:
    """A thin wrapper over one ``sqlite3`` connection (autocommit; the store opens
    transactions explicitly)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        """Run one statement; returns the cursor (rows as tuples)."""
        return self.conn.execute(sql, params)

    def query(
        self, sql: str, params: Sequence[Any] | dict[str, Any] = ()
    ) -> Iterator[dict[str, Any]]:
        """Run a query; yields each row as a dict keyed by column name."""
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description or ()]
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    def insert_all(self, table: str, rows: Iterable[Mapping[str, Any]]) -> int:
        """Insert rows (dicts with the same keys) into ``table``; returns how many.

        ``table`` and the keys are recall's own identifiers, never user input.
        """
        rows = list(rows)
        if not rows:
            return 0
        columns = list(rows[0])
        sql = (
            f"INSERT INTO {table}({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
        )
        self.conn.executemany(sql, ([row[c] for c in columns] for row in rows))
        return len(rows)

    def upsert(self, table: str, row: Mapping[str, Any], pk: str) -> None:
        """Insert ``row`` into ``table``, or update the row with the same ``pk``."""
        columns = list(row)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != pk)
        self.conn.execute(
            f"INSERT INTO {table}({', '.join(columns)}) VALUES "
            f"({', '.join('?' for _ in columns)}) ON CONFLICT({pk}) DO UPDATE SET {updates}",
            [row[c] for c in columns],
        )
