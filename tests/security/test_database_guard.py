"""The database guard: recall opens only its own databases, never adds its tables to
another program's file, refuses a mistyped path, keeps its files private, reads a
read-only copy, and turns a locked or full database into a clean error."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date

import pytest
from typer.testing import CliRunner

from recall.cli.app import app
from recall.core.codes import Lang
from recall.errors import BusyError, StoreError
from recall.service import staff
from recall.store import Store
from recall.store.schema import APPLICATION_ID
from tests.conftest import NOW_UTC
from tests.security.conftest import dump

EN = {"RECALL_LANG": "en"}  # these tests read the English texts; Japanese is the default


@pytest.fixture
def cli(cli):
    """The shared ``cli`` fixture, in English unless a test gives RECALL_LANG."""

    def invoke(*args, env=None, **kwargs):
        return cli(*args, env={**EN, **(env or {})}, **kwargs)

    return invoke


def test_a_new_database_is_marked_as_recalls(db_path):
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_a_foreign_sqlite_file_is_refused_and_left_unchanged(cli, db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoices VALUES (1, 9.5)")
    conn.commit()
    conn.close()
    before = dump(db_path)
    result = cli("status", "-e", "E1")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {db_path} is not a recall database (a SQLite file of another program); "
        "it was left unchanged. Give recall's database with --db\n"
    )
    assert dump(db_path) == before


def test_another_programs_application_id_is_refused(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA application_id = 1234")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="is not a recall database"):
        Store.open(db_path)


def test_a_database_missing_one_of_recalls_tables_is_damaged(cli, db_path):
    assert cli("employee", "add", "E1", "--name", "A").exit_code == 0
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TABLE card_topics")
    conn.commit()
    conn.close()
    result = cli("status", "-e", "E1")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {db_path} is damaged: recall's table(s) card_topics are missing; "
        "restore it from a backup\n"
    )


def test_a_missing_folder_is_a_mistyped_path(tmp_path):
    typo = tmp_path / "dta" / "recall.db"
    result = CliRunner().invoke(app, ["--db", str(typo), "status", "-e", "E1"], env=EN)
    assert result.exit_code == 1
    assert "the folder" in result.stderr and "does not exist (a mistyped --db?)" in result.stderr
    assert not typo.parent.exists()


def test_a_windows_path_is_refused_on_posix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["--db", "C:\\Users\\hr\\recall.db", "status"], env=EN)
    assert result.exit_code == 1
    assert "a path with backslashes (a Windows path?)" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_open_database_is_made_private_again(cli, db_path):
    assert cli("employee", "add", "E1", "--name", "A").exit_code == 0
    db_path.chmod(0o644)  # restored from a backup
    holder = sqlite3.connect(db_path)  # another reader keeps -wal and -shm in place
    holder.execute("SELECT COUNT(*) FROM employees").fetchone()
    wal = db_path.with_name(db_path.name + "-wal")
    shm = db_path.with_name(db_path.name + "-shm")
    assert wal.stat().st_mode & 0o777 == 0o644
    try:
        assert cli("status", "-e", "E1").exit_code == 0
        assert [f.stat().st_mode & 0o777 for f in (db_path, wal, shm)] == [0o600] * 3
    finally:
        holder.close()


def test_a_read_only_copy_still_gives_reports_and_status(cli, db_path, read_only):
    added = cli("employee", "add", "E1", "--name", "A", "--hired", "2026-01-01", "--lang", "en")
    assert added.exit_code == 0  # E1 reviews in English: answer's errors are in English
    assert cli("answer", "-e", "E1", "--card", "c1", "--choice", "b").exit_code == 0
    before = dump(db_path)
    with read_only(db_path.parent):
        status = cli("status", "-e", "E1", "--json")
        assert status.exit_code == 0, status.output
        report = cli("report", "audit", "--format", "csv")
        assert report.exit_code == 0, report.output
        assert "E1" in report.stdout
        written = cli("answer", "-e", "E1", "--card", "c2", "--choice", "false")
        assert written.exit_code == 1
        assert written.stderr == (
            f"Error: {db_path} is read-only (file, folder or file system): this command "
            "needs to write; reports and status still work\n"
        )
    assert dump(db_path) == before


def test_a_write_lock_held_too_long_is_busy_try_again(cli, db_path):
    assert cli("employee", "add", "E1", "--name", "A", "--lang", "en").exit_code == 0
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = cli(
            "answer",
            "-e",
            "E1",
            "--card",
            "c1",
            "--choice",
            "b",
            env={"RECALL_BUSY_TIMEOUT": "0.2"},
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: the database {db_path} is busy (another process is writing); nothing was "
        "recorded: try again in a moment\n"
    )


def test_busy_is_its_own_error_for_callers_that_retry(db_path):
    store = Store.open(db_path, busy_timeout_ms=100)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(BusyError):
            store.update_settings({"daily_limit": "5"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        store.close()


def test_a_full_disk_is_one_clean_error_and_nothing_half_written(db_path):
    store = Store.open(db_path)
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk full"
    before = dump(db_path)
    with pytest.raises(StoreError) as error:
        for n in range(200):
            staff.add(
                store,
                NOW_UTC,
                employee_id=f"E{n}",
                name="x" * 150,
                email=None,
                department="d" * 150,
                hired=date(2026, 1, 1),
                lang=Lang.JA,
            )
    assert str(error.value) == f"the disk is full: nothing was written to {db_path}"
    assert "rollback" not in str(error.value)
    store.close()
    assert len(dump(db_path)) >= len(before)  # earlier employees stay; the failed one not


def test_many_processes_creating_one_database_at_once(tmp_path):
    db = tmp_path / "new.db"
    code = "import sys; from recall.store import Store; Store.open(sys.argv[1]).close()"
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(db)], stderr=subprocess.PIPE)
        for _ in range(12)
    ]
    errors = [p.communicate()[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0] * 12, errors
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1


def test_output_that_cannot_encode_a_character_is_replaced(tmp_path, deck_dir):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "recall",
            "--db",
            str(tmp_path / "r.db"),
            "--decks",
            str(deck_dir),
            "report",
            "overview",
            "--lang",
            "en",
        ],
        capture_output=True,
        env={"PYTHONIOENCODING": "cp932", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr.decode("cp932", "replace")
    assert b"Organisation: ?" in result.stdout


def test_a_read_only_copy_with_unmerged_answers_is_refused_not_read_stale(
    cli, db_path, tmp_path, read_only
):
    import shutil

    assert cli("employee", "add", "E1", "--name", "A", "--hired", "2026-01-01").exit_code == 0
    holder = sqlite3.connect(db_path)
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    holder.execute("INSERT INTO settings VALUES ('organisation', 'X')")
    holder.commit()
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(db_path, copy / "recall.db")  # a backup taken without its -shm
    shutil.copy(db_path.with_name("recall.db-wal"), copy / "recall.db-wal")
    holder.close()
    decks = db_path.parent.parent / "decks"
    with read_only(copy):
        result = CliRunner().invoke(
            app,
            ["--db", str(copy / "recall.db"), "--decks", str(decks), "report", "overview"],
            env=EN,
        )
    assert result.exit_code == 1
    assert "holds records not yet merged into it" in result.stderr
