"""``recall report cards``: the item analysis of a simulated organisation, its figures
recomputed straight from the review log, in every format; bad periods refused."""

from __future__ import annotations

import csv
import json
import statistics
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from recall.cli.app import app
from recall.core.codes import Method
from recall.service import review
from recall.store import Store
from tests.hr_org import START, employees, make_store

_CLEAN_ENV = {"RECALL_NOW": None, "RECALL_EMPLOYEE": None, "RECALL_DB": None, "RECALL_DECKS": None}
NOW = "2026-07-01T09:00:00+09:00"
TOKYO = ZoneInfo("Asia/Tokyo")
STRONG = [f"sales-{n}" for n in range(1, 7)]
WEAK = [f"dev-{n}" for n in range(1, 7)]


def _first_day_wrong(employee: str) -> set[str]:
    """What each learner gets wrong the first time they see the deck."""
    wrong = {"email-1"}  # everyone: below chance, confusing
    if employee in STRONG:
        wrong |= {"access-1"}  # only the strong learners: negative discrimination
    else:
        wrong |= {"disposal-1"}  # only the weak: positive discrimination
        if employee != "dev-1":  # the weak are weak on the rest too (dev-1 less so)
            wrong |= {"consent-2", "disposal-2", "email-2"}
    return wrong  # consent-1 and email-3 are right for everyone: guessed


def _ms(n: int, i: int, day: int) -> int | None:
    """A response time that differs between learners, cards and days (one not measured)."""
    if (n, i, day) == (0, 0, 0):
        return None
    return 1000 + (n * 997 + i * 331 + day * 173) % 9000


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    """12 learners meet all 8 cards on 2026-04-01 (the first-sight pattern above), study
    their queue for 40 days, then two strong learners lapse on consent-1."""
    tmp = tmp_path_factory.mktemp("cards")
    store = make_store(tmp)
    store.add_employees(employees({"sales": 6, "dev": 6}), now=START)
    cards = list(store.cards())
    for day in range(40):
        for n, employee in enumerate(STRONG + WEAK):
            moment = START + timedelta(days=day, minutes=n)
            if day == 0:
                todo, wrong = cards, _first_day_wrong(employee)
            elif moment.weekday() < 5:
                todo = [item.card_id for item in review.queue(store, employee, moment)]
                wrong = {"disposal-1"} if employee == "dev-6" else set()
            else:
                continue
            for i, card_id in enumerate(todo):
                review.answer(
                    store,
                    employee,
                    card_id,
                    "a" if card_id in wrong else "b",
                    moment + timedelta(seconds=i),
                    response_ms=_ms(n, i, day),
                    method=Method.CLI,
                )
    lapse = START + timedelta(days=45)
    for employee in ("sales-1", "sales-2"):
        review.answer(store, employee, "consent-1", "a", lapse, response_ms=7000, method=Method.CLI)
    store.close()
    return tmp


def run(org: Path, *args: str):
    return CliRunner().invoke(
        app,
        ["--db", str(org / "recall.db"), "--decks", str(org / "decks"), "--now", NOW, *args],
        env={**_CLEAN_ENV, "COLUMNS": "220"},
    )


def ok(org: Path, *args: str):
    result = run(org, *args)
    assert result.exit_code == 0, result.output
    return result


def from_log(org: Path, start: date, end: date) -> dict[str, dict]:
    """The figures recomputed from the whole review log, as the README defines them."""
    store = Store.open(org / "recall.db")
    try:
        log = list(
            store.db.execute(
                "SELECT employee_id, card_id, correct, response_ms, answered_at "
                "FROM review_log ORDER BY id"
            )
        )
        cards = list(store.cards())
    finally:
        store.close()
    seen: set[tuple[str, str]] = set()
    was_right: set[tuple[str, str]] = set()
    figures = {
        c: {"learners": set(), "first": {}, "later": [], "lapses": 0, "ms": []} for c in cards
    }
    for employee, card, correct, ms, at in log:
        pair = (employee, card)
        day = datetime.fromisoformat(at).astimezone(TOKYO).date()
        if start <= day <= end:
            f = figures[card]
            f["learners"].add(employee)
            if pair not in seen:
                f["first"][employee] = correct
            else:
                f["later"].append(correct)
                f["lapses"] += pair in was_right and not correct
            if ms is not None:
                f["ms"].append(ms)
        seen.add(pair)
        if correct:
            was_right.add(pair)
    result = {}
    for card, f in figures.items():
        rest = []
        for employee, correct in f["first"].items():
            others = [
                g["first"][employee]
                for c, g in figures.items()
                if c != card and employee in g["first"]
            ]
            if others:
                rest.append((correct, sum(others) / len(others)))
        try:
            discrimination = statistics.correlation([x for x, _ in rest], [y for _, y in rest])
        except statistics.StatisticsError:  # fewer than two, or a constant
            discrimination = None
        first = list(f["first"].values())
        result[card] = {
            "learners": len(f["learners"]),
            "first_sight": len(first),
            "chance": 0.5,
            "first_right": sum(first) / len(first) if first else None,
            "later_answers": len(f["later"]),
            "later_right": sum(f["later"]) / len(f["later"]) if f["later"] else None,
            "lapses": f["lapses"],
            "median_seconds": statistics.median(f["ms"]) / 1000 if f["ms"] else None,
            "discrimination": discrimination,
        }
    return result


def _same(row: dict, expected: dict) -> None:
    for key, value in expected.items():
        if isinstance(value, float):
            assert row[key] == pytest.approx(value), (row["card"], key)
        else:
            assert row[key] == value, (row["card"], key)


def test_json_figures_match_the_review_log(org):
    data = json.loads(ok(org, "report", "cards", "--format", "json").stdout)
    assert data["report"] == "item_analysis"
    assert data["data"]["period"] == ["2026-04-01", "2027-03-31"]
    assert data["data"]["min_learners"] == 10
    rows = data["sections"]["item_analysis"]
    expected = from_log(org, date(2026, 4, 1), date(2027, 3, 31))
    assert {r["card"] for r in rows} == set(expected)
    for row in rows:
        _same(row, expected[row["card"]])
    by_card = {r["card"]: r for r in rows}
    # the constructed pattern, as the flags and signs the report must show
    assert by_card["email-1"]["first_right"] == 0 and by_card["email-1"]["flag"] == "confusing"
    assert by_card["consent-1"]["first_right"] == 1 and by_card["consent-1"]["flag"] == "guessed"
    assert by_card["consent-1"]["discrimination"] is None
    assert by_card["email-3"]["flag"] == "guessed"
    assert by_card["disposal-1"]["discrimination"] > 0.3 and by_card["disposal-1"]["flag"] is None
    assert by_card["access-1"]["discrimination"] < 0 and by_card["access-1"]["flag"] is None
    assert by_card["consent-1"]["lapses"] >= 2  # sales-1 and sales-2 on day 45
    assert all(r["learners"] == 12 and r["first_sight"] == 12 for r in rows)
    assert all(r["later_answers"] > 0 for r in rows)
    # cards to rewrite first: confusing, then guessed; unflagged by discrimination
    flags = [r["flag"] for r in rows]
    assert flags[:3] == ["confusing", "guessed", "guessed"] and set(flags[3:]) == {None}
    rest = [r["discrimination"] for r in rows[3:] if r["discrimination"] is not None]
    assert rest == sorted(rest) and rows[3]["card"] == "access-1"


def test_the_period_bounds_the_answers_and_first_sight(org):
    # from the second day on, nobody meets a card for the first time: no flags
    later = json.loads(
        ok(org, "report", "cards", "--from", "2026-04-02", "--format", "json").stdout
    )
    expected = from_log(org, date(2026, 4, 2), date(2027, 3, 31))
    for row in later["sections"]["item_analysis"]:
        _same(row, expected[row["card"]])
        assert (row["first_sight"], row["first_right"], row["flag"]) == (0, None, None)
    assert later["data"]["period"] == ["2026-04-02", "2027-03-31"]
    # from the day of the two lapses: the right answers before it come from the log
    # before the period (the read's history), and only those two answers are in it
    lapses = json.loads(ok(org, "report", "cards", "--from", "2026-05-16", "-f", "json").stdout)
    expected = from_log(org, date(2026, 5, 16), date(2027, 3, 31))
    rows = {r["card"]: r for r in lapses["sections"]["item_analysis"]}
    for card, row in rows.items():
        _same(row, expected[card])
    assert (rows["consent-1"]["learners"], rows["consent-1"]["lapses"]) == (2, 2)
    assert rows["consent-1"]["later_right"] == 0 and rows["consent-1"]["median_seconds"] == 7
    assert all(r["learners"] == 0 for c, r in rows.items() if c != "consent-1")
    # the first day alone: first sights only, no later reviews, no lapses
    first = json.loads(
        ok(
            org, "report", "cards", "--from", "2026-04-01", "--to", "2026-04-01", "-f", "json"
        ).stdout
    )
    expected = from_log(org, date(2026, 4, 1), date(2026, 4, 1))
    for row in first["sections"]["item_analysis"]:
        _same(row, expected[row["card"]])
        assert (row["later_answers"], row["lapses"]) == (0, 0)


def test_csv_has_labels_and_percent_numbers(org, tmp_path):
    out = tmp_path / "cards.csv"
    ok(org, "report", "cards", "--lang", "en", "-o", str(out))
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == [
        "Card",
        "Topics",
        "Learners",
        "First-sight answers",
        "Chance rate",
        "Right at first sight",
        "Later answers",
        "Right in later reviews",
        "Lapses",
        "Median time (s)",
        "Discrimination",
        "Flag",
    ]
    assert len(rows) == 8
    assert rows[0]["Card"] == "email-1" and rows[0]["Flag"] == "confusing (below chance)"
    assert (rows[0]["Chance rate"], rows[0]["Right at first sight"]) == ("50.0", "0.0")
    assert rows[0]["Topics"] == "Misdirected email"
    assert {r["Flag"] for r in rows[1:3]} == {"guessed"}
    assert out.stat().st_mode & 0o777 == 0o600


def test_html_page_and_japanese_table(org, tmp_path):
    page = tmp_path / "cards.html"
    ok(org, "report", "cards", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    assert "<title>カード別 設問分析</title>" in html or "カード別 設問分析" in html
    assert "紛らわしい（偶然以下）" in html and "推測で解ける" in html
    assert "識別力" in html and "テスト用デッキ (hr-test) v2.1" in html
    assert html.index("email-1") < html.index("consent-1") < html.index("disposal-1")
    table = ok(org, "report", "cards").stdout
    assert "カード別 設問分析" in table and "判定に必要な初見の学習者数: 10" in table


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--from", "2026-05-01", "--to", "2026-04-01"],
            "Error: --to 2026-04-01 is before --from 2026-05-01\n",
        ),
        (
            ["--from", "May"],
            "Error: --from 'May' is not a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)\n",
        ),
        (
            ["--to", "2026-02-30"],
            "Error: --to '2026-02-30' is not a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)\n",
        ),
    ],
)
def test_bad_period_is_refused(org, args, message):
    result = run(org, "report", "cards", *args, "--lang", "en")
    assert result.exit_code == 1
    assert result.output == message
    japanese = run(org, "report", "cards", *args)  # the default language
    assert japanese.exit_code == 1 and japanese.output.startswith("エラー: ")
    assert message.split(" ")[1] in japanese.output  # the option is named in both


def test_an_organisation_with_no_answers_gets_rows_without_figures(tmp_path):
    store = make_store(tmp_path, datetime(2026, 4, 1, tzinfo=UTC))
    store.close()
    data = json.loads(ok(tmp_path, "report", "cards", "--format", "json").stdout)
    rows = data["sections"]["item_analysis"]
    assert len(rows) == 8
    assert all(r["learners"] == 0 and r["flag"] is None for r in rows)
