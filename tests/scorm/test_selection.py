"""``--cards``: parsing and picking cards from a deck (pure)."""

from __future__ import annotations

import pytest

from recall.errors import ExportError, InputError
from recall.scorm import Selection, parse_selection, select_cards

from .conftest import make_deck


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("onboarding", Selection("onboarding")),
        ("all", Selection("all")),
        ("topic:email", Selection("topic", "email")),
        ("incident:12", Selection("incident", "12")),
        (" incident:007 ", Selection("incident", "7")),
    ],
)
def test_parse(text, expected):
    assert parse_selection(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("everything", "--cards 'everything' is not a card selection"),
        ("topic:", "--cards 'topic:': '' is not a topic id"),
        ("topic:Bad Topic", "--cards 'topic:Bad Topic': 'Bad Topic' is not a topic id"),
        ("incident:abc", "--cards 'incident:abc': the incident id must be a positive number"),
        ("incident:0", "--cards 'incident:0': the incident id must be a positive number"),
        (
            "incident:99999999999999999999999",
            "--cards 'incident:99999999999999999999999': the incident id must be a positive "
            "number up to 9223372036854775807",
        ),
        ("incident:-3", "--cards 'incident:-3': the incident id must be a positive number"),
        ("incident:\u0661", "--cards 'incident:\u0661': the incident id must be a positive number"),
        ("all:x", "--cards 'all:x' is not a card selection"),
    ],
)
def test_parse_rejects(text, message):
    with pytest.raises(InputError) as error:
        parse_selection(text)
    assert str(error.value).startswith(message)
    assert "(use onboarding, all, topic:TOPIC or incident:ID)" in str(error.value)


def test_slug_and_incident_id():
    assert Selection("topic", "email").slug == "topic-email"
    assert Selection("onboarding").slug == "onboarding"
    assert Selection("incident", "3").incident_id == 3
    with pytest.raises(ValueError):
        Selection("all").incident_id  # noqa: B018


def test_select_keeps_deck_order():
    deck = make_deck(6, onboarding=3)
    assert [c.id for c in select_cards(deck, Selection("onboarding"))] == [
        "card-001",
        "card-002",
        "card-003",
    ]
    assert len(select_cards(deck, Selection("all"))) == 6
    assert [c.id for c in select_cards(deck, Selection("incident", "1"), ["email", "x"])] == [
        "card-002",
        "card-004",
        "card-006",
    ]


def test_unknown_topic():
    deck = make_deck(2)
    with pytest.raises(ExportError) as error:
        select_cards(deck, Selection("topic", "nope"))
    assert str(error.value) == (
        "--cards topic:nope: deck 'test-deck' (test-deck.yaml) has no topic 'nope' "
        "(its topics: consent, email, unused)"
    )


def test_topic_without_cards():
    deck = make_deck(2)
    with pytest.raises(ExportError) as error:
        select_cards(deck, Selection("topic", "unused"))
    assert str(error.value) == (
        "--cards topic:unused: topic 'unused' has no cards in deck 'test-deck' (test-deck.yaml)"
    )


def test_empty_onboarding():
    deck = make_deck(2, onboarding=0)
    with pytest.raises(ExportError) as error:
        select_cards(deck, Selection("onboarding"))
    assert str(error.value) == (
        "--cards onboarding: no card in deck 'test-deck' (test-deck.yaml) is marked "
        "onboarding: true"
    )


def test_incident_without_matching_cards():
    deck = make_deck(2)
    with pytest.raises(ExportError) as error:
        select_cards(deck, Selection("incident", "4"), {"unused"})
    assert str(error.value) == (
        "--cards incident:4: no card in deck 'test-deck' (test-deck.yaml) covers the "
        "incident's topics (unused)"
    )
    with pytest.raises(ExportError, match="the incident's topics were not given"):
        select_cards(deck, Selection("incident", "4"))
