"""The dashboard summaries' rebuild (schemas 5-6) at organisation scale: the write lock it holds.

Usage::

    python benchmarks/summaries_rebuild.py                 # 100,000 employees (builds once)
    python benchmarks/summaries_rebuild.py --employees 20000
    python benchmarks/summaries_rebuild.py --db /tmp/hr.db # a built database (kept as is)

The organisation is ``benchmarks/hr_steps.py``'s (built once, reused between runs). On a
copy of it, two things rebuild the summaries (:mod:`recall.store.summaries`):

1. *upgrade*: a version-4 database opened by this recall (the summaries' tables and
   triggers are dropped from the copy first when the built database already has them);
2. *deck sync*: a new version of the bundled deck in which one card is removed, one
   changes topic and one gets a new correct answer (its memory states are reset).

Each is timed in full, with every write transaction it runs (the first is the migration
or the sync itself, the others the rebuild's steps; the longest is the longest time the
write lock was held), while a second connection in a thread asks for the write
lock every 50 ms as an employee's answer would (``BEGIN IMMEDIATE; COMMIT``): its
longest wait is what an answer waited.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hr_steps import DECKS, NOW, build  # noqa: E402

from recall.deckfiles import load_decks  # noqa: E402
from recall.store import Store  # noqa: E402
from recall.store import database as database_module  # noqa: E402

_V5_TABLES = ("summary_state", "employee_facts", "retention_buckets", "retention_cells")


class _Probe:
    """A second connection that takes the write lock every 50 ms (an answer's wait)."""

    def __init__(self, db: Path) -> None:
        self.conn = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA busy_timeout = 600000")
        self.waits: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.perf_counter()
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute("COMMIT")
            self.waits.append(time.perf_counter() - started)
            time.sleep(0.05)

    def __enter__(self) -> _Probe:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.conn.close()


@contextmanager
def _timed_transactions(holds: list[float]) -> Iterator[None]:
    """Record how long every outermost write transaction lasts (the write lock's hold)."""
    original = database_module.Database.transaction

    @contextmanager
    def transaction(self: database_module.Database) -> Iterator[None]:
        if self._in_transaction:
            with original(self):
                yield
            return
        started = time.perf_counter()
        try:
            with original(self):
                yield
        finally:
            holds.append(time.perf_counter() - started)

    database_module.Database.transaction = transaction  # type: ignore[method-assign]
    try:
        yield
    finally:
        database_module.Database.transaction = original  # type: ignore[method-assign]


def _report(name: str, seconds: float, holds: list[float], waits: list[float]) -> str:
    first = f"{holds[0]:.2f}" if holds else "-"
    rest = max(holds[1:], default=0)
    return (
        f"| {name} | {seconds:.1f} | {len(holds)} | {first} | {rest:.2f} "
        f"| {max(waits, default=0):.2f} |"
    )


def _as_version_4(db: Path) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] >= 5:
            conn.execute("BEGIN IMMEDIATE")
            triggers = conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'summary%'"
            ).fetchall()
            for (name,) in triggers:
                conn.execute(f"DROP TRIGGER {name}")
            for table in _V5_TABLES:
                conn.execute(f"DROP TABLE IF EXISTS {table}")
            conn.execute("PRAGMA user_version = 4")
            conn.execute("COMMIT")
    finally:
        conn.close()


def _new_deck_version() -> list:
    """The bundled decks, one of them in a new version (see module doc)."""
    decks = load_decks([DECKS])
    deck = decks[0]
    cards = list(deck.cards)
    removed = cards.pop()
    topics = sorted({t for c in cards for t in c.topics})
    moved = cards[1]
    other = next(t for t in topics if t not in moved.topics)
    cards[1] = dataclasses.replace(moved, topics=(*moved.topics, other))
    rekeyed = next(c for c in cards if c.onboarding)
    wrong = next(k for k in (ch.key for ch in rekeyed.choices) if k != rekeyed.answer)
    cards[cards.index(rekeyed)] = dataclasses.replace(rekeyed, answer=wrong)
    print(
        f"deck {deck.id} {deck.version} → {deck.version}.1: {removed.id} removed, "
        f"{moved.id} gains topic {other}, {rekeyed.id} answer {rekeyed.answer} → {wrong}"
    )
    decks[0] = dataclasses.replace(deck, version=deck.version + ".1", cards=tuple(cards))
    return decks


def main(argv: list[str] | None = None) -> int:
    """Build (once) and time the upgrade and a deck sync; print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None, help="built database (kept)")
    args = parser.parse_args(argv)
    db = args.db or Path(f"/tmp/recall-hr-bench-{args.employees}.db")
    if not db.exists():
        print(f"building {args.employees:,} employees into {db} ...")
        build(db, args.employees)
    work = db.with_name(db.stem + ".rebuild.db")
    shutil.copyfile(db, work)
    rows = []
    try:
        _as_version_4(work)
        holds: list[float] = []
        with _Probe(work) as probe, _timed_transactions(holds):
            started = time.perf_counter()
            store = Store.open(work)
            seconds = time.perf_counter() - started
        rows.append(_report("upgrade 4 → 6 (open)", seconds, holds, probe.waits))
        assert store.summaries_fresh()
        size = store.db.execute("SELECT COUNT(*) FROM memory").fetchone()[0]
        decks = _new_deck_version()
        holds = []
        with _Probe(work) as probe, _timed_transactions(holds):
            started = time.perf_counter()
            store.sync_decks(decks, now=NOW)
            seconds = time.perf_counter() - started
        rows.append(_report("deck sync (new version)", seconds, holds, probe.waits))
        assert store.summaries_fresh()
        store.close()
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(str(work) + suffix).unlink(missing_ok=True)
    print(f"{size:,} memory states")
    print(
        "| step | seconds | write transactions | first (s) | longest of the others (s) "
        "| longest answer wait (s) |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
