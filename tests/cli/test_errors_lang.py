"""Errors speak the command's language: Japanese by default, English with ``--lang en``
or ``RECALL_LANG=en``; the employee commands speak the employee's language. Driven through
the real CLI against a real SQLite file (one example through ``python -m recall`` in an
empty folder, the others in-process)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from recall.cli.app import app
from tests.conftest import _CLEAN_ENV, NOW

HIRED_JA = (
    "エラー: --hired '2026-13-01' は日付ではありません（YYYY-MM-DD、YYYY/M/D、YYYY年M月D日）\n"
)
HIRED_EN = "Error: --hired '2026-13-01' is not a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)\n"
NO_EMPLOYEE_JA = (
    "エラー: 従業者 'NOPE' は登録されていません（`recall employee list` で確認できます）\n"
)
NO_EMPLOYEE_EN = "Error: no employee 'NOPE' (see `recall employee list`)\n"
NO_INCIDENT_JA = "エラー: インシデント 99 はありません（`recall incident list` で確認できます）\n"
NO_INCIDENT_EN = "Error: no incident 99 (see `recall incident list`)\n"


def _recall(folder, *args: str, lang: str | None = None):
    """``python -m recall`` in ``folder`` (no deck folder there: the bundled decks)."""
    env = {k: v for k, v in os.environ.items() if k not in _CLEAN_ENV}
    if lang is not None:
        env["RECALL_LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "recall", "--db", "recall.db", "--now", NOW, *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_bad_hire_date_in_an_empty_folder_is_japanese_unless_english_is_asked(tmp_path):
    add = ("employee", "add", "X1", "--name", "A", "--hired", "2026-13-01")
    japanese = _recall(tmp_path, *add)
    assert (japanese.returncode, japanese.stderr) == (1, HIRED_JA)
    english = _recall(tmp_path, *add, lang="en")
    assert (english.returncode, english.stderr) == (1, HIRED_EN)
    # --lang is the employee's review language here; --messages is recall's
    messages = _recall(tmp_path, *add, "--lang", "en", "--messages", "en")
    assert messages.stderr == HIRED_EN
    employee_lang = _recall(tmp_path, *add, "--lang", "en")
    assert employee_lang.stderr == HIRED_JA


@pytest.fixture
def run(tmp_path, deck_dir):
    runner = CliRunner()
    prefix = ["--db", str(tmp_path / "recall.db"), "--decks", str(deck_dir), "--now", NOW]

    def invoke(*args: str, env: dict | None = None):
        return runner.invoke(app, [*prefix, *args], env={**_CLEAN_ENV, **(env or {})})

    return invoke


@pytest.mark.parametrize(
    ("args", "japanese", "english"),
    [
        (("report", "employee", "NOPE"), NO_EMPLOYEE_JA, NO_EMPLOYEE_EN),
        (("incident", "show", "99"), NO_INCIDENT_JA, NO_INCIDENT_EN),
        (("due", "-e", "NOPE"), NO_EMPLOYEE_JA, NO_EMPLOYEE_EN),
    ],
)
def test_not_found_is_japanese_by_default_and_english_on_request(run, args, japanese, english):
    default = run(*args)
    assert (default.exit_code, default.stderr) == (1, japanese)
    assert run(*args, env={"RECALL_LANG": "ja"}).stderr == japanese
    assert run(*args, "--lang", "en").stderr == english
    assert run(*args, "--lang", "ja", env={"RECALL_LANG": "en"}).stderr == japanese
    if args[0] != "due":  # due's --lang is the employee's, not read from RECALL_LANG
        assert run(*args, env={"RECALL_LANG": "en"}).stderr == english


def test_status_of_an_unknown_employee_follows_recall_lang(run):
    default = run("status", "-e", "NOPE")  # no employee, so no employee's language
    assert (default.exit_code, default.stderr) == (1, NO_EMPLOYEE_JA)
    english = run("status", "-e", "NOPE", env={"RECALL_LANG": "en"})
    assert (english.exit_code, english.stderr) == (1, NO_EMPLOYEE_EN)


def test_employee_commands_speak_the_employees_language(run):
    assert run("employee", "add", "J1", "--name", "甲").exit_code == 0
    assert run("employee", "add", "E1", "--name", "B", "--lang", "en").exit_code == 0
    for who, env, expected in (
        (
            "J1",
            {"RECALL_LANG": "en"},
            "エラー: カード 'nope' はありません（`recall deck list` で確認できます）\n",
        ),
        ("E1", {}, "Error: no card 'nope' (see `recall deck list`)\n"),
    ):
        answered = run("answer", "-e", who, "--card", "nope", "--choice", "b", env=env)
        assert (answered.exit_code, answered.stderr) == (1, expected)
    # a leaver is told in their own language, whatever RECALL_LANG says
    assert run("employee", "leave", "E1", "--on", "2026-04-01").exit_code == 0
    late = run("answer", "-e", "E1", "--card", "c1", "--choice", "b", env={"RECALL_LANG": "ja"})
    assert late.exit_code == 1
    assert late.stderr.startswith("Error: employee E1 left on 2026-04-01")
