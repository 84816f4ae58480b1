"""``recall employee add|import|list|leave`` and the CSV import rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from recall.staffimport import decode_csv, parse_employee_csv
from recall.store import Store

JA_HEADER = "社員番号,氏名,メールアドレス,部署,入社日,言語,役職\n"
EN_HEADER = "Employee ID,Name,Email,Department,Hire Date,Language\n"


@pytest.fixture
def cli(cli):
    """HR messages in English (RECALL_LANG=en): these tests read the English texts."""

    def invoke(*args, env=None, **kwargs):
        return cli(*args, env={"RECALL_LANG": "en", **(env or {})}, **kwargs)

    return invoke


def count(db_path: Path) -> int:
    store = Store.open(db_path)
    try:
        return len(store.employees(include_left=True))
    finally:
        store.close()


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "hr.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_add_then_list_by_department(cli):
    r = cli(
        "employee",
        "add",
        "E001",
        "--name",
        "山田 花子",
        "--email",
        "hanako@example.jp",
        "--department",
        "営業部",
        "--hired",
        "2026-04-01",
    )
    assert r.exit_code == 0, r.output
    assert r.stdout == "Enrolled E001 (山田 花子), hired 2026-04-01, language ja\n"
    r = cli(
        "employee", "add", "E002", "--name", "Alex Smith", "--department", "総務部", "--lang", "en"
    )
    assert r.exit_code == 0, r.output
    assert "hired 2026-04-01, language en" in r.stdout  # --hired defaults to today
    r = cli("employee", "list", "--department", "営業部")
    assert r.exit_code == 0
    assert "E001" in r.stdout and "E002" not in r.stdout
    assert r.stdout.endswith("1 employees\n")


def test_add_rejects_duplicates_bad_dates_and_languages(cli, db_path):
    assert cli("employee", "add", "E001", "--name", "A").exit_code == 0
    r = cli("employee", "add", "E001", "--name", "B")
    assert (r.exit_code, r.stderr) == (1, "Error: already enrolled: E001\n")
    r = cli("employee", "add", "E002", "--name", "B", "--hired", "2026-13-01")
    assert (r.exit_code, r.stderr) == (
        1,
        "Error: --hired '2026-13-01' is not a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)\n",
    )
    r = cli("employee", "add", "E003", "--name", "C", "--lang", "fr")
    assert r.exit_code == 2  # a usage error: the choices are ja and en
    assert "'fr' is not one of 'ja', 'en'" in r.stderr
    r = cli("employee", "add", "E004", "--name", "D", "--email", "notanemail")
    assert r.exit_code == 1
    assert r.stderr == "Error: --email 'notanemail' is not an email address\n"
    assert count(db_path) == 1


def test_leave_stops_scheduling_and_keeps_the_record(cli):
    cli("employee", "add", "E001", "--name", "A", "--hired", "2026-01-05")
    r = cli("employee", "leave", "E001", "--on", "2026-04-01")
    assert r.exit_code == 0
    assert r.stdout == "E001 leaves on 2026-04-01: no reviews from then on; history is kept\n"
    assert cli("employee", "list").stdout.endswith("0 employees\n")
    assert "E001" in cli("employee", "list", "--all").stdout
    due = cli("due", "--employee", "E001", "--json")
    assert '"cards": []' in due.stdout
    r = cli("employee", "leave", "NOPE")
    assert (r.exit_code, r.stderr) == (
        1,
        "Error: no employee 'NOPE' (see `recall employee list`)\n",
    )


def test_import_japanese_headers_utf8_with_bom(cli, tmp_path, db_path):
    text = (
        JA_HEADER
        + "E001,山田 花子,hanako@example.jp,営業部,2026/04/01,ja,主任\n"
        + "E002,Alex Smith,,総務部,2025-10-01,en,\n"
        + "E003,佐藤 一郎,,総務部,2024年4月1日,,\n"
    )
    path = write(tmp_path, text, "utf-8-sig")
    r = cli("employee", "import", str(path), "--lang", "en")
    assert r.exit_code == 0, r.output
    assert r.stdout == f"Ignored columns: 役職\nImported 3 employees from {path} (utf-8)\n"
    store = Store.open(db_path)
    e = store.employee("E003")
    assert (e.name, e.department, e.hired.isoformat(), e.lang) == (
        "佐藤 一郎",
        "総務部",
        "2024-04-01",
        "ja",
    )
    assert store.employee("E002").lang == "en"
    assert store.employee("E001").email == "hanako@example.jp"
    store.close()


def test_a_shift_jis_export_imports_correctly(cli, tmp_path, db_path):
    text = (
        JA_HEADER
        + "E001,山田 花子,,営業部,2026-04-01,日本語,\nE002,髙橋 﨑子,,開発部,2026-04-01,,\n"
    )
    path = write(tmp_path, text.replace("\n", "\r\n"), "cp932")
    r = cli("employee", "import", str(path), "--lang", "en")
    assert r.exit_code == 0, r.output
    assert r.stdout.endswith(f"Imported 2 employees from {path} (cp932)\n")
    store = Store.open(db_path)
    assert store.employee("E002").name == "髙橋 﨑子"
    assert store.employee("E001").department == "営業部"
    store.close()


def test_english_headers_without_bom_and_dry_run(cli, tmp_path, db_path):
    path = write(tmp_path, EN_HEADER + "E001,Ann,ann@example.com,Sales,2026-04-01,en\n")
    r = cli("employee", "import", str(path), "--dry-run", "--lang", "en")
    assert (r.exit_code, r.stdout) == (
        0,
        "Dry run: 1 employees would be imported (utf-8); no change\n",
    )
    assert count(db_path) == 0
    assert cli("employee", "import", str(path), "--lang", "en").exit_code == 0
    assert count(db_path) == 1


@pytest.mark.parametrize(
    ("rows", "problems"),
    [
        (",無名,,営業部,2026-04-01,ja,\n", ["line 3: missing employee id"]),
        (
            "E002,乙,,営業部,2026-02-30,ja,\n",
            ["line 3: hire date '2026-02-30' is not a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)"],
        ),
        (
            "E001,乙,,営業部,2026-04-01,ja,\n",
            ["line 3: duplicate employee id E001 (first on line 2)"],
        ),
        ("E002,乙,,営業部,2026-04-01,fr,\n", ["line 3: unknown language 'fr' (use ja or en)"]),
    ],
)
def test_each_kind_of_bad_row_is_reported_and_nothing_is_imported(
    cli, tmp_path, db_path, rows, problems
):
    path = write(tmp_path, JA_HEADER + "E001,甲,,営業部,2026-04-01,ja,\n" + rows)
    r = cli("employee", "import", str(path), "--lang", "en")
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        f"Error: {path}: 1 bad row; nothing was imported",
        *(f"  {p}" for p in problems),
    ]
    assert count(db_path) == 0


def test_every_bad_row_is_reported_at_once(cli, tmp_path, db_path):
    cli("employee", "add", "E009", "--name", "既存")
    text = JA_HEADER + (
        "E001,甲,,営業部,2026-04-01,ja,\n"
        ",乙,,営業部,2026-04-01,ja,\n"
        "E003,丙,,営業部,04/01/2026,ja,\n"
        "\n"
        "E001,丁,,営業部,2026-04-01,ja,\n"
        "E005,戊,,営業部,2026-04-01,de,\n"
    )
    path = write(tmp_path, text, "cp932")
    r = cli("employee", "import", str(path), "--lang", "en")
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        f"Error: {path}: 4 bad rows; nothing was imported",
        "  line 3: missing employee id",
        "  line 4: hire date '04/01/2026' is not a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)",
        "  line 6: duplicate employee id E001 (first on line 2)",
        "  line 7: unknown language 'de' (use ja or en)",
    ]
    assert count(db_path) == 1
    # ids already enrolled are bad rows too
    path = write(tmp_path, JA_HEADER + "E009,既存,,営業部,2026-04-01,ja,\n", name="again.csv")
    r = cli("employee", "import", str(path), "--lang", "en")
    assert r.stderr.splitlines() == [
        f"Error: {path}: 1 bad row; nothing was imported",
        "  line 2: employee id E009 is already enrolled",
    ]
    assert count(db_path) == 1


def test_missing_columns_and_unreadable_files(cli, tmp_path):
    path = write(tmp_path, "氏名,部署\n甲,営業部\n")
    r = cli("employee", "import", str(path), "--lang", "en")
    assert r.exit_code == 1
    assert r.stderr.startswith(f"Error: {path}: line 1: missing column(s) id, hired (expected")
    r = cli("employee", "import", str(tmp_path / "nope.csv"), "--lang", "en")
    assert (r.exit_code, r.stderr) == (
        1,
        f"Error: {tmp_path / 'nope.csv'}: cannot be read (No such file or directory)\n",
    )
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"id,name\n\x81\x00")
    r = cli("employee", "import", str(binary), "--lang", "en")
    assert (r.exit_code, r.stderr) == (
        1,
        f"Error: {binary}: line 2: contains NUL bytes; this is not a text (CSV) file\n",
    )
    binary.write_bytes(b"id,name\n\x81\xff")
    r = cli("employee", "import", str(binary), "--lang", "en")
    assert r.exit_code == 1 and "line 2: not UTF-8, UTF-16 or Shift_JIS text" in r.stderr


def test_parsing_is_pure_text_in_employees_out():
    text, encoding = decode_csv("\ufeff社員番号,氏名,入社日\nE1,甲,2026-04-01\n".encode(), "f.csv")
    assert encoding == "utf-8"
    parsed = parse_employee_csv(text, "f.csv", today=date(2026, 4, 1))
    assert [(r.line, r.employee.id, r.employee.lang) for r in parsed.rows] == [(2, "E1", "ja")]


def test_names_that_look_like_markup_are_shown_as_written(cli):
    assert cli("employee", "add", "E9", "--name", "Sato [/b] [red]x").exit_code == 0
    r = cli("employee", "list")
    assert r.exit_code == 0, r.output
    assert "Sato [/b] [red]x" in r.stdout


def test_a_malformed_csv_is_a_located_error(cli, tmp_path, db_path):
    path = tmp_path / "huge.csv"
    path.write_text("id,name,hired\nE1," + "x" * 200_000 + ",2026-04-01\n", encoding="utf-8")
    r = cli("employee", "import", str(path), "--lang", "en")
    assert r.exit_code == 1
    assert r.stderr.startswith(f"Error: {path}: line 2: not valid CSV (field larger than")
    assert count(db_path) == 0
