"""The connection the store works through: open, migrate, transactions, rows by name.

recall's SQL is written by hand (:mod:`recall.store`), so the store needs little from a
database object: open the file (private, migrated to the current schema), run a
statement, read rows by column name, and group writes in one transaction. Class
:class:`Database` gives exactly that on a plain ``sqlite3`` connection; it replaced
sqlite-utils, whose import (about 0.25 s, with pluggy and numpy when installed) was most
of every command's start-up time while only these few calls were used.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from recall.errors import StoreError
from recall.store.schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["BUSY_TIMEOUT_MS", "Database"]

BUSY_TIMEOUT_MS = 10_000


class Database:
    """A thin wrapper over one ``sqlite3`` connection (autocommit; writes that belong
    together run in :meth:`transaction`). Build it with :meth:`open`."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._in_transaction = False

    @classmethod
    def open(cls, path: Path) -> Database:
        """Open the database at ``path``, creating it (readable by its owner only), and
        bring its schema up to date.

        Raises:
            StoreError: it cannot be opened, is not a recall database, or is from a newer
                recall.
        """
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
                os.close(fd)
            conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"cannot open database {path}: {error}") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
            db = cls(conn)
            db._migrate(path)
        except sqlite3.DatabaseError as error:
            conn.close()
            raise StoreError(f"{path} is not a usable recall database: {error}") from None
        except StoreError:
            conn.close()
            raise
        return db

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def _migrate(self, path: Path) -> None:
        version = self.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{path} was written by a newer recall (schema version {version}; this "
                f"recall knows up to {SCHEMA_VERSION}). Upgrade recall to use it."
            )
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                for statement in _statements(MIGRATIONS[number]):
                    self.execute(statement)
                self.execute(f"PRAGMA user_version = {number + 1}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (``BEGIN IMMEDIATE``); nested calls join the outer one."""
        if self._in_transaction:
            yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._in_transaction = True
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._in_transaction = False

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


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (triggers keep their inner semicolons)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    return statements
