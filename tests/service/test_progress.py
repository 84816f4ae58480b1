"""Long use cases tell a progress callback each phase and how many rows or people are
done; the callback only watches: if it fails, the one transaction is rolled back."""

from __future__ import annotations

from datetime import date

import pytest

from recall.core.codes import AdminRole
from recall.core.employee import Employee
from recall.core.incident import Scope
from recall.core.progress import Phase, Step
from recall.core.roster import Leavers
from recall.errors import InputError
from recall.service import admins, incidents, staff
from recall.service.roster import SyncOptions, sync_roster
from tests.conftest import NOW_UTC

HEADER = "社員番号,氏名,部署,入社日\n"


def dump(store) -> list[str]:
    return list(store.db.conn.iterdump())


def phases(steps: list[Step]) -> list[Phase]:
    """The phases in the order they started."""
    seen: list[Phase] = []
    for step in steps:
        if not seen or seen[-1] != step.phase:
            seen.append(step.phase)
    return seen


def counts(steps: list[Step], phase: Phase) -> list[tuple[int, int | None]]:
    return [(s.done, s.total) for s in steps if s.phase == phase]


def enrol(store, n: int, department: str = "営業部") -> None:
    store.add_employees(
        [Employee(f"E{i:05d}", f"社員{i}", department, date(2025, 4, 1)) for i in range(n)],
        now=NOW_UTC,
    )


def test_a_sync_tells_lines_checked_rows_compared_and_rows_written(store, tmp_path):
    enrol(store, 3)
    rows = "".join(f"N{i:05d},新人{i},総務部,2026-04-01\n" for i in range(12_000))
    path = tmp_path / "hr.csv"
    path.write_text(HEADER + "E00000,社員0改,営業部,2025-04-01\n" + rows)
    steps: list[Step] = []
    options = SyncOptions(leavers=Leavers.MARK, lang="en")
    result = sync_roster(store, path, options, NOW_UTC, progress=steps.append)
    assert result.applied
    assert phases(steps) == [
        Phase.READING,
        Phase.CHECKING,
        Phase.COMPARING,
        Phase.WRITING,
        Phase.SAVING,
    ]
    checked = counts(steps, Phase.CHECKING)
    assert checked[0] == (1, 12_002) and checked[-1] == (12_002, 12_002)  # header + 12,001
    assert (4_001, 12_002) in checked  # every 2,000 records
    compared = counts(steps, Phase.COMPARING)
    assert compared[0] == (0, 12_001) and compared[-1] == (12_001, 12_001)
    # 12,000 new, 1 changed, 2 leaving, written in slices of 10,000
    assert counts(steps, Phase.WRITING) == [
        (0, 12_003),
        (10_000, 12_003),
        (12_000, 12_003),
        (12_001, 12_003),
        (12_003, 12_003),
    ]
    assert Step(Phase.WRITING, 10_000, 12_003).text("en") == "10,000 / 12,003 rows written"
    assert Step(Phase.CHECKING, 4_001, 12_002).text("ja") == "4,001 / 12,002 行を確認しました"
    assert len(store.employees()) == 12_001


def test_a_callback_that_fails_before_the_commit_leaves_nothing_written(store, tmp_path):
    enrol(store, 3)
    path = tmp_path / "hr.csv"
    path.write_text(HEADER + "E00000,社員0改,営業部,2025-04-01\nN1,新人,総務部,2026-04-01\n")
    admins.add(store, "hr@example.jp", AdminRole.HR, NOW_UTC)
    before = dump(store)

    def fail_when_saving(step: Step) -> None:
        if step.phase is Phase.SAVING:  # every row is written by now, nothing committed
            raise RuntimeError("the page went away")

    options = SyncOptions(leavers=Leavers.MARK, lang="en")
    with pytest.raises(RuntimeError, match="went away"):
        sync_roster(store, path, options, NOW_UTC, actor="hr@example.jp", progress=fail_when_saving)
    assert dump(store) == before  # no new person, no new name, no leaver, no trail row
    assert admins.trail(store) == []


def test_an_import_tells_lines_checked_and_people_enrolled(store, tmp_path):
    path = tmp_path / "hr.csv"
    path.write_text(HEADER + "".join(f"N{i},新人{i},総務部,2026-04-01\n" for i in range(5)))
    steps: list[Step] = []
    staff.import_csv(store, NOW_UTC, path, dry_run=False, lang="en", progress=steps.append)
    assert phases(steps) == [Phase.READING, Phase.CHECKING, Phase.WRITING, Phase.SAVING]
    assert counts(steps, Phase.WRITING) == [(0, 5), (5, 5)]


def test_an_incident_tells_people_assigned_in_slices(store):
    enrol(store, 2_500)
    steps: list[Step] = []
    outcome = incidents.record(
        store,
        NOW_UTC,
        title="USB lost",
        occurred=date(2026, 3, 31),
        topics=("consent",),
        scope=Scope(all=True),
        deadline=None,
        note=None,
        dry_run=False,
        progress=steps.append,
    )
    assert phases(steps) == [Phase.FINDING, Phase.ASSIGNING, Phase.SAVING]
    assert counts(steps, Phase.ASSIGNING) == [
        (0, 2_500),
        (1_000, 2_500),
        (2_000, 2_500),
        (2_500, 2_500),
    ]
    assert outcome.employees == 2_500
    assigned = store.db.execute(
        "SELECT employee_id FROM assignments WHERE incident_id = ? ORDER BY id",
        [outcome.incident_id],
    ).fetchall()
    assert len(assigned) == outcome.assignments
    assert [r[0] for r in assigned] == sorted(r[0] for r in assigned)  # in id order


def test_incident_scope_errors_are_in_the_admins_language(store):
    enrol(store, 2)
    with pytest.raises(InputError) as raised:
        incidents.record(
            store,
            NOW_UTC,
            title="x",
            occurred=date(2026, 3, 31),
            topics=("consent",),
            scope=Scope(departments=("総務部",)),
            deadline=None,
            note=None,
            dry_run=True,
        )
    assert "部署 '総務部' は不明です（在籍者のいる部署: 営業部）" in raised.value.text("ja")


def test_a_coverage_refresh_tells_who_is_found_then_people_assigned(store):
    enrol(store, 3)
    steps: list[Step] = []
    done = incidents.refresh_coverage(
        store, NOW_UTC, deadline=None, dry_run=False, progress=steps.append
    )
    assert done.outcome.employees == 3
    assert phases(steps) == [
        Phase.FINDING,
        Phase.SEARCHING,
        Phase.FINDING,
        Phase.ASSIGNING,
        Phase.SAVING,
    ]
    assert counts(steps, Phase.SEARCHING) == [(0, 3), (3, 3)]
    assert counts(steps, Phase.ASSIGNING) == [(0, 3), (3, 3)]


def test_a_coverage_dry_run_tells_how_many_people_were_looked_at(store):
    enrol(store, 3)
    steps: list[Step] = []
    done = incidents.refresh_coverage(
        store, NOW_UTC, deadline=None, dry_run=True, progress=steps.append
    )
    assert done.outcome.employees == 3 and done.outcome.incident_id is None
    assert phases(steps) == [Phase.FINDING, Phase.SEARCHING, Phase.FINDING]
    assert counts(steps, Phase.SEARCHING) == [(0, 3), (3, 3)]
    assert steps[-2].text("en") == "3 / 3 people's answers in the audit period looked at"
    assert steps[-2].text("ja") == "3 / 3 人の監査期間の回答を確認しました"
