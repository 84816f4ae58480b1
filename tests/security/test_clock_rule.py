"""The clock rule: the training record is never backdated. A fixed --now earlier than
the latest record writes nothing unless a testing session says so (--allow-past /
RECALL_ALLOW_PAST=1); answers before the hire date are refused; answers given at the
same moment are logged in the order they were applied."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from recall.core.codes import Method
from recall.errors import InputError
from recall.service import review
from tests.conftest import NOW_UTC
from tests.security.conftest import dump

EARLIER = "2026-03-31T09:00:00+09:00"


@pytest.fixture
def answered(cli, db_path):
    assert cli("employee", "add", "E1", "--name", "A", "--hired", "2026-01-01").exit_code == 0
    assert cli("answer", "-e", "E1", "--card", "c1", "--choice", "b").exit_code == 0
    return db_path


def test_a_backdated_answer_is_refused_and_nothing_written(answered, cli):
    before = dump(answered)
    result = cli("answer", "-e", "E1", "--card", "c2", "--choice", "false", now=EARLIER)
    assert result.exit_code == 1
    assert result.stderr == (
        "エラー: --now 2026-03-31T00:00:00+00:00 は記録済みの最新の時刻 "
        "2026-04-01T00:00:00+00:00 より前です。受講記録をさかのぼって書き込むことはできません"
        "（テストでは --allow-past または RECALL_ALLOW_PAST=1）\n"
    )
    assert dump(answered) == before


@pytest.mark.parametrize(
    ("flag", "env"), [(("--allow-past",), {}), ((), {"RECALL_ALLOW_PAST": "1"})]
)
def test_a_testing_session_may_go_back(answered, cli, db_path, flag, env):
    from typer.testing import CliRunner

    from recall.cli.app import app

    args = [
        "--db",
        str(db_path),
        "--decks",
        str(db_path.parent.parent / "decks"),
        "--now",
        EARLIER,
        *flag,
        "answer",
        "-e",
        "E1",
        "--card",
        "c2",
        "--choice",
        "false",
    ]
    result = CliRunner().invoke(app, args, env={"RECALL_NOW": None, **env})
    assert result.exit_code == 0, result.output


def test_backdated_incidents_and_imports_are_refused(answered, cli, tmp_path):
    before = dump(answered)
    incident = cli(
        "incident",
        "add",
        "--title",
        "t",
        "--occurred",
        "2026-03-30",
        "--topics",
        "consent",
        "--all",
        now=EARLIER,
        env={"RECALL_LANG": "en"},
    )
    assert incident.exit_code == 1
    assert incident.stderr == (
        "Error: --now 2026-03-31T00:00:00+00:00 is earlier than the latest time already "
        "recorded (2026-04-01T00:00:00+00:00); the training record cannot be backdated "
        "(for tests: --allow-past or RECALL_ALLOW_PAST=1)\n"
    )
    added = cli("employee", "add", "E2", "--name", "B", now=EARLIER)
    assert added.exit_code == 1 and "--now 2026-03-31T00:00:00+00:00" in added.stderr
    assert dump(answered) == before


def test_an_answer_before_the_hire_date_is_refused(cli, db_path):
    assert cli("employee", "add", "E9", "--name", "N", "--hired", "2026-04-10").exit_code == 0
    before = dump(db_path)
    result = cli("answer", "-e", "E9", "--card", "c1", "--choice", "b")
    assert result.exit_code == 1
    assert result.stderr == (
        "エラー: 従業者 E9 の入社日は 2026-04-10 です。2026-04-01 の回答は記録できません\n"
    )
    assert dump(db_path) == before


def test_the_service_refuses_a_backdated_answer_in_english(store):
    from datetime import date, timedelta

    from recall.core.employee import Employee

    store.add_employees([Employee("E1", "A", "", date(2026, 1, 1), lang="en")], now=NOW_UTC)
    review.answer(store, "E1", "c1", "b", NOW_UTC, response_ms=None, method=Method.API)
    with pytest.raises(InputError) as error:
        review.answer(
            store,
            "E1",
            "c2",
            "false",
            NOW_UTC - timedelta(seconds=1),
            response_ms=None,
            method=Method.API,
        )
    assert "the training record cannot be backdated" in str(error.value)
    assert store.review_count("E1") == 1


_WRITER = """
import sys
from recall.core.codes import Method
from recall.service import review
from recall.store import Store
store = Store.open(sys.argv[1])
for _ in range(int(sys.argv[2])):
    review.answer(store, "E1", "c1", "b", None, response_ms=None, method=Method.API)
"""


def test_concurrent_answers_are_logged_in_the_order_they_were_applied(cli, db_path):
    assert (
        cli("employee", "add", "E1", "--name", "A", "--hired", "2026-01-01", now=None).exit_code
        == 0
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(db_path), "40"], stderr=subprocess.PIPE
        )
        for _ in range(4)
    ]
    errors = [p.communicate()[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, errors
    times = [
        r[0]
        for r in sqlite3.connect(db_path).execute("SELECT answered_at FROM review_log ORDER BY id")
    ]
    assert len(times) == 160
    assert times == sorted(times)


def test_reading_the_past_is_allowed(answered, cli):
    result = cli("status", "-e", "E1", "--json", now=EARLIER)
    assert result.exit_code == 0, result.output
