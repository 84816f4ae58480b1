"""Shared fixtures: a small deck written to tmp_path, a real store, and a CLI runner
that always passes ``--db`` and ``--decks``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from recall.cli.app import app
from recall.core.deck import parse_deck
from recall.store import Store

DECK = """\
id: sample
version: "1"
title: {ja: サンプル, en: Sample}
languages: [ja, en]
source: {title: 事例集, publisher: P, year: 2025, url: "https://example.org", items: [事例1, 事例2]}
topics:
  - id: consent
    name: {ja: 同意, en: Consent}
  - id: disposal
    name: {ja: 廃棄, en: Disposal}
cards:
  - id: c1
    kind: single-choice
    topics: [consent]
    source: 事例1
    onboarding: true
    prompt: {ja: 同意なく第三者に渡してよいか, en: "May you pass it on without consent?"}
    choices:
      a: {ja: はい, en: "Yes"}
      b: {ja: いいえ, en: "No"}
      c: {ja: 上司がよいと言えば, en: If the boss agrees}
    answer: b
    explanation: {ja: 本人の同意が必要です, en: The person's consent is needed}
  - id: c2
    kind: true-false
    topics: [disposal]
    source: 事例2
    onboarding: true
    prompt: {ja: 書類はそのまま捨ててよい, en: Papers may go in the bin as they are}
    answer: false
    explanation: {ja: 裁断します, en: Shred them}
  - id: c3
    kind: single-choice
    topics: [consent]
    source: 事例1
    prompt: {ja: 問題3, en: Question 3}
    choices:
      a: {ja: 甲, en: A}
      b: {ja: 乙, en: B}
    answer: a
    explanation: {ja: 説明3, en: Why 3}
  - id: c4
    kind: true-false
    topics: [disposal]
    source: 事例2
    prompt: {ja: 問題4, en: Question 4}
    answer: true
    explanation: {ja: 説明4, en: Why 4}
"""

NOW = "2026-04-01T09:00:00+09:00"
NOW_UTC = datetime(2026, 4, 1, 0, 0, tzinfo=UTC)

# Environment variables a developer's shell might set that would change the CLI's
# behaviour; every invocation clears them unless a test sets them.
_CLEAN_ENV = {
    "RECALL_NOW": None,
    "RECALL_EMPLOYEE": None,
    "RECALL_DB": None,
    "RECALL_DECKS": None,
    "RECALL_LANG": None,
}


def write_deck(folder: Path, text: str = DECK, name: str = "sample.yaml") -> Path:
    """Write a deck file into ``folder`` (created if needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def deck_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    write_deck(folder)
    return folder


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    folder = tmp_path / "data"  # --db needs an existing folder (a mistyped path is refused)
    folder.mkdir(exist_ok=True)
    return folder / "recall.db"


@pytest.fixture
def store(db_path: Path, deck_dir: Path):
    s = Store.open(db_path)
    s.sync_decks([parse_deck(DECK, str(deck_dir / "sample.yaml"))], now=NOW_UTC)
    yield s
    s.close()


Invoke = Callable[..., Result]


@pytest.fixture
def cli(db_path: Path, deck_dir: Path) -> Invoke:
    """Run ``recall --db DB --decks DECKS [--now NOW] ARGS...`` in-process."""
    runner = CliRunner()

    def invoke(
        *args: str, now: str | None = NOW, input: str | None = None, env: dict | None = None
    ) -> Result:
        prefix = ["--db", str(db_path), "--decks", str(deck_dir)]
        if now is not None:
            prefix += ["--now", now]
        full_env = {**_CLEAN_ENV, **(env or {})}
        return runner.invoke(app, [*prefix, *args], input=input, env=full_env)

    return invoke


def big_deck(n: int) -> str:
    """The sample deck's header with ``n`` single-choice onboarding cards ``k01``...

    Every card's answer is ``b``; one true-false card ``k00`` (answer true) cites 事例2.
    """
    head = DECK.split("cards:\n")[0] + "cards:\n"
    card = (
        "  - id: k{i:02d}\n    kind: single-choice\n    topics: [consent]\n"
        "    source: 事例1\n    onboarding: true\n"
        "    prompt: {{ja: 問題{i}, en: Question {i}}}\n    choices:\n"
        "      a: {{ja: 甲, en: A}}\n      b: {{ja: 乙, en: B}}\n      c: {{ja: 丙, en: C}}\n"
        "    answer: b\n    explanation: {{ja: 説明{i}, en: Because {i}}}\n"
    )
    tail = (
        "  - id: k00\n    kind: true-false\n    topics: [disposal]\n    source: 事例2\n"
        "    prompt: {ja: 問題0, en: Question 0}\n    answer: true\n"
        "    explanation: {ja: 説明0, en: Because 0}\n"
    )
    return head + "".join(card.format(i=i) for i in range(1, n + 1)) + tail
