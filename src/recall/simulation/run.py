"""The run loop and its metrics: one organisation, every policy, the same people.

Classes: :class:`SimulationConfig`, :class:`Incident`, :class:`PolicyResult`,
:class:`SimulationResult`. Function: :func:`run_simulation`.

Each employee is drawn once (:mod:`recall.simulation.learner`) and lives the same year
under every policy: the same forgetting parameters, card difficulties, days away and
session times. Only the answers' random draws differ, because they depend on what the
policy showed. Employees are independent, so they are simulated in fixed-size chunks,
optionally in worker processes; chunks are summed in order, so the result does not
depend on the number of workers.

The year runs in blocks of :data:`FIT_EVERY_DAYS` days. After each block, every
self-fitting recall policy (``PolicySpec.fitted``) fits FSRS parameters to its own
simulated review log so far, with :func:`recall.core.fitting.fit_parameters` as
``recall optimize`` does, and schedules with them from the next block on; until the log
is big enough it keeps FSRS's defaults, so the cold start is part of the result. Each
employee's state is carried from block to block (a worker keeps its employees).

Time: the organisation's day (Asia/Tokyo) starts at midnight; employees study on
weekdays they are not away, once, starting at a random time between 09:00 and
16:00; every
card's true recall is measured at 18:00 each day (weekends included).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

import fsrs_rs_python as rs

from recall.core.answering import Answer
from recall.core.deck import Card, Deck
from recall.core.fitting import ItemHistory, fit_items
from recall.core.policy import Policy
from recall.errors import InputError
from recall.simulation.learner import (
    LEARNER_MODEL,
    Learner,
    LearnerModel,
    card_difficulties,
    draw_traits,
)
from recall.simulation.schedules import PolicySpec, RecallSchedule, Schedule, default_policies

__all__ = [
    "CHUNK",
    "FIT_EVERY_DAYS",
    "Incident",
    "PolicyResult",
    "SimulationConfig",
    "SimulationResult",
    "run_simulation",
    "simulated_answers",
]

#: Employees per task; fixed so that sums do not depend on the number of workers.
CHUNK = 5
_THRESHOLD = 0.7
_MEASURE_SECONDS = 18 * 3600
_DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class SimulationConfig:
    """What to simulate.

    Attributes:
        employees: number of simulated employees.
        days: length of the simulation in days.
        seed: seed of every random draw.
        start: the first day (everyone starts, i.e. is onboarded, that day).
        policies: the policies compared.
        incidents: how many incidents happen at random dates.
        learner_model: how simulated memories react to lapses and strengthening.
    """

    employees: int = 1000
    days: int = 365
    seed: int = 0
    start: date = date(2026, 4, 1)
    policies: tuple[PolicySpec, ...] = field(default_factory=lambda: tuple(default_policies()))
    incidents: int = 2
    learner_model: LearnerModel = LearnerModel.SPACING

    def __post_init__(self) -> None:
        if self.employees < 1:
            raise ValueError("employees must be at least 1")
        if self.days < 14:
            raise ValueError("days must be at least 14")
        if not self.policies:
            raise ValueError("give at least one policy")


@dataclass(frozen=True)
class Incident:
    """An incident: its day (index) and topic; the topic's cards become refreshers."""

    day: int
    topic: str
    card_ids: tuple[str, ...]


@dataclass(frozen=True)
class PolicyResult:
    """One policy's metrics, per employee where it says so.

    Attributes:
        name: the policy's name.
        kind: ``fixed``, ``paced``, ``recall`` or ``oracle`` (:attr:`PolicySpec.kind`).
        frontier: one of recall's self-fitting policies with the product's learning
            steps (their desired retentions trace recall's recall-vs-minutes curve).
        minutes_per_week: minutes per employee per week over the whole run.
        late_minutes_per_week: the same over the second half of the simulated days.
        fitted_on_days: the days after which a self-fitting recall policy fitted new
            parameters (empty for the others, and while the log was too small).
        mean_recall: time-averaged true recall probability over every card, employee
            and day (a card not yet seen counts as 0).
        late_mean_recall: the same over the second half of the simulated days.
        share_below_70: share of employee-days whose mean recall is below 0.7.
        topic_recall: time-averaged recall per topic id.
        worst_topic: the topic with the lowest time-averaged recall.
        reviews_per_month: reviews per employee per month.
        minutes_per_month: minutes per employee per month.
        late_minutes_per_month: the same over the second half of the simulated days
            (after onboarding and first learning).
        seconds_per_card: mean seconds per review (response time + feedback reading).
        incident_recall: mean recall of the incident's topic at 18:00 on the day after,
            over employees and incidents.
        deck_seen_day: median day (from 0) by which an employee has seen every card
            once; None when most employees have not within the simulated days.
        deck_seen_share: share of employees who saw every card within the simulated days.
        daily_recall: mean recall over employees, each day.
        scheduled: cards the policy put in a queue.
        recorded: answers the policy recorded.
        parameters: the FSRS parameters a recall policy scheduled with at the end (its
            last fit, or the ones it started with); None for FSRS's defaults and for
            the other policies.
    """

    name: str
    kind: str
    frontier: bool
    mean_recall: float
    late_mean_recall: float
    minutes_per_week: float
    late_minutes_per_week: float
    fitted_on_days: tuple[int, ...]
    share_below_70: float
    topic_recall: dict[str, float]
    worst_topic: str
    reviews_per_month: float
    minutes_per_month: float
    late_minutes_per_month: float
    seconds_per_card: float
    incident_recall: float
    deck_seen_day: int | None
    deck_seen_share: float
    daily_recall: list[float]
    scheduled: int
    recorded: int
    parameters: tuple[float, ...] | None = None


@dataclass(frozen=True)
class SimulationResult:
    """Everything a report needs."""

    config: SimulationConfig
    deck_ids: tuple[str, ...]
    cards: int
    onboarding_cards: int
    topics: dict[str, str]
    incidents: tuple[Incident, ...]
    policies: tuple[PolicyResult, ...]
    learner_model: dict[str, float]


@dataclass
class _Totals:
    """Sums over employees for one policy (merged in employee order)."""

    days: int
    cards: int
    incidents: int
    employee_days: int = 0
    recall_sum: float = 0.0
    below: int = 0
    reviews: int = 0
    seconds: float = 0.0
    scheduled: int = 0
    recorded: int = 0
    daily: list[float] = field(default_factory=list)
    daily_seconds: list[float] = field(default_factory=list)
    covered: list[int] = field(default_factory=list)
    card_sums: list[float] = field(default_factory=list)
    incident_sums: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.daily = self.daily or [0.0] * self.days
        self.daily_seconds = self.daily_seconds or [0.0] * self.days
        self.card_sums = self.card_sums or [0.0] * self.cards
        self.incident_sums = self.incident_sums or [0.0] * self.incidents

    def add(self, other: _Totals) -> None:
        self.employee_days += other.employee_days
        self.recall_sum += other.recall_sum
        self.below += other.below
        self.reviews += other.reviews
        self.seconds += other.seconds
        self.scheduled += other.scheduled
        self.recorded += other.recorded
        self.covered += other.covered
        self.daily = [a + b for a, b in zip(self.daily, other.daily, strict=True)]
        self.daily_seconds = [
            a + b for a, b in zip(self.daily_seconds, other.daily_seconds, strict=True)
        ]
        self.card_sums = [a + b for a, b in zip(self.card_sums, other.card_sums, strict=True)]
        self.incident_sums = [
            a + b for a, b in zip(self.incident_sums, other.incident_sums, strict=True)
        ]


@dataclass(frozen=True)
class _World:
    """What every employee shares: the deck, calendar, difficulties and incidents."""

    cards: tuple[Card, ...]
    config: SimulationConfig
    difficulty: dict[str, float]
    working_days: tuple[int, ...]
    incidents: tuple[Incident, ...]


def _world(cards: Sequence[Card], config: SimulationConfig) -> _World:
    rng = random.Random(f"{config.seed}:organisation")
    difficulty = card_difficulties(list(cards), rng)
    working = tuple(
        d for d in range(config.days) if (config.start + timedelta(days=d)).weekday() < 5
    )
    topics = sorted({t for c in cards for t in c.topics})
    window = [d for d in working if config.days * 0.1 <= d < config.days * 0.9 - 1]
    days = sorted(rng.sample(window, min(config.incidents, len(window))))
    incidents = []
    for day in days:
        topic = rng.choice(topics)
        ids = tuple(c.id for c in cards if topic in c.topics)
        incidents.append(Incident(day, topic, ids))
    return _World(tuple(cards), config, difficulty, working, tuple(incidents))


class _Truth:
    """The employee's true recall of a card at an instant (what the oracle sees)."""

    def __init__(self, learner: Learner, origin: datetime) -> None:
        self._learner = learner
        self._origin = origin
        self._now: datetime | None = None
        self._days = 0.0

    def __call__(self, card_id: str, now: datetime) -> float:
        if now != self._now:  # the oracle asks about every card at one instant
            self._now = now
            self._days = (now - self._origin).total_seconds() / 86400
        return self._learner.recall(card_id, self._days)


@dataclass
class _Life:
    """One employee under one policy, carried from one block of days to the next."""

    learner: Learner
    schedule: Schedule
    sessions: random.Random
    covered: int = -1


def _lives(world: _World, employee: int, day_starts: list[datetime]) -> list[_Life]:
    config = world.config
    cards = world.cards
    traits = draw_traits(
        list(cards),
        world.difficulty,
        list(world.working_days),
        random.Random(f"{config.seed}:employee:{employee}"),
    )
    lives = []
    for spec in config.policies:
        # Answers and session times are drawn alike under every policy (not by name).
        learner = Learner(
            traits, random.Random(f"{config.seed}:answers:{employee}"), config.learner_model
        )
        schedule = spec.build(
            cards,
            seed=config.seed,
            hired=config.start,
            employee=employee,
            truth=_Truth(learner, day_starts[0]),
        )
        lives.append(_Life(learner, schedule, random.Random(f"{config.seed}:sessions:{employee}")))
    return lives


#: One fitting policy's log rows: (employee index, card id, date, rating).
_LogRows = list[tuple[int, str, date, int]]


def _simulate_chunk(
    world: _World,
    first: int,
    count: int,
    people: list[list[_Life]] | None,
    days: tuple[int, int],
    parameters: dict[int, tuple[float, ...]],
    refitted: dict[int, Policy] | None = None,
) -> tuple[list[list[_Life]], list[_Totals], dict[int, _LogRows]]:
    """Simulate employees ``first`` … ``first + count - 1`` under every policy, over
    ``days`` (first, end), continuing ``people`` (None on the first block). Policies
    indexed in ``parameters`` switch to those fitted parameters first: to the policies
    in ``refitted`` (index → policy, filled here when missing), which the chunks of one
    block can share so that their replays share states (:meth:`Policy.share_replays`)."""
    config = world.config
    cards = world.cards
    totals = [_Totals(config.days, len(cards), len(world.incidents)) for _ in config.policies]
    clock = Policy()  # only for the organisation's day boundaries (default timezone)
    day_starts = [clock.day_start(config.start + timedelta(days=d)) for d in range(config.days)]
    working = set(world.working_days)
    incident_on: dict[int, list[Incident]] = {}
    after: dict[int, list[tuple[int, list[int]]]] = {}
    for n, incident in enumerate(world.incidents):
        incident_on.setdefault(incident.day, []).append(incident)
        idx = [i for i, c in enumerate(cards) if c.id in incident.card_ids]
        after.setdefault(incident.day + 1, []).append((n, idx))
    n_cards = len(cards)
    ids = [c.id for c in cards]
    by_id = {c.id: c for c in cards}
    if people is None:
        people = [_lives(world, e, day_starts) for e in range(first, first + count)]
    logs: dict[int, _LogRows] = {}
    first_day, end_day = days

    # One policy per refitted spec for all these employees: their replays share states.
    if refitted is None:
        refitted = {}
    for index, fitted in parameters.items():
        if index not in refitted:
            refitted[index] = config.policies[index].policy(config.seed, fitted).share_replays()
    for employee, lives in zip(range(first, first + count), people, strict=True):
        for index, (spec, total, life) in enumerate(
            zip(config.policies, totals, lives, strict=True)
        ):
            schedule = life.schedule
            if index in parameters and isinstance(schedule, RecallSchedule):
                schedule.use(refitted[index])
            learner = life.learner
            absent = learner.traits.absent
            reviews = 0
            seconds = 0.0
            for day in range(first_day, end_day):
                for incident in incident_on.get(day, ()):
                    schedule.assign(incident.card_ids)
                offset = 0.0
                if day in working and day not in absent:
                    offset = 9 * 3600 + life.sessions.uniform(0, 7 * 3600)
                    for _card_id, _reason, spent in _sitting(
                        schedule, learner, by_id, day, day_starts[day], offset
                    ):
                        offset += spent
                        reviews += 1
                        seconds += spent
                        total.daily_seconds[day] += spent
                if life.covered < 0 and len(learner.memories) == n_cards:
                    life.covered = day
                measured = max(_MEASURE_SECONDS, offset)  # after any (long) session
                values = learner.recall_all(ids, day + measured / 86400)
                mean = sum(values) / n_cards
                total.recall_sum += mean
                total.daily[day] += mean
                if mean < _THRESHOLD:
                    total.below += 1
                total.card_sums = list(map(float.__add__, total.card_sums, values))
                for n, idx in after.get(day, ()):
                    total.incident_sums[n] += sum(values[i] for i in idx) / len(idx)
            total.employee_days += end_day - first_day
            total.reviews += reviews
            total.seconds += seconds
            if spec.fitted and isinstance(schedule, RecallSchedule):
                rows = logs.setdefault(index, [])
                rows.extend((employee, cid, on, rating) for cid, on, rating in schedule.log)
                schedule.log.clear()
            if end_day == config.days:
                total.covered.append(life.covered)
                total.scheduled += getattr(schedule, "scheduled", 0)
                total.recorded += getattr(schedule, "recorded", 0)
    return people, totals, logs


#: A worker process's employees, by first employee of their chunk (see _simulate_group).
_KEPT: dict[int, list[list[_Life]]] = {}


def _simulate_group(
    world: _World,
    group: list[tuple[int, int]],
    days: tuple[int, int],
    parameters: dict[int, tuple[float, ...]],
) -> list[tuple[list[_Totals], dict[int, _LogRows]]]:
    """In a worker process: :func:`_simulate_chunk` for each chunk (first, count) of
    ``group``, in order, keeping the employees in this process for the next block."""
    if days[0] == 0:
        _KEPT.clear()
    out = []
    refitted: dict[int, Policy] = {}  # shared by this block's chunks
    for first, count in group:
        people, totals, logs = _simulate_chunk(
            world, first, count, _KEPT.get(first), days, parameters, refitted
        )
        _KEPT[first] = people
        out.append((totals, logs))
    return out


#: recall's simulated organisation runs ``recall optimize`` every this many days.
FIT_EVERY_DAYS = 30


#: One policy's items so far, per (employee, card id): the items and the log rows read.
_ItemCache = dict[tuple[int, str], tuple[ItemHistory, list[int]]]

#: One policy's log: (employee index, card id) → (date, rating) of each answer.
_Log = dict[tuple[int, str], list[tuple[date, int]]]

#: In a worker process: each policy's log and items so far (see :func:`_fit_kept`).
_LOGS: dict[int, _Log] = {}
_ITEMS: dict[int, _ItemCache] = {}


def _add_rows(log: _Log, rows: _LogRows) -> None:
    """Add rows (in the order the chunks are merged) to a policy's log."""
    for employee, card_id, on, rating in rows:
        log.setdefault((employee, card_id), []).append((on, rating))


def _fit(
    history: dict[tuple[int, str], list[tuple[date, int]]], cache: _ItemCache | None = None
) -> tuple[float, ...] | None:
    """Fitted parameters for one policy's log so far; None while there are too few.

    ``cache`` keeps the items built from the log's earlier rows (the log only grows),
    so each fit reads only the rows added since the last one; the items, and so the
    parameters, are those :func:`recall.core.fitting.fit_parameters` builds from the
    whole log."""
    cache = {} if cache is None else cache
    train: list[rs.FSRSItem] = []
    test: list[rs.FSRSItem] = []
    count = 0
    for (employee, card_id), answers in sorted(history.items()):
        kept = cache.get((employee, card_id))
        if kept is None:
            kept = cache[employee, card_id] = (ItemHistory(str(employee), card_id), [0])
        items, read = kept
        for on, rating in answers[read[0] :]:
            items.add(on, rating)
        read[0] = len(answers)
        count += len(answers)
        (test if items.held_out else train).extend(items.items)
    try:
        return fit_items(train, test, count).parameters
    except InputError:
        return None


def _fit_kept(index: int, batches: list[_LogRows]) -> tuple[float, ...] | None:
    """In a worker process: :func:`_fit` of policy ``index``'s log, given the blocks'
    rows this worker has not seen yet (the log and items are kept between fits, so
    only the new rows are sent and read)."""
    log = _LOGS.setdefault(index, {})
    for rows in batches:
        _add_rows(log, rows)
    return _fit(log, _ITEMS.setdefault(index, {}))


def _fit_shared(
    pools: list[ProcessPoolExecutor],
    batches: dict[int, list[_LogRows]],
    sizes: dict[int, int],
    sent: dict[tuple[int, int], int],
) -> dict[int, tuple[float, ...] | None]:
    """:func:`_fit` of every policy's log (``batches``: its rows, block by block;
    ``sizes``: its rows in all), biggest log first, each in the first worker free (the
    fits take from seconds to a minute; none waits while a worker idles). A worker is
    sent only the blocks it has not seen; ``sent`` ((worker, policy) → blocks sent)
    keeps count."""
    waiting = sorted(batches, key=lambda i: -sizes[i])
    free = list(range(len(pools)))
    running: dict[Future[tuple[float, ...] | None], tuple[int, int]] = {}
    found: dict[int, tuple[float, ...] | None] = {}
    while waiting or running:
        while waiting and free:
            index, worker = waiting.pop(0), free.pop(0)
            start = sent.get((worker, index), 0)
            sent[worker, index] = len(batches[index])
            future = pools[worker].submit(_fit_kept, index, batches[index][start:])
            running[future] = (index, worker)
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in done:
            index, worker = running.pop(future)
            found[index] = future.result()
            free.append(worker)
    return {index: found[index] for index in batches}


def run_simulation(
    decks: Sequence[Deck],
    config: SimulationConfig,
    *,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> SimulationResult:
    """Simulate an organisation under every policy of ``config``.

    The year runs in blocks of :data:`FIT_EVERY_DAYS` days; after each block, every
    self-fitting recall policy fits its FSRS parameters to its whole simulated log so
    far (when there are enough reviews) and uses them from the next block on.

    Args:
        decks: the decks every employee is enrolled in.
        config: employees, days, seed and policies.
        workers: worker processes (1 runs in this process).
        progress: called with (work done, work) after each chunk of employees, where
            the work is employees × blocks of days.

    Returns:
        The metrics per policy.

    Raises:
        ValueError: no cards, or workers below 1.
    """
    if workers < 1:
        raise ValueError("workers must be at least 1")
    cards = [card for deck in decks for card in deck.cards]
    if not cards:
        raise ValueError("the decks have no cards")
    world = _world(cards, config)
    chunks = [
        (first, min(CHUNK, config.employees - first)) for first in range(0, config.employees, CHUNK)
    ]
    blocks = [
        (d, min(d + FIT_EVERY_DAYS, config.days)) for d in range(0, config.days, FIT_EVERY_DAYS)
    ]
    totals = [_Totals(config.days, len(cards), len(world.incidents)) for _ in config.policies]
    people: dict[int, list[list[_Life]] | None] = dict.fromkeys((f for f, _ in chunks), None)
    history: dict[int, dict[tuple[int, str], list[tuple[date, int]]]] = {
        i: {} for i, spec in enumerate(config.policies) if spec.fitted
    }
    fits: dict[int, list[int]] = {i: [] for i in history}
    items: dict[int, _ItemCache] = {i: {} for i in history}  # for fits in this process
    new_rows: dict[int, _LogRows] = {i: [] for i in history}  # this block's, merged in order
    batches: dict[int, list[_LogRows]] = {i: [] for i in history}  # for fits in workers
    sizes = dict.fromkeys(history, 0)
    sent: dict[tuple[int, int], int] = {}
    last: dict[int, tuple[float, ...] | None] = {
        i: spec.parameters for i, spec in enumerate(config.policies)
    }
    done = 0
    work = config.employees * len(blocks)

    def merge(
        first: int,
        count: int,
        part: tuple[list[list[_Life]] | None, list[_Totals], dict[int, _LogRows]],
    ) -> None:
        nonlocal done
        people[first] = part[0]
        for total, piece in zip(totals, part[1], strict=True):
            total.add(piece)
        for index, rows in part[2].items():
            new_rows[index].extend(rows)
        done += count
        if progress is not None:
            progress(done, work)

    # One single-process executor per worker, each for a fixed run of chunks: the
    # employees stay in their worker from block to block instead of being sent back
    # and forth (which cost more than a fifth of the run's CPU); chunks are still merged
    # in order, so the result does not depend on the number of workers.
    groups = [
        chunks[i * len(chunks) // workers : (i + 1) * len(chunks) // workers]
        for i in range(workers)
    ]
    groups = [group for group in groups if group]
    pools = [ProcessPoolExecutor(max_workers=1) for _ in groups] if workers > 1 else []
    try:
        parameters: dict[int, tuple[float, ...]] = {}
        for block in blocks:
            if not pools:
                refitted: dict[int, Policy] = {}  # shared by this block's chunks
                for first, count in chunks:
                    merge(
                        first,
                        count,
                        _simulate_chunk(
                            world, first, count, people[first], block, parameters, refitted
                        ),
                    )
            else:
                futures = [
                    pool.submit(_simulate_group, world, group, block, parameters)
                    for pool, group in zip(pools, groups, strict=True)
                ]
                for future, group in zip(futures, groups, strict=True):
                    for (first, count), (part_totals, part_logs) in zip(
                        group, future.result(), strict=True
                    ):
                        merge(first, count, (None, part_totals, part_logs))
            for index, rows in new_rows.items():
                sizes[index] += len(rows)
                if pools:
                    batches[index].append(rows)
                else:
                    _add_rows(history[index], rows)
                new_rows[index] = []
            parameters = {}
            if block[1] < config.days:
                if not pools:
                    fitted = {index: _fit(log, items[index]) for index, log in history.items()}
                else:  # the policies' fits are independent: shared out among the workers
                    fitted = _fit_shared(pools, batches, sizes, sent)
                for index, found in fitted.items():
                    if found is not None:
                        parameters[index] = found
                        last[index] = found
                        fits[index].append(block[1])
    finally:
        for pool in pools:
            pool.shutdown()

    topic_names = {t.id: t.name.get("en") or t.name["ja"] for deck in decks for t in deck.topics}
    results = tuple(
        _summarise(spec, total, cards, config, fits.get(i, []), last[i])
        for i, (spec, total) in enumerate(zip(config.policies, totals, strict=True))
    )
    return SimulationResult(
        config=config,
        deck_ids=tuple(deck.id for deck in decks),
        cards=len(cards),
        onboarding_cards=sum(1 for c in cards if c.onboarding),
        topics=topic_names,
        incidents=world.incidents,
        policies=results,
        learner_model=dict(LEARNER_MODEL),
    )


def _summarise(
    spec: PolicySpec,
    total: _Totals,
    cards: Sequence[Card],
    config: SimulationConfig,
    fitted_on: list[int],
    parameters: tuple[float, ...] | None,
) -> PolicyResult:
    employees = config.employees
    months = config.days / _DAYS_PER_MONTH
    topic_cards: dict[str, list[int]] = {}
    for i, card in enumerate(cards):
        for topic in card.topics:
            topic_cards.setdefault(topic, []).append(i)
    topic_recall = {
        topic: sum(total.card_sums[i] for i in idx) / (len(idx) * total.employee_days)
        for topic, idx in sorted(topic_cards.items())
    }
    worst = min(topic_recall, key=lambda t: (topic_recall[t], t))
    incident = (
        sum(total.incident_sums) / (len(total.incident_sums) * employees)
        if total.incident_sums
        else math.nan
    )
    half = config.days // 2
    order = sorted(d if d >= 0 else config.days for d in total.covered)
    median = order[(len(order) - 1) // 2]
    weeks = config.days / 7
    late_weeks = (config.days - half) / 7
    return PolicyResult(
        name=spec.name,
        kind=spec.kind,
        frontier=spec.is_recall
        and spec.fitted
        and spec.learning_steps_minutes is None
        and spec.relearning_steps_minutes is None
        and spec.learn_ahead
        and spec.parameters is None,
        minutes_per_week=total.seconds / 60 / employees / weeks,
        late_minutes_per_week=sum(total.daily_seconds[half:]) / 60 / employees / late_weeks,
        fitted_on_days=tuple(fitted_on),
        mean_recall=total.recall_sum / total.employee_days,
        late_mean_recall=sum(total.daily[half:]) / (employees * (config.days - half)),
        share_below_70=total.below / total.employee_days,
        topic_recall=topic_recall,
        worst_topic=worst,
        reviews_per_month=total.reviews / employees / months,
        minutes_per_month=total.seconds / 60 / employees / months,
        late_minutes_per_month=sum(total.daily_seconds[half:])
        / 60
        / employees
        / ((config.days - half) / _DAYS_PER_MONTH),
        seconds_per_card=total.seconds / total.reviews if total.reviews else 0.0,
        incident_recall=incident,
        deck_seen_day=median if median < config.days else None,
        deck_seen_share=sum(1 for d in total.covered if d >= 0) / employees,
        daily_recall=[d / employees for d in total.daily],
        scheduled=total.scheduled,
        recorded=total.recorded,
        parameters=parameters if spec.is_recall else None,
    )


def simulated_answers(
    decks: Sequence[Deck],
    config: SimulationConfig,
    policy: Policy | None = None,
    *,
    first: int = 0,
) -> list[tuple[str, Answer, str]]:
    """A review log as recall would record it: simulated employees ``sim-0000`` … answer
    their daily queue under ``policy`` (default settings when None) for ``config.days``.

    For tests and demonstrations of ``recall optimize``: write it with
    :meth:`recall.store.Store.record_answers` after adding the employees.

    Args:
        decks: the decks every employee studies.
        config: employees, days, seed and learner model (its policies are not used).
        policy: the scheduling policy.
        first: simulate employees ``first`` … ``config.employees - 1`` only (to build a
            large log in parts).

    Returns:
        ``(employee id, answer, reason)`` in time order per employee.
    """
    cards = [card for deck in decks for card in deck.cards]
    world = _world(cards, config)
    spec = PolicySpec("recall", desired_retention=0.9)
    clock = Policy()
    day_starts = [clock.day_start(config.start + timedelta(days=d)) for d in range(config.days)]
    working = set(world.working_days)
    by_id = {c.id: c for c in cards}
    out: list[tuple[str, Answer, str]] = []
    for employee in range(first, config.employees):
        life = _lives(
            replace(world, config=replace(config, policies=(spec,))), employee, day_starts
        )[0]
        schedule = life.schedule
        assert isinstance(schedule, RecallSchedule)
        if policy is not None:
            schedule.use(policy)
        schedule.answers = []
        for day in range(config.days):
            if day not in working or day in life.learner.traits.absent:
                continue
            offset = 9 * 3600 + life.sessions.uniform(0, 7 * 3600)
            for _card_id, reason, _spent in _sitting(
                schedule, life.learner, by_id, day, day_starts[day], offset
            ):
                out.append((f"sim-{employee:04d}", schedule.answers[-1], reason))
    return out


#: A sitting ends after this many rounds at most (a safety bound). Usually it takes two
#: or three: the queue, the cards answered wrongly whose one-minute step has ended, then
#: those still in their step; a card answered wrongly again adds one (10 employees over
#: 120 days: at most five rounds).
_MAX_ROUNDS = 10


def _sitting(
    schedule: Schedule,
    learner: Learner,
    by_id: dict[str, Card],
    day: int,
    day_start: datetime,
    offset: float,
) -> Iterator[tuple[str, str, float]]:
    """One sitting from ``offset`` seconds into ``day``: the planned cards, then
    the cards the schedule shows again before the sitting ends. Yields each answered
    card's id, reason and the seconds it took (answer and feedback)."""
    feedback_s = LEARNER_MODEL["feedback_seconds"]
    now = day_start + timedelta(seconds=offset)
    items = schedule.plan(day, now)
    for _ in range(_MAX_ROUNDS):
        if not items:
            return
        for card_id, reason in items:
            card = by_id[card_id]
            choice, response_ms, _ = learner.answer(card, day + offset / 86400)
            schedule.record(card, choice, response_ms, now, day)
            spent = response_ms / 1000 + feedback_s
            offset += spent
            now += timedelta(seconds=spent)
            yield card_id, reason, spent
        items = schedule.again(now)
