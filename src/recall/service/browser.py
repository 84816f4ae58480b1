"""The review in a browser: each shown card under an idempotency key, answered once.

A page can be submitted twice (a double click, the back button, a reload, two tabs).
Every card the browser shows is stored under a random key; the answer names the key, and
a key already answered returns the earlier result instead of recording again. Two tabs
showing the same card get the same key. Queueing, grading and recording are
:mod:`recall.service.review`'s (the terminal review calls the same functions).

Classes: :class:`NextCard`, :class:`Feedback`, :class:`Progress`, :class:`TopicRetention`,
:class:`OpenRefresher`. Functions: :func:`next_card`, :func:`answer_shown`,
:func:`feedback`, :func:`progress`, :func:`answered_today`.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime

from recall.core.codes import Lang, Method
from recall.core.deck import Card
from recall.core.incident import past_deadline
from recall.core.presentation import ShownCard, present
from recall.errors import NotFoundError
from recall.service import review
from recall.store import Store
from recall.store import auth as sql

__all__ = [
    "Feedback",
    "NextCard",
    "OpenRefresher",
    "Progress",
    "TopicRetention",
    "answer_shown",
    "answered_today",
    "feedback",
    "next_card",
    "progress",
]


@dataclass(frozen=True)
class NextCard:
    """Today's cards and the first to show with its key (None when nothing is left now)."""

    today: review.Today
    card: ShownCard | None
    key: str | None


@dataclass(frozen=True)
class Feedback:
    """An answered card: what was shown and chosen, right or wrong, why, and the source."""

    key: str
    shown: ShownCard
    card: Card
    choice: str
    correct: bool
    answered_at: datetime
    source_title: str
    #: True when this answer had already been recorded under the key (nothing new written)
    repeated: bool

    @property
    def chosen(self) -> str:
        """The text of the chosen choice."""
        return next((c.text for c in self.shown.choices if c.key == self.choice), self.choice)

    @property
    def right(self) -> tuple[int, str]:
        """Number and text of the correct choice, as shown."""
        right = next(c for c in self.shown.choices if c.key == self.card.answer)
        return right.number, right.text

    @property
    def explanation(self) -> str:
        """The explanation in the language the card was shown in."""
        return self.card.text("explanation", self.shown.lang)


@dataclass(frozen=True)
class TopicRetention:
    """Estimated retention of one topic's reviewed cards."""

    topic: str
    name: str
    retention: float
    cards: int


@dataclass(frozen=True)
class OpenRefresher:
    """A refresher still to do."""

    title: str
    card_id: str
    deadline: date | None
    overdue: bool


@dataclass(frozen=True)
class Progress:
    """The "my progress" page: status, retention per topic, open refreshers."""

    status: review.Status
    topics: tuple[TopicRetention, ...]
    refreshers: tuple[OpenRefresher, ...]


def next_card(store: Store, employee_id: str, now: datetime, lang: Lang | None) -> NextCard:
    """Today's cards and the first one to show, with its idempotency key.

    Raises:
        NotFoundError: no such employee.
    """
    today = review.today(store, employee_id, now, lang=lang)
    if not today.cards:
        return NextCard(today, None, None)
    card = today.cards[0]
    row = sql.open_shown(store, employee_id, card.card_id, card.version)
    if row is not None:  # a reload or a second tab: the same key, nothing written
        return NextCard(today, card, row.key)
    with store.transaction():
        row = sql.open_shown(store, employee_id, card.card_id, card.version)
        if row is not None:
            return NextCard(today, card, row.key)
        key = secrets.token_urlsafe(16)
        sql.add_shown(
            store,
            sql.ShownRow(
                key=key,
                employee_id=employee_id,
                card_id=card.card_id,
                card_version=card.version,
                reason=card.reason,
                lang=card.lang,
                shown_at=now,
                review_id=None,
            ),
        )
    return NextCard(today, card, key)


def answer_shown(
    store: Store,
    employee_id: str,
    key: str,
    choice: str,
    now: datetime,
    *,
    response_ms: int | None,
) -> Feedback:
    """Record the answer to the card shown under ``key``, once.

    The answer goes through :func:`recall.service.review.answer` (method ``web``), in the
    same transaction that marks the key answered; a key already answered returns the
    earlier result and records nothing.

    Raises:
        NotFoundError: no card was shown to this employee under ``key``.
        InputError: the employee has left, the choice is not one of the card's, or the
            card changed since it was shown.
    """
    with store.transaction():
        row = _own_row(store, employee_id, key)
        if row.review_id is not None:
            return _feedback(store, row, row.review_id, repeated=True)
        result = review.answer(
            store,
            employee_id,
            row.card_id,
            choice,
            now,
            response_ms=response_ms,
            method=Method.WEB,
            shown_version=row.card_version,
        )
        sql.mark_shown_answered(store, key, result.review_id)
    return _feedback(store, row, result.review_id, repeated=False)


def feedback(store: Store, employee_id: str, key: str) -> Feedback | None:
    """The result of the answer given under ``key``; None while it is unanswered.

    Raises:
        NotFoundError: no card was shown to this employee under ``key``.
    """
    row = _own_row(store, employee_id, key)
    if row.review_id is None:
        return None
    return _feedback(store, row, row.review_id, repeated=True)


def answered_today(store: Store, employee_id: str, now: datetime) -> tuple[int, int]:
    """Answers given today (organisation's day) and how many were right."""
    start, end = store.policy().today_bounds(now)
    return sql.answers_between(store, employee_id, start, end)


def progress(store: Store, employee_id: str, now: datetime, lang: Lang) -> Progress:
    """Status, estimated retention per topic and open refreshers of one employee.

    Raises:
        NotFoundError: no such employee.
    """
    status = review.status(store, employee_id, now)
    names = store.topics()
    _, per_topic = store.retention_of(employee_id, now)
    topics = tuple(
        TopicRetention(topic, names.get(topic, {}).get(lang) or topic, r.mean, r.count)
        for topic, r in sorted(per_topic.items())
        if r.mean is not None
    )
    today = store.policy().local_date(now)
    refreshers = tuple(
        OpenRefresher(
            title=a.title,
            card_id=a.card_id,
            deadline=a.deadline,
            overdue=past_deadline(a.deadline, today),
        )
        for a in store.assignments_of(employee_id)
        if a.done_at is None
    )
    return Progress(status, topics, refreshers)


def _own_row(store: Store, employee_id: str, key: str) -> sql.ShownRow:
    row = sql.find_shown(store, key) if len(key) <= 64 else None
    if row is None or row.employee_id != employee_id:
        raise NotFoundError.of("error.not_shown")
    return row


def _feedback(store: Store, row: sql.ShownRow, review_id: int, *, repeated: bool) -> Feedback:
    record = sql.answer_record(store, review_id)
    card = store.card(row.card_id)
    day = store.policy().local_date(row.shown_at)
    shown = present(card, employee_id=row.employee_id, day=day, lang=row.lang, reason=row.reason)
    title = sql.source_title(store, card.id)
    return Feedback(
        key=row.key,
        shown=shown,
        card=card,
        choice=record.choice,
        correct=record.correct,
        answered_at=record.answered_at,
        source_title=title,
        repeated=repeated,
    )
