"""The SQLite store: creation, pragmas, migrations, deck sync, answers and the log."""

from __future__ import annotations

import re
import sqlite3
import stat
from datetime import timedelta

import fsrs
import pytest

from recall.core.answering import answer_card
from recall.core.codes import Method, Reason
from recall.core.deck import parse_deck
from recall.core.employee import Employee
from recall.errors import NotFoundError, StoreError
from recall.service import review
from recall.store import AnswerRow, Store
from recall.store import database as database_module
from tests.conftest import DECK, NOW_UTC


def hire(store: Store, *ids: str) -> None:
    store.add_employees(
        [Employee(id=i, name=i, department="D", hired=NOW_UTC.date()) for i in ids], now=NOW_UTC
    )


def answer(store: Store, employee: str, card_id: str, choice: str | None = None, at=NOW_UTC):
    card = store.card(card_id)
    done = review.answer(
        store, employee, card_id, choice or card.answer, at, response_ms=5000, method=Method.API
    )
    return done.answer


def sync(store: Store, text: str) -> None:
    store.sync_decks([parse_deck(text, "sample.yaml")], now=NOW_UTC)


def test_new_database_is_private_wal_with_foreign_keys_and_a_busy_timeout(store, db_path):
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    conn = store.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 10_000
    assert conn.execute("PRAGMA user_version").fetchone()[0] == database_module.SCHEMA_VERSION


def test_two_connections_can_use_it_at_once(store, db_path):
    hire(store, "E1")
    other = Store.open(db_path)
    try:
        answer(other, "E1", "c1")
        assert store.review_count("E1") == 1
    finally:
        other.close()


def test_a_database_from_a_newer_recall_is_refused(db_path):
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreError) as error:
        Store.open(db_path)
    assert str(error.value) == (
        f"{db_path} was written by a newer recall (schema version 99; this recall knows up "
        f"to {database_module.SCHEMA_VERSION}). Upgrade recall to use it."
    )


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("hello, this is not SQLite\n" * 100)
    with pytest.raises(StoreError, match=r"is not a usable recall database"):
        Store.open(path)


def test_an_older_database_is_upgraded_in_place_keeping_its_data(store, db_path, monkeypatch):
    hire(store, "E1")
    answer(store, "E1", "c1")
    store.close()
    upgrade = "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);\n"
    monkeypatch.setattr(database_module, "MIGRATIONS", (*database_module.MIGRATIONS, upgrade))
    monkeypatch.setattr(database_module, "SCHEMA_VERSION", database_module.SCHEMA_VERSION + 1)
    upgraded = Store.open(db_path)
    try:
        conn = upgraded.db.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == database_module.SCHEMA_VERSION
        tables = {r["name"] for r in upgraded.db.query("SELECT name FROM sqlite_master")}
        assert "notes" in tables
        assert upgraded.employee("E1").name == "E1"
        assert upgraded.review_count("E1") == 1
        assert "c1" in upgraded.memories("E1")
    finally:
        upgraded.close()


def test_rewording_a_card_keeps_everyones_schedule(store):
    hire(store, "E1", "E2")
    answer(store, "E1", "c1")
    answer(store, "E2", "c1")
    before = {e: store.memories(e)["c1"] for e in ("E1", "E2")}
    sync(store, DECK.replace("本人の同意が必要です", "本人の同意が必ず必要です"))
    assert store.card("c1").explanation["ja"] == "本人の同意が必ず必要です"
    assert {e: store.memories(e)["c1"] for e in ("E1", "E2")} == before
    version = store.db.execute("SELECT version FROM cards WHERE id = 'c1'").fetchone()[0]
    assert version == 2


def test_changing_the_correct_answer_resets_the_card_for_everyone(store):
    hire(store, "E1", "E2")
    for e in ("E1", "E2"):
        answer(store, e, "c1")
        answer(store, e, "c3")
    sync(store, DECK.replace("    answer: b\n", "    answer: c\n"))
    for e in ("E1", "E2"):
        assert "c1" not in store.memories(e)
        assert "c3" in store.memories(e)
        assert store.review_count(e) == 2  # the history stays
    fresh = store.memory_or_new("E1", "c1", NOW_UTC)
    assert fresh.last_review is None and fresh.state == fsrs.State.Learning


def test_a_removed_card_stops_being_scheduled_but_keeps_its_history(store):
    hire(store, "E1")
    answer(store, "E1", "c4")
    start = DECK.index("  - id: c4")
    sync(store, DECK[:start])
    assert "c4" not in store.cards()
    with pytest.raises(NotFoundError, match=r"^no card 'c4' \(see `recall deck list`\)$"):
        store.card("c4")
    later = NOW_UTC + timedelta(days=200)
    assert "c4" not in {q.card_id for q in review.queue(store, "E1", later, limit=100)}
    assert [r.card_id for r in store.reviews("E1")] == ["c4"]


def test_an_answer_is_one_log_row_with_everything_the_audit_needs(store):
    hire(store, "E1")
    result = answer(store, "E1", "c1", choice="a")
    [row] = store.reviews("E1")
    assert (row.card_id, row.card_version, row.choice, row.correct) == ("c1", 1, "a", False)
    assert (row.rating, row.response_ms, row.reason, row.method) == (
        fsrs.Rating.Again,
        5000,
        "onboarding",  # c1 is an onboarding-core card, answered for the first time
        "api",
    )
    assert row.answered_at == NOW_UTC
    assert store.memories("E1")["c1"].due == result.after.due


def test_the_review_log_is_append_only(store):
    hire(store, "E1")
    answer(store, "E1", "c1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("DELETE FROM review_log")


def test_a_leaver_gets_no_queue_but_keeps_records(store):
    hire(store, "E1")
    answer(store, "E1", "c1")
    store.mark_left("E1", NOW_UTC.date(), NOW_UTC.date())
    assert review.queue(store, "E1", NOW_UTC + timedelta(days=3)) == []
    assert store.review_count("E1") == 1
    assert store.employees() == []
    assert [e.id for e in store.employees(include_left=True)] == ["E1"]


def test_bulk_answers_write_the_same_rows_as_single_answers(store):
    hire(store, "E1", "E2")
    policy = store.policy()
    card = store.card("c3")
    result = answer_card(
        card, policy.new_memory(1, NOW_UTC), "a", 5000, NOW_UTC, policy, seed_key="x"
    )
    rows = [AnswerRow(e, result, Reason.NEW, Method.API) for e in ("E1", "E2")]
    assert store.record_answers(rows).count == 2
    assert store.memories("E1")["c3"] == store.memories("E2")["c3"]
    assert [(r.reason, r.method) for r in store.reviews("E2")] == [("new", "api")]
    with pytest.raises(NotFoundError):
        bad = result.__class__(**{**result.__dict__, "card_id": "zz"})
        store.record_answers([AnswerRow("E1", bad, Reason.NEW, Method.API)])


def test_changing_the_onboarding_flag_reaches_the_queue(store):
    hire(store, "E1")
    late = NOW_UTC + timedelta(days=30)  # past the onboarding window: the whole core is due

    def onboarding() -> set[str]:
        return {q.card_id for q in review.queue(store, "E1", late) if q.reason == "onboarding"}

    assert onboarding() == {"c1", "c2"}
    sync(store, DECK.replace("    source: 事例2\n    onboarding: true\n", "    source: 事例2\n", 1))
    assert store.card("c2").onboarding is False
    assert onboarding() == {"c1"}
    count = store.db.execute("SELECT COUNT(*) FROM cards WHERE onboarding = 1").fetchone()[0]
    assert count == 1  # the SQL reports agree with the queue


def test_training_dates_follow_half_hour_timezones(store):
    from datetime import date

    from recall.core.coverage import Period

    store.update_settings({"timezone": "Asia/Kolkata"})
    hire(store, "E1")
    answer(store, "E1", "c1", at=NOW_UTC.replace(hour=18, minute=45))  # 00:15 next day, IST
    reviews = store.audit_reviews(Period(date(2026, 4, 1), date(2026, 4, 30)))
    assert reviews["E1"].dates == (date(2026, 4, 2),)


def test_a_deck_whose_file_is_gone_stops_being_scheduled_and_comes_back(store):
    hire(store, "E1")
    answer(store, "E1", "c1")
    other = re.sub(r"- id: c(\d)", r"- id: o\1", DECK.replace("id: sample", "id: other"))
    store.sync_decks([parse_deck(other, "other.yaml")], now=NOW_UTC)
    later = NOW_UTC + timedelta(days=60)
    assert {q.card_id[0] for q in review.queue(store, "E1", later, limit=100)} == {"o"}
    assert [(d.id, d.active) for d in store.decks()] == [("other", True), ("sample", False)]
    store.sync_decks([], now=NOW_UTC)  # an empty folder changes nothing
    assert [(d.id, d.active) for d in store.decks()] == [("other", True), ("sample", False)]
    sync(store, DECK)  # the file is back: its cards and their schedules too
    assert store.memories("E1")["c1"].last_review == NOW_UTC
    assert "c1" in {q.card_id for q in review.queue(store, "E1", later, limit=100)}


def test_adding_rules_to_a_deck_stores_them_and_keeps_everyones_schedule(store):
    hire(store, "E1")
    answer(store, "E1", "c1")
    before = store.memories("E1")["c1"]
    ruled = DECK.replace(
        "cards:\n", "rules:\n  - id: consent\n    name: {ja: 本人の同意, en: Consent}\ncards:\n"
    ).replace("    topics: [", "    rules: [consent]\n    topics: [")
    sync(store, ruled)
    assert store.card("c1").rules == ("consent",)
    assert store.memories("E1")["c1"] == before
    version = store.db.execute("SELECT version FROM cards WHERE id = 'c1'").fetchone()[0]
    assert version == 2
    (info,) = store.decks()
    assert [(r.id, dict(r.name)) for r in info.rules] == [
        ("consent", {"ja": "本人の同意", "en": "Consent"})
    ]


def test_an_older_database_gains_the_fits_table_and_keeps_default_parameters(
    db_path, deck_dir, monkeypatch
):
    monkeypatch.setattr(database_module, "MIGRATIONS", database_module.MIGRATIONS[:1])
    monkeypatch.setattr(database_module, "SCHEMA_VERSION", 1)
    old = Store.open(db_path)
    assert "fsrs_fits" not in _tables(old)
    old.close()
    monkeypatch.undo()
    upgraded = Store.open(db_path)
    try:
        version = upgraded.db.execute("PRAGMA user_version").fetchone()[0]
        assert version == database_module.SCHEMA_VERSION
        assert "fsrs_fits" in _tables(upgraded)
        assert upgraded.current_fit() is None
        assert upgraded.policy().parameters is None
    finally:
        upgraded.close()


def _tables(store: Store) -> set[str]:
    return {r["name"] for r in store.db.query("SELECT name FROM sqlite_master")}


def test_purging_expired_sessions_ends_hr_admins_expired_sessions_too(store):
    from recall.store import admins
    from recall.store import auth as auth_sql

    hire(store, "E1")
    admins.add_admin(store, "hr@example.com", "hr", NOW_UTC)
    hour = timedelta(hours=1)
    for holder, owner in ((auth_sql.EMPLOYEES, "E1"), (auth_sql.ADMINS, "hr@example.com")):
        auth_sql.add_session(store, "old", owner, "c", NOW_UTC - 2 * hour, NOW_UTC, holder)
        auth_sql.add_session(store, "new", owner, "c", NOW_UTC, NOW_UTC + hour, holder)
    auth_sql.purge_expired(store, NOW_UTC)
    for holder in (auth_sql.EMPLOYEES, auth_sql.ADMINS):
        assert auth_sql.find_session(store, "old", holder) is None
        assert auth_sql.find_session(store, "new", holder) is not None
