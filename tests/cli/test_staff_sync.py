"""``recall employee sync``: the monthly HR export of everyone, compared with the roster.

Every test goes through the CLI on a real database; "nothing written" is checked by
comparing a full SQL dump of the database before and after.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from recall.store import Store

HEADER = "社員番号,氏名,メールアドレス,部署,入社日,言語\n"
ROSTER = HEADER + (
    "E0001,山田 花子,hanako@example.jp,営業部,2025-04-01,ja\n"
    "E0002,佐藤 一郎,,総務部,2025-04-01,ja\n"
    "E0003,Alex Smith,alex@example.jp,開発部,2025-10-01,en\n"
    "E0004,鈴木 次郎,,営業部,2026-01-05,ja\n"
    "E0005,高橋 三郎,,開発部,2026-01-05,\n"
    "E0006,田中 四郎,,総務部,2024-04-01,ja\n"
)
# 3 new (N1..N3), 2 changed (E0002 name, E0003 department and e-mail), 1 missing (E0006)
EXPORT = HEADER + (
    "E0001,山田 花子,hanako@example.jp,営業部,2025/4/1,ja\n"
    "E0002,佐藤 一朗,,総務部,2025-4-1,\n"
    "E0003,Alex Smith,alex.smith@example.jp,営業部,2025年10月1日,en\n"
    "E0004,鈴木 次郎,,営業部,2026-01-05,ja\n"
    "E0005,高橋 三郎,,開発部,2026-01-05,日本語\n"
    "N0001,新人 一号,,営業部,2026-04-01,ja\n"
    "N0002,新人 二号,,開発部,2026-04-01,en\n"
    "N0003,New Hire,new@example.jp,総務部,2026/4/1,English\n"
)
DRY_RUN_EN = """\
Dry run of {path} (utf-8): nothing was changed.
3 new, 2 changed, 1 missing, 3 unchanged
New (3):
  line 7: N0001 新人 一号 (営業部, hired 2026-04-01, ja)
  line 8: N0002 新人 二号 (開発部, hired 2026-04-01, en)
  line 9: N0003 New Hire (総務部, hired 2026-04-01, en)
Changed (2):
  line 3: E0002: name 佐藤 一郎 → 佐藤 一朗
  line 4: E0003: email alex@example.jp → alex.smith@example.jp; department 開発部 → 営業部
Missing from the export (1):
  E0006 田中 四郎 (総務部)
Not recorded as leaving; run with --leavers mark to record them as leaving on 2026-04-01.
"""


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "hr.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def dump(db_path: Path) -> list[str]:
    conn = sqlite3.connect(db_path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def roster(db_path: Path) -> dict[str, tuple]:
    store = Store.open(db_path)
    try:
        return {
            e.id: (e.name, e.email, e.department, e.hired.isoformat(), e.lang, e.left_on)
            for e in store.employees(include_left=True)
        }
    finally:
        store.close()


@pytest.fixture
def enrolled(cli, tmp_path, db_path):
    """The six-person roster, enrolled with ``employee import``."""
    r = cli("employee", "import", str(write(tmp_path, ROSTER, name="roster.csv")))
    assert r.exit_code == 0, r.output
    return db_path


def test_dry_run_prints_the_exact_summary_and_writes_nothing(cli, tmp_path, enrolled):
    path = write(tmp_path, EXPORT)
    before = dump(enrolled)
    r = cli("employee", "sync", str(path), "--dry-run", "--lang", "en")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == DRY_RUN_EN.format(path=path)
    assert dump(enrolled) == before
    # --leavers mark in a dry run says what would happen, and still writes nothing
    r = cli("employee", "sync", str(path), "--dry-run", "--leavers", "mark", "--lang", "en")
    assert r.stdout.splitlines()[-1] == "1 will be recorded as leaving on 2026-04-01."
    assert dump(enrolled) == before


def test_the_summary_is_japanese_by_default(cli, tmp_path, enrolled):
    path = write(tmp_path, EXPORT)
    r = cli("employee", "sync", str(path), "--dry-run")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0] == f"{path}（utf-8）のドライラン: 何も変更していません。"
    assert lines[1] == "新規 3 名、変更 2 名、エクスポートにない在籍者 1 名、変更なし 3 名"
    assert "  3行目: E0002: 氏名 佐藤 一郎 → 佐藤 一朗" in lines
    r = cli("employee", "sync", str(tmp_path / "nope.csv"))
    assert (r.exit_code, r.stderr) == (
        1,
        f"エラー: {tmp_path / 'nope.csv'}: 読み込めません（No such file or directory）\n",
    )


def test_sync_makes_the_roster_match_the_export(cli, tmp_path, enrolled):
    path = write(tmp_path, EXPORT)
    r = cli("employee", "sync", str(path), "--lang", "en")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[0] == f"Synchronised the roster with {path} (utf-8)."
    people = roster(enrolled)
    assert people["E0002"][0] == "佐藤 一朗"
    assert people["E0003"][1:3] == ("alex.smith@example.jp", "営業部")
    assert people["N0003"] == ("New Hire", "new@example.jp", "総務部", "2026-04-01", "en", None)
    assert people["E0006"][5] is None  # listed as missing, not marked (--leavers ignore)
    assert set(people) == {f"E000{i}" for i in range(1, 7)} | {"N0001", "N0002", "N0003"}
    # new people are enrolled in the decks: they have cards today
    due = cli("due", "--employee", "N0001", "--json")
    assert due.exit_code == 0 and '"id": "c1"' in due.stdout
    # a second sync of the same file changes nothing
    before = dump(enrolled)
    r = cli("employee", "sync", str(path), "--lang", "en")
    assert r.stdout.splitlines()[1] == "0 new, 0 changed, 1 missing, 8 unchanged"
    assert dump(enrolled) == before


def test_leavers_mark_records_the_missing_as_leaving_today(cli, tmp_path, enrolled):
    path = write(tmp_path, EXPORT)
    r = cli("employee", "sync", str(path), "--leavers", "mark", "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "1 recorded as leaving on 2026-04-01." in r.stdout.splitlines()
    people = roster(enrolled)
    assert str(people["E0006"][5]) == "2026-04-01"
    assert [p for p, v in people.items() if v[5] is not None] == ["E0006"]
    # someone hired later than today is not marked as leaving when missing
    assert cli("employee", "add", "F0001", "--name", "未来", "--hired", "2026-05-01").exit_code == 0
    r = cli("employee", "sync", str(path), "--leavers", "mark", "--lang", "en", "--dry-run")
    assert "  F0001 未来 ((none)) — not recorded as leaving: hired 2026-05-01, still to come" in (
        r.stdout.splitlines()
    )
    assert r.stdout.splitlines()[-1] == "0 will be recorded as leaving on 2026-04-01."


def test_a_changed_hire_date_is_reported_not_applied(cli, tmp_path, enrolled):
    text = EXPORT.replace(
        "E0004,鈴木 次郎,,営業部,2026-01-05", "E0004,鈴木 次郎,,営業部,2026-02-01"
    )
    r = cli("employee", "sync", str(write(tmp_path, text)), "--lang", "en")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    at = lines.index(
        "Hire date differs, not applied (1); if the export is right, correct it with "
        "`recall employee edit ID --hired DATE`:"
    )
    assert lines[at + 1] == "  line 5: E0004: 2026-01-05 in recall, 2026-02-01 in the export"
    assert roster(enrolled)["E0004"][3] == "2026-01-05"


@pytest.mark.parametrize(
    ("encoding", "transform"),
    [
        ("utf-8", lambda t: t),
        ("utf-8-sig", lambda t: t.replace("\n", "\r\n")),
        ("utf-16", lambda t: t),  # with BOM, little-endian on this machine
        ("utf-16-be", lambda t: "\ufeff" + t),  # big-endian with BOM
        ("cp932", lambda t: t.replace("\n", "\r\n")),
        ("utf-8", lambda t: t.replace("\n", "\r")),  # CR-only line endings (old Mac)
        ("utf-8", lambda t: t.replace(",", ";")),  # semicolon-separated
        ("cp932", lambda t: t.replace(",", "\t")),  # tab-separated
    ],
    ids=["utf8", "utf8-bom-crlf", "utf16le", "utf16be", "sjis", "cr-only", "semicolon", "tab"],
)
def test_each_encoding_separator_and_line_ending_reads_the_same(
    cli, tmp_path, enrolled, encoding, transform
):
    path = write(tmp_path, transform(EXPORT), encoding)
    r = cli("employee", "sync", str(path), "--dry-run", "--lang", "en")
    assert r.exit_code == 0, r.output
    shown = encoding.replace("-sig", "").replace("-be", "")
    expected = DRY_RUN_EN.format(path=path).replace("(utf-8)", f"({shown})")
    assert r.stdout == expected


def test_a_file_that_mixes_encodings_is_refused(cli, tmp_path, enrolled):
    data = (
        HEADER.encode("utf-8")
        + "N0001,新人 一号,,営業部,2026-04-01,ja\n".encode()
        + "N0002,新人 二号,,開発部,2026-04-01,ja\n".encode("cp932")
    )
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    before = dump(enrolled)
    for command in ("sync", "import"):
        r = cli("employee", command, str(path), "--lang", "en")
        assert (r.exit_code, r.stderr) == (
            1,
            f"Error: {path}: mixes encodings (line 1 is UTF-8, line 3 is not); nothing was "
            "read, so that no garbled name is stored. Save the whole file in one encoding "
            "(UTF-8)\n",
        )
    assert dump(enrolled) == before


def test_utf16_without_bom_and_an_unknown_separator_are_named(cli, tmp_path, enrolled):
    path = write(tmp_path, EXPORT, "utf-16-le")
    r = cli("employee", "sync", str(path), "--lang", "en")
    assert (r.exit_code, r.stderr) == (
        1,
        f"Error: {path}: looks like UTF-16 without a byte-order mark; save the export as CSV "
        "in UTF-8 (or UTF-16 with BOM)\n",
    )
    r = cli("employee", "sync", str(write(tmp_path, "id|name|hired\nE1|a|2026-04-01\n")))
    assert r.exit_code == 1
    assert (
        "列が一つしか見つかりません。列はカンマ、セミコロン、タブのいずれかで区切ります" in r.stderr
    )


def test_names_and_departments_are_normalised_so_one_department_stays_one(cli, tmp_path, enrolled):
    text = HEADER + (
        "E0001,山田　花子 ,hanako@example.jp,営業部　,2025-04-01,ja\n"  # full-width spaces
        "E0004,鈴木 次郎,,　営業部,2026-01-05,ja\n"
        "N0001,ﾔﾏﾀﾞ  ﾀﾛｳ,,第１営業部,２０２６年４月１日,ja\n"  # half-width kana, full-width digits
    )
    r = cli("employee", "sync", str(write(tmp_path, text)), "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "Changed" not in r.stdout  # 山田　花子 and 営業部　 are the stored values
    people = roster(enrolled)
    assert people["N0001"][0] == "ヤマダ タロウ"
    assert people["N0001"][2:4] == ("第1営業部", "2026-04-01")
    store = Store.open(enrolled)
    assert store.departments() == ["営業部", "第1営業部", "総務部", "開発部"]
    store.close()


def test_ids_that_differ_only_in_case_are_warned_about(cli, tmp_path, enrolled):
    text = EXPORT + "e0001,山田 花子,,営業部,2025-04-01,ja\nn0002,新人 二号,,開発部,2026-04-01,en\n"
    r = cli("employee", "sync", str(write(tmp_path, text)), "--dry-run", "--lang", "en")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[lines.index("Warnings (2):") + 1 :] == [
        "  line 10: e0001 differs from E0001 (line 2) only in letter case: a typo?",
        "  line 11: n0002 differs from N0002 (line 8) only in letter case: a typo?",
    ]
    only_new = HEADER + "e0006,田中 四郎,,総務部,2024-04-01,ja\n"
    r = cli("employee", "sync", str(write(tmp_path, only_new)), "--dry-run", "--lang", "en")
    assert r.stdout.splitlines()[-1] == (
        "  line 2: e0006 differs from the enrolled E0006 only in letter case: a typo?"
    )


def test_every_bad_row_is_located_and_nothing_is_written(cli, tmp_path, enrolled):
    bad = HEADER + (
        "E0001,山田 花子,hanako@example.jp,営業部,2025-04-01,ja\n"
        "N0001,,,営業部,2026-04-01,ja\n"
        "N0002,A\x07B,,営業部,2026-04-01,ja\n"
        "N0003,\u202eevil,,営業部,2026-04-01,ja\n"
        "N0004,\u200b\u3000,,営業部,2026-04-01,ja\n"
        "N0005," + "長" * 201 + ",,営業部,2026-04-01,ja\n"
        "N0006,甲,,営業部,0001-01-01,ja\n"
        "N0007,乙,,営業部,9999-12-31,ja\n"
        "N0008,丙,not-an-email,営業部,2026-04-01,ja\n"
        "N0009,丁,,営業部,2026-04-01,fr\n"
        "N 10,戊,,営業部,2026-04-01,ja\n"
        "E0001,山田 花子,,営業部,2025-04-01,ja\n"
        "N0011,己,,営業部,2026/2/30,ja\n"
        "N0012,庚,,営業部,,ja\n"
    )
    path = write(tmp_path, bad)
    before = dump(enrolled)
    r = cli("employee", "sync", str(path), "--leavers", "mark", "--lang", "en")
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        f"Error: {path}: 13 bad rows; nothing was changed",
        "  line 3: missing name",
        "  line 4: name contains a control character (U+0007)",
        "  line 5: name contains a text-direction control (U+202E) that can make it show "
        "differently from what is stored",
        "  line 6: name has no visible character",
        "  line 7: name is 201 characters long (at most 200)",
        "  line 8: hire date 0001-01-01 is out of range (1900-01-01 to 2027-04-01)",
        "  line 9: hire date 9999-12-31 is out of range (1900-01-01 to 2027-04-01)",
        "  line 10: email 'not-an-email' is not an email address",
        "  line 11: unknown language 'fr' (use ja or en)",
        "  line 12: employee id 'N 10' is not valid: use letters, digits, '.', '_', '@', '-' "
        "(at most 64)",
        "  line 13: duplicate employee id E0001 (first on line 2)",
        "  line 14: hire date '2026/2/30' is not a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)",
        "  line 15: missing hire date",
    ]
    assert dump(enrolled) == before
    r = cli("employee", "sync", str(path))
    assert r.stderr.splitlines()[:2] == [
        f"エラー: {path}: 不正な行が 13 行あります。何も変更していません",
        "  3行目: 氏名 がありません",
    ]


def test_add_edit_and_leave_use_the_same_checks(cli, db_path):
    en = {"RECALL_LANG": "en"}  # the English texts (Japanese is the default)
    assert cli("employee", "add", "E1", "--name", "甲", "--hired", "2026年4月1日").exit_code == 0
    r = cli("employee", "add", "E2", "--name", "乙", "--hired", "0001-01-01", env=en)
    assert (r.exit_code, r.stderr) == (
        1,
        "Error: --hired 0001-01-01 is out of range (1900-01-01 to 2027-04-01)\n",
    )
    r = cli("employee", "add", "E2", "--name", "\u202eevil", env=en)
    assert r.exit_code == 1 and "--name contains a text-direction control (U+202E)" in r.stderr
    r = cli("employee", "edit", "E1", "--department", "営業部\x1b[2J", env=en)
    assert (r.exit_code, r.stderr) == (
        1,
        "Error: --department contains a control character (U+001B)\n",
    )
    assert (
        cli("employee", "edit", "E1", "--department", "営業部　", "--hired", "2026-4-2").exit_code
        == 0
    )
    assert roster(db_path)["E1"][2:4] == ("営業部", "2026-04-02")
    r = cli("employee", "leave", "E1", "--on", "", env=en)
    assert (r.exit_code, r.stderr) == (
        1,
        "Error: --on '' is not a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)\n",
    )
    assert (
        cli("employee", "leave", "E1", "--on", "2026/4/30", now="2026-05-01T09:00").exit_code == 0
    )
    r = cli("employee", "edit", "E1", "--hired", "2026-05-01", now="2026-05-01T09:00", env=en)
    assert (r.exit_code, r.stderr) == (
        1,
        "Error: --hired 2026-05-01 is after the leaving date 2026-04-30\n",
    )


def test_import_warns_about_case_twins_too(cli, tmp_path, enrolled):
    text = (
        HEADER
        + "e0002,佐藤 一郎,,総務部,2025-04-01,ja\nX1,甲,,総務部,2026-04-01,\nx1,乙,,,2026-04-01,\n"
    )
    r = cli("employee", "import", str(write(tmp_path, text)), "--lang", "en")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[:3] == [
        "Warnings (2):",
        "  line 2: e0002 differs from the enrolled E0002 only in letter case: a typo?",
        "  line 4: x1 differs from X1 (line 3) only in letter case: a typo?",
    ]


def test_someone_listed_after_leaving_is_warned_about_not_reactivated(cli, tmp_path, enrolled):
    assert cli("employee", "leave", "E0006", "--on", "2026-03-31").exit_code == 0
    r = cli("employee", "sync", str(write(tmp_path, ROSTER)), "--lang", "en")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[-2:] == [
        "Warnings (1):",
        "  line 7: E0006 is recorded as having left on 2026-03-31; not re-activated",
    ]
    assert str(roster(enrolled)["E0006"][5]) == "2026-03-31"


def test_an_export_that_lists_nobody_never_marks_everyone_as_leaving(cli, tmp_path, enrolled):
    path = write(tmp_path, HEADER)
    before = dump(enrolled)
    r = cli("employee", "sync", str(path), "--leavers", "mark", "--lang", "en")
    assert (r.exit_code, r.stderr) == (
        1,
        f"Error: {path}: the export lists nobody; with --leavers mark everyone would be "
        "recorded as leaving, so nothing was changed\n",
    )
    assert dump(enrolled) == before
    r = cli("employee", "sync", str(path), "--lang", "en")  # listing them is harmless
    assert (
        r.exit_code == 0 and r.stdout.splitlines()[1] == "0 new, 0 changed, 6 missing, 0 unchanged"
    )


def test_changes_without_new_people_are_applied(cli, tmp_path, enrolled):
    text = ROSTER.replace("E0002,佐藤 一郎", "E0002,佐藤 二郎")
    r = cli("employee", "sync", str(write(tmp_path, text)), "--lang", "en")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[1] == "0 new, 1 changed, 0 missing, 5 unchanged"
    assert roster(enrolled)["E0002"][0] == "佐藤 二郎"
