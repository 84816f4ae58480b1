"""The retention simulation: the learner model, the schedules, the run and the benchmark."""

from __future__ import annotations

import csv
import importlib.util
import random
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from recall.core.deck import parse_deck
from recall.simulation import (
    Learner,
    LearnerModel,
    PolicySpec,
    SimulationConfig,
    default_policies,
    oracle_sweep,
    run_simulation,
    simulated_answers,
    synthetic_deck_text,
)
from recall.simulation.learner import Memory, card_difficulties, draw_traits
from recall.simulation.report import csv_text, save_chart
from recall.simulation.schedules import Oracle, PacedFixed

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def deck():
    return parse_deck(synthetic_deck_text(), "<synthetic>")


@pytest.fixture(scope="module")
def benchmark():
    spec = importlib.util.spec_from_file_location("retention", REPO / "benchmarks/retention.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def quick_rows(benchmark, tmp_path_factory):
    """One --quick run of the benchmark, with matplotlib hidden: its CSV rows."""
    out = tmp_path_factory.mktemp("quick")
    saved = sys.modules.get("matplotlib")
    sys.modules["matplotlib"] = None  # import fails: the chart is skipped
    try:
        assert benchmark.main(["--quick", "--out", str(out), "--workers", "2"]) == 0
    finally:
        if saved is None:
            del sys.modules["matplotlib"]
        else:
            sys.modules["matplotlib"] = saved
    assert not (out / "retention.png").exists()
    with (out / "retention.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert [(r["learner_model"], r["policy"]) for r in rows] == [
        (str(model), p.name) for model in LearnerModel for p in default_policies()
    ]
    return {row["policy"]: row for row in rows if row["learner_model"] == "spacing"}


def test_quick_run_reports_every_policy(quick_rows):
    assert list(quick_rows) == [p.name for p in default_policies()]


def test_the_oracle_is_its_own_yardstick_and_recall_fits_itself(quick_rows):
    for name, row in quick_rows.items():
        if row["kind"] == "oracle":
            assert row["oracle_minutes_ratio"] == "1.00", name
    assert int(quick_rows["recall (0.90)"]["fits"]) > 0
    assert quick_rows["recall 0.90, default parameters"]["fits"] == "0"
    assert quick_rows["fixed 21 days"]["kind"] == "fixed"
    assert quick_rows["fixed 21 days, paced"]["kind"] == "paced"


def test_every_policy_takes_positive_minutes(quick_rows):
    for row in quick_rows.values():
        assert float(row["minutes_per_employee_month"]) > 0
        assert int(row["reviews_recorded"]) > 0


def test_more_reviews_never_lower_recall_of_fixed_intervals(quick_rows):
    every_90 = quick_rows["quarterly quiz"]
    every_30 = quick_rows["fixed 30 days"]
    assert int(every_30["reviews_recorded"]) > int(every_90["reviews_recorded"])
    assert float(every_30["mean_recall"]) >= float(every_90["mean_recall"])


def test_fixed_policies_show_the_whole_deck_at_the_first_session(quick_rows):
    for name in ("annual", "quarterly quiz", "fixed 30 days"):
        assert float(quick_rows[name]["share_employees_saw_deck"]) == 1.0
        assert int(quick_rows[name]["deck_seen_by_day_median"]) < 7


def test_recall_records_exactly_the_reviews_it_scheduled(quick_rows):
    for name, row in quick_rows.items():
        assert row["reviews_scheduled"] == row["reviews_recorded"], name


def test_fixed_90_vs_30_days_for_the_same_learners(deck):
    policies = (PolicySpec("every 90", interval_days=90), PolicySpec("every 30", interval_days=30))
    for seed in (1, 2):
        config = SimulationConfig(employees=4, days=200, seed=seed, policies=policies)
        every_90, every_30 = run_simulation([deck], config).policies
        assert every_30.recorded > every_90.recorded
        assert every_30.mean_recall >= every_90.mean_recall
        assert every_30.share_below_70 <= every_90.share_below_70


def test_same_seed_same_result_whatever_the_workers(deck):
    config = SimulationConfig(employees=7, days=40, seed=3)
    alone = run_simulation([deck], config, workers=1)
    shared = run_simulation([deck], config, workers=2)
    assert csv_text(alone) == csv_text(shared)
    assert alone.policies[8].daily_recall == shared.policies[8].daily_recall
    other = run_simulation([deck], replace(config, seed=4), workers=1)
    assert csv_text(other) != csv_text(alone)


def test_incident_topic_cards_become_refreshers(deck):
    config = SimulationConfig(employees=3, days=120, seed=5)
    result = run_simulation([deck], config)
    assert len(result.incidents) == 2
    for incident in result.incidents:
        assert incident.card_ids
        assert all(incident.topic in deck.card(cid).topics for cid in incident.card_ids)
    recall_90 = next(p for p in result.policies if p.name == "recall (0.90)")
    annual = next(p for p in result.policies if p.name == "annual")
    assert recall_90.incident_recall > annual.incident_recall


def test_progress_is_reported(deck):
    seen = []
    run_simulation(
        [deck], SimulationConfig(employees=7, days=20), progress=lambda d, t: seen.append((d, t))
    )
    assert seen == [(5, 7), (7, 7)]


def test_bad_configs_are_refused(deck):
    with pytest.raises(ValueError):
        SimulationConfig(employees=0)
    with pytest.raises(ValueError):
        PolicySpec("both", interval_days=30, desired_retention=0.9)
    with pytest.raises(ValueError):
        PolicySpec("none")
    with pytest.raises(ValueError):
        run_simulation([deck], SimulationConfig(employees=1, days=20), workers=0)


def test_synthetic_deck_has_the_bundled_shape(deck):
    assert len(deck.cards) == 50
    assert sum(c.onboarding for c in deck.cards) == 15
    assert {c.kind for c in deck.cards} == {"single-choice", "true-false"}


def _learner(deck, seed=0, model=LearnerModel.SPACING):
    cards = list(deck.cards)
    rng = random.Random(seed)
    traits = draw_traits(cards, card_difficulties(cards, rng), list(range(0, 200)), rng)
    return Learner(traits, random.Random(seed + 1), model)


def test_unseen_card_is_not_recalled_and_recall_fades(deck):
    learner = _learner(deck)
    card = deck.cards[0]
    assert learner.recall(card.id, 0.0) == 0.0
    learner.answer(card, 0.0)
    half_life = learner.memories[card.id].half_life
    assert learner.recall(card.id, 0.0) == pytest.approx(1.0)
    assert learner.recall(card.id, half_life) == pytest.approx(0.5)
    values = [learner.recall(card.id, t) for t in (1, 10, 100)]
    assert values == sorted(values, reverse=True)
    assert learner.recall_all([card.id, deck.cards[1].id], half_life) == [
        pytest.approx(0.5),
        0.0,
    ]


def test_a_review_never_shortens_the_half_life(deck):
    learner = _learner(deck, seed=7)
    card = deck.cards[2]
    learner.answer(card, 0.0)
    last = learner.memories[card.id].half_life
    for t in (0.01, 1, 3, 10, 40, 41, 200):
        choice, response_ms, p = learner.answer(card, t)
        assert choice in [c.key for c in card.choices]
        assert response_ms >= 500
        assert 0 <= p <= 1
        assert learner.memories[card.id].half_life >= last
        last = learner.memories[card.id].half_life


def test_massed_review_adds_almost_nothing(deck):
    learner = _learner(deck, seed=9)
    card = deck.cards[3]
    learner.memories[card.id] = Memory(half_life=10.0, last=0.0)
    learner.answer(card, 0.0)
    assert learner.memories[card.id].half_life == pytest.approx(10.0)


def test_chart_is_drawn_when_matplotlib_is_installed(deck, tmp_path):
    pytest.importorskip("matplotlib")
    result = run_simulation([deck], SimulationConfig(employees=2, days=20))
    assert save_chart(result, tmp_path / "chart.png")
    assert (tmp_path / "chart.png").read_bytes()[:4] == b"\x89PNG"


def test_a_lapse_shortens_memory_only_in_the_lapse_model(deck):
    card = deck.cards[4]
    for model, shorter in ((LearnerModel.SPACING, False), (LearnerModel.LAPSE, True)):
        learner = _learner(deck, seed=3, model=model)
        learner.memories[card.id] = Memory(half_life=40.0, last=0.0)
        learner.rng = random.Random(0)
        learner.rng.random = lambda: 0.999  # never recalls: a lapse
        learner.answer(card, 400.0)
        assert (learner.memories[card.id].half_life < 40.0) is shorter, model


def test_strengthening_saturates_in_the_lapse_model(deck):
    card = deck.cards[5]
    gains = {}
    for model in LearnerModel:
        learner = _learner(deck, seed=4, model=model)
        learner.memories[card.id] = Memory(half_life=300.0, last=0.0)
        learner.rng.random = lambda: 0.0  # always recalls
        learner.answer(card, 300.0)
        gains[model] = learner.memories[card.id].half_life / 300.0
    assert 1.0 < gains[LearnerModel.LAPSE] < gains[LearnerModel.SPACING]


def test_random_draws_do_not_depend_on_the_policy_name(deck):
    same = (PolicySpec("a", interval_days=30), PolicySpec("b", interval_days=30))
    result = run_simulation([deck], SimulationConfig(employees=3, days=60, policies=same))
    a, b = result.policies
    assert a.daily_recall == b.daily_recall and a.minutes_per_week == b.minutes_per_week


def test_paced_fixed_and_oracle_keep_the_daily_limit_and_the_onboarding_spread(deck):
    policy = PolicySpec("p", interval_days=1, paced=True).policy(seed=0)
    hired = date(2026, 4, 1)
    now = datetime(2026, 4, 1, 1, tzinfo=UTC)
    paced = PacedFixed(deck.cards, 1, policy, hired=hired)
    first = paced.plan(0, now)
    assert [r for _, r in first] == ["onboarding", "onboarding"]  # 15 cards over 10 days
    for card_id, _ in first:
        paced.record(deck.card(card_id), "a", 1000, now, 0)
    behind = paced.plan(30, datetime(2026, 5, 1, 1, tzinfo=UTC))
    assert [r for _, r in behind] == ["onboarding"] * 10  # the daily limit caps catching up
    truth = {c.id: 0.5 for c in deck.cards}
    oracle = Oracle(deck.cards, 0.6, lambda cid, _now: truth[cid], policy, hired=hired)
    oracle.seen.update(c.id for c in deck.cards[:20])
    items = oracle.plan(30, datetime(2026, 5, 1, 1, tzinfo=UTC))
    assert [r for _, r in items] == ["due"] * 7 + ["new"] * 3
    assert {cid for cid, r in items if r == "due"} <= oracle.seen


def test_recall_rescores_a_card_with_refitted_parameters_as_the_product_does(deck):
    from datetime import timedelta

    from recall.core.policy import Policy

    spec = PolicySpec("r", desired_retention=0.9, fitted=True)
    schedule = spec.build(deck.cards, seed=0, hired=date(2026, 4, 1), employee=0)
    card = deck.cards[0]
    start = datetime(2026, 4, 1, 1, tzinfo=UTC)
    for day in (0, 1, 2, 5):
        schedule.record(card, card.answer, 3000, start + timedelta(days=day), day)
    stored = schedule.memories[card.id]
    fitted = list(Policy().scheduler.parameters)
    fitted[0:4] = [0.2, 0.2, 0.2, 0.2]
    refit = spec.policy(0, fitted)
    schedule.use(refit)
    assert schedule.memories[card.id] is stored  # nothing is rescheduled at once
    later = start + timedelta(days=20)
    schedule.record(card, card.answer, 3000, later, 20)
    replayed = refit.replay(stored, schedule.history[card.id][:-1])
    expected = refit.review(replayed, schedule.history[card.id][-1][1], later, seed_key="x")
    assert schedule.memories[card.id].stability == pytest.approx(expected.stability)
    assert schedule.memories[card.id].stability != pytest.approx(
        refit.review(stored, schedule.history[card.id][-1][1], later, seed_key="x").stability
    )


def _wrong_key(card):
    return next(c.key for c in card.choices if c.key != card.answer)


def test_recall_ends_the_sitting_with_the_cards_answered_wrongly_in_it(deck):
    from datetime import timedelta

    start = datetime(2026, 4, 1, 1, tzinfo=UTC)
    schedule = PolicySpec("r", desired_retention=0.9).build(
        deck.cards, seed=0, hired=date(2026, 4, 1), employee=0
    )
    planned = schedule.plan(0, start)
    right, wrong = (deck.card(card_id) for card_id, _ in planned[:2])
    now = start
    for card_id, _ in planned:
        card = deck.card(card_id)
        schedule.record(card, _wrong_key(card) if card is wrong else card.answer, 9000, now, 0)
        now += timedelta(seconds=20)
    assert schedule.again(now) == [(wrong.id, "due")]  # not the new card answered right
    schedule.record(wrong, wrong.answer, 4000, now, 0)
    assert schedule.again(now + timedelta(seconds=20)) == []
    assert schedule.memories[wrong.id].due.date() > now.date()
    assert right.id not in [c for c, _ in schedule.plan(0, now + timedelta(minutes=1))]


def test_the_next_visit_variant_and_the_fixed_cycles_show_nothing_twice(deck):
    start = datetime(2026, 4, 1, 1, tzinfo=UTC)
    spec = PolicySpec(
        "r",
        desired_retention=0.9,
        learning_steps_minutes=(1.0, 10.0),
        relearning_steps_minutes=(10.0,),
        learn_ahead=False,
    )
    policy = spec.policy(seed=0)
    for schedule in (
        spec.build(deck.cards, seed=0, hired=date(2026, 4, 1), employee=0),
        PacedFixed(deck.cards, 21, policy, hired=date(2026, 4, 1)),
        Oracle(deck.cards, 0.9, lambda _cid, _now: 0.0, policy, hired=date(2026, 4, 1)),
    ):
        for card_id, _ in schedule.plan(0, start):
            card = deck.card(card_id)
            schedule.record(card, _wrong_key(card), 9000, start, 0)
        assert schedule.again(start) == []


def test_the_oracle_can_show_wrong_answers_again_as_recall_does(deck):
    start = datetime(2026, 4, 1, 1, tzinfo=UTC)
    (spec,) = [s for s in oracle_sweep(reshow_wrong=True) if s.oracle_threshold == 0.9]
    assert spec.name == "oracle 0.90, wrong shown again"
    oracle = spec.build(
        deck.cards, seed=0, hired=date(2026, 4, 1), employee=0, truth=lambda _c, _n: 0.0
    )
    planned = [deck.card(card_id) for card_id, _ in oracle.plan(0, start)]
    oracle.record(planned[0], _wrong_key(planned[0]), 9000, start, 0)
    oracle.record(planned[1], planned[1].answer, 9000, start, 0)
    assert oracle.again(start) == [(planned[0].id, "due")]
    assert oracle.again(start) == []


def test_every_simulated_wrong_answer_is_answered_again_in_the_same_sitting(deck):
    from datetime import timedelta

    config = SimulationConfig(employees=3, days=21)
    answers = simulated_answers([deck], config)
    wrong = [(e, a) for e, a, _ in answers if not a.correct]
    assert wrong
    for employee, answer in wrong:
        assert any(
            e == employee
            and a.card_id == answer.card_id
            and answer.answered_at < a.answered_at < answer.answered_at + timedelta(minutes=30)
            for e, a, _ in answers
        )
