"""Settings, the local day and the onboarding quota; reproducible fuzzing."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import fsrs
import pytest

from recall.core.policy import Policy, Settings, working_days_between
from recall.errors import InputError


def test_defaults_match_the_issue():
    s = Settings()
    assert (s.desired_retention, s.maximum_interval, s.daily_limit, s.onboarding_days) == (
        0.9,
        180,
        10,
        10,
    )
    policy = Policy(s)
    assert policy.scheduler.enable_fuzzing is True
    assert policy.scheduler.maximum_interval == 180


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"desired_retention": "1.5"}, "desired_retention must be between 0.7 and 0.99"),
        ({"desired_retention": "x"}, "setting desired_retention: 'x' is not a float"),
        ({"maximum_interval": "0"}, "maximum_interval must be between 1 and 365 days"),
        ({"timezone": "Mars/Base"}, "timezone 'Mars/Base' is unknown (e.g. Asia/Tokyo)"),
    ],
)
def test_bad_settings_are_refused(values, message):
    with pytest.raises(InputError) as error:
        Settings().with_values(values)
    assert str(error.value) == message


def test_local_day_follows_the_organisation_timezone():
    policy = Policy()
    late_utc = datetime(2026, 3, 31, 16, 30, tzinfo=UTC)  # 01:30 on 1 April in Tokyo
    assert policy.local_date(late_utc) == date(2026, 4, 1)
    start, end = policy.today_bounds(late_utc)
    assert start == datetime(2026, 3, 31, 15, 0, tzinfo=UTC)
    assert end - start == timedelta(days=1)


def test_working_days_skip_weekends():
    assert working_days_between(date(2026, 4, 3), date(2026, 4, 6)) == 2  # Fri..Mon
    assert working_days_between(date(2026, 4, 6), date(2026, 4, 3)) == 0


def test_onboarding_quota_spreads_the_core_over_the_window():
    policy = Policy(Settings(onboarding_days=10))
    hired = date(2026, 4, 1)
    assert policy.onboarding_quota(hired, hired, left=20, introduced_today=0) == 2
    # On the last working day of the window everything left is due.
    last = date(2026, 4, 14)
    assert working_days_between(hired, last) == 10
    assert policy.onboarding_quota(hired, last, left=5, introduced_today=0) == 5
    assert policy.onboarding_quota(hired, hired, left=0, introduced_today=3) == 0


def test_fuzzing_is_reproducible_under_the_seed():
    now = datetime(2026, 4, 1, tzinfo=UTC)
    card = fsrs.Card(
        card_id=1,
        state=fsrs.State.Review,
        stability=30.0,
        difficulty=5.0,
        due=now,
        last_review=now - timedelta(days=30),
    )
    a = Policy(Settings(seed=7)).review(card, fsrs.Rating.Good, now, seed_key="e:c")
    b = Policy(Settings(seed=7)).review(card, fsrs.Rating.Good, now, seed_key="e:c")
    assert a.due == b.due
    dues = {
        Policy(Settings(seed=s)).review(card, fsrs.Rating.Good, now, seed_key="e:c").due
        for s in range(10)
    }
    assert len(dues) > 1  # fuzz is on: seeds change the interval


def test_replay_recomputes_the_state_under_new_parameters_and_keeps_the_due_date():
    first = datetime(2026, 4, 1, 9, tzinfo=UTC)
    reviews = [
        (first, fsrs.Rating.Again),
        (first + timedelta(days=1), fsrs.Rating.Good),
        (first + timedelta(days=2), fsrs.Rating.Good),
        (first + timedelta(days=6), fsrs.Rating.Again),
        (first + timedelta(days=7), fsrs.Rating.Good),
        (first + timedelta(days=15), fsrs.Rating.Good),
    ]
    old = Policy(Settings(seed=3))
    fitted = list(fsrs.Scheduler().parameters)
    fitted[0:4] = [0.2, 0.2, 0.2, 0.2]  # slow first stabilities, as fits find
    new = Policy(Settings(seed=3), parameters=fitted)
    stored = old.new_memory(42, first)
    for when, rating in reviews:
        stored = old.review(stored, rating, when, seed_key="e:c")
    expected = new.new_memory(42, first)
    for when, rating in reviews:
        expected = new.review(expected, rating, when, seed_key="e:c")
    state = random.getstate()

    replayed = new.replay(stored, reviews)

    assert random.getstate() == state  # the global generator fsrs fuzzes with is untouched
    assert replayed.stability == pytest.approx(expected.stability)
    assert replayed.difficulty == pytest.approx(expected.difficulty)
    assert (replayed.state, replayed.step) == (expected.state, expected.step)
    assert replayed.last_review == reviews[-1][0]
    assert replayed.stability < stored.stability  # the new parameters give slower growth
    assert (replayed.card_id, replayed.due) == (42, stored.due)  # still shown when scheduled
    assert new.replay(stored, []) is stored


def test_refused_settings_are_told_in_japanese_too():
    with pytest.raises(InputError) as error:
        Settings().with_values({"desired_retention": "1.5", "smtp_port": "0"})
    assert str(error.value) == (
        "desired_retention must be between 0.7 and 0.99; smtp_port must be between 1 and 65535"
    )
    assert error.value.text("ja") == (
        "desired_retention は 0.7 から 0.99 までの範囲で指定してください。"
        "smtp_port は 1 から 65535 までの範囲で指定してください"
    )
