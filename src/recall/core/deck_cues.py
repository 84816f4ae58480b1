"""Surface cues: ways to pass a deck's cards without knowing the rules they teach.

A learner who cannot answer a card may still guess well from its form: the right choice is
the longest (because its justification is written into it), or it sits at the same place
in most cards, or the card is a true-false statement (right half the time by chance).
An explanation that never names the rule behind the answer teaches the case but not the
rule. This module measures these cues on a parsed deck and turns them into warnings;
``recall deck check`` prints them and ``--strict`` makes them fail the check.

The checks (a share is compared with what chance alone would give):

- **Longest choice**, per language: the single-choice cards whose answer is strictly the
  longest choice (in characters). By chance, a card with *n* choices has its answer
  longest with probability 1/n, so the expected count is the sum of 1/n over the cards.
- **Position**: for each place in the file's choice order (1st, 2nd, ...), the cards whose
  answer is there; expected is the sum of 1/n over the cards with at least that many
  choices.
- A share cue warns when the count is at least :attr:`CueLimits.ratio` times the expected
  count *and* at least :attr:`CueLimits.min_excess` cards above it, so that a few cards of
  bad luck in a small deck do not warn. Decks with fewer than :attr:`CueLimits.min_cards`
  single-choice cards are not measured.
- **True-false share**: more than :attr:`CueLimits.max_true_false_share` of the cards
  (in decks of at least ``min_cards`` cards).
- **Rule named**: when the deck declares ``rules``, each card's explanation must contain,
  in every language of the deck, the name or one of the ``terms`` of at least one of the
  card's rules (compared after Unicode NFKC normalisation, ignoring case).

Classes: :class:`CueLimits`, :class:`CueStats`. Functions: :func:`measure_cues`,
:func:`find_cues`. No I/O.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from recall.core.deck import Card, Deck
from recall.errors import Problem
from recall.i18n import t

__all__ = ["CueLimits", "CueStats", "find_cues", "measure_cues"]


@dataclass(frozen=True)
class CueLimits:
    """When a cue becomes a warning (see the module docstring)."""

    ratio: float = 1.25
    min_excess: float = 2.0
    min_cards: int = 10
    max_true_false_share: float = 0.10


@dataclass(frozen=True)
class CueStats:
    """What :func:`measure_cues` counted on one deck.

    Attributes:
        single_choice: the number of single-choice cards.
        true_false: the number of true-false cards.
        expected_longest: the expected number of answers that are the longest choice.
        longest: per language, the ids of cards whose answer is strictly the longest choice.
        positions: per place (1-based), the ids of cards whose answer sits there.
        expected_positions: per place, the expected number of answers there.
        unnamed_rules: ``(card, language)`` pairs whose explanation names none of the
            card's rules.
    """

    single_choice: int
    true_false: int
    expected_longest: float
    longest: dict[str, tuple[str, ...]]
    positions: dict[int, tuple[str, ...]]
    expected_positions: dict[int, float]
    unnamed_rules: tuple[tuple[Card, str], ...]

    @property
    def cards(self) -> int:
        """Every card of the deck."""
        return self.single_choice + self.true_false


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _names_a_rule(deck: Deck, card: Card, lang: str) -> bool:
    explanation = _normal(card.explanation.get(lang, ""))
    for rule_id in card.rules:
        try:
            words = deck.rule(rule_id).words(lang)
        except KeyError:
            continue
        if any(_normal(word) in explanation for word in words):
            return True
    return False


def measure_cues(deck: Deck) -> CueStats:
    """Count the surface cues of a deck.

    Args:
        deck: a valid deck.

    Returns:
        The counts, with the cards behind each.
    """
    single = [c for c in deck.cards if c.kind == "single-choice"]
    longest: dict[str, list[str]] = {lang: [] for lang in deck.languages}
    most = max((len(c.choices) for c in single), default=0)
    positions: dict[int, list[str]] = {p: [] for p in range(1, most + 1)}
    expected_positions = {p: 0.0 for p in range(1, most + 1)}
    for card in single:
        n = len(card.choices)
        keys = [c.key for c in card.choices]
        positions[keys.index(card.answer) + 1].append(card.id)
        for place in range(1, n + 1):
            expected_positions[place] += 1 / n
        for lang in deck.languages:
            answer = len(card.choice(card.answer).text.get(lang, ""))
            others = [len(c.text.get(lang, "")) for c in card.choices if c.key != card.answer]
            if all(answer > other for other in others):
                longest[lang].append(card.id)
    unnamed = tuple(
        (card, lang)
        for card in deck.cards
        if deck.rules and card.rules
        for lang in deck.languages
        if not _names_a_rule(deck, card, lang)
    )
    return CueStats(
        single_choice=len(single),
        true_false=sum(1 for c in deck.cards if c.kind == "true-false"),
        expected_longest=sum(1 / len(c.choices) for c in single),
        longest={lang: tuple(ids) for lang, ids in longest.items()},
        positions={p: tuple(ids) for p, ids in positions.items()},
        expected_positions=expected_positions,
        unnamed_rules=unnamed,
    )


def _ordinal(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def _over(observed: int, expected: float, limits: CueLimits) -> bool:
    return observed >= expected * limits.ratio and observed - expected >= limits.min_excess


def find_cues(deck: Deck, limits: CueLimits | None = None, lang: str = "en") -> list[Problem]:
    """The surface cues of a deck as warnings, located by file, line and card id.

    Args:
        deck: a valid deck.
        limits: when a cue warns; the defaults of :class:`CueLimits` if not given.
        lang: the language of the warnings (ja or en).

    Returns:
        The warnings: deck-wide ones at line 1, one per explanation at its card's line.
    """
    limits = limits or CueLimits()
    stats = measure_cues(deck)
    warnings: list[Problem] = []
    n = stats.single_choice
    if n >= limits.min_cards:
        for text_lang, ids in stats.longest.items():
            if _over(len(ids), stats.expected_longest, limits):
                warnings.append(
                    Problem(
                        deck.file,
                        1,
                        None,
                        t(
                            "deck.cue.longest",
                            lang,
                            lang=text_lang,
                            count=len(ids),
                            n=n,
                            expected=f"{stats.expected_longest:.1f}",
                            ids=", ".join(ids),
                        ),
                    )
                )
        for place, ids in stats.positions.items():
            expected = stats.expected_positions[place]
            if _over(len(ids), expected, limits):
                eligible = sum(
                    1 for c in deck.cards if c.kind == "single-choice" and len(c.choices) >= place
                )
                warnings.append(
                    Problem(
                        deck.file,
                        1,
                        None,
                        t(
                            "deck.cue.position",
                            lang,
                            nth=_ordinal(place)
                            if lang == "en"
                            else t("deck.cue.nth", lang, n=place),
                            count=len(ids),
                            eligible=eligible,
                            place=place,
                            expected=f"{expected:.1f}",
                            ids=", ".join(ids),
                        ),
                    )
                )
    if stats.cards >= limits.min_cards:
        share = stats.true_false / stats.cards
        if share > limits.max_true_false_share:
            warnings.append(
                Problem(
                    deck.file,
                    1,
                    None,
                    t(
                        "deck.cue.true_false",
                        lang,
                        tf=stats.true_false,
                        cards=stats.cards,
                        share=f"{share:.0%}",
                        limit=f"{limits.max_true_false_share:.0%}",
                    ),
                )
            )
    for card, text_lang in stats.unnamed_rules:
        names = ", ".join(deck.rule_name(r, text_lang) for r in card.rules)
        warnings.append(
            Problem(
                deck.file,
                card.line,
                card.id,
                t("deck.cue.unnamed_rule", lang, lang=text_lang, names=names),
            )
        )
    return sorted(warnings)
