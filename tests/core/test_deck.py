"""The deck parser and validator: each kind of problem is reported once, located."""

from __future__ import annotations

import textwrap

import pytest

from recall.core.deck import check_decks, parse_deck
from recall.errors import DeckError

GOOD = textwrap.dedent(
    """\
    id: sample
    version: "1"
    title: {ja: サンプル, en: Sample}
    languages: [ja, en]
    source:
      title: Source
      publisher: Publisher
      year: 2025
      url: https://example.org
      items: [事例1, 事例2]
    topics:
      - id: consent
        name: {ja: 同意, en: Consent}
    cards:
      - id: first-card
        kind: single-choice
        topics: [consent]
        source: 事例1
        onboarding: true
        prompt: {ja: 問題です。, en: A question.}
        choices:
          a: {ja: はい, en: "Yes"}
          b: {ja: いいえ, en: "No"}
        answer: b
        explanation: {ja: 理由です。, en: The reason.}
      - id: second-card
        kind: true-false
        topics: [consent]
        source: 事例2
        prompt: {ja: 本当ですか。, en: "Is it true?"}
        answer: false
        explanation: {ja: 理由です。, en: The reason.}
    """
)


def problems_of(text: str) -> list[str]:
    with pytest.raises(DeckError) as caught:
        parse_deck(text, "deck.yaml")
    return [str(p) for p in caught.value.problems]


def test_good_deck_parses_with_everything():
    deck = parse_deck(GOOD, "deck.yaml")
    assert deck.id == "sample"
    assert [c.id for c in deck.cards] == ["first-card", "second-card"]
    first, second = deck.cards
    assert first.onboarding and not second.onboarding
    assert first.answer == "b" and first.line == 15
    assert [c.key for c in second.choices] == ["true", "false"]
    assert second.answer == "false"
    assert second.text("prompt", "en") == "Is it true?"
    assert deck.source.items == ("事例1", "事例2")


def test_card_round_trips_through_dict():
    deck = parse_deck(GOOD, "deck.yaml")
    for card in deck.cards:
        again = type(card).from_dict(card.to_dict())
        assert again.content_hash == card.content_hash


def test_rewording_changes_content_but_not_answer_fingerprint():
    deck = parse_deck(GOOD, "deck.yaml")
    edited = parse_deck(GOOD.replace("問題です。", "言い換えた問題です。"), "deck.yaml")
    assert edited.cards[0].content_hash != deck.cards[0].content_hash
    assert edited.cards[0].answer_fingerprint == deck.cards[0].answer_fingerprint
    flipped = parse_deck(GOOD.replace("answer: b", "answer: a"), "deck.yaml")
    assert flipped.cards[0].answer_fingerprint != deck.cards[0].answer_fingerprint


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    onboarding: true\n",
            "    onboarding: true\n    colour: red\n",
            "deck.yaml:20: card first-card: unknown key 'colour' in the card",
        ),
        (
            "    kind: single-choice\n",
            "",
            "deck.yaml:15: card first-card: missing field 'kind' in the card",
        ),
        (
            "    answer: b\n",
            "    answer: z\n",
            "deck.yaml:24: card first-card: answer 'z' is not among the choices (a, b)",
        ),
        (
            '      b: {ja: いいえ, en: "No"}\n',
            "",
            "deck.yaml:21: card first-card: a single-choice card needs at least 2 choices (has 1)",
        ),
        (
            '      b: {ja: いいえ, en: "No"}\n',
            '      b: {ja: はい, en: "No"}\n',
            "deck.yaml:23: card first-card: duplicate choice: 'b' and 'a' have the same ja text",
        ),
        (
            "    topics: [consent]\n    source: 事例1\n",
            "    topics: [consnet]\n    source: 事例1\n",
            "deck.yaml:17: card first-card: unknown topic 'consnet'",
        ),
        (
            "explanation: {ja: 理由です。, en: The reason.}\n  - id: second",
            "explanation: {ja: '', en: The reason.}\n  - id: second",
            "deck.yaml:25: card first-card: empty text in 'explanation.ja' of the card",
        ),
        (
            "    prompt: {ja: 問題です。, en: A question.}\n",
            "    prompt: {ja: 問題です。}\n",
            "deck.yaml:20: card first-card: language 'en' missing in 'prompt' of the card",
        ),
        (
            "  - id: first-card\n",
            "  - id: First_Card\n",
            "deck.yaml:15: card First_Card: card id must be a slug of lowercase letters, "
            "digits and hyphens",
        ),
        (
            "    prompt: {ja: 問題です。, en: A question.}\n",
            "    prompt: {ja: " + "長" * 301 + ", en: A question.}\n",
            "deck.yaml:20: card first-card: 'prompt.ja' has 301 characters; the limit is 300 "
            "(cards stay short)",
        ),
        (
            "  - id: second-card\n",
            "  - id: first-card\n",
            "deck.yaml:26: card first-card: duplicate card id (first at line 15)",
        ),
        (
            "    kind: true-false\n",
            "    kind: essay\n",
            "deck.yaml:27: card second-card: unknown kind 'essay' (known: single-choice, "
            "true-false)",
        ),
        (
            "    source: 事例2\n",
            "    source: 事例9\n",
            "deck.yaml:29: card second-card: unknown source item '事例9' (not in the deck's "
            "source items)",
        ),
    ],
    ids=[
        "unknown-key",
        "missing-field",
        "answer-not-a-choice",
        "fewer-than-two-choices",
        "duplicate-choice",
        "unknown-topic",
        "empty-text",
        "language-missing",
        "id-not-a-slug",
        "prompt-too-long",
        "duplicate-id",
        "unknown-kind",
        "unknown-source-item",
    ],
)
def test_each_problem_is_one_located_line(old, new, expected):
    assert old in GOOD
    problems = problems_of(GOOD.replace(old, new, 1))
    assert expected in problems
    if "at least 2 choices" in expected:  # the answer 'b' has gone with its choice, too
        assert len(problems) == 2, problems
    elif "unknown source item" in expected:  # and 事例2 is now cited by no card
        assert problems == ["deck.yaml:5: source item '事例2' is cited by no card", expected]
    else:
        assert len(problems) == 1, problems


def test_uncited_source_item_is_a_problem():
    problems = problems_of(GOOD.replace("items: [事例1, 事例2]", "items: [事例1, 事例2, 事例3]"))
    assert problems == ["deck.yaml:5: source item '事例3' is cited by no card"]


def test_malformed_yaml_gives_parser_line_and_column():
    problems = problems_of(GOOD.replace("languages: [ja, en]", "languages: [ja, en"))
    assert len(problems) == 1
    # The parser's own words (libyaml's or PyYAML's) follow the location.
    assert problems[0].startswith("deck.yaml:5: malformed YAML (column 7): ")
    assert "expected ',' or ']'" in problems[0]


def test_every_problem_is_reported_not_just_the_first():
    text = GOOD.replace("answer: b", "answer: z").replace("kind: true-false", "kind: essay")
    text = text.replace("  - id: first-card", "  - id: First")
    problems = problems_of(text)
    assert len(problems) == 3, problems  # bad id, bad answer, bad kind


def test_duplicate_card_ids_across_decks():
    one = parse_deck(GOOD, "one.yaml")
    other = parse_deck(GOOD.replace("id: sample", "id: other"), "two.yaml")
    problems = [str(p) for p in check_decks([one, other])]
    assert problems == [
        "two.yaml:15: card first-card: duplicate card id (also in one.yaml:15)",
        "two.yaml:26: card second-card: duplicate card id (also in one.yaml:26)",
    ]


def test_deck_level_problems():
    problems = problems_of("id: Bad Deck\nversion: 1\n")
    assert "deck.yaml:1: deck id 'Bad Deck' must be a slug (a-z, 0-9, hyphens)" in problems
    assert "deck.yaml:1: missing field 'cards' in the deck" in problems
    assert problems_of("") == ["deck.yaml:1: the file is empty"]
    assert problems_of("- a\n- b\n") == [
        "deck.yaml:1: a deck file must be a mapping with id, title, topics and cards"
    ]


def test_choice_keys_are_taken_as_written():
    text = GOOD.replace('a: {ja: はい, en: "Yes"}', 'yes: {ja: はい, en: "Yes"}')
    text = text.replace('b: {ja: いいえ, en: "No"}', 'no: {ja: いいえ, en: "No"}')
    deck = parse_deck(text.replace("answer: b", "answer: no"), "deck.yaml")
    assert [c.key for c in deck.cards[0].choices] == ["yes", "no"]
    assert deck.cards[0].answer == "no"


def test_version_is_taken_as_written():
    deck = parse_deck(GOOD.replace('version: "1"', "version: 1.10"), "deck.yaml")
    assert deck.version == "1.10"


def test_true_false_answer_must_be_written_true_or_false():
    problems = problems_of(GOOD.replace("answer: false", "answer: no"))
    assert problems == [
        "deck.yaml:31: card second-card: the answer of a true-false card must be true or false"
    ]


# --- rules -------------------------------------------------------------------------

WITH_RULES = (
    GOOD.replace(
        "cards:\n",
        "rules:\n"
        "  - id: consent\n"
        "    name: {ja: 本人の同意, en: Consent}\n"
        "    terms: {ja: [同意], en: [consent, agree]}\n"
        "  - id: internal-rules\n"
        "    name: {ja: 社内ルール, en: Internal rules}\n"
        "cards:\n",
    )
    .replace(
        "    topics: [consent]\n    source: 事例1\n",
        "    topics: [consent]\n    rules: [consent, internal-rules]\n    source: 事例1\n",
    )
    .replace(
        "    topics: [consent]\n    source: 事例2\n",
        "    topics: [consent]\n    rules: [consent]\n    source: 事例2\n",
    )
)


def test_rules_are_declared_by_the_deck_and_listed_on_cards():
    deck = parse_deck(WITH_RULES, "deck.yaml")
    assert [r.id for r in deck.rules] == ["consent", "internal-rules"]
    assert deck.rule("consent").words("en") == ("Consent", "consent", "agree")
    assert deck.rule("internal-rules").words("ja") == ("社内ルール",)
    assert deck.rule_name("internal-rules", "en") == "Internal rules"
    assert deck.rule_name("nope", "en") == "nope"
    assert [c.rules for c in deck.cards] == [("consent", "internal-rules"), ("consent",)]


def test_rules_round_trip_through_dict_and_change_the_content_hash():
    deck = parse_deck(WITH_RULES, "deck.yaml")
    plain = parse_deck(GOOD, "deck.yaml")
    for card, without in zip(deck.cards, plain.cards, strict=True):
        again = type(card).from_dict(card.to_dict())
        assert again.rules == card.rules
        assert again.content_hash == card.content_hash
        assert card.content_hash != without.content_hash  # a new version is stored
        assert card.answer_fingerprint == without.answer_fingerprint  # same fact


def test_a_card_stored_before_rules_existed_still_loads_with_the_same_hash():
    card = parse_deck(GOOD, "deck.yaml").cards[0]
    old = card.to_dict()
    del old["rules"]
    again = type(card).from_dict(old)
    assert again.rules == ()
    assert again.content_hash == card.content_hash


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    rules: [consent]\n",
            "    rules: [consent, consnet]\n",
            "deck.yaml:36: card second-card: unknown rule 'consnet'",
        ),
        (
            "    rules: [consent]\n",
            "",
            "deck.yaml:33: card second-card: missing field 'rules' in the card "
            "(the deck declares rules)",
        ),
        (
            "    rules: [consent]\n",
            "    rules: []\n",
            "deck.yaml:36: card second-card: 'rules' must list at least one rule",
        ),
        (
            "  - id: internal-rules\n",
            "  - id: consent\n",
            "deck.yaml:18: duplicate rule id 'consent'",
        ),
        (
            "    terms: {ja: [同意], en: [consent, agree]}\n",
            "    terms: {ja: [同意], fr: [consentement]}\n",
            "deck.yaml:17: unknown language 'fr' in 'terms' of rule 'consent'",
        ),
        (
            "    name: {ja: 社内ルール, en: Internal rules}\n",
            "    name: {ja: 社内ルール}\n",
            "deck.yaml:19: language 'en' missing in 'name' of rule 'internal-rules'",
        ),
    ],
    ids=[
        "unknown-rule",
        "card-without-rules",
        "empty-card-rules",
        "duplicate-rule",
        "terms-language",
        "rule-name-language",
    ],
)
def test_each_rule_problem_is_one_located_line(old, new, expected):
    assert old in WITH_RULES
    problems = problems_of(WITH_RULES.replace(old, new, 1))
    if "duplicate rule id" in expected:  # first-card's internal-rules is now unknown, too
        assert problems == [
            expected,
            "deck.yaml:24: card first-card: unknown rule 'internal-rules'",
        ]
    else:
        assert problems == [expected]


def test_a_deck_without_rules_may_not_use_any():
    text = GOOD.replace(
        "    topics: [consent]\n    source: 事例2\n",
        "    topics: [consent]\n    rules: [consent]\n    source: 事例2\n",
    )
    assert problems_of(text) == [
        "deck.yaml:29: card second-card: unknown rule 'consent' (the deck declares no rules)"
    ]
