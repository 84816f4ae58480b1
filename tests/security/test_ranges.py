"""Every value has a sane range, said in the message: huge ids, calendar extremes,
deadlines years ahead are refused (exit 1 or 2), never a traceback, nothing written."""

from __future__ import annotations

import pytest

from tests.security.conftest import dump

HUGE = "99999999999999999999999"


@pytest.fixture
def enrolled(cli, db_path):
    assert cli("employee", "add", "E1", "--name", "A", "--hired", "2026-01-01").exit_code == 0
    return db_path


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("incident", "show", HUGE), 2, "Invalid value for 'ID'"),
        (("incident", "show", "0"), 2, "Invalid value for 'ID'"),
        (("answer", "-e", "E1", "--card", "c1", "--choice", "b", "--ms", HUGE), 2, "--ms"),
        (("review", "-e", "E1", "--limit", HUGE), 2, "--limit"),
        (("simulate", "--employees", HUGE), 2, "--employees"),
        (("simulate", "--seed", "-1"), 2, "--seed"),
        (
            ("report", "audit", "--from", "0001-01-01", "--to", "9999-12-31"),
            1,
            "Error: --from 0001-01-01 is out of range (2000-01-01 to 2100-12-31)\n",
        ),
        (
            ("report", "audit", "--to", "9999-12-31"),
            1,
            "Error: --to 9999-12-31 is out of range (2000-01-01 to 2100-12-31)\n",
        ),
        (
            (
                "incident",
                "add",
                "--title",
                "t",
                "--occurred",
                "2026-03-01",
                "--topics",
                "consent",
                "--all",
                "--deadline",
                "9999-12-31",
            ),
            1,
            "Error: --deadline 9999-12-31 is out of range (2026-04-01 to 2027-04-02)\n",
        ),
        (
            (
                "incident",
                "add",
                "--title",
                "t",
                "--occurred",
                "2026-03-01",
                "--topics",
                "consent",
                "--all",
                "--within",
                "3650d",
            ),
            1,
            "Error: --within '3650d': give a number of days or weeks from 1d to 366d, "
            "e.g. 7d or 2w\n",
        ),
        (
            (
                "incident",
                "add",
                "--title",
                "t",
                "--occurred",
                "0001-01-01",
                "--topics",
                "consent",
                "--all",
            ),
            1,
            "Error: --occurred 0001-01-01 is out of range (2000-01-01 to 2100-12-31)\n",
        ),
        (
            ("refresh", "--coverage", "--deadline", "9999-12-31"),
            1,
            "Error: --deadline 9999-12-31 is out of range (2026-04-01 to 2027-04-02)\n",
        ),
    ],
)
def test_out_of_range_values_are_refused_and_nothing_is_written(enrolled, cli, args, code, message):
    before = dump(enrolled)
    result = cli(*args, env={"RECALL_LANG": "en"})  # the English texts; ja is the default
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if code == 1:
        assert result.stderr == message
    else:
        assert message in result.stderr
    assert dump(enrolled) == before


@pytest.mark.parametrize("now", ["0001-01-01T00:00", "9999-12-31T23:59", "1999-12-31T09:00+09:00"])
def test_calendar_extremes_for_now_are_refused(enrolled, cli, now):
    before = dump(enrolled)
    result = cli("status", "-e", "E1", now=now, env={"RECALL_LANG": "en"})
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: --now {now[:10]} is out of range (2000-01-01 to ")
    japanese = cli("status", "-e", "E1", now=now)  # RECALL_LANG unset: Japanese
    assert japanese.stderr.startswith(f"エラー: --now {now[:10]} は範囲外です（2000-01-01 から ")
    assert dump(enrolled) == before


def test_a_year_ahead_is_the_longest_deadline(enrolled, cli):
    result = cli(
        "incident",
        "add",
        "--title",
        "t",
        "--occurred",
        "2026-03-01",
        "--topics",
        "consent",
        "--all",
        "--within",
        "52w",
    )
    assert result.exit_code == 0, result.output


def test_an_empty_employee_option_is_not_the_login_name(enrolled, cli):
    before = dump(enrolled)
    result = cli("due", "-e", "", env={"RECALL_EMPLOYEE": "E1", "RECALL_LANG": "en"})
    assert result.exit_code == 1
    assert result.stderr == "Error: no employee '' (see `recall employee list`)\n"
    assert dump(enrolled) == before
