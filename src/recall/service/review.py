"""The employee's use cases: today's cards, answering one, status, first-use enrolment.

The terminal review, ``recall due`` / ``answer`` / ``status``, and the web review pages
all call these functions, so a card is queued, shown, graded and recorded the same way
wherever it is answered.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

import fsrs

from recall.core.answering import Answer, answer_card
from recall.core.codes import Lang, Method, Reason
from recall.core.deck import Card
from recall.core.employee import Employee, validate_employee_id
from recall.core.policy import Policy
from recall.core.presentation import ShownCard, present
from recall.core.queue import QueueItem, build_queue, reason_for, waiting
from recall.core.status import EmployeeStatus, employee_status, next_review
from recall.core.values import check_response_ms
from recall.errors import InputError, NotFoundError
from recall.service.clock import Clock, stamp
from recall.store import AnswerRow, Store

__all__ = [
    "Answered",
    "Enrolment",
    "Status",
    "Summary",
    "Today",
    "answer",
    "employee_for",
    "queue",
    "require_active",
    "status",
    "summary",
    "today",
]


@dataclass(frozen=True)
class Enrolment:
    """The employee a request is for, and whether they were enrolled by this request."""

    employee: Employee
    enrolled_now: bool


@dataclass(frozen=True)
class Today:
    """Today's cards for one employee, shown in ``lang``.

    ``cards`` is what to show now, in order; ``waiting`` cards were answered wrongly today
    and wait for their short learning step: while other cards are left, or, when only they
    are left, if it ends later than :data:`recall.core.queue.LEARN_AHEAD` (the first at
    ``waiting_until``); otherwise they are in ``cards``, at the end of the session.
    """

    employee: Employee
    lang: Lang
    day: date
    cards: tuple[ShownCard, ...]
    waiting: int
    waiting_until: datetime | None


@dataclass(frozen=True)
class Answered:
    """An answer as recorded: the grade, the new memory state and the log row's id."""

    employee: Employee
    card: Card
    answer: Answer
    reason: Reason
    method: Method
    review_id: int

    @property
    def next_due(self) -> datetime:
        """When the card is due next (aware UTC)."""
        return self.answer.after.due


@dataclass(frozen=True)
class Status:
    """One employee's training status."""

    employee: Employee
    status: EmployeeStatus


@dataclass(frozen=True)
class Summary:
    """What a review session ends with: the next review and the cards still stepping."""

    next_review: datetime | None
    waiting: int
    waiting_until: datetime | None


def employee_for(
    store: Store, now: datetime, employee_id: str, *, enrol: bool = False, lang: Lang | None = None
) -> Enrolment:
    """The employee with this id; with ``enrol``, enrolled on first use.

    First-use enrolment (the terminal user's login name) uses the id as name, no
    department, today as hire date, and ``lang`` or Japanese (the organisation's language).

    Raises:
        NotFoundError: no such employee (and ``enrol`` is false).
        InputError: ``employee_id`` is not a valid employee id.
    """
    try:
        return Enrolment(store.employee(employee_id), False)
    except NotFoundError:
        if not enrol:
            raise
    validate_employee_id(employee_id)
    employee = Employee(
        id=employee_id,
        name=employee_id,
        department="",
        hired=store.policy().local_date(now),
        lang=lang or Lang.JA,
    )
    store.add_employees([employee], now=now)
    return Enrolment(employee, True)


def require_active(store: Store, employee: Employee, now: datetime) -> None:
    """Refuse reviews and answers after the employee's leaving date.

    Raises:
        InputError: the employee has left (in the employee's language).
    """
    if not employee.active_on(store.policy().local_date(now)):
        assert employee.left_on is not None
        raise InputError.of("review.left", id=employee.id, day=employee.left_on.isoformat())


def queue(
    store: Store, employee_id: str, now: datetime, *, limit: int | None = None
) -> list[QueueItem]:
    """Today's queue for an employee, in order (empty once they have left).

    Raises:
        NotFoundError: no such employee.
    """
    employee = store.employee(employee_id)
    policy = store.policy()
    if not employee.active_on(policy.local_date(now)):
        return []
    start, end = policy.today_bounds(now)
    activity = store.activity_today(employee_id, start, end)
    return build_queue(
        store.enrolled_cards(employee_id),
        store.memories(employee_id),
        now=now,
        policy=policy,
        hired=employee.hired,
        assigned=store.open_assignments(employee_id).keys(),
        answered_today=activity.answered,
        introduced_today=activity.introduced,
        limit=limit,
    )


def today(
    store: Store,
    employee_id: str,
    now: datetime,
    *,
    lang: Lang | None = None,
    include_waiting: bool = False,
) -> Today:
    """The cards to show now, each in the employee's language (or ``lang``), its choices
    shuffled for this employee and day.

    Cards answered wrongly today wait for the others, then are shown at once if their
    learning step ends within :data:`recall.core.queue.LEARN_AHEAD` (the rule is
    :func:`recall.core.queue.waiting`). With ``include_waiting``, waiting cards are listed
    too, last, as a review shows them (the whole of today's queue, for integrations that
    schedule their own prompts).

    Raises:
        NotFoundError: no such employee.
    """
    employee = store.employee(employee_id)
    policy = store.policy()
    shown_lang = Lang(lang or employee.lang)
    day = policy.local_date(now)
    memories = store.memories(employee_id)
    items = queue(store, employee_id, now)
    later = waiting(items, memories, now, policy)
    listed = [i for i in items if i not in later] + (later if include_waiting else [])
    shown = tuple(
        present(
            store.card(i.card_id),
            employee_id=employee_id,
            day=day,
            lang=shown_lang,
            reason=i.reason,
        )
        for i in listed
    )
    versions = store.card_versions()
    shown = tuple(replace(s, version=versions.get(s.card_id, 0)) for s in shown)
    until = min((memories[i.card_id].due for i in later), default=None)
    return Today(employee, shown_lang, day, shown, len(later), until)


def answer(
    store: Store,
    employee_id: str,
    card_id: str,
    choice: str,
    now: datetime | Clock | None,
    *,
    response_ms: int | None,
    method: Method,
    shown_version: int | None = None,
) -> Answered:
    """Grade and record one answer, committed before this returns.

    The answer time, the memory state, the card and the open refreshers are read inside
    the write transaction, so two answers to one card at the same moment (two tabs, an
    LMS sync) are applied one after the other and logged in that order. The time obeys
    the clock rule (:func:`recall.service.clock.stamp`): never earlier than the latest
    record, never before the hire date or after leaving. A refresher is done only when
    answered correctly; a wrong answer keeps it open and the card comes back.

    Args:
        store: the open store.
        employee_id: who answers.
        card_id: the card answered.
        choice: the chosen choice's key.
        now: a fixed instant (aware UTC), or a clock to read under the write lock (None:
            the system clock).
        response_ms: response time in milliseconds, or None if not measured.
        method: how the answer reached recall (audit record).
        shown_version: the card version that was shown; when the card has changed since,
            the answer is refused rather than graded against a text nobody saw.

    Returns:
        The recorded answer.

    Raises:
        NotFoundError: no such employee or card.
        InputError: the employee has left or is not hired yet, the time breaks the clock
            rule, the choice is not one of the card's, or the card changed since it was
            shown.
        BusyError: another process held the write lock too long (nothing recorded).
    """
    check_response_ms(response_ms)
    employee = store.employee(employee_id)
    policy = store.policy()
    with store.transaction():
        now = stamp(store, now)
        require_active(store, employee, now)
        day = policy.local_date(now)
        if day < employee.hired:
            raise InputError.of(
                "clock.before_hire",
                id=employee.id,
                hired=employee.hired.isoformat(),
                day=day.isoformat(),
            )
        card = store.card(card_id)
        version = store.card_version(card_id)
        if shown_version is not None and shown_version != version:
            raise InputError.of(
                "error.card_changed", id=card_id, shown=shown_version, version=version
            )
        memories = store.memories(employee_id)
        memory = memories.get(card_id)
        if memory is not None:
            memory = _under_current_fit(store, employee_id, card_id, memory, policy)
        assignment = store.open_assignments(employee_id).get(card_id)
        reason = reason_for(card, memory, assigned=assignment is not None, now=now, policy=policy)
        result = answer_card(
            card,
            memory or store.memory_or_new(employee_id, card_id, now),
            choice,
            response_ms,
            now,
            policy,
            seed_key=f"{employee_id}:{card_id}",
        )
        written = store.record_answers(
            [
                AnswerRow(
                    employee_id=employee_id,
                    answer=result,
                    reason=reason,
                    method=method,
                    card_version=version,
                    assignment_id=assignment,
                    closes_assignment=result.correct,
                )
            ]
        )
    return Answered(employee, card, result, reason, method, written.last_id)


def _under_current_fit(
    store: Store, employee_id: str, card_id: str, memory: fsrs.Card, policy: Policy
) -> fsrs.Card:
    """The stored memory state, recomputed from the card's review log under the
    parameters in use (:meth:`Policy.replay`) when ``recall optimize`` stored them after
    the card's last review; its due date is kept."""
    fit = store.current_fit()
    if fit is None or memory.last_review is None or memory.last_review >= fit.fitted_at:
        return memory
    reviews = [
        (r.answered_at, r.rating) for r in store.reviews(employee_id) if r.card_id == card_id
    ]
    return policy.replay(memory, reviews)


def status(store: Store, employee_id: str, now: datetime) -> Status:
    """Due today, overdue, next review, onboarding progress and estimated retention.

    Raises:
        NotFoundError: no such employee.
    """
    employee = store.employee(employee_id)
    policy = store.policy()
    result = employee_status(
        store.enrolled_cards(employee_id),
        store.memories(employee_id),
        queue(store, employee_id, now),
        now=now,
        policy=policy,
    )
    if not employee.active_on(policy.local_date(now)):
        result = replace(result, next_review=None)  # no reviews after leaving
    return Status(employee, result)


def summary(store: Store, employee_id: str, now: datetime) -> Summary:
    """The end of a session: when the next review is, and cards waiting for their step
    (only when nothing else is left today: otherwise the next review is now and the
    missed cards come back at its end).

    Raises:
        NotFoundError: no such employee.
    """
    policy = store.policy()
    memories: dict[str, fsrs.Card] = store.memories(employee_id)
    items = queue(store, employee_id, now)
    later = waiting(items, memories, now, policy)
    if len(later) < len(items):
        later = []  # the next review is now, and ends with the cards missed: none waits
    until = min((memories[i.card_id].due for i in later), default=None)
    when = next_review(store.enrolled_cards(employee_id), memories, items, now=now, policy=policy)
    return Summary(when, len(later), until)
