"""``sync_roster``: the use case on a real store; all or nothing when a write fails."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from recall.core.employee import Employee
from recall.core.roster import Leavers
from recall.service.roster import SyncOptions, sync_roster
from tests.conftest import NOW_UTC

HEADER = "社員番号,氏名,部署,入社日\n"


def dump(store) -> list[str]:
    return [line for line in store.db.conn.iterdump() if "TRIGGER" not in line]


def test_a_sync_is_one_transaction_all_or_nothing(store, tmp_path):
    store.add_employees(
        [Employee(f"E{i}", f"社員{i}", "営業部", date(2025, 4, 1)) for i in range(1, 4)],
        now=NOW_UTC,
    )
    path = tmp_path / "hr.csv"
    path.write_text(HEADER + "E1,社員1改,営業部,2025-04-01\nN1,新人,総務部,2026-04-01\n")
    before = dump(store)
    # a fault injected after the new person is inserted: the leaving dates cannot be written
    other = sqlite3.connect(store.path)
    other.execute(
        "CREATE TRIGGER no_leaving BEFORE UPDATE OF left_on ON employees "
        "BEGIN SELECT RAISE(ABORT, 'disk trouble'); END"
    )
    other.close()
    options = SyncOptions(leavers=Leavers.MARK, lang="en")
    with pytest.raises(sqlite3.IntegrityError, match="disk trouble"):
        sync_roster(store, path, options, NOW_UTC)
    assert dump(store) == before  # neither N1 nor E1's new name was kept
    store.db.execute("DROP TRIGGER no_leaving")
    result = sync_roster(store, path, options, NOW_UTC)
    assert result.applied and not result.dry_run
    assert [e.id for e in result.plan.leaving] == ["E2", "E3"]
    assert store.employee("N1").department == "総務部"
    assert store.employee("E1").name == "社員1改"
    assert store.employee("E3").left_on == date(2026, 4, 1)


def test_a_dry_run_returns_the_plan_and_writes_nothing(store, tmp_path):
    path = tmp_path / "hr.csv"
    path.write_text(HEADER + "N1,新人,総務部,2026-04-01\n", encoding="utf-16")
    before = dump(store)
    result = sync_roster(store, path, SyncOptions(dry_run=True), NOW_UTC)
    assert (result.encoding, result.applied, len(result.plan.new)) == ("utf-16", False, 1)
    assert dump(store) == before
