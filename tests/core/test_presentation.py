"""Choices are shuffled reproducibly per employee, card and day."""

from __future__ import annotations

from datetime import date, timedelta

from recall.core.deck import parse_deck
from recall.core.presentation import present
from tests.conftest import DECK

DECK_ = parse_deck(DECK, "sample.yaml")


def order(employee: str, day: date, card: str = "c1") -> list[str]:
    shown = present(DECK_.card(card), employee_id=employee, day=day, lang="ja", reason="due")
    return [c.key for c in shown.choices]


def test_same_employee_card_and_day_give_the_same_order():
    day = date(2026, 4, 1)
    assert order("E1", day) == order("E1", day)
    orders = {tuple(order("E1", day + timedelta(days=n))) for n in range(20)}
    assert len(orders) > 1
    assert sorted(order("E1", day)) == ["a", "b", "c"]


def test_numbers_map_to_keys_and_language_is_applied():
    shown = present(
        DECK_.card("c1"), employee_id="E1", day=date(2026, 4, 1), lang="en", reason="new"
    )
    assert [c.number for c in shown.choices] == [1, 2, 3]
    assert shown.key_for(1) == shown.choices[0].key
    assert shown.key_for(4) is None
    assert shown.prompt == "May you pass it on without consent?"
    assert {c.text for c in shown.choices} == {"Yes", "No", "If the boss agrees"}


def test_true_false_keeps_its_order():
    for n in range(10):
        assert order(f"E{n}", date(2026, 4, 1), "c2") == ["true", "false"]
