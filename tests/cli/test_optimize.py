"""``recall optimize``: fit FSRS parameters to a simulated organisation's review log."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime

import fsrs
import pytest
from typer.testing import CliRunner

from recall.cli.app import app
from recall.core.codes import Method, Reason
from recall.core.deck import parse_deck
from recall.core.employee import Employee
from recall.core.fitting import DEFAULT_PARAMETERS, MIN_REVIEWS
from recall.simulation import SimulationConfig, simulated_answers, synthetic_deck_text
from recall.store import AnswerRow, Store

START = datetime(2026, 3, 1, tzinfo=UTC)
LATER = "2026-11-02T09:00:00+09:00"


def _org(folder, employees: int, days: int):
    """A database with the synthetic deck and ``employees`` simulated for ``days``."""
    decks = folder / "decks"
    decks.mkdir(parents=True)
    (decks / "synthetic.yaml").write_text(synthetic_deck_text(), encoding="utf-8")
    deck = parse_deck(synthetic_deck_text(), "synthetic.yaml")
    db = folder / "recall.db"
    store = Store.open(db)
    store.sync_decks([deck], now=START)
    people = [
        Employee(id=f"sim-{n:04d}", name=f"Sim {n}", department="d", hired=date(2026, 4, 1))
        for n in range(employees)
    ]
    store.add_employees(people, now=START)
    config = SimulationConfig(employees=employees, days=days, seed=1)
    store.record_answers(
        AnswerRow(e, answer, Reason(reason), Method.API)
        for e, answer, reason in simulated_answers([deck], config)
    )
    store.close()
    return db, decks


@pytest.fixture(scope="module")
def big_org(tmp_path_factory):
    return _org(tmp_path_factory.mktemp("big"), employees=30, days=200)


@pytest.fixture
def org(big_org, tmp_path):
    """A private copy of the big organisation's database."""
    db, decks = big_org
    copy = tmp_path / "recall.db"
    shutil.copy(db, copy)
    return copy, decks


def run(db, decks, *args):
    runner = CliRunner()
    prefix = ["--db", str(db), "--decks", str(decks), "--now", LATER]
    # the figures' labels in English (RECALL_LANG); Japanese is the default
    return runner.invoke(app, [*prefix, "optimize", *args], env={"RECALL_LANG": "en"})


def _due_after_good(store: Store) -> datetime:
    """When a card last reviewed 10 days ago and answered Good now comes back."""
    now = datetime(2026, 11, 2, tzinfo=UTC)
    memory = fsrs.Card(
        card_id=1,
        state=fsrs.State.Review,
        stability=10.0,
        difficulty=5.0,
        last_review=datetime(2026, 10, 23, tzinfo=UTC),
        due=now,
    )
    return store.policy().review(memory, fsrs.Rating.Good, now, seed_key="t").due


def test_optimize_fits_stores_and_changes_the_schedule(org):
    db, decks = org
    store = Store.open(db)
    before = _due_after_good(store)
    result = run(db, decks)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "fitted on" in out and "held-out employees" in out and "fsrs-rs-python" in out
    assert "FSRS defaults" in out and "RMSE (bins)" in out
    assert "Recommended desired retention: 0." in out
    assert "the setting is 0.90 and is not changed" in out
    assert "Stored as fit 1: the scheduler uses these parameters from now on" in out
    stored = store.current_fit()
    assert stored is not None
    assert stored.fitted_at == datetime(2026, 11, 2, tzinfo=UTC)
    assert stored.fit.reviews == store.review_count()
    assert stored.fit.fitted_reviews >= MIN_REVIEWS
    assert stored.fit.after.log_loss < stored.fit.before.log_loss
    assert stored.fit.after.rmse_bins < stored.fit.before.rmse_bins
    assert f"{stored.fit.after.log_loss:.4f}" in out
    assert len(stored.fit.parameters) == 21 and stored.fit.parameters != DEFAULT_PARAMETERS
    assert store.policy().scheduler.parameters == stored.fit.parameters
    assert store.settings().desired_retention == 0.9  # advice only
    assert _due_after_good(store) != before
    store.close()


def test_dry_run_reports_and_stores_nothing(org):
    db, decks = org
    result = run(db, decks, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Dry run: nothing stored." in result.stdout
    assert "log loss" in result.stdout
    store = Store.open(db)
    assert store.current_fit() is None
    assert store.policy().scheduler.parameters == fsrs.Scheduler().parameters
    store.close()


def test_too_few_reviews_are_refused_and_nothing_is_stored(tmp_path):
    db, decks = _org(tmp_path, employees=3, days=30)
    result = run(db, decks)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: not enough reviews to fit: ")
    assert f"(at least {MIN_REVIEWS} needed, as py-fsrs's optimizer requires)" in result.stderr
    store = Store.open(db)
    assert store.current_fit() is None
    store.close()


def test_a_second_fit_replaces_the_first(org):
    db, decks = org
    assert run(db, decks).exit_code == 0
    second = run(db, decks)
    assert "Stored as fit 2" in second.stdout
    store = Store.open(db)
    assert store.current_fit().id == 2
    store.close()


def test_after_a_fit_a_card_is_rescored_from_its_log_at_its_next_answer(org):
    from recall.service.review import answer

    db, decks = org
    assert run(db, decks).exit_code == 0
    store = Store.open(db)
    policy = store.policy()
    employee = "sim-0001"
    card_id, stored = next(iter(sorted(store.memories(employee).items())))
    log = [r for r in store.reviews(employee) if r.card_id == card_id]
    assert len(log) >= 2 and stored.last_review < store.current_fit().fitted_at
    expected = policy.new_memory(stored.card_id, log[0].answered_at)
    for r in log:  # as if the fitted parameters had been used from the first review
        expected = policy.review(expected, r.rating, r.answered_at, seed_key="x")
    assert expected.stability != pytest.approx(stored.stability)
    card = store.card(card_id)
    when = datetime(2026, 11, 2, 1, tzinfo=UTC)

    first = answer(store, employee, card_id, card.answer, when, response_ms=None, method=Method.API)

    before = first.answer.before
    assert before.stability == pytest.approx(expected.stability)
    assert before.difficulty == pytest.approx(expected.difficulty)
    assert before.due == stored.due  # the due date it was scheduled with is kept
    again = answer(
        store,
        employee,
        card_id,
        card.answer,
        when.replace(hour=2),
        response_ms=None,
        method=Method.API,
    )
    assert again.answer.before.stability == pytest.approx(first.answer.after.stability)
    store.close()
