"""The scheduling policies compared: fixed intervals, recall's own, and an oracle.

Classes: :class:`PolicySpec` (a picklable description), :class:`FixedInterval` (every
card again a fixed number of days after it was last answered: annual, quarterly, every
30 or 21 days; no limit), :class:`PacedFixed` (the same intervals under recall's daily
limit, onboarding spread, new-card quota and refreshers), :class:`Oracle` (shows the
cards whose *true* recall has fallen below a threshold, under the same pacing) and
:class:`RecallSchedule` (the product's own path: ``build_queue`` + ``answer_card`` +
``Policy``, with incident refreshers passed as ``assigned``).
Function: :func:`default_policies`.

A schedule is asked once per study day which cards to show (:meth:`plan`), is told each
answer (:meth:`record`), and is told about incidents (:meth:`assign`). Only the oracle
sees the simulated employee's memory; the others see choices and response times, as the
product does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

import fsrs

from recall.core.answering import Answer, answer_card
from recall.core.codes import Reason
from recall.core.deck import Card
from recall.core.policy import Policy, Settings
from recall.core.queue import QueueItem, build_queue, share_slots, stepping_today, waiting

__all__ = [
    "FixedInterval",
    "Oracle",
    "PacedFixed",
    "PolicySpec",
    "RecallSchedule",
    "Schedule",
    "default_policies",
    "oracle_sweep",
]


class Schedule(Protocol):
    """What the run loop needs from a policy."""

    def plan(self, day: int, now: datetime) -> list[tuple[str, str]]:
        """Cards to show today, in order, each with the reason it is shown."""
        ...

    def record(self, card: Card, choice: str, response_ms: int, now: datetime, day: int) -> None:
        """One answer, in the order planned."""
        ...

    def assign(self, card_ids: Iterable[str]) -> None:
        """An incident made these cards refreshers."""
        ...

    def again(self, now: datetime) -> list[tuple[str, str]]:
        """Once the planned cards are answered: cards to show again before the sitting
        ends (recall's cards answered wrongly in it), in order; empty when done."""
        ...


@dataclass(frozen=True)
class PolicySpec:
    """A policy to simulate, described by value so that worker processes can build it.

    Give exactly one of ``interval_days``, ``desired_retention`` and ``oracle_threshold``.

    Attributes:
        name: the name shown in reports.
        interval_days: for a fixed-interval policy, days between two reviews of a card.
        desired_retention: for recall's scheduler, the organisation's desired retention.
        oracle_threshold: for the oracle, the true recall below which a card is shown.
        paced: a fixed-interval policy under recall's daily limit and new-card pacing.
        fitted: recall fits its FSRS parameters to the simulated log every month (from
            the first month with enough reviews), as ``recall optimize`` would.
        learning_steps_minutes: recall's learning steps, if not the product's.
        relearning_steps_minutes: recall's relearning steps, if not the product's.
        learn_ahead: recall ends the sitting with the cards in their short step (answered
            wrongly in it), as the product does (:func:`recall.core.queue.waiting`);
            False: they wait for their step, which comes after the sitting, so they
            are next shown at the employee's next sitting (the product before this).
        parameters: FSRS parameters recall starts with (FSRS's defaults when None); a
            self-fitting policy replaces them at its first fit.
        reshow_wrong: a paced cycle or the oracle shows each card answered wrongly
            again at the end of the sitting, as recall does (to compare schedulers under
            the same sitting rule; recall always does).
    """

    name: str
    interval_days: int | None = None
    desired_retention: float | None = None
    oracle_threshold: float | None = None
    paced: bool = False
    fitted: bool = False
    learning_steps_minutes: tuple[float, ...] | None = None
    relearning_steps_minutes: tuple[float, ...] | None = None
    learn_ahead: bool = True
    parameters: tuple[float, ...] | None = None
    reshow_wrong: bool = False

    def __post_init__(self) -> None:
        given = [self.interval_days, self.desired_retention, self.oracle_threshold]
        if sum(v is not None for v in given) != 1:
            raise ValueError(
                f"policy {self.name}: give one of interval_days, desired_retention, "
                "oracle_threshold"
            )

    @property
    def kind(self) -> str:
        """``fixed``, ``paced`` (fixed under the daily limit), ``recall`` or ``oracle``."""
        if self.desired_retention is not None:
            return "recall"
        if self.oracle_threshold is not None:
            return "oracle"
        return "paced" if self.paced else "fixed"

    @property
    def is_recall(self) -> bool:
        """Whether this is recall's own scheduler."""
        return self.desired_retention is not None

    def policy(self, seed: int, parameters: Sequence[float] | None = None) -> Policy:
        """The product policy this spec runs under (settings, parameters, steps)."""
        settings = Settings(desired_retention=self.desired_retention or 0.9, seed=seed)
        steps: dict[str, tuple[timedelta, ...]] = {}
        if self.learning_steps_minutes is not None:
            steps["learning_steps"] = tuple(
                timedelta(minutes=m) for m in self.learning_steps_minutes
            )
        if self.relearning_steps_minutes is not None:
            steps["relearning_steps"] = tuple(
                timedelta(minutes=m) for m in self.relearning_steps_minutes
            )
        return Policy(settings, parameters=parameters, **steps)

    def build(
        self,
        cards: Sequence[Card],
        *,
        seed: int,
        hired: date,
        employee: int,
        truth: Callable[[str, datetime], float] | None = None,
    ) -> Schedule:
        """A fresh schedule for one employee.

        Args:
            cards: the deck's cards (deck order).
            seed: the simulation seed (recall's fuzz seed).
            hired: the employee's first day.
            employee: the employee's index (for card keys and fuzz).
            truth: the employee's true recall of a card at an instant (oracle only).

        Returns:
            The schedule.
        """
        policy = self.policy(seed, self.parameters)
        if self.interval_days is not None:
            if self.paced:
                return PacedFixed(
                    cards, self.interval_days, policy, hired=hired, reshow=self.reshow_wrong
                )
            return FixedInterval(cards, self.interval_days)
        if self.oracle_threshold is not None:
            if truth is None:
                raise ValueError("the oracle needs the employee's true recall")
            return Oracle(
                cards, self.oracle_threshold, truth, policy, hired=hired, reshow=self.reshow_wrong
            )
        return RecallSchedule(
            cards, policy, hired=hired, employee=employee, learn_ahead=self.learn_ahead
        )


#: Thresholds of the oracle sweep (its frontier of recall vs. minutes).
ORACLE_THRESHOLDS = (0.6, 0.7, 0.8, 0.85, 0.9, 0.95)


def oracle_sweep(*, reshow_wrong: bool = False) -> list[PolicySpec]:
    """The oracle at every threshold of :data:`ORACLE_THRESHOLDS` (with
    ``reshow_wrong``, showing each card answered wrongly again before the sitting ends,
    as recall does)."""
    suffix = ", wrong shown again" if reshow_wrong else ""
    return [
        PolicySpec(f"oracle {t:.2f}{suffix}", oracle_threshold=t, reshow_wrong=reshow_wrong)
        for t in ORACLE_THRESHOLDS
    ]


def default_policies() -> list[PolicySpec]:
    """The policies of the retention benchmark, in report order."""
    fixed = [("annual", 365), ("quarterly quiz", 90), ("fixed 30 days", 30), ("fixed 21 days", 21)]
    return [
        *(PolicySpec(name, interval_days=days) for name, days in fixed),
        *(PolicySpec(f"{name}, paced", interval_days=days, paced=True) for name, days in fixed),
        PolicySpec("recall (0.90)", desired_retention=0.9, fitted=True),
        PolicySpec("recall 0.70", desired_retention=0.7, fitted=True),
        PolicySpec("recall 0.80", desired_retention=0.8, fitted=True),
        PolicySpec("recall 0.85", desired_retention=0.85, fitted=True),
        PolicySpec("recall 0.95", desired_retention=0.95, fitted=True),
        PolicySpec("recall 0.90, default parameters", desired_retention=0.9),
        PolicySpec(
            "recall 0.90, steps at the next visit",
            desired_retention=0.9,
            fitted=True,
            learning_steps_minutes=(1.0, 10.0),
            relearning_steps_minutes=(10.0,),
            learn_ahead=False,
        ),
        PolicySpec(
            "recall 0.90, no relearning",
            desired_retention=0.9,
            fitted=True,
            learning_steps_minutes=(),
            relearning_steps_minutes=(),
        ),
        *oracle_sweep(),
    ]


class FixedInterval:
    """Every card at the first session, then again ``interval`` days after each answer.

    With an interval of 365 this is the annual training; 90, the quarterly quiz. A card
    due while the employee is away is shown at their next session. No daily limit, no
    refreshers.
    """

    def __init__(self, cards: Sequence[Card], interval: int) -> None:
        self._order = [c.id for c in cards]
        self._interval = interval
        self._next: dict[str, int] = dict.fromkeys(self._order, 0)
        self.scheduled = 0
        self.recorded = 0

    def plan(self, day: int, now: datetime) -> list[tuple[str, str]]:
        """Cards due today or earlier, in deck order."""
        items = [(cid, "due") for cid in self._order if self._next[cid] <= day]
        self.scheduled += len(items)
        return items

    def record(self, card: Card, choice: str, response_ms: int, now: datetime, day: int) -> None:
        """Schedule the card ``interval`` days later."""
        self._next[card.id] = day + self._interval
        self.recorded += 1

    def assign(self, card_ids: Iterable[str]) -> None:
        """Incidents change nothing in a fixed schedule."""

    def again(self, now: datetime) -> list[tuple[str, str]]:
        """Nothing is shown twice in a sitting."""
        return []


class _Paced:
    """recall's pacing without recall's scheduler: refreshers first and outside the
    limit, then due cards and new cards shared by :func:`recall.core.queue.share_slots`
    with the same onboarding spread and new-card quota. Subclasses say what is due."""

    def __init__(
        self, cards: Sequence[Card], policy: Policy, *, hired: date, reshow: bool = False
    ) -> None:
        self._cards = list(cards)
        self._policy = policy
        self._hired = hired
        self._reshow = reshow
        self._wrong: list[str] = []
        self.seen: set[str] = set()
        self.assigned: set[str] = set()
        self.scheduled = 0
        self.recorded = 0

    def _due(self, day: int, now: datetime) -> list[str]:
        raise NotImplementedError

    def plan(self, day: int, now: datetime) -> list[tuple[str, str]]:
        """Refreshers, then due and new cards within the daily limit."""
        settings = self._policy.settings
        refreshers = [c.id for c in self._cards if c.id in self.assigned]
        due = [cid for cid in self._due(day, now) if cid not in self.assigned]
        unseen = [c for c in self._cards if c.id not in self.seen and c.id not in self.assigned]
        onboarding = [c.id for c in unseen if c.onboarding]
        other = [c.id for c in unseen if not c.onboarding]
        quota = self._policy.onboarding_quota(
            self._hired, self._policy.local_date(now), len(onboarding), 0
        )
        due_n, onboarding_n, new_n = share_slots(
            settings.daily_limit,
            due=len(due),
            onboarding=min(quota, len(onboarding)),
            new=0 if onboarding else min(settings.new_cards_per_day, len(other)),
        )
        items = [(cid, "refresher") for cid in refreshers]
        items += [(cid, "due") for cid in due[:due_n]]
        items += [(cid, "onboarding") for cid in onboarding[:onboarding_n]]
        items += [(cid, "new") for cid in other[:new_n]]
        self.scheduled += len(items)
        return items

    def record(self, card: Card, choice: str, response_ms: int, now: datetime, day: int) -> None:
        """Remember the card as seen; a refresher answered is closed."""
        self.seen.add(card.id)
        self.assigned.discard(card.id)
        self.recorded += 1
        if self._reshow and choice != card.answer:
            self._wrong.append(card.id)

    def assign(self, card_ids: Iterable[str]) -> None:
        """Open refresher assignments (until answered), as ``recall incident`` does."""
        self.assigned.update(card_ids)

    def again(self, now: datetime) -> list[tuple[str, str]]:
        """With ``reshow``, the cards answered wrongly since the last call; else none."""
        shown, self._wrong = self._wrong, []
        self.scheduled += len(shown)
        return [(card_id, "due") for card_id in shown]


class PacedFixed(_Paced):
    """A fixed interval under recall's pacing: due cards oldest-due first."""

    def __init__(
        self,
        cards: Sequence[Card],
        interval: int,
        policy: Policy,
        *,
        hired: date,
        reshow: bool = False,
    ) -> None:
        super().__init__(cards, policy, hired=hired, reshow=reshow)
        self._interval = interval
        self._next: dict[str, int] = {}

    def _due(self, day: int, now: datetime) -> list[str]:
        return [cid for cid, _ in sorted(self._next.items(), key=lambda x: x[1]) if _ <= day]

    def record(self, card: Card, choice: str, response_ms: int, now: datetime, day: int) -> None:
        """Schedule the card ``interval`` days later."""
        super().record(card, choice, response_ms, now, day)
        self._next[card.id] = day + self._interval


class Oracle(_Paced):
    """Knows the employee's true recall: shows the cards below ``threshold``, most
    forgotten first, under recall's pacing. The best any scheduler could do with the
    same daily limit; its threshold sweep is the frontier of recall vs. minutes."""

    def __init__(
        self,
        cards: Sequence[Card],
        threshold: float,
        truth: Callable[[str, datetime], float],
        policy: Policy,
        *,
        hired: date,
        reshow: bool = False,
    ) -> None:
        super().__init__(cards, policy, hired=hired, reshow=reshow)
        self._threshold = threshold
        self._truth = truth

    def _due(self, day: int, now: datetime) -> list[str]:
        recall = {cid: self._truth(cid, now) for cid in self.seen}
        return sorted((cid for cid, p in recall.items() if p < self._threshold), key=recall.get)


class RecallSchedule:
    """recall's scheduler exactly as the product runs it.

    Args:
        cards: the deck's cards (deck order).
        policy: the organisation's policy (settings and fsrs scheduler).
        hired: the employee's first day (for the onboarding spread).
        employee: the employee's index (card keys and fuzz seeds).
        learn_ahead: end a sitting with the cards in their short step (the product's
            rule); False: they wait for their step (see :class:`PolicySpec`).
    """

    def __init__(
        self,
        cards: Sequence[Card],
        policy: Policy,
        *,
        hired: date,
        employee: int,
        learn_ahead: bool = True,
    ) -> None:
        self._cards = list(cards)
        self._learn_ahead = learn_ahead
        self._index = {c.id: i for i, c in enumerate(self._cards)}
        self._policy = policy
        self._hired = hired
        self._employee = employee
        self.memories: dict[str, fsrs.Card] = {}
        self.assigned: set[str] = set()
        self.scheduled = 0
        self.recorded = 0
        self.reasons: dict[str, int] = {}
        #: (card id, organisation's date, rating) of every answer, for fitting.
        self.log: list[tuple[str, date, int]] = []
        #: Every answer's time and rating per card (to replay after a refit).
        self.history: dict[str, list[tuple[datetime, fsrs.Rating]]] = {}
        self._stale: set[str] = set()
        #: Every answer in full, when set to a list (to write a review log).
        self.answers: list[Answer] | None = None

    def use(self, policy: Policy) -> None:
        """Schedule with ``policy`` from now on (fitted parameters), as the product does
        after ``recall optimize``: due dates stay, and each card's state is recomputed
        under the new parameters (:meth:`Policy.replay`) when it is next answered."""
        self._policy = policy
        self._stale = set(self.memories)

    def plan(self, day: int, now: datetime) -> list[tuple[str, str]]:
        """Today's queue from ``build_queue`` (one sitting per study day)."""
        queue = build_queue(
            self._cards,
            self.memories,
            now=now,
            policy=self._policy,
            hired=self._hired,
            assigned=self.assigned,
        )
        self.scheduled += len(queue)
        for item in queue:
            self.reasons[item.reason] = self.reasons.get(item.reason, 0) + 1
        return [(item.card_id, item.reason) for item in queue]

    def again(self, now: datetime) -> list[tuple[str, str]]:
        """The cards answered in this sitting that are in their short (re)learning step
        (answered wrongly), once :func:`recall.core.queue.waiting` lets them be shown,
        soonest step first: what the product shows when the rest of the queue is done."""
        if not self._learn_ahead:
            return []
        start_of_day, _ = self._policy.today_bounds(now)
        stepping = [
            QueueItem(card_id, Reason.DUE, None)
            for card_id, memory in self.memories.items()
            if stepping_today(memory, start_of_day)
        ]
        later = waiting(stepping, self.memories, now, self._policy)
        shown = sorted(
            (self.memories[i.card_id].due, i.card_id) for i in stepping if i not in later
        )
        self.scheduled += len(shown)
        self.reasons[Reason.DUE] = self.reasons.get(Reason.DUE, 0) + len(shown)
        return [(card_id, Reason.DUE) for _, card_id in shown]

    def record(self, card: Card, choice: str, response_ms: int, now: datetime, day: int) -> None:
        """Grade and review through ``answer_card``; a refresher answered is closed."""
        memory = self.memories.get(card.id)
        if memory is None:
            key = self._employee * 100_000 + self._index[card.id] + 1
            memory = self._policy.new_memory(key, now)
        elif card.id in self._stale:
            memory = self._policy.replay(memory, self.history[card.id])
            self._stale.discard(card.id)
        answer = answer_card(
            card,
            memory,
            choice,
            response_ms,
            now,
            self._policy,
            seed_key=f"{self._employee}:{card.id}",
        )
        self.memories[card.id] = answer.after
        if self.answers is not None:
            self.answers.append(answer)
        self.log.append((card.id, self._policy.local_date(now), int(answer.rating)))
        self.history.setdefault(card.id, []).append((now, answer.rating))
        self.assigned.discard(card.id)
        self.recorded += 1

    def assign(self, card_ids: Iterable[str]) -> None:
        """Open refresher assignments (until answered), as ``recall incident`` does."""
        self.assigned.update(card_ids)
