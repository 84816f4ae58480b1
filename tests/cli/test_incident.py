"""``recall incident add|list|show`` and ``recall refresh --coverage``, end to end.

An organisation of three departments studies for 90 days (through the core, with fixed
times); then HR works through the CLI with ``--now``.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from recall.cli.app import app
from recall.store import Store
from tests.hr_org import CARDS_BY_TOPIC, make_org, simulate

_CLEAN_ENV = {"RECALL_NOW": None, "RECALL_EMPLOYEE": None, "RECALL_DB": None, "RECALL_DECKS": None}
NOW = "2026-06-30T09:00:00+09:00"


class HR:
    """Runs ``recall --db --decks --now`` in-process against the simulated organisation."""

    def __init__(self, tmp_path, skip_topics=None):
        store = make_org(tmp_path)
        self.end = simulate(store, 90, skip_topics=skip_topics)
        store.close()
        self.db = tmp_path / "recall.db"
        self.decks = tmp_path / "decks"
        self.runner = CliRunner()

    def __call__(self, *args: str, now: str = NOW):
        prefix = ["--db", str(self.db), "--decks", str(self.decks), "--now", now]
        return self.runner.invoke(
            app, [*prefix, *args], env={**_CLEAN_ENV, "RECALL_LANG": "en", "COLUMNS": "200"}
        )

    def ok(self, *args: str, now: str = NOW):
        result = self(*args, now=now)
        assert result.exit_code == 0, result.output
        return result

    def counts(self) -> dict[str, int]:
        store = Store.open(self.db)
        try:
            return store.table_counts()
        finally:
            store.close()

    def due(self, employee: str, now: str = NOW) -> list[tuple[str, str]]:
        cards = json.loads(self.ok("due", "--employee", employee, "--json", now=now).stdout)
        return [(c["id"], c["reason"]) for c in cards["cards"]]


EMPLOYEES = [
    f"{d}-{n}" for d, k in {"sales": 3, "dev": 3, "hr": 2}.items() for n in range(1, k + 1)
]


@pytest.fixture
def hr(tmp_path):
    return HR(tmp_path)


def test_incident_for_one_department_end_to_end(hr):
    before = {e: hr.due(e) for e in EMPLOYEES}
    r = hr.ok(
        "incident",
        "add",
        "--title",
        "誤送信 <script>",
        "--occurred",
        "2026-06-29",
        "--topics",
        "email",
        "--department",
        "sales",
        "--within",
        "7d",
    )
    assert r.stdout == (
        "incident 1 recorded: assigned 3 employee(s), 3 card(s), 9 refresher(s), "
        "deadline 2026-07-07\n"
    )
    for employee in EMPLOYEES:
        queue = hr.due(employee)
        if employee.startswith("sales"):
            head = queue[:3]
            assert sorted(c for c, _ in head) == sorted(CARDS_BY_TOPIC["email"])
            assert {reason for _, reason in head} == {"refresher"}
            assert [c for c in queue[3:] if c[1] == "refresher"] == []
        else:
            assert queue == before[employee]

    # sales-1 answers the refreshers through `recall answer`
    for card, _ in hr.due("sales-1")[:3]:
        out = json.loads(
            hr.ok(
                "answer", "--employee", "sales-1", "--card", card, "--choice", "b", "--json"
            ).stdout
        )
        assert out["reason"] == "refresher" and out["correct"] is True
    assert all(reason != "refresher" for _, reason in hr.due("sales-1"))

    later = "2026-07-10T09:00:00+09:00"
    shown = json.loads(hr.ok("incident", "show", "1", "--format", "json", now=later).stdout)
    states = {p["employee_id"]: p["status"] for p in shown["sections"]["people"]}
    assert states == {"sales-1": "done", "sales-2": "overdue", "sales-3": "overdue"}
    table = hr.ok("incident", "show", "1", "--lang", "en", now=later).stdout
    assert "overdue" in table and "Name <sales> 2" in table

    report = json.loads(hr.ok("report", "incidents", "--format", "json", now=later).stdout)
    row = report["sections"]["incidents"][0]
    assert (row["people"], row["finished"], row["overdue"]) == (3, 1, 2)
    assert row["overdue_people"] == ["Name <sales> 2 (sales-2)", "Name <sales> 3 (sales-3)"]
    listing = hr.ok("incident", "list", "--format", "json", now=later).stdout
    [listed] = json.loads(listing)["sections"]["incidents"]
    assert (listed["title"], listed["people"], listed["finished"]) == ("誤送信 <script>", 3, 1)


def test_dry_run_shows_counts_and_records_nothing(hr):
    before = hr.counts()
    r = hr.ok(
        "incident",
        "add",
        "--title",
        "t",
        "--occurred",
        "2026-06-29",
        "--topics",
        "email,consent",
        "--all",
        "--dry-run",
    )
    assert r.stdout == (
        "dry run: would assign 8 employee(s), 5 card(s), 40 refresher(s), deadline "
        "2026-07-14; nothing recorded\n"
    )
    assert hr.counts() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--topics", "nope", "--all"],
            "Error: no card has topic 'nope' (topics with cards: access, consent, disposal, "
            "email); nothing was recorded\n",
        ),
        (
            ["--topics", "email"],
            "Error: the scope is empty: give --all, or --department D, or --employee ID\n",
        ),
        (
            ["--topics", "email", "--department", "legal"],
            "Error: unknown department 'legal' (departments with active employees: dev, hr, "
            "sales); nothing was recorded\n",
        ),
        (
            ["--topics", "email", "--employee", "E999"],
            "Error: no employee 'E999' (see `recall employee list`); nothing was recorded\n",
        ),
        (
            ["--topics", "email", "--all", "--deadline", "2026-06-01"],
            "Error: the deadline 2026-06-01 is before the incident occurred (2026-06-29)\n",
        ),
        (
            ["--topics", "email", "--all", "--within", "soon"],
            "Error: --within 'soon': give a number of days or weeks from 1d to 366d, e.g. 7d or 2w\n",
        ),
    ],
)
def test_bad_input_is_a_clear_error_and_records_nothing(hr, args, message):
    before = hr.counts()
    r = hr("incident", "add", "--title", "t", "--occurred", "2026-06-29", *args)
    assert r.exit_code == 1
    assert r.stderr == message
    assert hr.counts() == before


def test_show_unknown_incident(hr):
    r = hr("incident", "show", "7")
    assert r.exit_code == 1
    assert r.stderr == "Error: no incident 7 (see `recall incident list`)\n"


def test_coverage_report_finds_the_skipped_topic_and_refresh_fixes_it(tmp_path):
    hr = HR(tmp_path, skip_topics={"dev-2": {"access"}})
    report = json.loads(hr.ok("report", "coverage", "--format", "json").stdout)
    rows = report["sections"]["coverage"]
    assert [(r["employee_id"], r["missing_topics"]) for r in rows] == [
        ("dev-2", ["Access control"])
    ]  # RECALL_LANG=en
    assert report["data"]["missing_topic_ids"] == {"dev-2": ["access"]}

    before = hr.counts()
    dry = hr.ok("refresh", "--coverage", "--dry-run")
    assert "would assign 1 employee(s), 1 card(s), 1 refresher(s)" in dry.stdout
    assert hr.counts() == before
    r = hr.ok("refresh", "--coverage", "--within", "7d")
    assert "coverage refresh 1 recorded: assigned 1 employee(s), 1 card(s)" in r.stdout
    assert hr.ok("refresh", "--coverage").stdout == (
        "1 employee(s) are still short in this audit period, and every gap already has an "
        "open refresher; nothing new to assign (see `recall report coverage` and `recall "
        "incident list`)\n"
    )
    assert hr.due("dev-2")[0] == ("access-1", "refresher")
    hr.ok("answer", "--employee", "dev-2", "--card", "access-1", "--choice", "b")
    report = json.loads(hr.ok("report", "coverage", "--format", "json").stdout)
    assert report["sections"]["coverage"] == []
    assert hr.ok("refresh", "--coverage").stdout == (
        "every active employee is covered in this audit period; nothing to assign\n"
    )
    shown = json.loads(hr.ok("incident", "show", "1", "--format", "json").stdout)
    assert shown["data"]["incident"]["kind"] == "coverage"
    assert [p["status"] for p in shown["sections"]["people"]] == ["done"]


def test_refresh_needs_coverage(hr):
    r = hr("refresh")
    assert r.exit_code == 1
    assert r.stderr == "Error: say what to refresh: --coverage (see `recall refresh --help`)\n"


@pytest.mark.parametrize(
    "command",
    [["incident"], ["incident", "add"], ["incident", "list"], ["incident", "show"], ["refresh"]],
)
def test_every_command_explains_itself(hr, command):
    r = hr(*command, "--help")
    assert r.exit_code == 0
    assert "Example:" in r.stdout or command == ["incident"]


def test_titles_that_look_like_markup_are_shown_as_written(hr):
    hr.ok(
        "incident",
        "add",
        "--title",
        "Leak [/x] [bold]",
        "--occurred",
        "2026-06-29",
        "--topics",
        "email",
        "--all",
    )
    assert "Leak [/x] [bold]" in hr.ok("incident", "list").stdout
    assert "Leak [/x] [bold]" in hr.ok("report", "incidents").stdout
