"""The bundled deck (decks/privacy-incidents.yaml): valid, complete and well attributed.

These tests read the real deck with the real parser, so a broken edit to the YAML fails here
as well as in ``recall deck check``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from recall.core.deck import Deck
from recall.core.deck_cues import find_cues, measure_cues
from recall.deckfiles import load_decks, read_decks

DECKS_DIR = Path(__file__).parents[1] / "decks"
DECK_ID = "privacy-incidents"

# The structure of the source material (JIPDEC 2025): every part must be taught by a card.
SOURCE_ITEMS = [
    "はじめに",
    "ケース1",
    "ケース2",
    "影響",
    *(f"事例{n}" for n in range(1, 11)),
    "原因:管理の不手際",
    "原因:認識不足",
    "原因:思い込み",
    "原因:本人確認が不十分",
    "ヒヤリハット:第三者提供",
    "ヒヤリハット:目的外利用",
    "注意:大量データ処理",
    "注意:例外対応",
    "注意:本人不在・家族",
    "注意:著名人・知人",
    "注意:同姓同名・類似名",
    "注意:聞き間違い・メモ",
    "確認:ルール",
    "確認:利用目的",
    "確認:同意",
    "確認:自己判断",
    "まとめ:緊急時対応",
    "防止策:手順の見直し",
    "防止策:上長への相談",
    "防止策:教育",
]


@pytest.fixture(scope="module")
def deck() -> Deck:
    decks = [d for d in load_decks([DECKS_DIR]) if d.id == DECK_ID]
    assert len(decks) == 1
    return decks[0]


def test_deck_folder_has_no_problems():
    _, problems = read_decks([DECKS_DIR])
    assert problems == []


def test_deck_is_big_enough(deck):
    assert len(deck.cards) >= 50


def test_deck_languages(deck):
    assert deck.languages == ("ja", "en")


def test_every_card_cites_a_listed_source_item(deck):
    items = set(deck.source.items)
    for card in deck.cards:
        assert card.source.strip(), card.id
        assert card.source in items, (card.id, card.source)


def test_source_lists_every_part_of_the_material(deck):
    assert set(SOURCE_ITEMS) <= set(deck.source.items)


@pytest.mark.parametrize("item", SOURCE_ITEMS)
def test_every_source_item_is_cited(deck, item):
    assert any(card.source == item for card in deck.cards), item


def test_every_case_has_a_scenario_and_a_second_card_for_most(deck):
    cited = Counter(card.source for card in deck.cards)
    jirei = [f"事例{n}" for n in range(1, 11)]
    assert all(cited[item] >= 1 for item in jirei)
    assert sum(cited[item] >= 2 for item in jirei) >= 6
    assert cited["ケース1"] >= 2
    assert cited["ケース2"] >= 2


def test_onboarding_core_size(deck):
    core = [card for card in deck.cards if card.onboarding]
    assert 12 <= len(core) <= 18


def test_onboarding_core_includes_both_cases(deck):
    core_sources = {card.source for card in deck.cards if card.onboarding}
    assert {"ケース1", "ケース2"} <= core_sources


def test_onboarding_core_teaches_incident_response_and_no_browsing_without_need(deck):
    core = [card for card in deck.cards if card.onboarding]
    assert any(
        "incident-response" in card.topics and "report-and-consult" in card.rules for card in core
    )
    assert any(
        card.source == "注意:著名人・知人" and "purpose-of-use" in card.rules for card in core
    )


def test_every_card_lists_rules_and_every_rule_is_used(deck):
    assert len(deck.rules) >= 8
    for card in deck.cards:
        assert card.rules, card.id
    used = {rule for card in deck.cards for rule in card.rules}
    assert used == {rule.id for rule in deck.rules}


def test_the_deck_has_no_surface_cues(deck):
    assert find_cues(deck) == []


def test_true_false_cards_are_few(deck):
    true_false = [card for card in deck.cards if card.kind == "true-false"]
    assert 0 < len(true_false) <= 3
    assert len(true_false) / len(deck.cards) <= 0.10


def test_single_choice_cards_offer_at_least_three_choices(deck):
    for card in deck.cards:
        if card.kind == "single-choice":
            assert len(card.choices) >= 3, card.id


def test_one_term_per_concept(deck):
    # 従業者 (the source's and JIS Q 15001's term), and 同意 (the law's), never 従業員 or 了解.
    for card in deck.cards:
        texts = [card.prompt["ja"], card.explanation["ja"], *(c.text["ja"] for c in card.choices)]
        for text in texts:
            assert "従業員" not in text and "了解" not in text and "了承" not in text, card.id


def test_every_topic_is_used(deck):
    used = {topic for card in deck.cards for topic in card.topics}
    for topic in deck.topics:
        assert topic.id in used, topic.id


def test_every_card_has_both_languages(deck):
    for card in deck.cards:
        for lang in ("ja", "en"):
            assert card.prompt.get(lang, "").strip(), (card.id, "prompt", lang)
            assert card.explanation.get(lang, "").strip(), (card.id, "explanation", lang)
            for choice in card.choices:
                assert choice.text.get(lang, "").strip(), (card.id, choice.key, lang)


def test_prompts_are_short(deck):
    for card in deck.cards:
        for lang in ("ja", "en"):
            assert len(card.prompt[lang]) <= 300, (card.id, lang)


def test_both_card_kinds_are_used(deck):
    kinds = Counter(card.kind for card in deck.cards)
    assert kinds["single-choice"] > kinds["true-false"] > 0


def test_attribution_credits_jipdec_and_ppc(deck):
    ja = deck.attribution["ja"]
    en = deck.attribution["en"]
    assert "JIPDEC" in ja and "JIPDEC" in en
    assert "個人情報保護委員会" in ja
    assert "Personal Information Protection Commission" in en
    ppc_url = "https://www.ppc.go.jp/files/pdf/pd_hiyari01.pdf"
    assert ppc_url in ja and ppc_url in en


def test_source_is_the_jipdec_material(deck):
    assert "JIPDEC" in deck.source.publisher
    assert deck.source.year == 2025
    assert deck.source.url.startswith("https://privacymark.jp/")
    # Not the page of the related training video (guideline/wakaru), which is another work.
    assert "wakaru" not in deck.source.url


def test_correct_answers_are_spread(deck):
    single = [card.answer for card in deck.cards if card.kind == "single-choice"]
    keys = Counter(single)
    assert len(keys) >= 3
    assert max(keys.values()) < len(single) / 2
    stats = measure_cues(deck)
    for place, ids in stats.positions.items():  # at each place no more than chance allows
        assert len(ids) <= stats.expected_positions[place] * 1.25, place
    for lang, ids in stats.longest.items():  # the answer is not given away by its length
        assert len(ids) <= stats.expected_longest * 1.25, lang
    true_false = {card.answer for card in deck.cards if card.kind == "true-false"}
    assert true_false == {"true", "false"}
