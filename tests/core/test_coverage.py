"""The audit period and choosing the cards that close a coverage gap (pure)."""

from __future__ import annotations

from datetime import date

import pytest

from recall.core.coverage import Gap, Period, audit_period, refresher_cards
from recall.core.incident import parse_within, progress_status, resolve_deadline
from recall.errors import InputError


@pytest.mark.parametrize(
    ("day", "start", "expected"),
    [
        (date(2026, 4, 1), "04-01", (date(2026, 4, 1), date(2027, 3, 31))),
        (date(2026, 3, 31), "04-01", (date(2025, 4, 1), date(2026, 3, 31))),
        (date(2026, 12, 31), "04-01", (date(2026, 4, 1), date(2027, 3, 31))),
        (date(2026, 1, 1), "01-01", (date(2026, 1, 1), date(2026, 12, 31))),
        (date(2028, 2, 29), "03-01", (date(2027, 3, 1), date(2028, 2, 29))),
    ],
)
def test_audit_period(day, start, expected):
    period = audit_period(day, start)
    assert (period.start, period.end) == expected
    assert day in period


def test_bad_fiscal_year_start_and_period():
    with pytest.raises(InputError, match="must be MM-DD"):
        audit_period(date(2026, 1, 1), "13-01")
    with pytest.raises(InputError, match="ends \\(2026-01-01\\) before it starts"):
        Period(date(2026, 2, 1), date(2026, 1, 1))


def test_refresher_cards_picks_missing_core_and_least_known_card_per_topic():
    gap = Gap("e1", cards=("c1",), topics=("email", "access"))
    topic_cards = {"email": ["m1", "m2", "m3"], "access": ["a1", "a2"]}
    recall_of = {"m1": 0.9, "m2": 0.4, "m3": 0.7, "a1": 0.8}  # a2 never seen: 0
    assert refresher_cards(gap, topic_cards, recall_of) == ["c1", "m2", "a2"]


def test_refresher_cards_skips_what_is_already_open():
    gap = Gap("e1", cards=("c1",), topics=("email",))
    chosen = refresher_cards(gap, {"email": ["m1", "m2"]}, {}, already_open={"c1", "m2"})
    assert chosen == []
    # ties go to deck order
    assert refresher_cards(Gap("e", topics=("email",)), {"email": ["m1", "m2"]}, {}) == ["m1"]


def test_deadlines_and_progress():
    today = date(2026, 6, 30)
    assert resolve_deadline(today, None, "7d") == date(2026, 7, 7)
    assert resolve_deadline(today, None, "2w") == date(2026, 7, 14)
    assert resolve_deadline(today, None, None) == date(2026, 7, 14)
    assert resolve_deadline(today, date(2026, 8, 1), None) == date(2026, 8, 1)
    with pytest.raises(InputError, match="either --deadline or --within"):
        resolve_deadline(today, date(2026, 8, 1), "7d")
    with pytest.raises(InputError, match="e.g. 7d or 2w"):
        parse_within("soon")
    deadline = date(2026, 7, 7)
    assert progress_status(3, 3, date(2026, 7, 1), deadline, today) == "done"
    assert progress_status(3, 3, date(2026, 7, 8), deadline, date(2026, 7, 9)) == "late"
    assert progress_status(3, 1, None, deadline, date(2026, 7, 7)) == "open"
    assert progress_status(3, 1, None, deadline, date(2026, 7, 8)) == "overdue"
