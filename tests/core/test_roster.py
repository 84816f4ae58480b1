"""The roster sync's pure parts: the plan, id typos, value checks, the date parser."""

from __future__ import annotations

from datetime import date

import pytest

from recall.core.dates import parse_date
from recall.core.employee import Employee
from recall.core.roster import (
    CaseTypo,
    Field,
    FieldDiff,
    HireDateDiff,
    Leavers,
    RosterRow,
    find_case_typos,
    plan_sync,
)
from recall.core.values import check_hire_date, check_name, normalise_text
from recall.errors import InputError

TODAY = date(2026, 4, 1)
ALL_COLUMNS = frozenset({"id", "name", "email", "department", "hired", "lang"})


def person(i: str, name: str = "甲", dept: str = "営業部", **kw) -> Employee:
    return Employee(id=i, name=name, department=dept, hired=kw.pop("hired", date(2025, 4, 1)), **kw)


def row(line: int, employee: Employee, lang_given: bool = True) -> RosterRow:
    return RosterRow(line, employee, lang_given)


def test_plan_lists_new_changed_missing_and_hire_dates_without_applying():
    roster = [
        person("E1"),
        person("E2", email="a@example.jp"),
        person("E3", lang="en"),
        person("E4"),
        person("E5", left_on=date(2026, 3, 31)),
    ]
    rows = [
        row(2, person("E1", hired=date(2025, 5, 1))),
        row(3, person("E2", name="乙", dept="総務部", email="b@example.jp")),
        row(4, person("E3"), lang_given=False),  # empty language cell: unchanged
        row(5, person("N1")),
        row(6, person("E5")),
    ]
    plan = plan_sync(roster, rows, ALL_COLUMNS, today=TODAY, leavers=Leavers.MARK)
    assert [r.employee.id for r in plan.new] == ["N1"]
    assert [(c.line, c.diffs) for c in plan.changed] == [
        (
            3,
            (
                FieldDiff(Field.NAME, "甲", "乙"),
                FieldDiff(Field.EMAIL, "a@example.jp", "b@example.jp"),
                FieldDiff(Field.DEPARTMENT, "営業部", "総務部"),
            ),
        )
    ]
    assert plan.changed[0].after.hired == date(2025, 4, 1)
    assert plan.hire_dates == (HireDateDiff(2, "E1", date(2025, 4, 1), date(2025, 5, 1)),)
    assert [e.id for e in plan.missing] == ["E4"]  # E5 has already left
    assert [e.id for e in plan.leaving] == ["E4"]
    assert [x.employee.id for x in plan.listed_leavers] == ["E5"]
    assert plan.unchanged == 3 and plan.writes


def test_columns_the_export_lacks_leave_fields_alone():
    roster = [person("E1", email="a@example.jp", dept="営業部")]
    rows = [row(2, person("E1", dept=""))]
    plan = plan_sync(roster, rows, frozenset({"id", "name", "hired"}), today=TODAY)
    assert plan.changed == () and plan.unchanged == 1 and not plan.writes


def test_missing_people_are_marked_only_with_mark_and_never_before_their_hire_date():
    roster = [person("E1"), person("E2", hired=date(2026, 5, 1))]
    ignore = plan_sync(roster, [], ALL_COLUMNS, today=TODAY)
    assert [e.id for e in ignore.missing] == ["E1", "E2"] and ignore.leaving == ()
    mark = plan_sync(roster, [], ALL_COLUMNS, today=TODAY, leavers=Leavers.MARK)
    assert [e.id for e in mark.leaving] == ["E1"]
    assert [e.id for e in mark.not_marked] == ["E2"]


def test_ids_are_case_sensitive_but_case_twins_are_reported():
    rows = [row(2, person("E1")), row(3, person("e1")), row(4, person("x9"))]
    assert find_case_typos(rows, ["X9", "E1"]) == (
        CaseTypo(3, "e1", "E1", 2),
        CaseTypo(4, "x9", "X9", None),
    )
    plan = plan_sync([person("X9")], rows, ALL_COLUMNS, today=TODAY)
    assert [r.employee.id for r in plan.new] == ["E1", "e1", "x9"]
    assert [e.id for e in plan.missing] == ["X9"]


@pytest.mark.parametrize(
    "text",
    ["2026-04-01", "2026-4-1", "2026/4/1", "2026年4月1日", "２０２６年４月１日", " 2026/04/01 "],
)
def test_one_date_parser_reads_the_forms_people_type(text):
    assert parse_date(text, "--hired") == date(2026, 4, 1)


@pytest.mark.parametrize("text", ["", "04/01/2026", "2026-13-01", "2026年4月", "20260401"])
def test_the_date_parser_refuses_other_text_in_both_languages(text):
    with pytest.raises(InputError) as error:
        parse_date(text, "入社日", "ja")
    assert (
        str(error.value)
        == f"入社日 '{text}' は日付ではありません（YYYY-MM-DD、YYYY/M/D、YYYY年M月D日）"
    )
    assert error.value.lang == "ja"


def test_hire_dates_have_a_sane_range():
    assert check_hire_date(date(1900, 1, 1), TODAY, "hired") == date(1900, 1, 1)
    assert check_hire_date(date(2027, 4, 1), TODAY, "hired") == date(2027, 4, 1)
    for day in (date(1, 1, 1), date(1899, 12, 31), date(2027, 4, 2), date(9999, 12, 31)):
        with pytest.raises(InputError, match="out of range"):
            check_hire_date(day, TODAY, "hired")
    assert check_hire_date(date(2025, 2, 28), date(2024, 2, 29), "h") == date(2025, 2, 28)


def test_names_are_normalised_and_invisible_or_directional_names_refused():
    assert normalise_text("　山田\u3000\u3000花子 ") == "山田 花子"
    assert check_name("ﾔﾏﾀﾞ", "name") == "ヤマダ"
    assert check_name("髙橋 﨑子", "name") == "髙橋 﨑子"  # no compatibility folding of these
    for bad in ("\u3164", "\u200b", " ", "a\u202eb", "a\u2066b", "a\x00b", "a\nb"):
        with pytest.raises(InputError):
            check_name(bad, "name")
    assert len(check_name("長" * 200, "name")) == 200
