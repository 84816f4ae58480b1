"""The dashboard's maintained summaries (schema 5) against a full recomputation.

Random operations through the use cases (answers right and wrong, CSV import, roster
sync with leavers and department moves, leave, incident refreshers, a deck losing a card
and a card changing topic, time passing) on a real SQLite file; after each step the
figures read from the summaries equal the exact queries (activity, onboarding, overdue,
coverage) or stay within the documented bound (retention), and rebuilding the summaries
from scratch changes nothing.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from recall.core.codes import Method
from recall.core.deck import parse_deck
from recall.core.incident import Scope
from recall.core.roster import Leavers
from recall.errors import InputError
from recall.service import incidents, review, staff
from recall.service.roster import SyncOptions, sync_roster
from recall.store import Store, summaries
from recall.store import database as database_module
from recall.store.summaries import (
    REBUILD_LEASE,
    RESTART,
    bucket_rows,
    rebuild_step,
    retention_error_bound,
)
from tests import hr_org

CARDS = [
    ("consent-1", ("consent",), True),
    ("consent-2", ("consent",), False),
    ("disposal-1", ("disposal",), True),
    ("disposal-2", ("disposal",), False),
    ("email-1", ("email",), True),
    ("email-2", ("email", "consent"), False),
    ("email-3", ("email",), False),
    ("access-1", ("access",), False),
]


def _deck(cards=CARDS, version: str = "2.1"):
    text = hr_org.DECK_YAML.replace('version: "2.1"', f'version: "{version}"')
    for card_id, topics, onboarding in cards:
        text += (
            f"  - id: {card_id}\n    kind: single-choice\n    topics: [{', '.join(topics)}]\n"
            f"    source: 事例{card_id}\n    onboarding: {str(onboarding).lower()}\n"
            f"    prompt: {{ja: 問題 {card_id}, en: Question {card_id}}}\n"
            "    choices:\n      a: {ja: はい, en: 'Yes'}\n      b: {ja: いいえ, en: 'No'}\n"
            "    answer: b\n    explanation: {ja: 説明, en: Why}\n"
        )
    return parse_deck(text, "hr-test.yaml")


def _dump(store: Store) -> tuple[list[tuple], list[tuple]]:
    facts = store.db.execute("SELECT * FROM employee_facts ORDER BY employee_id").fetchall()
    cells = store.db.execute("SELECT * FROM retention_cells ORDER BY 1, 2, 3, 4").fetchall()
    return facts, cells


def _bounds(store: Store, now: datetime) -> dict[object, float]:
    """Per department and per (department, topic): the mean of the memory states'
    error bounds (what the cells' mean may differ from fsrs's by)."""
    decay = store.policy().scheduler.parameters[20]
    cards = store.cards()
    sums: dict[object, list[float]] = defaultdict(lambda: [0.0, 0])
    for employee in store.employees():
        for card_id, memory in store.memories(employee.id).items():
            if card_id not in cards or memory.stability is None or memory.last_review is None:
                continue
            bound = retention_error_bound(memory.stability, decay)
            for key in (employee.department,) + tuple(
                (employee.department, t) for t in cards[card_id].topics
            ):
                sums[key][0] += bound
                sums[key][1] += 1
    return {key: total / count for key, (total, count) in sums.items()}


def _check(store: Store, now: datetime) -> None:
    for at in (now, now - timedelta(days=3)):
        assert store.summaries_fresh()
        assert store.department_activity(at) == store.department_activity(at, exact=True)
        period = store.audit_period(at)
        reference = sorted(
            (g for e in store.employees() for g in store.coverage_gaps(period, e.id)),
            key=lambda g: (g.department, g.employee_id),
        )
        assert store.coverage_gaps(period) == reference
        assert store.coverage_short(period) == len(reference)
        bounds = _bounds(store, at)
        cells = store.retention_by_department(at)
        exact = store.retention_by_department(at, exact=True)
        for got, want in zip(cells, exact, strict=True):
            assert got.keys() == want.keys()
            for key, value in want.items():
                assert got[key].count == value.count
                assert abs(got[key].mean - value.mean) <= bounds[key] + 1e-12, key
    before = _dump(store)
    store.rebuild_summaries()
    assert _dump(store) == before
    assert all(n > 0 for *_, n in before[1])


def _export(tmp_path: Path, store: Store, rng: random.Random, serial: int) -> Path:
    """An HR export: the active staff minus one, one moved department, one new person."""
    people = store.employees()
    gone = rng.choice(people).id if len(people) > 3 else None
    lines = ["社員番号,氏名,部署,入社日"]
    for person in people:
        if person.id == gone:
            continue
        department = person.department
        if rng.random() < 0.2:
            department = rng.choice(["sales", "dev", "hr", "legal"])
        lines.append(f"{person.id},{person.name},{department},{person.hired.isoformat()}")
    lines.append(f"sync-{serial},新人 {serial},{rng.choice(['dev', 'legal'])},2026-03-01")
    path = tmp_path / f"export-{serial}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _operate(
    store: Store, rng: random.Random, tmp_path: Path, now: datetime, serial: int, cards: list
) -> tuple[str, datetime, list]:
    """One random operation through the use cases; returns it, the clock and the cards."""
    now += timedelta(hours=rng.choice([1, 3, 7, 20, 26, 50, 24 * 9]))
    op = rng.choices(
        ["answer", "import", "sync", "leave", "incident", "deck"],
        weights=[20, 1, 1, 1, 1, 1],
    )[0]
    active = store.employees()
    if op == "answer":
        for _ in range(rng.randint(1, 6)):
            person = rng.choice(active).id
            card = rng.choice(list(store.cards()))
            review.answer(
                store,
                person,
                card,
                rng.choice("ab"),
                now,
                response_ms=5_000,
                method=Method.CLI,
            )
            now += timedelta(seconds=rng.randint(1, 5_000))
    elif op == "import":
        path = tmp_path / f"import-{serial}.csv"
        path.write_text(
            f"社員番号,氏名,部署,入社日\nnew-{serial},新人 {serial},"
            f"{rng.choice(['sales', 'hr', 'legal'])},2026-03-01\n",
            encoding="utf-8",
        )
        staff.import_csv(store, now, path, dry_run=False)
    elif op == "sync":
        path = _export(tmp_path, store, rng, serial)
        sync_roster(store, path, SyncOptions(leavers=Leavers.MARK, lang="en"), now)
    elif op == "leave" and len(active) > 3:
        staff.leave(store, now, rng.choice(active).id, None)
    elif op == "incident":
        incidents.record(
            store,
            now,
            title=f"incident {serial}",
            occurred=store.policy().local_date(now),
            topics=(rng.choice(["consent", "email", "disposal"]),),
            scope=Scope(all=True),
            deadline=None,
            note=None,
            dry_run=False,
        )
    elif op == "deck":
        # a card leaves the deck (or comes back), another changes topic
        if len(cards) == len(CARDS):
            cards = [c for c in CARDS if c[0] != rng.choice(["email-3", "consent-1"])]
        else:
            cards = CARDS
        cards = [
            (c, ("access",) if c == "consent-2" and rng.random() < 0.5 else t, o)
            for c, t, o in cards
        ]
        store.sync_decks([_deck(cards, f"2.{serial}")], now=now)
    return op, now, cards


@pytest.mark.parametrize("seed", [1, 2])
def test_random_operations_keep_the_summaries_equal_to_a_recomputation(tmp_path, seed):
    rng = random.Random(seed)
    store = hr_org.make_org(tmp_path)
    now = hr_org.START - timedelta(days=2)  # starts in the previous fiscal year
    cards = CARDS
    try:
        _check(store, now)
        for step in range(70):
            op, now, cards = _operate(store, rng, tmp_path, now, step + 1, cards)
            if step % 5 == 4 or op != "answer":
                _check(store, now)
        _check(store, now)
        assert store.review_count() > 100
    finally:
        store.close()


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_a_rebuild_in_steps_ends_right_whatever_is_written_between_its_steps(tmp_path, seed):
    """Two employees per step, random operations between the steps (a deck change among
    them starts the rebuild over): readers use the exact queries until the last step,
    after which the summaries equal a recomputation."""
    rng = random.Random(seed)
    store = hr_org.make_org(tmp_path)
    now = hr_org.simulate(store, 5)
    cards = CARDS
    serial = steps = 0
    try:
        for _ in range(3):
            with store.transaction():
                store.db.execute(RESTART)
            more = True
            while more:
                with store.transaction():
                    more = rebuild_step(store.db.execute, 2)
                steps += 1
                for _ in range(rng.randint(0, 2) if more else 0):
                    serial += 1
                    op, now, cards = _operate(store, rng, tmp_path, now, serial, cards)
                    if op == "deck":  # the sync started the rebuild over and finished it
                        more = False
                        break
                assert store.summaries_fresh() is not more
            _check(store, now)
        assert steps > 5
    finally:
        store.close()


def test_a_deck_sync_rebuilds_in_its_own_transactions_and_an_interrupted_rebuild_resumes(
    tmp_path,
):
    store = hr_org.make_org(tmp_path)
    now = hr_org.simulate(store, 5)
    began: list[bool] = []
    original = store.db.transaction

    def transaction():
        began.append(store.db.in_transaction)
        return original()

    store.db.transaction = transaction
    store.sync_decks([_deck(CARDS[:-1], "2.2")], now=now)
    store.db.transaction = original
    assert store.summaries_fresh()
    assert began.count(False) == 2  # the sync, then one step (a small organisation)
    _check(store, now)
    with store.transaction():  # a rebuild after its first step, its process at work
        store.db.execute(RESTART)
        assert rebuild_step(store.db.execute, 2)
    store.close()
    store = Store.open(tmp_path / "recall.db")
    try:
        # another command does not wait for that process's rebuild (the readers use the
        # exact queries meanwhile) ...
        store.sync_decks([_deck(CARDS[:-1], "2.2")], now=now)  # unchanged decks
        assert not store.summaries_fresh()
        # ... but finishes it once no step came for REBUILD_LEASE seconds (it ended)
        with store.transaction():
            store.db.execute(
                "UPDATE summary_state SET step_at = julianday('now') - ?",
                [(REBUILD_LEASE + 1) / 86_400],
            )
        store.sync_decks([_deck(CARDS[:-1], "2.2")], now=now)
        assert store.summaries_fresh()
        _check(store, now)
    finally:
        store.close()


def test_a_version_4_database_gains_the_summaries(tmp_path, monkeypatch):
    monkeypatch.setattr(database_module, "MIGRATIONS", database_module.MIGRATIONS[:4])
    monkeypatch.setattr(database_module, "SCHEMA_VERSION", 4)
    store = hr_org.make_org(tmp_path)
    now = hr_org.simulate(store, 9)
    staff.leave(store, now, "dev-1", None)
    assert not store.summaries_fresh()  # no summaries yet: the exact queries answer
    before = (
        store.department_activity(now),
        store.retention_by_department(now),
        store.coverage_gaps(store.audit_period(now)),
    )
    store.close()
    monkeypatch.undo()
    upgraded = Store.open(tmp_path / "recall.db")
    try:
        version = upgraded.db.execute("PRAGMA user_version").fetchone()[0]
        assert version == database_module.SCHEMA_VERSION
        assert upgraded.summaries_fresh()
        facts, cells = _dump(upgraded)
        assert len(facts) == len(upgraded.employees(include_left=True))
        assert cells
        assert upgraded.department_activity(now) == before[0]
        assert upgraded.coverage_gaps(upgraded.audit_period(now)) == before[2]
        for got, want in zip(upgraded.retention_by_department(now), before[1], strict=True):
            assert {k: v.count for k, v in got.items()} == {k: v.count for k, v in want.items()}
        _check(upgraded, now)
    finally:
        upgraded.close()


def test_a_database_of_the_first_version_5_gets_the_stepped_rebuild(tmp_path, monkeypatch):
    """The first version 5 had triggers that knew only "stale" and rebuilt under the deck
    sync's lock; version 6 replaces them and rebuilds."""
    fresh = "(SELECT stale = 0 FROM summary_state)"
    first_v5 = (
        summaries.MIGRATION
        + re.sub(
            r"\(SELECT stale = 0 OR [\w.]+ < done_below FROM summary_state\)",
            fresh,
            summaries._triggers(),
        ).replace(summaries.RESTART, "UPDATE summary_state SET stale = 1;")
        + "UPDATE summary_state SET stale = 0;\n"
    )
    assert "done_below" not in first_v5
    monkeypatch.setattr(database_module, "MIGRATIONS", (*database_module.MIGRATIONS[:4], first_v5))
    monkeypatch.setattr(database_module, "SCHEMA_VERSION", 5)

    def rebuild_at_once(self, **_):  # what that version did, in the caller's transaction
        with self.transaction():
            if self.summaries_stale():
                self.db.execute("DELETE FROM retention_cells")
                self.db.execute("DELETE FROM employee_facts")
                for sql, params in summaries._rebuild_range("", None):
                    self.db.execute(sql, params)
                self.db.execute("UPDATE summary_state SET stale = 0")

    monkeypatch.setattr(Store, "finish_summaries", rebuild_at_once)
    store = hr_org.make_org(tmp_path)
    now = hr_org.simulate(store, 5)
    assert store.summaries_fresh()
    store.close()
    monkeypatch.undo()
    upgraded = Store.open(tmp_path / "recall.db")
    try:
        version = upgraded.db.execute("PRAGMA user_version").fetchone()[0]
        assert version == database_module.SCHEMA_VERSION == 6
        assert upgraded.summaries_fresh()
        _check(upgraded, now)
    finally:
        upgraded.close()


def test_a_refused_answer_leaves_the_summaries_as_they_were(tmp_path):
    store = hr_org.make_org(tmp_path)
    try:
        hr_org.answer(store, "sales-1", "consent-1", hr_org.START)
        before = _dump(store)
        with pytest.raises(InputError):
            review.answer(
                store,
                "sales-1",
                "consent-1",
                "z",
                hr_org.START + timedelta(minutes=1),
                response_ms=1,
                method=Method.CLI,
            )
        assert _dump(store) == before
    finally:
        store.close()


@pytest.mark.parametrize("decay", [0.1, 0.1542, 0.8])
def test_the_error_bound_holds_for_single_states(decay):
    """One state in each bucket, at many report times: the cells' estimate (bucket
    middle, cell middle) is within the bound of fsrs's whole-day formula."""
    factor = 0.9 ** (-1 / decay) - 1
    rng = random.Random(7)
    rows = bucket_rows()
    for sb, low, middle, width in rows[1:-1]:
        high = rows[sb + 1][1]
        for _ in range(20):
            stability = rng.uniform(low, high)
            reviewed = rng.randint(0, 10**9)  # ms
            now = reviewed + rng.randint(0, int(stability * 4 * 86_400_000) + 1)
            exact = (1 + factor * ((now - reviewed) // 86_400_000) / stability) ** -decay
            cell = reviewed // width * width + width // 2
            days = max(0, (now - cell) // 86_400_000)
            estimate = (1 + factor * days / middle) ** -decay
            assert abs(estimate - exact) <= retention_error_bound(stability, decay) + 1e-12


def test_the_bound_is_small_for_settled_memories():
    assert retention_error_bound(30.0, 0.1542) < 0.02
    assert retention_error_bound(365.0, 0.8) < 0.02
