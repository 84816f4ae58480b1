"""``recall report ...``: the audit record matches the review log; HTML renders in Chromium."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from recall.cli.app import app
from recall.core.employee import Employee
from recall.core.incident import IncidentSpec, Scope
from recall.store import Store
from tests.hr_org import answer, make_org, simulate, study
from tests.needs import CHROMIUM, CHROMIUM_ARGS, need

_CLEAN_ENV = {"RECALL_NOW": None, "RECALL_EMPLOYEE": None, "RECALL_DB": None, "RECALL_DECKS": None}
NOW = "2026-07-01T09:00:00+09:00"
TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    """90 days of study, an incident, LMS answers, a weak learner and a new hire."""
    tmp = tmp_path_factory.mktemp("org")
    store = make_org(tmp)
    store.update_settings({"organisation": "株式会社 <テスト> & Co."})
    end = simulate(store, 90)
    store.add_incident(
        IncidentSpec(
            "誤送信 <b>bold</b>",
            date(2026, 6, 29),
            ("email",),
            Scope(departments=("sales",)),
            date(2026, 7, 7),
        ),
        end,
    )
    study(store, "sales-1", end)
    for n in range(20):  # dev-3 answers badly for a while: below the pass mark
        answer(store, "dev-3", "consent-2", end + timedelta(minutes=n), correct=False)
    answer(store, "hr-2", "access-1", end + timedelta(hours=1), method="lms")
    store.add_employees([Employee("new-1", "New <hire>", "dev", date(2026, 6, 29))], now=end)
    store.close()
    return tmp


def run(org: Path, *args: str, now: str = NOW):
    result = CliRunner().invoke(
        app,
        ["--db", str(org / "recall.db"), "--decks", str(org / "decks"), "--now", now, *args],
        env={**_CLEAN_ENV, "COLUMNS": "200"},
    )
    return result


def ok(org: Path, *args: str, now: str = NOW):
    result = run(org, *args, now=now)
    assert result.exit_code == 0, result.output
    return result


def from_log(org: Path, start: date, end: date) -> dict[str, dict]:
    """Recompute the audit columns straight from the review log."""
    store = Store.open(org / "recall.db")
    try:
        topics = defaultdict(set)
        for card, topic in store.db.execute("SELECT card_id, topic FROM card_topics"):
            topics[card].add(topic)
        rows: dict[str, dict] = defaultdict(
            lambda: {
                "dates": set(),
                "n": 0,
                "right": 0,
                "cards": set(),
                "topics": set(),
                "methods": set(),
                "decks": set(),
            }
        )
        for employee, card, correct, at, method, deck, version in store.db.execute(
            "SELECT employee_id, card_id, correct, answered_at, method, deck_id, deck_version "
            "FROM review_log"
        ):
            day = datetime.fromisoformat(at).astimezone(TOKYO).date()
            if not start <= day <= end:
                continue
            row = rows[employee]
            row["dates"].add(day.isoformat())
            row["n"] += 1
            row["right"] += correct
            row["cards"].add(card)
            row["topics"] |= topics[card]
            row["methods"].add(method)
            row["decks"].add(f"Test deck ({deck}) v{version}")
        employees = [e.id for e in store.employees(include_left=True)]
        return {e: rows.get(e) for e in employees}
    finally:
        store.close()


def test_audit_csv_rows_match_the_review_log(org, tmp_path):
    out = tmp_path / "audit.csv"
    ok(
        org,
        "report",
        "audit",
        "--from",
        "2026-04-01",
        "--to",
        "2027-03-31",
        "--lang",
        "en",
        "-o",
        str(out),
    )
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = {r["Employee ID"]: r for r in csv.DictReader(handle)}
    expected = from_log(org, date(2026, 4, 1), date(2027, 3, 31))
    assert set(rows) == set(expected)
    for employee, log in expected.items():
        row = rows[employee]
        if log is None:
            assert (row["Answers"], row["Training dates"], row["Understanding"]) == (
                "0",
                "",
                "not trained",
            )
            assert row["Shortfall"] == "not trained"
            continue
        assert row["Training dates"] == "; ".join(sorted(log["dates"]))
        assert int(row["Answers"]) == log["n"]
        assert int(row["Cards"]) == len(log["cards"])
        assert int(row["Topics"]) == len(log["topics"])
        assert row["Method"] == "; ".join(sorted(log["methods"]))
        assert row["Deck and version"] == "; ".join(sorted(log["decks"]))
        rate = 100 * log["right"] / log["n"]
        assert float(row["Correct rate"]) == pytest.approx(rate, abs=0.05)
        passed = rate >= 80
        assert row["Understanding"] == ("pass" if passed else "below pass mark")
        assert ("below pass mark" in row["Shortfall"]) == (not passed)
    assert rows["dev-3"]["Understanding"] == "below pass mark"
    assert rows["hr-2"]["Method"] == "cli; lms"
    assert rows["sales-1"]["Incident refreshers"].startswith("#1 誤送信 <b>bold</b>: 3/3 (done ")
    assert rows["sales-2"]["Incident refreshers"] == "#1 誤送信 <b>bold</b>: 0/3"


def test_audit_period_limits_the_rows(org, tmp_path):
    out = tmp_path / "april.csv"
    ok(
        org,
        "report",
        "audit",
        "--from",
        "2026-04-01",
        "--to",
        "2026-04-30",
        "--lang",
        "en",
        "-o",
        str(out),
    )
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = {r["Employee ID"]: r for r in csv.DictReader(handle)}
    expected = from_log(org, date(2026, 4, 1), date(2026, 4, 30))
    assert "new-1" not in rows  # hired after April
    for employee, row in rows.items():
        assert int(row["Answers"]) == expected[employee]["n"]
        assert row["Training dates"].split("; ")[-1] <= "2026-04-30"


def test_audit_json_keeps_codes_and_fractions(org):
    data = json.loads(ok(org, "report", "audit", "--format", "json").stdout)
    assert data["data"]["period"] == ["2026-04-01", "2027-03-31"]
    assert data["data"]["pass_mark"] == 80
    rows = {r["employee_id"]: r for r in data["sections"]["audit"]}
    assert rows["new-1"]["understanding"] == "not_trained"
    assert 0 < rows["dev-3"]["correct_rate"] < 0.8


def test_audit_html_renders_in_chromium_without_errors(org, tmp_path):
    need(CHROMIUM.exists(), "Debian's Chromium: apt-get install chromium")
    import playwright.sync_api as playwright

    page_file = tmp_path / "audit.html"
    ok(org, "report", "audit", "-o", str(page_file))
    html = page_file.read_text(encoding="utf-8")
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "Name <sales>" not in html and "株式会社 &lt;テスト&gt; &amp; Co." in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            problems: list[str] = []
            requests: list[str] = []
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_file.as_uri())
            page.screenshot(path=str(tmp_path / "audit.png"), full_page=True)
            assert problems == []
            assert requests == [page_file.as_uri()]  # nothing fetched from anywhere
            assert page.locator("h1").inner_text() == "個人情報保護教育 実施記録"
            assert page.locator("svg.chart").count() == 2
            assert page.locator("tbody tr").count() == 9
            assert page.locator("sales").count() == 0  # names stayed text
            assert "Name <sales> 1" in page.locator("tbody").inner_text()
            header = page.locator("header").inner_text()
            for text in (
                "2026-04-01 – 2027-03-31",
                "株式会社 <テスト> & Co.",
                "v2.1",
                "事例集 <2025>, PPC, 2025 <https://example.org/cases>",
            ):
                assert text in header
        finally:
            browser.close()
    assert (tmp_path / "audit.png").stat().st_size > 10_000


def test_overview_counts_and_retention(org):
    data = json.loads(ok(org, "report", "overview", "--format", "json").stdout)
    rows = {r["department"]: r for r in data["sections"]["summary"]}
    assert [rows[d]["employees"] for d in ("dev", "hr", "sales")] == [4, 2, 3]
    assert rows["dev"]["onboarded"] == 3  # new-1 has not started
    assert rows["全体"]["employees"] == 9
    assert 0.5 < rows["全体"]["retention"] <= 1
    assert set(data["data"]["topic_retention"]) == {"consent", "disposal", "email", "access"}
    table = ok(org, "report", "overview", "--lang", "en").stdout
    assert "Training overview by department" in table and "Est. retention" in table


def test_overview_html_and_csv_by_suffix(org, tmp_path):
    ok(org, "report", "overview", "-o", str(tmp_path / "o.html"))
    assert (tmp_path / "o.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    ok(org, "report", "overview", "-o", str(tmp_path / "o.csv"))
    assert (tmp_path / "o.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    for name in ("o.html", "o.csv"):  # reports name people: private to their owner
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o600


def test_employee_report(org):
    data = json.loads(ok(org, "report", "employee", "sales-1", "--format", "json").stdout)
    summary = data["sections"]["summary"][0]
    assert summary["employee_id"] == "sales-1" and summary["missing_topics"] == []
    history = data["sections"]["history"]
    expected = from_log(org, date(2000, 1, 1), date(2100, 1, 1))["sales-1"]
    assert len(history) == expected["n"]
    statuses = {a["status"] for a in data["sections"]["assignments"]}
    assert statuses == {"done"}
    assert ok(org, "report", "employee", "sales-1", "--format", "csv").stdout.startswith("# 概要")
    # JSON keeps codes; each reason is what the card was when answered
    assert {h["reason"] for h in history} == {"onboarding", "new", "due", "refresher"}
    table = ok(org, "report", "employee", "sales-1").stdout
    assert "復習" in table and "再教育" in table and "端末（CLI）" in table
    assert "refresher" not in table


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["employee", "ghost"], "Error: no employee 'ghost' (see `recall employee list`)\n"),
        (
            ["audit", "--from", "2026-05-01", "--to", "2026-04-01"],
            "Error: --to 2026-04-01 is before --from 2026-05-01\n",
        ),
        (
            ["audit", "--from", "May"],
            "Error: --from 'May' is not a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)\n",
        ),
    ],
)
def test_bad_report_input(org, args, message):
    r = run(org, "report", *args, "--lang", "en")
    assert r.exit_code == 1
    assert r.stderr == message


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["employee", "ghost"],
            "エラー: 従業者 'ghost' は登録されていません（`recall employee list` で確認できます）\n",
        ),
        (
            ["audit", "--from", "2026-05-01", "--to", "2026-04-01"],
            "エラー: --to 2026-04-01 が --from 2026-05-01 より前です\n",
        ),
        (
            ["audit", "--from", "May"],
            "エラー: --from 'May' は日付ではありません（YYYY-MM-DD、YYYY/M/D、YYYY年M月D日）\n",
        ),
    ],
)
def test_bad_report_input_is_refused_in_japanese_by_default(org, args, message):
    r = run(org, "report", *args)
    assert r.exit_code == 1
    assert r.stderr == message


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["overview", "--lang", "fr"], "'fr' is not one of 'ja', 'en'"),
        (["overview", "--format", "pdf"], "'pdf' is not one of 'table', 'csv', 'json', 'html'"),
    ],
)
def test_bad_report_codes_are_usage_errors(org, args, shown):
    r = run(org, "report", *args)
    assert r.exit_code == 2
    assert shown in r.stderr


@pytest.mark.parametrize("command", ["overview", "employee", "incidents", "audit", "coverage"])
def test_every_report_explains_itself(org, command):
    r = ok(org, "report", command, "--help")
    assert "Example: recall report " + command in " ".join(r.stdout.split())
    assert "--format" in r.stdout and "--lang" in r.stdout
