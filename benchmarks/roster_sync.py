"""Roster sync at organisation scale: a 100,000-row HR export with 1% changes.

Usage::

    python benchmarks/roster_sync.py                     # 100,000 employees
    python benchmarks/roster_sync.py --employees 20000   # smaller

Target (issue 11): the sync under 10 s. The roster (``--employees`` people in departments
of 1,000, enrolled in the bundled decks) is built through the store; the export lists
everyone with 1% of rows differing: 0.5% changed (department, name or e-mail), 0.25%
new people, and 0.25% of the roster missing. Both steps are timed through the CLI
in-process (``recall employee sync``), so the figures include opening the database,
reading, decoding and checking the file, planning and, for the real sync, writing in
one transaction:

- ``--dry-run`` (reads everything, writes nothing);
- the sync itself, with ``--leavers mark``.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from typer.testing import CliRunner

from recall.cli.app import app
from recall.core.employee import Employee
from recall.deckfiles import load_decks
from recall.store import Store

REPO = Path(__file__).resolve().parents[1]
DECKS = REPO / "decks"
NOW = datetime(2026, 6, 30, 1, 0, tzinfo=UTC)
TARGET_S = 10.0


def build(db: Path, employees: int) -> None:
    """The roster: ``employees`` people enrolled in the bundled decks."""
    store = Store.open(db)
    store.sync_decks(load_decks([DECKS]), now=NOW - timedelta(days=90))
    store.add_employees(
        (
            Employee(
                id=f"E{n:06d}",
                name=f"社員 {n}",
                department=f"部署{n // 1000:03d}",
                hired=date(2025, 4, 1),
                email=f"e{n}@example.jp",
            )
            for n in range(employees)
        ),
        now=NOW - timedelta(days=80),
    )
    store.close()


def write_export(path: Path, employees: int) -> dict[str, int]:
    """The export: everyone, with 0.5% changed, 0.25% new and 0.25% missing."""
    changed = missing = 0
    step = 200  # every 200th row changes (0.5%); every 400th (odd) row is missing (0.25%)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(["社員番号", "氏名", "メールアドレス", "部署", "入社日", "言語"])
        for n in range(employees):
            if n % (2 * step) == step // 2:
                missing += 1
                continue
            name, dept, email = f"社員 {n}", f"部署{n // 1000:03d}", f"e{n}@example.jp"
            if n % step == 0:
                changed += 1
                kind = (n // step) % 3
                if kind == 0:
                    dept = f"部署{(n // 1000 + 1) % 100:03d}"
                elif kind == 1:
                    name = f"社員　{n} 改"
                else:
                    email = f"new{n}@example.jp"
            out.writerow([f"E{n:06d}", name, email, dept, "2025/4/1", "日本語"])
        new = employees // 400
        for k in range(new):
            out.writerow([f"N{k:06d}", f"新人 {k}", "", "部署000", "2026年7月1日", "ja"])
    return {"changed": changed, "new": new, "missing": missing}


def timed_sync(db: Path, export: Path, *extra: str) -> tuple[float, str]:
    runner = CliRunner()
    args = ["--db", str(db), "--decks", str(DECKS), "--now", NOW.isoformat()]
    start = time.perf_counter()
    result = runner.invoke(app, [*args, "employee", "sync", str(export), "--lang", "en", *extra])
    elapsed = time.perf_counter() - start
    if result.exit_code != 0:
        sys.exit(f"sync failed: {result.output}")
    return elapsed, result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--employees", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db, export = Path(folder) / "roster.db", Path(folder) / "hr_export.csv"
        start = time.perf_counter()
        build(db, args.employees)
        print(f"roster of {args.employees:,} built in {time.perf_counter() - start:.1f} s")
        counts = write_export(export, args.employees)
        print(
            f"export: {args.employees - counts['missing'] + counts['new']:,} rows; "
            f"{counts['changed']} changed, {counts['new']} new, {counts['missing']} missing"
        )
        dry, out = timed_sync(db, export, "--dry-run")
        print(f"dry run: {dry:.2f} s  ({out.splitlines()[1]})")
        real, out = timed_sync(db, export, "--leavers", "mark")
        print(f"sync --leavers mark: {real:.2f} s  ({out.splitlines()[1]})")
        again, out = timed_sync(db, export)
        print(f"second sync (nothing to change): {again:.2f} s  ({out.splitlines()[1]})")
        verdict = "OK" if real < TARGET_S else "OVER TARGET"
        print(f"target: sync under {TARGET_S:.0f} s — {verdict}")


if __name__ == "__main__":
    main()
