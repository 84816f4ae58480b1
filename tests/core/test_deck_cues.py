"""Surface cues: each kind of warning, its threshold, and where it is located."""

from __future__ import annotations

import pytest

from recall.core.deck import parse_deck
from recall.core.deck_cues import CueLimits, find_cues, measure_cues

HEAD = """\
id: cues
version: "1"
title: {ja: 手がかり, en: Cues}
languages: [ja, en]
source: {title: S, publisher: P, year: 2025, url: "https://example.org"}
topics:
  - id: consent
    name: {ja: 同意, en: Consent}
rules:
  - id: consent
    name: {ja: 本人の同意, en: Consent}
    terms: {ja: [同意], en: [agree]}
  - id: internal-rules
    name: {ja: 社内ルール, en: Internal rules}
cards:
"""

SHORT = {"ja": "短い", "en": "short"}
LONG = {"ja": "ずっと長い選択肢", "en": "a much longer choice"}


def single(
    n: int,
    answer: str = "a",
    long: str | None = None,
    keys: str = "abc",
    explanation: tuple[str, str] = ("本人の同意が要ります。", "Consent is needed."),
    rules: str = "consent",
) -> str:
    """A single-choice card; choice ``long`` (if any) is longer than the others."""
    choices = "".join(
        f"      {k}: {{ja: {(LONG if k == long else SHORT)['ja']}{k}, "
        f"en: {(LONG if k == long else SHORT)['en']} {k}}}\n"
        for k in keys
    )
    return (
        f"  - id: card-{n:02d}\n"
        "    kind: single-choice\n"
        "    topics: [consent]\n"
        f"    rules: [{rules}]\n"
        "    source: S\n"
        f"    prompt: {{ja: 問{n}, en: Q{n}}}\n"
        f"    choices:\n{choices}"
        f"    answer: {answer}\n"
        f"    explanation: {{ja: {explanation[0]}, en: {explanation[1]}}}\n"
    )


def true_false(n: int) -> str:
    return (
        f"  - id: tf-{n:02d}\n"
        "    kind: true-false\n"
        "    topics: [consent]\n"
        "    rules: [consent]\n"
        "    source: S\n"
        f"    prompt: {{ja: 文{n}, en: S{n}}}\n"
        "    answer: true\n"
        "    explanation: {ja: 同意があれば使えます。, en: With consent it may be used.}\n"
    )


def deck_of(cards: list[str]):
    return parse_deck(HEAD + "".join(cards), "cues.yaml")


def messages(cards: list[str]) -> list[str]:
    return [str(w) for w in find_cues(deck_of(cards))]


def line_of(cards: list[str], card_id: str) -> int:
    """The line of ``- id: card_id`` in the deck text."""
    lines = (HEAD + "".join(cards)).splitlines()
    return lines.index(f"  - id: {card_id}") + 1


def rotating(count: int, longest: int) -> list[str]:
    """``count`` cards with answers spread a, b, c; in the first ``longest`` the answer
    is the longest choice, in the rest another choice is."""
    cards = []
    for n in range(count):
        answer = "abc"[n % 3]
        other = "abc"[(n + 1) % 3]
        cards.append(single(n, answer, answer if n < longest else other))
    return cards


def test_a_deck_without_cues_has_no_warnings():
    cards = rotating(12, longest=4)
    stats = measure_cues(deck_of(cards))
    assert stats.expected_longest == pytest.approx(4.0)
    assert {lang: len(ids) for lang, ids in stats.longest.items()} == {"ja": 4, "en": 4}
    assert {p: len(ids) for p, ids in stats.positions.items()} == {1: 4, 2: 4, 3: 4}
    assert messages(cards) == []


def test_answer_longest_more_often_than_chance_warns_per_language():
    ids = ", ".join(f"card-{n:02d}" for n in range(6))
    assert messages(rotating(12, longest=6)) == [
        f"cues.yaml:1: the answer is the longest choice ({lang}) in 6 of 12 single-choice "
        f"cards; chance would give 4.0: {ids}"
        for lang in ("en", "ja")
    ]


def test_longest_cue_needs_both_the_ratio_and_the_excess():
    # 5 of 12 is 1.25 times chance (4.0) but only one card above it: no warning.
    assert messages(rotating(12, longest=5)) == []
    # A lower ratio makes 5 enough when the excess asked for is one card.
    deck = deck_of(rotating(12, longest=5))
    assert len(find_cues(deck, CueLimits(ratio=1.2, min_excess=1))) == 2


def test_longest_is_counted_per_language():
    cards = rotating(12, longest=4)
    # In 3 more cards the English answer alone becomes the longest.
    for n in (4, 5, 6):
        answer = "abc"[n % 3]
        cards[n] = cards[n].replace(
            f"en: short {answer}", f"en: the very longest choice of all {answer}"
        )
    (warning,) = messages(cards)
    assert warning.startswith("cues.yaml:1: the answer is the longest choice (en) in 7 of 12")


def test_answers_piled_on_one_position_warn():
    cards = [single(n, "b", long="abc"[n % 3]) for n in range(12)]
    ids = ", ".join(f"card-{n:02d}" for n in range(12))
    assert messages(cards) == [
        "cues.yaml:1: the answer is the 2nd choice in 12 of 12 single-choice cards with 2 or "
        f"more choices; chance would give 4.0: {ids}"
    ]


def test_the_fourth_place_is_compared_with_the_four_choice_cards_only():
    # 12 three-choice cards spread evenly, and 4 four-choice cards whose answer is d in 3.
    cards = rotating(12, longest=4)
    for n, answer in zip(range(12, 16), "ddda", strict=True):
        cards.append(single(n, answer, long="b", keys="abcd"))
    stats = measure_cues(deck_of(cards))
    assert stats.expected_positions[4] == pytest.approx(1.0)
    assert len(stats.positions[4]) == 3
    assert messages(cards) == [
        "cues.yaml:1: the answer is the 4th choice in 3 of 4 single-choice cards with 4 or more "
        "choices; chance would give 1.0: card-12, card-13, card-14"
    ]


def test_too_many_true_false_cards_warn():
    cards = rotating(10, longest=3)  # chance 3.3: 3 is fine
    assert messages([*cards, true_false(1)]) == []  # 1 of 11: 9 %
    assert messages([*cards, true_false(1), true_false(2)]) == [
        "cues.yaml:1: 2 of 12 cards (17%) are true-false, more than 10%; a true-false card is "
        "guessed right half the time"
    ]


def test_small_decks_are_not_measured_for_shares():
    cards = [single(n, "a", long="a") for n in range(9)]
    assert messages(cards) == []
    assert messages([single(0, "a", long="a"), true_false(1)]) == []


def test_an_explanation_that_names_none_of_its_rules_warns_per_language():
    cards = rotating(12, longest=4)
    cards[3] = single(3, "a", "b", explanation=("本人の同意が要ります。", "Ask the person first."))
    cards[4] = single(4, "b", "c", explanation=("先に本人に聞きます。", "Ask the person first."))
    three, four = line_of(cards, "card-03"), line_of(cards, "card-04")
    assert messages(cards) == [
        f"cues.yaml:{three}: card card-03: the en explanation names none of the card's rules "
        "(Consent)",
        f"cues.yaml:{four}: card card-04: the en explanation names none of the card's rules "
        "(Consent)",
        f"cues.yaml:{four}: card card-04: the ja explanation names none of the card's rules "
        "(本人の同意)",
    ]


def test_a_rule_is_named_by_its_name_or_a_term_ignoring_case_and_width():
    cards = rotating(12, longest=4)
    cards[0] = single(0, "a", "a", explanation=("同意が要ります。", "They must AGREE."))
    cards[1] = single(
        1,
        "b",
        "b",
        explanation=("社内ルールに従います。", "Follow the ＩＮＴＥＲＮＡＬ Rules."),
        rules="consent, internal-rules",
    )
    assert messages(cards) == []
    cards[1] = single(
        1, "b", "b", explanation=("社内ルールに従います。", "Follow them."), rules="internal-rules"
    )
    assert messages(cards) == [
        f"cues.yaml:{line_of(cards, 'card-01')}: card card-01: the en explanation names none of the card's rules "
        "(Internal rules)"
    ]


def test_a_deck_without_rules_is_not_checked_for_rule_names():
    text = HEAD.split("rules:\n")[0] + "cards:\n" + "".join(rotating(12, longest=4))
    deck = parse_deck(text.replace("    rules: [consent]\n", ""), "cues.yaml")
    assert deck.rules == ()
    assert find_cues(deck) == []
