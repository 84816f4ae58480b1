"""``recall review|due|answer|status|settings``: the employee's daily review, end to end."""

from __future__ import annotations

import json
import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
from datetime import date, datetime, timedelta
from pathlib import Path

import fsrs
import pytest

from recall.cli.app import Runtime
from recall.core.deck import parse_deck
from recall.core.policy import Policy
from recall.core.presentation import present
from recall.store import Store
from tests.conftest import DECK, NOW, big_deck, write_deck

ANSWERS = {c.id: c.answer for c in parse_deck(DECK, "x").cards}
WRONG = {
    c.id: next(x.key for x in c.choices if x.key != c.answer) for c in parse_deck(DECK, "x").cards
}


@pytest.fixture
def cli(cli):
    """HR messages in English (RECALL_LANG=en): these tests read the English texts."""

    def invoke(*args, env=None, **kwargs):
        return cli(*args, env={"RECALL_LANG": "en", **(env or {})}, **kwargs)

    return invoke


def add(cli, employee="E1", hired="2026-04-01", lang="en"):
    r = cli("employee", "add", employee, "--name", "Test User", "--hired", hired, "--lang", lang)
    assert r.exit_code == 0, r.output


def due_json(cli, now, employee="E1"):
    r = cli("due", "--employee", employee, "--json", now=now)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def answer_json(cli, now, card, choice, employee="E1", ms="5000"):
    r = cli(
        "answer",
        "--employee",
        employee,
        "--card",
        card,
        "--choice",
        choice,
        "--ms",
        ms,
        "--json",
        now=now,
    )
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def open_store(db_path: Path) -> Store:
    return Store.open(db_path)


def first_good_due(now: str) -> datetime:
    """When FSRS, under the default policy, next shows a new card answered right at
    ``now`` (a short interval: no fuzz), in the organisation's timezone."""
    policy = Policy()
    at = datetime.fromisoformat(now)
    after = policy.review(policy.new_memory(1, at), fsrs.Rating.Good, at, seed_key="any")
    return after.due.astimezone(policy.zone)


# --- due / answer --------------------------------------------------------------------------


def test_due_json_lists_todays_cards_with_content_in_the_employees_language(cli):
    add(cli, lang="en", hired="2026-03-02")
    payload = due_json(cli, NOW)
    assert payload["employee"] == "E1" and payload["date"] == "2026-04-01"
    assert [(c["id"], c["reason"]) for c in payload["cards"]] == [
        ("c1", "onboarding"),
        ("c2", "onboarding"),
    ]
    c1 = payload["cards"][0]
    assert c1["prompt"] == "May you pass it on without consent?"
    assert sorted(c["key"] for c in c1["choices"]) == ["a", "b", "c"]
    assert [c["number"] for c in c1["choices"]] == [1, 2, 3]
    assert payload["cards"][1]["choices"] == [
        {"key": "true", "number": 1, "text": "True"},
        {"key": "false", "number": 2, "text": "False"},
    ]


def test_answer_json_grades_records_and_gives_the_next_due(cli, db_path):
    add(cli)
    result = answer_json(cli, NOW, "c1", "b")
    assert {k: result[k] for k in ("card", "choice", "correct", "rating", "reason")} == {
        "card": "c1",
        "choice": "b",
        "correct": True,
        "rating": "Good",
        "reason": "onboarding",
    }
    assert result["explanation"] == "The person's consent is needed"
    assert result["source"] == "事例1"
    # a right first answer graduates at once: no same-day step, the day FSRS gives
    assert result["next_due"] == first_good_due(NOW).isoformat()
    assert datetime.fromisoformat(result["next_due"]).date() > date(2026, 4, 1)
    wrong = answer_json(cli, NOW, "c3", "b")
    # c3 was never seen: its first answer introduces it, in or out of today's queue
    assert (wrong["correct"], wrong["rating"], wrong["reason"]) == (False, "Again", "new")
    relayed = cli("answer", "-e", "E1", "--card", "c2", "--choice", "false", "--method", "lms")
    assert relayed.exit_code == 0, relayed.output
    bad = cli("answer", "-e", "E1", "--card", "c2", "--choice", "false", "--method", "mail")
    assert bad.exit_code == 2  # a usage error, refused before any work
    assert "'mail' is not one of 'api'," in " ".join(bad.stderr.split())
    store = open_store(db_path)
    assert [(r.card_id, r.reason, r.method) for r in store.reviews("E1")] == [
        ("c1", "onboarding", "api"),
        ("c3", "new", "api"),
        ("c2", "onboarding", "lms"),
    ]
    store.close()


def test_answer_without_ms_is_graded_good_and_logged_as_not_measured(cli, db_path):
    add(cli)
    r = cli("answer", "--employee", "E1", "--card", "c1", "--choice", "b")
    assert r.exit_code == 0
    due = f"{first_good_due(NOW):%Y-%m-%d %H:%M}"
    assert r.stdout.startswith(f"c1: correct, rated Good; next due {due} (Asia/Tokyo)\n")
    store = open_store(db_path)
    assert [row.response_ms for row in store.reviews("E1")] == [None]
    store.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["due", "--employee", "NOPE"], "Error: no employee 'NOPE' (see `recall employee list`)"),
        (
            ["status", "--employee", "NOPE"],
            "Error: no employee 'NOPE' (see `recall employee list`)",
        ),
        (
            ["answer", "--employee", "E1", "--card", "c1", "--choice", "z"],
            "Error: card c1: choice 'z' is not one of a, b, c",
        ),
        (
            ["answer", "--employee", "E1", "--card", "nope", "--choice", "a"],
            "Error: no card 'nope' (see `recall deck list`)",
        ),
        (
            ["answer", "--employee", "E1", "--card", "c1", "--choice", "1"],
            "Error: card c1: choice '1' is not one of a, b, c",
        ),
        (
            ["settings", "set", "desired_retention", "1.2"],
            "Error: desired_retention must be between 0.7 and 0.99",
        ),
        (
            ["settings", "set", "colour", "blue"],
            "Error: unknown setting 'colour' (known: desired_retention, maximum_interval, daily_limit, new_cards_per_day, onboarding_days, timezone, seed, fiscal_year_start, pass_mark, organisation, link_days, smtp_host, smtp_port, smtp_security, smtp_user, smtp_sender)",
        ),
    ],
)
def test_bad_input_is_one_clear_error_without_traceback(cli, db_path, args, message):
    add(cli)
    r = cli(*args)
    assert r.exit_code == 1, r.output
    assert r.stderr == message + "\n"
    assert "Traceback" not in r.output
    store = open_store(db_path)
    assert store.review_count() == 0
    store.close()


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["review", "--employee", "E1", "--lang", "fr"], "'fr' is not one of 'ja', 'en'"),
        (["due", "--employee", "E1", "--lang", "de"], "'de' is not one of 'ja', 'en'"),
    ],
)
def test_bad_codes_are_usage_errors_before_any_work(cli, db_path, args, shown):
    add(cli)
    r = cli(*args)
    assert r.exit_code == 2
    assert shown in r.stderr
    store = open_store(db_path)
    assert store.review_count() == 0
    store.close()


def test_bad_now_is_refused(cli):
    r = cli("due", "--employee", "E1", now="yesterday")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: --now / RECALL_NOW: 'yesterday' is not an ISO-8601 date-time within years "
        "2000-2100 (e.g. 2026-04-01T09:00:00+09:00)\n"
    )


def test_a_leaver_cannot_answer(cli):
    add(cli)
    cli("employee", "leave", "E1", "--on", "2026-04-01")
    r = cli("answer", "--employee", "E1", "--card", "c1", "--choice", "b")
    assert r.exit_code == 1
    assert (
        r.stderr == "Error: employee E1 left on 2026-04-01; no reviews or answers after leaving "
        "(history is kept)\n"
    )
    review = cli("review", "--employee", "E1", input="1\n")
    assert review.exit_code == 1 and "left on 2026-04-01" in review.stderr
    status = cli("status", "--employee", "E1", "--json")
    assert status.exit_code == 0
    payload = json.loads(status.stdout)
    assert (payload["left_on"], payload["next_review"], payload["due_today"]) == (
        "2026-04-01",
        None,
        0,
    )


def test_leaving_before_the_hire_date_is_refused(cli):
    add(cli, hired="2026-04-01")
    r = cli("employee", "leave", "E1", "--on", "2026-03-31")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: employee E1: leaving date 2026-03-31 is before the hire date 2026-04-01\n"
    )
    r = cli("employee", "leave", "E1", "--on", "2026-09-30")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: employee E1: leaving date 2026-09-30 is in the future (today is 2026-04-01); "
        "record it on the day\n"
    )


def test_employee_edit_completes_a_first_use_record(cli):
    first = cli("status", env={"RECALL_EMPLOYEE": "tanaka"})
    assert first.exit_code == 0
    r = cli("employee", "edit", "tanaka", "--name", "田中 一郎", "--department", "総務部")
    assert r.exit_code == 0, r.output
    assert r.stdout == "Updated tanaka: 田中 一郎, 総務部, hired 2026-04-01, language ja\n"
    listed = cli("employee", "list", "--department", "総務部")
    assert "田中 一郎" in listed.stdout
    missing = cli("employee", "edit", "nobody", "--name", "X")
    assert missing.exit_code == 1
    assert missing.stderr == "Error: no employee 'nobody' (see `recall employee list`)\n"


def test_a_database_from_a_newer_recall_is_refused_by_the_cli(cli, db_path):
    add(cli)
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 42")
    conn.close()
    r = cli("status", "--employee", "E1")
    assert r.exit_code == 1
    assert r.stderr.startswith(
        f"Error: {db_path} was written by a newer recall (schema version 42;"
    )


# --- the 60-day simulation -------------------------------------------------------------------


def test_sixty_days_of_reviews_through_the_cli(cli, db_path):
    """Always right: intervals grow. One wrong answer: the card is back within a day.
    The review log holds exactly one row per answer."""
    add(cli, hired="2026-04-01")
    start = date(2026, 4, 1)
    answers = 0
    intervals: dict[str, list[float]] = {}
    wrong_day = start + timedelta(days=12)
    wrong_at: datetime | None = None
    wrong_card: str | None = None
    back_at: datetime | None = None
    for offset in range(60):
        day = start + timedelta(days=offset)
        now = f"{day.isoformat()}T09:00:00+09:00"
        for _ in range(5):  # learning steps bring cards back the same day
            cards = due_json(cli, now)["cards"]
            if not cards:
                break
            for card in cards:
                if wrong_at and not back_at and card["id"] == wrong_card:
                    back_at = datetime.fromisoformat(now)
                make_wrong = day >= wrong_day and wrong_at is None
                choice = WRONG[card["id"]] if make_wrong else ANSWERS[card["id"]]
                result = answer_json(cli, now, card["id"], choice)
                answers += 1
                answered = datetime.fromisoformat(result["answered_at"])
                next_due = datetime.fromisoformat(result["next_due"])
                if make_wrong:
                    assert result["rating"] == "Again"
                    wrong_at, wrong_card = answered, card["id"]
                    assert next_due - answered <= timedelta(days=1)
                elif card["id"] != wrong_card:
                    assert result["correct"]
                    intervals.setdefault(card["id"], []).append(
                        (next_due - answered).total_seconds() / 86400
                    )
    # every card was introduced and, answered right each time, came back later and later
    assert set(intervals) == {"c1", "c2", "c3", "c4"}
    for card_id, gaps in intervals.items():
        reviews = [g for g in gaps if g >= 1]  # past the minutes-long learning steps
        assert len(reviews) >= 2, (card_id, gaps)
        assert reviews == sorted(reviews), (card_id, gaps)
        assert reviews[-1] > reviews[0] * 2, (card_id, gaps)
    assert wrong_at is not None and back_at is not None
    assert back_at - wrong_at <= timedelta(days=1)
    store = open_store(db_path)
    assert store.review_count("E1") == store.review_count() == answers
    log = store.reviews("E1")
    assert len(log) == answers
    assert sum(1 for r in log if not r.correct) == 1
    store.close()


# --- interactive review ----------------------------------------------------------------------


def correct_number(card_id: str, day: date, employee: str = "E1", deck: str = DECK) -> str:
    card = parse_deck(deck, "x").card(card_id)
    shown = present(card, employee_id=employee, day=day, lang="en", reason="due")
    return str(next(c.number for c in shown.choices if c.key == card.answer))


def wrong_number(card_id: str, day: date, employee: str = "E1") -> str:
    right = correct_number(card_id, day, employee)
    return "1" if right != "1" else "2"


def test_review_shows_cards_grades_and_summarises(cli, db_path):
    add(cli, hired="2026-03-02")
    day = date(2026, 4, 1)
    keys = [correct_number("c1", day), "2", correct_number("c3", day)]
    r = cli("review", "--employee", "E1", input="\n".join(keys) + "\n")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert out.startswith("Test User, you have 2 card(s) to review today.\n")
    assert "May you pass it on without consent?" in out
    assert "✓ Correct" in out and "The person's consent is needed" in out
    assert "Source: 事例集 — 事例1" in out
    assert "Well done. 3 card(s) answered, 3 correct." in out
    # right first answers graduate at once: nothing is left for today
    assert "learning steps" not in out and "once more" not in out
    assert out.rstrip().endswith("Next review: 2026-04-02 00:00 (Asia/Tokyo)")
    store = open_store(db_path)
    assert [(x.card_id, x.correct, x.method) for x in store.reviews("E1")] == [
        ("c1", True, "cli"),
        ("c2", True, "cli"),
        ("c3", True, "cli"),
    ]
    store.close()


def test_review_of_a_single_card_reads_right_in_english(cli, deck_dir):
    """One card in the queue: no "1 cards" at the start or in the summary."""
    one = DECK.split("  - id: c2\n")[0].replace("items: [事例1, 事例2]", "items: [事例1]")
    write_deck(deck_dir, one.replace("  - id: disposal\n    name: {ja: 廃棄, en: Disposal}\n", ""))
    add(cli, hired="2026-03-02")
    r = cli("review", "--employee", "E1", input=correct_number("c1", date(2026, 4, 1)) + "\n")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Test User, you have 1 card(s) to review today.\n")
    assert "Well done. 1 card(s) answered, 1 correct." in r.stdout
    assert "1 cards" not in r.stdout


def test_review_rejects_bad_keys_and_q_quits_keeping_answers(cli, db_path):
    add(cli, hired="2026-03-02")
    r = cli(
        "review",
        "--employee",
        "E1",
        input="9\nx\n" + wrong_number("c1", date(2026, 4, 1)) + "\nq\n",
    )
    assert r.exit_code == 0, r.output
    assert r.stdout.count("Type a number from 1 to 3 (q to quit).") == 2
    assert "✗ Wrong — the answer is" in r.stdout
    assert "Stopped. Every answer given so far is saved." in r.stdout
    assert "Well done. 1 card(s) answered, 0 correct." in r.stdout
    store = open_store(db_path)
    assert store.review_count("E1") == 1
    store.close()


def test_a_wrong_card_comes_back_in_the_same_session_once_its_step_is_due(cli, monkeypatch):
    add(cli, hired="2026-03-02")
    start = datetime.fromisoformat(NOW)
    ticks = iter(range(10_000))
    monkeypatch.setattr(Runtime, "now", lambda self: start + timedelta(minutes=next(ticks)))
    day = date(2026, 4, 1)
    keys = [wrong_number("c1", day), "2", correct_number("c1", day), "q"]
    r = cli("review", "--employee", "E1", now=None, input="\n".join(keys) + "\n")
    assert r.exit_code == 0, r.output
    assert r.stdout.count("May you pass it on without consent?") == 2
    assert "Cards you missed, once more:" in r.stdout


def test_a_wrong_answer_is_relearnt_at_the_end_of_the_same_session_without_waiting(cli, db_path):
    """The clock stands still: the missed card waits while another card is left, then
    comes back at once, after the last one, and the session ends with nothing waiting."""
    add(cli, hired="2026-03-02")
    day = date(2026, 4, 1)
    missed = "May you pass it on without consent?"
    keys = [wrong_number("c1", day), "2", correct_number("c3", day), correct_number("c1", day)]
    r = cli("review", "--employee", "E1", input="\n".join(keys) + "\n")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert out.count(missed) == 2
    first, again = out.index(missed), out.rindex(missed)
    # c2 and the new card c3 come first; the missed card is the session's last card
    assert first < out.index("Papers may go in the bin") < out.index("Question 3") < again
    assert out.index("Question 3") < out.index("Cards you missed, once more:") < again
    assert "Well done. 4 card(s) answered, 3 correct." in out
    assert "learning steps" not in out and "review again after" not in out
    assert out.rstrip().endswith("Next review: 2026-04-02 00:00 (Asia/Tokyo)")
    store = open_store(db_path)
    assert [(x.card_id, x.correct) for x in store.reviews("E1")] == [
        ("c1", False),
        ("c2", True),
        ("c3", True),
        ("c1", True),
    ]
    store.close()


def test_a_wrong_answer_just_before_midnight_is_still_relearnt_in_the_same_session(cli, db_path):
    """Its one-minute step ends on the next organisation day: the card still comes back
    at the end of the session, and its second answer is logged as a review, not extra."""
    add(cli, hired="2026-03-02")
    day = date(2026, 4, 1)
    missed = "May you pass it on without consent?"
    keys = [wrong_number("c1", day), "2", correct_number("c3", day), correct_number("c1", day)]
    late = "2026-04-01T23:59:30+09:00"
    r = cli("review", "--employee", "E1", now=late, input="\n".join(keys) + "\n")
    assert r.exit_code == 0, r.output
    assert r.stdout.count(missed) == 2
    assert "Cards you missed, once more:" in r.stdout
    assert "Well done. 4 card(s) answered, 3 correct." in r.stdout
    store = open_store(db_path)
    last = store.reviews("E1")[-1]
    assert (last.card_id, last.correct, last.reason) == ("c1", True, "due")
    store.close()


def test_quitting_before_the_missed_card_says_it_can_be_reviewed_now(cli):
    """Only the missed card is left and it is shown at once (learn-ahead): the summary
    says the next review is now, not at the end of its one-minute step."""
    add(cli, hired="2026-03-02")
    day = date(2026, 4, 1)
    keys = [wrong_number("c1", day), "2", correct_number("c3", day), "q"]
    r = cli("review", "--employee", "E1", input="\n".join(keys) + "\n")
    assert r.exit_code == 0, r.output
    assert "Cards you missed, once more:" in r.stdout
    assert "Well done. 3 card(s) answered, 2 correct." in r.stdout
    assert "learning steps" not in r.stdout
    assert r.stdout.rstrip().endswith("Next review: now")
    again = cli("review", "--employee", "E1", input="q\n")
    assert "May you pass it on without consent?" in again.stdout


def test_quitting_after_a_wrong_answer_with_cards_left_says_review_now_only(cli):
    """The missed card will come back at the end of the next review, which is now: no
    'review again after' its one-minute step next to 'Next review: now'."""
    add(cli, hired="2026-03-02")
    keys = [wrong_number("c1", date(2026, 4, 1)), "q"]
    r = cli("review", "--employee", "E1", input="\n".join(keys) + "\n")
    assert r.exit_code == 0, r.output
    assert "Well done. 1 card(s) answered, 0 correct." in r.stdout
    assert "review again after" not in r.stdout
    assert r.stdout.rstrip().endswith("Next review: now")


def test_due_json_lists_a_missed_card_last_as_the_review_shows_it(cli):
    add(cli, hired="2026-03-02")
    before = [c["id"] for c in due_json(cli, NOW)["cards"]]
    assert before[0] == "c1" and len(before) > 1
    answer_json(cli, NOW, "c1", WRONG["c1"])
    soon = "2026-04-01T09:00:10+09:00"  # within its one-minute step
    assert [c["id"] for c in due_json(cli, soon)["cards"]] == [*before[1:], "c1"]


def test_a_right_first_answer_to_a_new_card_does_not_come_back_that_day(cli, db_path):
    add(cli, hired="2026-03-02")
    day = date(2026, 4, 1)
    keys = [correct_number("c1", day), "2", correct_number("c3", day)]
    r = cli("review", "--employee", "E1", input="\n".join(keys) + "\n")
    assert r.exit_code == 0, r.output
    assert "once more" not in r.stdout
    for later in (
        "2026-04-01T09:01:00+09:00",
        "2026-04-01T09:30:00+09:00",
        "2026-04-01T23:59:00+09:00",
    ):
        assert due_json(cli, later)["cards"] == [], later
        again = cli("review", "--employee", "E1", now=later, input="1\n")
        assert again.exit_code == 0, again.output
        assert again.stdout.startswith("Nothing more to review today.\n"), later
    store = open_store(db_path)
    assert store.review_count("E1") == 3
    store.close()


def test_limit_stops_after_n_answers(cli, db_path):
    add(cli, hired="2026-03-02")
    r = cli("review", "--employee", "E1", "--limit", "1", input="1\n1\n")
    assert r.exit_code == 0
    assert "1 card(s) answered" in r.stdout
    store = open_store(db_path)
    assert store.review_count("E1") == 1
    store.close()


def test_first_use_enrols_the_login_user_in_japanese(cli, db_path):
    env = {"RECALL_EMPLOYEE": "tanaka", "LANG": "C.UTF-8"}
    r = cli("review", input="q\n", env=env)
    assert r.exit_code == 0, r.output
    assert r.stderr.startswith(
        "tanaka さんを登録しました（初回利用、言語 ja）。氏名・部署は "
        "`recall employee edit tanaka --name ... --department ...` で登録できます。"
    )
    assert r.stdout.startswith("tanakaさん、今日の復習は1枚です。\n")
    assert "番号で回答 (1-3、q で終了): " in r.stdout
    assert "中断しました。回答済みのカードは保存されています。" in r.stdout
    store = open_store(db_path)
    employee = store.employee("tanaka")
    assert (employee.name, employee.department, employee.hired, employee.lang) == (
        "tanaka",
        "",
        date(2026, 4, 1),
        "ja",
    )
    store.close()
    again = cli("status", input="", env={"RECALL_EMPLOYEE": "tanaka"})
    assert again.stderr == ""  # enrolled once only
    assert again.stdout.startswith("従業者: tanaka (tanaka)\n今日の復習: 1\n")
    # The organisation's language is Japanese: an English locale does not change that,
    # --lang en on first use does.
    locale = cli("due", "--json", env={"RECALL_EMPLOYEE": "suzuki", "LANG": "en_US.UTF-8"})
    assert json.loads(locale.stdout)["lang"] == "ja"
    english = cli("due", "--json", "--lang", "en", env={"RECALL_EMPLOYEE": "smith"})
    assert json.loads(english.stdout)["lang"] == "en"


def test_status_shows_progress_and_retention(cli):
    add(cli, hired="2026-03-02")
    for now in (NOW, "2026-04-01T09:20:00+09:00"):
        for card in due_json(cli, now)["cards"]:
            answer_json(cli, now, card["id"], ANSWERS[card["id"]])
    r = cli("status", "--employee", "E1", now="2026-04-10T09:00:00+09:00")
    assert r.exit_code == 0
    lines = dict(line.split(": ", 1) for line in r.stdout.splitlines())
    assert lines["Employee"] == "E1 (Test User)"
    assert lines["Onboarding"] == "2/2"
    assert lines["Cards introduced"].endswith("/4")
    assert lines["Estimated retention"].endswith("%")
    payload = json.loads(cli("status", "--employee", "E1", "--json").stdout)
    assert payload["onboarding_seen"] == 2 and payload["retention"] == 1.0


def test_settings_list_and_set(cli):
    r = cli("settings")
    assert r.exit_code == 0
    assert "desired_retention" in r.stdout and "0.9" in r.stdout
    assert "probability of recall" in r.stdout
    r = cli("settings", "set", "daily_limit", "5")
    assert (r.exit_code, r.stdout) == (0, "daily_limit = 5\n")
    assert "│ 5 " in cli("settings").stdout


# --- a killed review loses nothing -----------------------------------------------------------


def test_killing_review_keeps_every_answer_given(tmp_path):
    decks = tmp_path / "decks"
    write_deck(decks, big_deck(8))
    db = tmp_path / "kill.db"
    base = [sys.executable, "-m", "recall", "--db", str(db), "--decks", str(decks), "--now", NOW]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "100"}
    env.pop("RECALL_EMPLOYEE", None)
    add = subprocess.run(
        [*base, "employee", "add", "E1", "--name", "K", "--hired", "2026-03-02", "--lang", "en"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert add.returncode == 0, add.stderr
    proc = subprocess.Popen(
        [*base, "review", "--employee", "E1"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout], daemon=True).start()

    def wait_for_feedback() -> None:
        while True:
            line = lines.get(timeout=60)
            if "Correct" in line or "Wrong" in line:
                return

    try:
        for _ in range(3):
            proc.stdin.write("2\n")
            proc.stdin.flush()
            wait_for_feedback()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    store = Store.open(db)
    try:
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.review_count("E1") == 3
        assert len(store.memories("E1")) == 3
    finally:
        store.close()


def test_now_without_offset_is_read_in_the_organisations_timezone(cli):
    add(cli)
    assert cli("settings", "set", "timezone", "Europe/London").exit_code == 0
    r = cli(
        "answer",
        "--employee",
        "E1",
        "--card",
        "c1",
        "--choice",
        "b",
        "--json",
        now="2026-05-01T09:00",
    )
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["answered_at"] == "2026-05-01T09:00:00+01:00"
    assert due_json(cli, "2026-05-01T05:00")["date"] == "2026-05-01"
