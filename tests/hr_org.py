"""Shared by the HR tests: a small deck, an organisation, and answering through the core.

Everything goes through the public API (``Store``, the use cases); no raw INSERTs.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from recall.core.codes import Method
from recall.core.deck import parse_deck
from recall.core.employee import Employee
from recall.service import review
from recall.store import Store

START = datetime(2026, 4, 1, 0, 0, tzinfo=UTC)  # 09:00 in Tokyo, first day of FY2026

DECK_YAML = """\
id: hr-test
version: "2.1"
title: {ja: テスト用デッキ, en: Test deck}
languages: [ja, en]
source: {title: 事例集 <2025>, publisher: PPC, year: 2025, url: "https://example.org/cases"}
attribution: {ja: 出典：事例集, en: "Source: case book"}
topics:
  - id: consent
    name: {ja: 同意, en: Consent}
  - id: disposal
    name: {ja: 廃棄, en: Disposal}
  - id: email
    name: {ja: 誤送信, en: Misdirected email}
  - id: access
    name: {ja: アクセス制御, en: Access control}
cards:
"""

_CARDS = [
    ("consent-1", "consent", True),
    ("consent-2", "consent", False),
    ("disposal-1", "disposal", True),
    ("disposal-2", "disposal", False),
    ("email-1", "email", True),
    ("email-2", "email", False),
    ("email-3", "email", False),
    ("access-1", "access", False),
]


def deck_text() -> str:
    """The test deck's YAML."""
    text = DECK_YAML
    for card_id, topic, onboarding in _CARDS:
        text += (
            f"  - id: {card_id}\n    kind: single-choice\n    topics: [{topic}]\n"
            f"    source: 事例{card_id}\n    onboarding: {str(onboarding).lower()}\n"
            f"    prompt: {{ja: 問題 {card_id}, en: Question {card_id}}}\n"
            "    choices:\n      a: {ja: はい, en: 'Yes'}\n      b: {ja: いいえ, en: 'No'}\n"
            "    answer: b\n    explanation: {ja: 説明, en: Why}\n"
        )
    return text


CARDS_BY_TOPIC = {
    topic: [c for c, t, _ in _CARDS if t == topic]
    for topic in ("consent", "disposal", "email", "access")
}
ONBOARDING = [c for c, _, o in _CARDS if o]

DEPARTMENTS = {"sales": 3, "dev": 3, "hr": 2}


def write_deck(tmp_path: Path) -> Path:
    """Write the deck to ``tmp_path/decks`` and return that folder."""
    folder = tmp_path / "decks"
    folder.mkdir(exist_ok=True)
    (folder / "hr-test.yaml").write_text(deck_text(), encoding="utf-8")
    return folder


def make_store(tmp_path: Path, now: datetime = START) -> Store:
    """A store at ``tmp_path/recall.db`` with the test deck synced."""
    write_deck(tmp_path)
    store = Store.open(tmp_path / "recall.db")
    # A testing session: simulated employees' timelines interleave (each studies from
    # the start of the day), which the clock rule refuses outside tests.
    store.allow_past = True
    store.sync_decks([parse_deck(deck_text(), "hr-test.yaml")], now=now)
    return store


def employees(departments: dict[str, int] = DEPARTMENTS) -> list[Employee]:
    """Employees ``<dept>-<n>`` named ``Name <dept> n``, hired 2026-03-01."""
    return [
        Employee(
            id=f"{dept}-{n}",
            name=f"Name <{dept}> {n}",
            department=dept,
            hired=date(2026, 3, 1),
        )
        for dept, count in departments.items()
        for n in range(1, count + 1)
    ]


def make_org(tmp_path: Path, now: datetime = START) -> Store:
    """The test store with the :data:`DEPARTMENTS` organisation enrolled."""
    store = make_store(tmp_path, now)
    store.add_employees(employees(), now=now)
    return store


def answer(
    store: Store,
    employee_id: str,
    card_id: str,
    now: datetime,
    correct: bool = True,
    method: str = "cli",
) -> None:
    """Answer one card through the answering use case (as every front end does)."""
    review.answer(
        store,
        employee_id,
        card_id,
        "b" if correct else "a",
        now,
        response_ms=6_000,
        method=Method(method),
    )


def study(
    store: Store,
    employee_id: str,
    now: datetime,
    *,
    wrong: set[str] = frozenset(),
    skip_topics: set[str] = frozenset(),
    method: str = "cli",
) -> list[str]:
    """Answer the employee's whole queue at ``now`` (one second apart).

    Cards on ``skip_topics`` are left unanswered; cards in ``wrong`` are answered wrong.
    Returns the ids answered, in order.
    """
    done = []
    moment = now
    for item in review.queue(store, employee_id, now):
        card = store.card(item.card_id)
        if set(card.topics) & set(skip_topics):
            continue
        answer(
            store,
            employee_id,
            item.card_id,
            moment,
            correct=item.card_id not in wrong,
            method=method,
        )
        done.append(item.card_id)
        moment += timedelta(seconds=1)
    return done


def simulate(
    store: Store,
    days: int,
    start: datetime = START,
    *,
    skip_topics: dict[str, set[str]] | None = None,
) -> datetime:
    """Everyone studies every weekday for ``days`` days; returns the instant after."""
    skip_topics = skip_topics or {}
    for day in range(days):
        now = start + timedelta(days=day)
        if now.weekday() >= 5:
            continue
        for employee in store.employees():
            study(store, employee.id, now, skip_topics=skip_topics.get(employee.id, set()))
    return start + timedelta(days=days)
