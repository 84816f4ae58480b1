"""The deck model and its YAML format: parse a deck's text, report every problem, located.

Classes: :class:`Deck`, :class:`Topic`, :class:`Rule`, :class:`Card`, :class:`Choice`,
:class:`Source`.
Functions: :func:`parse_deck` (one file's text → Deck, or DeckError with all problems),
:func:`check_decks` (several decks: problems across them, such as duplicate card ids).

The format (one YAML file per deck, UTF-8)::

    id: privacy-incidents          # stable slug
    version: "1.0"
    title: {ja: ..., en: ...}
    languages: [ja, en]            # every text must exist in each of these; ja is required
    source:                        # attribution of the material the cards come from
      title: ...
      publisher: ...
      year: 2025
      url: https://...
      items: [ケース1, 事例1, ...]    # optional: the citable items; each must be cited
    attribution: {ja: ..., en: ...}  # optional free text shown with the deck
    topics:
      - id: purpose-limitation
        name: {ja: 目的外利用, en: Use beyond the stated purpose}
    rules:                         # optional: the rules that decide the answers
      - id: consent
        name: {ja: 本人の同意, en: Consent}
        terms: {ja: [同意], en: [consent]}  # optional: other words that name the rule
    cards:
      - id: case1-past-customers-job-ad   # stable slug: never changes when text is edited
        kind: single-choice               # or true-false
        topics: [purpose-limitation]
        rules: [consent]                  # required when the deck declares rules
        source: ケース1
        onboarding: true                  # part of the core every new hire sees first
        prompt: {ja: ..., en: ...}
        choices:                          # single-choice: key -> texts (2 or more)
          a: {ja: ..., en: ...}
          b: {ja: ..., en: ...}
        answer: b                         # a choice key; for true-false: true or false
        explanation: {ja: ..., en: ...}

A deck that declares ``rules`` must give every card at least one of them; a deck that
declares none may not use any. :mod:`recall.core.deck_cues` checks that each explanation
names one of its card's rules.

This module does no I/O: it is given the text and the file name used in messages.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from recall.errors import DeckError, Problem
from recall.i18n import t

__all__ = [
    "CARD_KINDS",
    "Card",
    "Choice",
    "Deck",
    "MAX_PROMPT_CHARS",
    "Rule",
    "SUPPORTED_LANGUAGES",
    "Source",
    "Topic",
    "check_decks",
    "parse_deck",
]

SUPPORTED_LANGUAGES = ("ja", "en")
CARD_KINDS = ("single-choice", "true-false")
MAX_PROMPT_CHARS = 300
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CHOICE_KEY = re.compile(r"^[a-z0-9]{1,16}$")

TRUE_FALSE_LABELS: dict[str, dict[str, str]] = {
    "true": {"ja": "正しい", "en": "True"},
    "false": {"ja": "誤り", "en": "False"},
}

_DECK_KEYS = {
    "id",
    "version",
    "title",
    "languages",
    "source",
    "attribution",
    "topics",
    "rules",
    "cards",
}
_DECK_REQUIRED = ("id", "version", "title", "languages", "source", "topics", "cards")
_SOURCE_KEYS = {"title", "title_en", "publisher", "year", "url", "items"}
_SOURCE_REQUIRED = ("title", "publisher", "year", "url")
_TOPIC_KEYS = {"id", "name"}
_RULE_KEYS = {"id", "name", "terms"}
_CARD_KEYS = {
    "id",
    "kind",
    "topics",
    "rules",
    "source",
    "onboarding",
    "prompt",
    "choices",
    "answer",
    "explanation",
}
_CARD_REQUIRED = ("id", "kind", "topics", "source", "prompt", "answer", "explanation")


@dataclass(frozen=True)
class Choice:
    """One answer option: a stable key (used in SCORM responses) and its texts."""

    key: str
    text: Mapping[str, str]


@dataclass(frozen=True)
class Topic:
    """A subject the deck covers, such as consent or identity verification."""

    id: str
    name: Mapping[str, str]


@dataclass(frozen=True)
class Rule:
    """A rule that decides answers, such as consent or identity verification.

    ``terms`` are other words that count as naming the rule in an explanation (per
    language), besides its name: 目的外利用 for the rule named 利用目的.
    """

    id: str
    name: Mapping[str, str]
    terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def words(self, lang: str) -> tuple[str, ...]:
        """The name and the terms in ``lang``: any of them names the rule."""
        name = self.name.get(lang)
        return ((name,) if name else ()) + tuple(self.terms.get(lang, ()))


@dataclass(frozen=True)
class Source:
    """Attribution of the material a deck is written from."""

    title: str
    publisher: str
    year: int
    url: str
    items: tuple[str, ...] = ()
    #: the title in English, shown in English mode (optional: else ``title``)
    title_en: str | None = None

    def title_in(self, lang: str) -> str:
        """The source's title in ``lang`` (English when the deck gives one)."""
        return self.title_en if lang == "en" and self.title_en else self.title


@dataclass(frozen=True)
class Card:
    """One question card. Texts are ``{language: text}`` mappings.

    True-false cards get the two choices ``true`` and ``false`` so that every card can
    be shown, answered and exported the same way.
    """

    id: str
    kind: str
    topics: tuple[str, ...]
    source: str
    onboarding: bool
    prompt: Mapping[str, str]
    choices: tuple[Choice, ...]
    answer: str
    explanation: Mapping[str, str]
    rules: tuple[str, ...] = ()
    line: int = 0

    def text(self, field_name: str, lang: str) -> str:
        """A text of this card in ``lang``, falling back to Japanese."""
        texts: Mapping[str, str] = getattr(self, field_name)
        return texts.get(lang) or texts["ja"]

    def choice(self, key: str) -> Choice:
        """The choice with this key.

        Raises:
            KeyError: no such choice.
        """
        for choice in self.choices:
            if choice.key == key:
                return choice
        raise KeyError(key)

    def to_dict(self) -> dict[str, Any]:
        """The card as plain JSON-able data (the form stored as a card version)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "topics": list(self.topics),
            "source": self.source,
            "onboarding": self.onboarding,
            "prompt": dict(self.prompt),
            "choices": [{"key": c.key, "text": dict(c.text)} for c in self.choices],
            "answer": self.answer,
            "explanation": dict(self.explanation),
            "rules": list(self.rules),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Card:
        """Rebuild a card from :meth:`to_dict` data."""
        return cls(
            id=data["id"],
            kind=data["kind"],
            topics=tuple(data["topics"]),
            source=data["source"],
            onboarding=bool(data["onboarding"]),
            prompt=dict(data["prompt"]),
            choices=tuple(Choice(c["key"], dict(c["text"])) for c in data["choices"]),
            answer=data["answer"],
            explanation=dict(data["explanation"]),
            rules=tuple(data.get("rules", ())),  # card versions stored before rules existed
        )

    @property
    def content_hash(self) -> str:
        """Fingerprint of the stored card: everything shown to a learner and its flags."""
        payload = {
            "kind": self.kind,
            "topics": list(self.topics),
            "source": self.source,
            "onboarding": self.onboarding,
            "prompt": dict(self.prompt),
            "choices": [[c.key, dict(c.text)] for c in self.choices],
            "answer": self.answer,
            "explanation": dict(self.explanation),
        }
        if self.rules:  # only when present, so cards of decks without rules keep their hash
            payload["rules"] = list(self.rules)
        raw = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(raw.encode()).hexdigest()[:16]

    @property
    def answer_fingerprint(self) -> str:
        """Fingerprint of the fact being tested: changes only when the correct answer does."""
        return hashlib.sha256(f"{self.kind}:{self.answer}".encode()).hexdigest()[:16]

    @property
    def length(self) -> int:
        """Characters a learner reads (Japanese prompt and choices), for timing answers."""
        return len(self.prompt["ja"]) + sum(len(c.text["ja"]) for c in self.choices)


@dataclass(frozen=True)
class Deck:
    """A parsed, valid deck."""

    id: str
    version: str
    title: Mapping[str, str]
    languages: tuple[str, ...]
    source: Source
    topics: tuple[Topic, ...]
    cards: tuple[Card, ...]
    attribution: Mapping[str, str] = field(default_factory=dict)
    rules: tuple[Rule, ...] = ()
    file: str = ""

    def card(self, card_id: str) -> Card:
        """The card with this id.

        Raises:
            KeyError: no such card.
        """
        for card in self.cards:
            if card.id == card_id:
                return card
        raise KeyError(card_id)

    def topic(self, topic_id: str) -> Topic:
        """The topic with this id.

        Raises:
            KeyError: no such topic.
        """
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        raise KeyError(topic_id)

    def topic_name(self, topic_id: str, lang: str) -> str:
        """A topic's name in ``lang`` (falling back to Japanese, then to the id)."""
        try:
            name = self.topic(topic_id).name
        except KeyError:
            return topic_id
        return name.get(lang) or name.get("ja") or topic_id

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id.

        Raises:
            KeyError: no such rule.
        """
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def rule_name(self, rule_id: str, lang: str) -> str:
        """A rule's name in ``lang`` (falling back to Japanese, then to the id)."""
        try:
            name = self.rule(rule_id).name
        except KeyError:
            return rule_id
        return name.get(lang) or name.get("ja") or rule_id


# --- YAML with line numbers ------------------------------------------------------------

# libyaml's parser when PyYAML was built with it (about ten times faster), else pure Python.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class _Map:
    line: int
    items: dict[str, tuple[int, Any]]  # key -> (line of the key, value)
    raw: dict[str, str] = field(default_factory=dict)  # key -> scalar as written

    def value(self, key: str) -> Any:  # noqa: ANN401 - YAML values are of any type
        return self.items[key][1] if key in self.items else None

    def line_of(self, key: str) -> int:
        return self.items[key][0] if key in self.items else self.line


@dataclass
class _Seq:
    line: int
    items: list[tuple[int, Any]]


#: The most YAML nodes a deck may expand to, aliases counted each time they are used, and
#: the deepest nesting. A card is about 20 nodes (10,000 cards fit); a "billion laughs"
#: file (aliases of aliases) would expand to billions and hang every command.
MAX_DECK_NODES = 200_000
MAX_DECK_DEPTH = 64


class _TooBig(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Reader:
    """Turns a composed YAML node tree into _Map/_Seq/scalars, noting duplicate keys.

    It counts the nodes it reads, an alias each time it is used, and stops with
    :class:`_TooBig` past :data:`MAX_DECK_NODES` or :data:`MAX_DECK_DEPTH`.
    """

    def __init__(self, file: str, problems: list[Problem], lang: str = "en") -> None:
        self._file = file
        self._problems = problems
        self._lang = lang
        self._scalars = yaml.SafeLoader("")
        self._nodes = 0
        self._depth = 0

    def read(self, node: yaml.Node) -> Any:  # noqa: ANN401 - YAML values are of any type
        line = node.start_mark.line + 1
        self._nodes += 1
        if self._nodes > MAX_DECK_NODES:
            raise _TooBig(
                line,
                t("deck.p.too_many_values", self._lang, limit=f"{MAX_DECK_NODES:,}"),
            )
        if self._depth >= MAX_DECK_DEPTH:
            raise _TooBig(
                line,
                t("deck.p.too_deep", self._lang, limit=MAX_DECK_DEPTH),
            )
        self._depth += 1
        try:
            return self._read(node, line)
        finally:
            self._depth -= 1

    def _read(self, node: yaml.Node, line: int) -> Any:  # noqa: ANN401
        if isinstance(node, yaml.MappingNode):
            items: dict[str, tuple[int, Any]] = {}
            raw: dict[str, str] = {}
            for key_node, value_node in node.value:
                # Keys are taken as written: `no:` is the key "no", not the boolean False.
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                key_line = key_node.start_mark.line + 1
                if not isinstance(key, str):
                    message = t("deck.p.key_not_text", self._lang)
                    self._problems.append(Problem(self._file, key_line, None, message))
                    continue
                if key in items:
                    self._problems.append(
                        Problem(
                            self._file,
                            key_line,
                            None,
                            t("deck.p.duplicate_key", self._lang, key=key),
                        )
                    )
                items[key] = (key_line, self.read(value_node))
                if isinstance(value_node, yaml.ScalarNode):
                    raw[key] = value_node.value
            return _Map(line, items, raw)
        if isinstance(node, yaml.SequenceNode):
            return _Seq(line, [(v.start_mark.line + 1, self.read(v)) for v in node.value])
        try:
            return self._scalars.construct_object(node, deep=True)
        except yaml.YAMLError as error:  # e.g. an unknown tag such as !!python/object
            reason = getattr(error, "problem", None) or str(error)
            message = t("deck.p.bad_value", self._lang, reason=reason)
            self._problems.append(Problem(self._file, line, None, message))
            return None


def _load(text: str, file: str, problems: list[Problem], lang: str = "en") -> Any:  # noqa: ANN401
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        reason = error.problem or error.context or t("deck.p.unparsable", lang)
        message = t("deck.p.malformed_at", lang, column=column, reason=reason)
        problems.append(Problem(file, line, None, message))
        return None
    except yaml.YAMLError as error:
        problems.append(Problem(file, 1, None, t("deck.p.malformed", lang, reason=error)))
        return None
    if node is None:
        problems.append(Problem(file, 1, None, t("deck.p.empty_file", lang)))
        return None
    try:
        return _Reader(file, problems, lang).read(node)
    except _TooBig as error:
        problems.append(Problem(file, error.line, None, error.message))
        return None


# --- validation ----------------------------------------------------------------------


#: the parts of a deck named in problem messages → their catalogue keys
_WHAT = {
    "the deck": "deck.what.deck",
    "source": "deck.what.source",
    "a topic": "deck.what.a_topic",
    "a rule": "deck.what.a_rule",
    "the card": "deck.what.card",
}


class _Checker:
    def __init__(self, file: str, problems: list[Problem], lang: str = "en") -> None:
        self.file = file
        self.problems = problems
        self.languages: tuple[str, ...] = ("ja",)
        self.lang = lang

    def t(self, key: str, /, **values: object) -> str:
        """A message of the catalogue in the language of the problems."""
        return t(key, self.lang, **values)

    def what(self, what: str) -> str:
        """A part of the deck (``"the deck"``, ``"the card"``...) named in ``lang``."""
        return t(_WHAT[what], self.lang) if what in _WHAT else what

    def add(self, line: int, message: str, card: str | None = None) -> None:
        self.problems.append(Problem(self.file, line, card, message))

    def keys(self, node: _Map, allowed: set[str], what: str, card: str | None = None) -> None:
        for key, (line, _) in node.items.items():
            if key not in allowed:
                self.add(line, self.t("deck.p.unknown_key", key=key, what=self.what(what)), card)

    def required(self, node: _Map, keys: Iterable[str], what: str, card: str | None = None) -> None:
        for key in keys:
            if key not in node.items or node.value(key) is None:
                self.add(node.line, self.t("deck.p.missing", key=key, what=self.what(what)), card)

    def string(self, node: _Map, key: str, what: str, card: str | None = None) -> str | None:
        value = node.value(key)
        if value is None:
            return None
        if isinstance(value, (_Map, _Seq)) or isinstance(value, bool):
            message = self.t("deck.p.not_text", key=key, what=self.what(what))
            self.add(node.line_of(key), message, card)
            return None
        text = str(value).strip()
        if not text:
            message = self.t("deck.p.empty", key=key, what=self.what(what))
            self.add(node.line_of(key), message, card)
            return None
        return text

    def texts(
        self,
        node: _Map,
        key: str,
        what: str,
        card: str | None = None,
        max_chars: int | None = None,
    ) -> dict[str, str] | None:
        """A ``{language: text}`` field: every deck language present and non-empty."""
        value = node.value(key)
        line = node.line_of(key)
        what = self.what(what)
        if value is None:
            return None
        if isinstance(value, str):
            value = _Map(line, {"ja": (line, value)})
        if not isinstance(value, _Map):
            self.add(line, self.t("deck.p.not_texts", key=key, what=what), card)
            return None
        result: dict[str, str] = {}
        for lang, (lang_line, text) in value.items.items():
            if lang not in SUPPORTED_LANGUAGES:
                message = self.t("deck.p.unknown_language_in", lang=lang, key=key, what=what)
                self.add(lang_line, message, card)
                continue
            if isinstance(text, (_Map, _Seq)) or isinstance(text, bool):
                message = self.t("deck.p.not_text", key=f"{key}.{lang}", what=what)
                self.add(lang_line, message, card)
                continue
            clean = "" if text is None else str(text).strip()
            if not clean:
                message = self.t("deck.p.empty", key=f"{key}.{lang}", what=what)
                self.add(lang_line, message, card)
                continue
            if max_chars is not None and len(clean) > max_chars:
                self.add(
                    lang_line,
                    self.t("deck.p.too_long", key=f"{key}.{lang}", n=len(clean), limit=max_chars),
                    card,
                )
            result[lang] = clean
        for lang in self.languages:
            if lang not in value.items:
                message = self.t("deck.p.language_missing", lang=lang, key=key, what=what)
                self.add(line, message, card)
        return result


def parse_deck(text: str, file: str = "<deck>", lang: str = "en") -> Deck:
    """Parse and validate one deck file's text.

    Args:
        text: the YAML text.
        file: the file name used in problem messages.
        lang: the language of the problem messages (ja or en).

    Returns:
        The deck.

    Raises:
        DeckError: with every problem found, each located by file, line and card id.
    """
    problems: list[Problem] = []
    deck = _parse(text, file, problems, lang)
    if problems or deck is None:
        raise DeckError(problems, lang)
    return deck


def _parse(text: str, file: str, problems: list[Problem], lang: str = "en") -> Deck | None:
    root = _load(text, file, problems, lang)
    if root is None:
        return None
    check = _Checker(file, problems, lang)
    if not isinstance(root, _Map):
        check.add(1, check.t("deck.p.deck_not_map"))
        return None
    check.keys(root, _DECK_KEYS, "the deck")
    check.required(root, _DECK_REQUIRED, "the deck")

    languages = _languages(root, check)
    check.languages = languages
    deck_id = check.string(root, "id", "the deck")
    if deck_id is not None and not SLUG.match(deck_id):
        check.add(root.line_of("id"), check.t("deck.p.deck_slug", id=deck_id))
    version = check.string(root, "version", "the deck")
    if version is not None and not isinstance(root.value("version"), str):
        version = root.raw.get("version", version)  # 1.10 stays "1.10", not the number 1.1
    title = check.texts(root, "title", "the deck")
    attribution = check.texts(root, "attribution", "the deck") or {}
    source = _source(root, check)
    topics = _topics(root, check)
    topic_ids = {t.id for t in topics}
    rules = _rules(root, check)
    rule_ids = {r.id for r in rules} if "rules" in root.items else None

    cards: list[Card] = []
    cited: set[str] = set()  # also from cards with problems, so as not to add noise
    cards_node = root.value("cards")
    if cards_node is not None and not isinstance(cards_node, _Seq):
        check.add(root.line_of("cards"), check.t("deck.p.cards_not_list"))
    elif isinstance(cards_node, _Seq):
        seen: dict[str, int] = {}
        for line, node in cards_node.items:
            if isinstance(node, _Map) and node.value("source") is not None:
                cited.add(str(node.value("source")).strip())
            card = _card(node, line, check, topic_ids, rule_ids, source)
            if card is None:
                continue
            if card.id in seen:
                message = check.t("deck.p.duplicate_card", line=seen[card.id])
                check.add(card.line, message, card.id)
                continue
            seen[card.id] = card.line
            cards.append(card)
        if not cards_node.items:
            check.add(root.line_of("cards"), check.t("deck.p.no_cards"))

    if source is not None and source.items and cited:
        for item in source.items:
            if item not in cited:
                check.add(root.line_of("source"), check.t("deck.p.item_uncited", item=item))

    if problems or None in (deck_id, version, title, source):
        return None
    assert deck_id and version and title and source
    return Deck(
        id=deck_id,
        version=version,
        title=title,
        languages=languages,
        source=source,
        topics=tuple(topics),
        cards=tuple(cards),
        attribution=attribution,
        rules=tuple(rules),
        file=file,
    )


def _languages(root: _Map, check: _Checker) -> tuple[str, ...]:
    node = root.value("languages")
    line = root.line_of("languages")
    if node is None:
        return ("ja",)
    if not isinstance(node, _Seq) or not node.items:
        check.add(line, check.t("deck.p.languages_not_list"))
        return ("ja",)
    langs: list[str] = []
    for item_line, lang in node.items:
        if lang not in SUPPORTED_LANGUAGES:
            check.add(item_line, check.t("deck.p.unknown_language", lang=lang))
        elif lang not in langs:
            langs.append(lang)
    if "ja" not in langs:
        check.add(line, check.t("deck.p.needs_ja"))
        langs.insert(0, "ja")
    return tuple(langs)


def _source(root: _Map, check: _Checker) -> Source | None:
    node = root.value("source")
    if node is None:
        return None
    if not isinstance(node, _Map):
        check.add(root.line_of("source"), check.t("deck.p.source_not_map"))
        return None
    check.keys(node, _SOURCE_KEYS, "source")
    check.required(node, _SOURCE_REQUIRED, "source")
    title = check.string(node, "title", "source")
    title_en = check.string(node, "title_en", "source")
    publisher = check.string(node, "publisher", "source")
    url = check.string(node, "url", "source")
    year = node.value("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        check.add(node.line_of("year"), check.t("deck.p.year"))
        year = None
    items: list[str] = []
    items_node = node.value("items")
    if items_node is not None:
        if not isinstance(items_node, _Seq):
            check.add(node.line_of("items"), check.t("deck.p.items_not_list"))
        else:
            for line, item in items_node.items:
                label = "" if item is None else str(item).strip()
                if not label:
                    check.add(line, check.t("deck.p.item_empty"))
                elif label in items:
                    check.add(line, check.t("deck.p.item_duplicate", item=label))
                else:
                    items.append(label)
    if None in (title, publisher, url, year):
        return None
    assert title and publisher and url and isinstance(year, int)
    return Source(title, publisher, year, url, tuple(items), title_en or None)


def _topics(root: _Map, check: _Checker) -> list[Topic]:
    node = root.value("topics")
    if node is None:
        return []
    if not isinstance(node, _Seq):
        check.add(root.line_of("topics"), check.t("deck.p.topics_not_list"))
        return []
    topics: list[Topic] = []
    for line, item in node.items:
        if not isinstance(item, _Map):
            check.add(line, check.t("deck.p.topic_not_map"))
            continue
        check.keys(item, _TOPIC_KEYS, "a topic")
        check.required(item, ("id", "name"), "a topic")
        topic_id = check.string(item, "id", "a topic")
        name = check.texts(item, "name", check.t("deck.what.topic", id=topic_id))
        if topic_id is None or name is None:
            continue
        if not SLUG.match(topic_id):
            check.add(item.line_of("id"), check.t("deck.p.topic_slug", id=topic_id))
        if any(t.id == topic_id for t in topics):
            check.add(item.line_of("id"), check.t("deck.p.topic_duplicate", id=topic_id))
            continue
        topics.append(Topic(topic_id, name))
    return topics


def _rules(root: _Map, check: _Checker) -> list[Rule]:
    node = root.value("rules")
    if node is None:
        if "rules" in root.items:
            check.add(root.line_of("rules"), check.t("deck.p.rules_empty"))
        return []
    if not isinstance(node, _Seq) or not node.items:
        check.add(root.line_of("rules"), check.t("deck.p.rules_empty"))
        return []
    rules: list[Rule] = []
    for line, item in node.items:
        if not isinstance(item, _Map):
            check.add(line, check.t("deck.p.rule_not_map"))
            continue
        check.keys(item, _RULE_KEYS, "a rule")
        check.required(item, ("id", "name"), "a rule")
        rule_id = check.string(item, "id", "a rule")
        name = check.texts(item, "name", check.t("deck.what.rule", id=rule_id))
        terms = _terms(item, check, check.t("deck.what.rule", id=rule_id))
        if rule_id is None or name is None:
            continue
        if not SLUG.match(rule_id):
            check.add(item.line_of("id"), check.t("deck.p.rule_slug", id=rule_id))
        if any(r.id == rule_id for r in rules):
            check.add(item.line_of("id"), check.t("deck.p.rule_duplicate", id=rule_id))
            continue
        rules.append(Rule(rule_id, name, terms))
    return rules


def _terms(item: _Map, check: _Checker, what: str) -> dict[str, tuple[str, ...]]:
    """A rule's ``terms``: ``{language: [word, ...]}``, every word a non-empty text."""
    node = item.value("terms")
    if node is None:
        return {}
    if not isinstance(node, _Map):
        check.add(item.line_of("terms"), check.t("deck.p.terms_not_map", what=what))
        return {}
    terms: dict[str, tuple[str, ...]] = {}
    for lang, (line, words) in node.items.items():
        if lang not in SUPPORTED_LANGUAGES:
            check.add(line, check.t("deck.p.terms_language", lang=lang, what=what))
            continue
        if isinstance(words, str):
            words = _Seq(line, [(line, words)])
        if not isinstance(words, _Seq):
            check.add(line, check.t("deck.p.terms_not_list", lang=lang, what=what))
            continue
        clean: list[str] = []
        for word_line, word in words.items:
            text = "" if word is None or isinstance(word, (_Map, _Seq)) else str(word).strip()
            if not text:
                check.add(word_line, check.t("deck.p.term_empty", lang=lang, what=what))
            else:
                clean.append(text)
        terms[lang] = tuple(clean)
    return terms


def _card_rules(node: _Map, check: _Checker, rule_ids: set[str] | None, label: str) -> list[str]:
    """A card's ``rules``: required when the deck declares rules, else not allowed."""
    rules: list[str] = []
    rules_node = node.value("rules")
    if isinstance(rules_node, str):
        rules_node = _Seq(node.line_of("rules"), [(node.line_of("rules"), rules_node)])
    if rules_node is None:
        if rule_ids is not None:
            check.add(
                node.line_of("rules"),
                check.t("deck.p.card_rules_missing"),
                label,
            )
        return rules
    if not isinstance(rules_node, _Seq) or not rules_node.items:
        check.add(node.line_of("rules"), check.t("deck.p.card_rules_empty"), label)
        return rules
    for rule_line, rule in rules_node.items:
        if rule_ids is None:
            check.add(rule_line, check.t("deck.p.rule_undeclared", rule=rule), label)
        elif rule not in rule_ids:
            check.add(rule_line, check.t("deck.p.unknown_rule", rule=rule), label)
        elif rule not in rules:
            rules.append(rule)
    return rules


def _card(
    node: Any,  # noqa: ANN401 - whatever the YAML holds
    line: int,
    check: _Checker,
    topic_ids: set[str],
    rule_ids: set[str] | None,
    source: Source | None,
) -> Card | None:
    if not isinstance(node, _Map):
        check.add(line, check.t("deck.p.card_not_map"))
        return None
    raw_id = node.value("id")
    card_id = None if raw_id is None else str(raw_id).strip() or None
    label = card_id or f"#{line}"
    before = len(check.problems)
    check.keys(node, _CARD_KEYS, "the card", label)
    check.required(node, _CARD_REQUIRED, "the card", label)
    if card_id is not None and not SLUG.match(card_id):
        check.add(
            node.line_of("id"),
            check.t("deck.p.card_slug"),
            label,
        )

    kind = check.string(node, "kind", "the card", label)
    if kind is not None and kind not in CARD_KINDS:
        check.add(
            node.line_of("kind"),
            check.t("deck.p.unknown_kind", kind=kind, known=", ".join(CARD_KINDS)),
            label,
        )
        kind = None

    topics: list[str] = []
    topics_node = node.value("topics")
    if isinstance(topics_node, str):
        topics_node = _Seq(node.line_of("topics"), [(node.line_of("topics"), topics_node)])
    if topics_node is not None:
        if not isinstance(topics_node, _Seq) or not topics_node.items:
            check.add(node.line_of("topics"), check.t("deck.p.no_topics"), label)
        else:
            for topic_line, topic in topics_node.items:
                if topic not in topic_ids:
                    check.add(topic_line, check.t("deck.p.unknown_topic", topic=topic), label)
                elif topic not in topics:
                    topics.append(topic)

    rules = _card_rules(node, check, rule_ids, label)

    cited = check.string(node, "source", "the card", label)
    if cited is not None and source is not None and source.items and cited not in source.items:
        check.add(
            node.line_of("source"),
            check.t("deck.p.unknown_item", item=cited),
            label,
        )

    onboarding = node.value("onboarding")
    if onboarding is None:
        onboarding = False
    elif not isinstance(onboarding, bool):
        check.add(node.line_of("onboarding"), check.t("deck.p.onboarding_bool"), label)

    prompt = check.texts(node, "prompt", "the card", label, max_chars=MAX_PROMPT_CHARS)
    explanation = check.texts(node, "explanation", "the card", label)
    choices, answer = _choices_and_answer(node, check, kind, label)

    if len(check.problems) > before or card_id is None:
        return None
    if kind is None or prompt is None or explanation is None or answer is None:
        return None
    return Card(
        id=card_id,
        kind=kind,
        topics=tuple(topics),
        source=cited or "",
        onboarding=bool(onboarding),
        prompt=prompt,
        choices=tuple(choices),
        answer=answer,
        explanation=explanation,
        rules=tuple(rules),
        line=line,
    )


def _choices_and_answer(
    node: _Map, check: _Checker, kind: str | None, label: str
) -> tuple[list[Choice], str | None]:
    answer = node.value("answer")
    answer_line = node.line_of("answer")
    if kind == "true-false":
        if "choices" in node.items:
            check.add(
                node.line_of("choices"),
                check.t("deck.p.tf_choices"),
                label,
            )
        if answer is None:
            return [], None
        if not isinstance(answer, bool) or node.raw.get("answer") not in ("true", "false"):
            check.add(answer_line, check.t("deck.p.tf_answer"), label)
            return [], None
        choices = [Choice(key, dict(text)) for key, text in TRUE_FALSE_LABELS.items()]
        return choices, "true" if answer else "false"

    if kind != "single-choice":
        return [], None
    choices_node = node.value("choices")
    if choices_node is None:
        message = check.t("deck.p.missing", key="choices", what=check.what("the card"))
        check.add(node.line, message, label)
        return [], None
    if not isinstance(choices_node, _Map):
        check.add(
            node.line_of("choices"),
            check.t("deck.p.choices_not_map"),
            label,
        )
        return [], None
    choices: list[Choice] = []
    for key, (key_line, texts) in choices_node.items.items():
        if not CHOICE_KEY.match(key):
            check.add(key_line, check.t("deck.p.choice_key", key=key), label)
            continue
        holder = _Map(key_line, {key: (key_line, texts)})
        text = check.texts(holder, key, check.t("deck.what.choice", key=key), label)
        if text is not None:
            choices.append(Choice(key, text))
    if len(choices_node.items) < 2:
        check.add(
            node.line_of("choices"),
            check.t("deck.p.few_choices", n=len(choices_node.items)),
            label,
        )
    for lang in SUPPORTED_LANGUAGES:
        seen: dict[str, str] = {}
        for choice in choices:
            text = choice.text.get(lang)
            if text is None:
                continue
            if text in seen:
                check.add(
                    choices_node.line_of(choice.key),
                    check.t("deck.p.duplicate_choice", key=choice.key, other=seen[text], lang=lang),
                    label,
                )
            else:
                seen[text] = choice.key
    if answer is None:
        return choices, None
    answer_key = node.raw.get("answer", str(answer)).strip()
    if answer_key not in choices_node.items:
        keys = ", ".join(choices_node.items) or check.t("deck.p.none")
        message = check.t("deck.p.answer_not_choice", answer=answer_key, keys=keys)
        check.add(answer_line, message, label)
        return choices, None
    return choices, answer_key


def check_decks(decks: Iterable[Deck], lang: str = "en") -> list[Problem]:
    """Problems that only show across decks: the same card id in two decks, or deck id.

    Args:
        decks: valid decks (each parsed by :func:`parse_deck`).
        lang: the language of the problem messages (ja or en).

    Returns:
        The problems, located at the later occurrence.
    """
    problems: list[Problem] = []
    cards: dict[str, tuple[str, int]] = {}
    deck_ids: dict[str, str] = {}
    for deck in decks:
        if deck.id in deck_ids:
            problems.append(
                Problem(
                    deck.file,
                    1,
                    None,
                    t("deck.p.duplicate_deck", lang, id=deck.id, other=deck_ids[deck.id]),
                )
            )
        deck_ids.setdefault(deck.id, deck.file)
        for card in deck.cards:
            if card.id in cards:
                other_file, other_line = cards[card.id]
                problems.append(
                    Problem(
                        deck.file,
                        card.line,
                        card.id,
                        t("deck.p.duplicate_card_across", lang, where=f"{other_file}:{other_line}"),
                    )
                )
            else:
                cards[card.id] = (deck.file, card.line)
    return problems
