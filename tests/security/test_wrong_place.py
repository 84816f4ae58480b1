"""Output and decks in the wrong place: an unknown -o suffix, -o - for standard output,
a report cut by a full disk, an empty decks folder."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from datetime import date

from recall.core.employee import Employee
from recall.store import Store
from tests.conftest import NOW_UTC


def test_an_unknown_output_suffix_needs_format(cli, tmp_path):
    out = tmp_path / "out.xlsx"
    result = cli("report", "overview", "--lang", "en", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: -o {out}: recall cannot write a .xlsx file; use .csv, .json, .html or "
        ".txt, or give --format\n"
    )
    assert not out.exists()
    assert cli("report", "overview", "-o", str(out), "--format", "csv").exit_code == 0
    assert out.read_text(encoding="utf-8-sig").startswith("部署")


def test_dash_is_standard_output(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("report", "overview", "--lang", "en", "-o", "-", "--format", "json")
    assert result.exit_code == 0
    assert result.stdout.startswith("{")
    assert not (tmp_path / "-").exists()


def _limit_file_size() -> None:  # no file may grow past 64 KiB: a disk that fills up
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))


def test_a_report_cut_by_a_full_disk_leaves_no_file(cli, tmp_path, db_path, deck_dir):
    assert cli("status", "-e", "x").exit_code == 1  # creates the database, loads the deck
    store = Store.open(db_path)
    people = [Employee(f"E{n:03d}", "名前" * 90, "営業", date(2026, 1, 1)) for n in range(300)]
    store.add_employees(people, now=NOW_UTC)
    store.close()
    out = tmp_path / "reports" / "audit.csv"
    out.parent.mkdir()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "recall",
            "--db",
            str(db_path),
            "--decks",
            str(deck_dir),
            "report",
            "audit",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        preexec_fn=_limit_file_size,
        env={**os.environ, "RECALL_LANG": "en"},
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(f"Error: cannot write {out}: File too large")
    assert list(out.parent.iterdir()) == []  # neither a 0-byte report nor a temporary file


def test_an_empty_decks_folder_says_no_deck_is_loaded(cli, deck_dir):
    (deck_dir / "sample.yaml").unlink()
    result = cli("status", "-e", "E1", env={"RECALL_LANG": "en"})
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"{deck_dir}:0: no deck file (*.yaml) here: no deck is loaded; give the deck "
        "folder with --decks\n"
    )


def test_an_emptied_decks_folder_warns_and_keeps_the_decks_as_loaded(cli, deck_dir):
    assert cli("employee", "add", "E1", "--name", "A").exit_code == 0
    (deck_dir / "sample.yaml").unlink()
    result = cli("status", "-e", "E1", env={"RECALL_LANG": "en"})
    assert result.exit_code == 0
    assert result.stderr == (
        f"Warning: no deck file in {deck_dir}; using the decks as last loaded.\n"
    )


def test_deck_check_and_list_on_an_empty_folder_say_no_deck_is_loaded(cli, deck_dir):
    (deck_dir / "sample.yaml").unlink()
    for args in (("deck", "check"), ("deck", "list")):
        result = cli(*args, env={"RECALL_LANG": "en"})
        assert result.exit_code == 1, args
        assert "no deck file (*.yaml) here: no deck is loaded" in result.stderr
