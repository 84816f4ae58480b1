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
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from recall.errors import BusyError, StoreError
from recall.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

__all__ = ["BUSY_TIMEOUT_MS", "Database"]

BUSY_TIMEOUT_MS = 10_000


class Database:
    """A thin wrapper over one ``sqlite3`` connection (autocommit; writes that belong
    together run in :meth:`transaction`). Build it with :meth:`open`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, read_only: bool = False) -> None:
        self.conn = conn
        self.path = path
        #: opened read-only (file, folder or file system not writable): writes refuse
        self.read_only = read_only
        #: a migration ran when it was opened (a new or upgraded database)
        self.migrated = False
        #: told True when a transaction has to wait for another process's write lock and
        #: False once it has it (a job's page says "waiting for the database"); None:
        #: not watched, the wait is SQLite's busy handler alone
        self.on_wait: Callable[[bool], None] | None = None
        self._in_transaction = False

    @classmethod
    def open(
        cls, path: Path, *, create_folder: bool = True, busy_timeout_ms: int = BUSY_TIMEOUT_MS
    ) -> Database:
        """Open the database at ``path``, creating it (readable by its owner only), and
        bring its schema up to date.

        A database that exists is made private again (0600, with its ``-wal`` and ``-shm``
        files). A file, folder or file system that cannot be written is opened read-only:
        reports and status work, and a write raises :class:`StoreError`.

        Args:
            path: the database file.
            create_folder: create missing folders for a new database (the default
                location); without it a missing folder is an error (a mistyped path).
            busy_timeout_ms: how long a write waits for another process's write lock.

        Raises:
            StoreError: it cannot be opened, belongs to another program, misses recall's
                tables, or is from a newer recall.
        """
        try:
            if not path.exists():
                _create(path, create_folder)
            _make_private(path)
        except OSError as error:
            raise StoreError.of("store.cannot_open", path=path, reason=error.strerror) from None
        try:
            return cls._connect(path, busy_timeout_ms, read_only=False)
        except sqlite3.OperationalError as error:
            if not _is_read_only_error(error):
                raise StoreError.of("store.unusable", path=path, reason=error) from None
            return cls._connect_read_only(path, busy_timeout_ms, error)

    @classmethod
    def _connect(cls, path: Path, busy_timeout_ms: int, *, read_only: bool) -> Database:
        """Connect and check (and migrate, when writable) the database at ``path``."""
        if read_only:
            uri = f"{path.resolve().as_uri()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        else:
            conn = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout_ms / 1000)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            if not read_only:
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
            db = cls(conn, path, read_only=read_only)
            db._migrate()
        except sqlite3.OperationalError:
            conn.close()
            raise
        except sqlite3.DatabaseError as error:
            conn.close()
            raise StoreError.of("store.unusable", path=path, reason=error) from None
        except BaseException:
            conn.close()
            raise
        return db

    @classmethod
    def _connect_read_only(
        cls, path: Path, busy_timeout_ms: int, cause: sqlite3.OperationalError
    ) -> Database:
        """Open read-only; in a folder where WAL cannot create its files, as immutable."""
        try:
            return cls._connect(path, busy_timeout_ms, read_only=True)
        except sqlite3.OperationalError:
            pass
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:  # immutable would ignore its answers
            raise StoreError.of("store.read_only_wal", path=path, wal=wal)
        uri = f"{path.resolve().as_uri()}?immutable=1"
        try:
            conn = sqlite3.connect(uri, uri=True, isolation_level=None)
            db = cls(conn, path, read_only=True)
            db._migrate()
        except sqlite3.Error:
            raise StoreError.of("store.unusable", path=path, reason=cause) from None
        return db

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def _check_owner(self, version: int) -> None:
        """Refuse a database that is not recall's, or that misses some of its tables.

        A database recall created carries :data:`APPLICATION_ID`; one created before that
        was recorded is recognised by its schema version and tables.
        """
        owner = self.execute("PRAGMA application_id").fetchone()[0]
        tables = {
            r[0]
            for r in self.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith("sqlite_")
        }
        if owner not in (0, APPLICATION_ID) or (owner == 0 and version == 0 and tables):
            raise StoreError.of("store.foreign", path=self.path)
        if version > SCHEMA_VERSION:
            raise StoreError.of(
                "store.newer", path=self.path, version=version, known=SCHEMA_VERSION
            )
        missing = sorted(_tables_of(version) - tables)
        if missing and owner == 0:
            raise StoreError.of("store.foreign", path=self.path)
        if missing:
            raise StoreError.of("store.damaged", path=self.path, tables=", ".join(missing))

    def _migrate(self) -> None:
        version = self.execute("PRAGMA user_version").fetchone()[0]
        self._check_owner(version)
        owner = self.execute("PRAGMA application_id").fetchone()[0]
        if version == SCHEMA_VERSION and owner == APPLICATION_ID:
            return
        if self.read_only:
            if version == SCHEMA_VERSION:
                return  # an older recall's database, read as it is
            raise StoreError.of("store.read_only_upgrade", path=self.path)
        while True:
            # The version is read again under the write lock: several processes opening a
            # new database at once migrate it once, one after the other.
            with self.transaction():
                version = self.execute("PRAGMA user_version").fetchone()[0]
                self._check_owner(version)
                self.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                if version >= SCHEMA_VERSION:
                    return
                for statement in _statements(MIGRATIONS[version]):
                    self.execute(statement)
                self.execute(f"PRAGMA user_version = {version + 1}")
                self.migrated = True

    @property
    def in_transaction(self) -> bool:
        """Inside :meth:`transaction` (a nested one joins it)."""
        return self._in_transaction

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (``BEGIN IMMEDIATE``); nested calls join the outer one.

        Raises:
            BusyError: another process held the write lock past the busy timeout.
            StoreError: the database is read-only, or the disk is full (nothing written).
        """
        if self._in_transaction:
            yield
            return
        if self.read_only:
            raise StoreError.of("store.read_only", path=self.path)
        conn = self.conn
        try:
            self._begin()
        except sqlite3.OperationalError as error:
            raise _write_error(self.path, error) from None
        self._in_transaction = True
        try:
            yield
            conn.execute("COMMIT")
        except BaseException as error:
            if conn.in_transaction:  # SQLite may have rolled back already (disk full)
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            if isinstance(error, sqlite3.OperationalError):
                raise _write_error(self.path, error) from None
            raise
        finally:
            self._in_transaction = False

    def _begin(self) -> None:
        """``BEGIN IMMEDIATE``; when watched (:attr:`on_wait`), first without waiting, so
        that the watcher hears of a wait for another process's lock before it starts."""
        conn = self.conn
        if self.on_wait is None:
            conn.execute("BEGIN IMMEDIATE")
            return
        patience = conn.execute("PRAGMA busy_timeout").fetchone()[0]
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as error:
            if not isinstance(_write_error(self.path, error), BusyError):
                raise
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(patience)}")
        self.on_wait(True)
        try:
            conn.execute("BEGIN IMMEDIATE")
        finally:
            self.on_wait(False)

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


def _create(path: Path, create_folder: bool) -> None:
    """Create an empty database file, private from the start (0600)."""
    if not path.parent.is_dir():
        if not create_folder:
            raise StoreError.of("store.no_folder", path=path, folder=path.parent)
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass  # another process created it at the same moment


def _make_private(path: Path) -> None:
    """Tighten the database and its WAL files to 0600 (a restored backup may be 0644).

    A file that cannot be changed (not ours, read-only file system) is left as it is.
    """
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            if file.exists() and file.stat().st_mode & 0o077:
                file.chmod(0o600)
        except OSError:
            pass


def _is_read_only_error(error: sqlite3.OperationalError) -> bool:
    text = str(error).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text


def _write_error(path: Path, error: sqlite3.OperationalError) -> StoreError:
    """The error a user sees when a write fails: busy, read-only, disk full, or as is."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return BusyError.of("store.busy", path=path)
    if "readonly" in text or "read-only" in text:
        return StoreError.of("store.read_only", path=path)
    if "full" in text:
        return StoreError.of("store.full", path=path)
    return StoreError.of("store.write_failed", path=path, reason=error)


def _tables_of(version: int) -> set[str]:
    """The tables recall's schema has at ``version``."""
    script = "\n".join(MIGRATIONS[:version])
    return set(re.findall(r"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", script))
