"""Scheduling policy: the organisation's settings and the ``fsrs`` scheduler behind them.

Classes: :class:`Settings` (desired retention, maximum interval, daily limits, timezone,
seed, audit settings) and :class:`Policy` (builds the ``fsrs.Scheduler``, reviews a card
reproducibly, computes retrievability and the organisation's local day).

FSRS maths is never re-implemented here: ``fsrs`` does it. Every time is an aware UTC
datetime given by the caller; the clock is never read.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import fsrs

from recall.errors import InputError, Message

__all__ = [
    "DEFAULT_TIMEZONE",
    "LEARNING_STEPS",
    "Policy",
    "RELEARNING_STEPS",
    "Settings",
    "working_days_between",
]

#: The organisation's timezone until the ``timezone`` setting says otherwise.
DEFAULT_TIMEZONE = "Asia/Tokyo"


#: the numeric settings' ranges: (name, lowest, highest, message key)
_RANGES = (
    ("desired_retention", 0.7, 0.99, "settings.between"),
    ("maximum_interval", 1, 365, "settings.between_days"),
    ("daily_limit", 1, 500, "settings.between"),
    ("new_cards_per_day", 0, 100, "settings.between"),
    ("onboarding_days", 1, 120, "settings.between_working_days"),
    ("seed", 0, 2**31 - 1, "settings.between"),
    ("pass_mark", 0, 100, "settings.between"),
    ("link_days", 1, 90, "settings.between"),
    ("smtp_port", 1, 65535, "settings.between"),
)


@dataclass(frozen=True)
class Settings:
    """The organisation's training settings (stored in the database, edited with `recall settings`)."""

    desired_retention: float = 0.9
    maximum_interval: int = 180
    daily_limit: int = 10
    new_cards_per_day: int = 3
    onboarding_days: int = 10
    timezone: str = DEFAULT_TIMEZONE
    seed: int = 0
    fiscal_year_start: str = "04-01"
    pass_mark: int = 80
    organisation: str = ""
    # --- web review and reminders (issue 10) ---
    link_days: int = 7
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: str = "starttls"
    smtp_user: str = ""
    smtp_sender: str = ""

    def __post_init__(self) -> None:
        problems: list[Message] = []
        for name, low, high, key in _RANGES:
            if not low <= getattr(self, name) <= high:
                problems.append(Message(key, {"name": name, "low": low, "high": high}))
        if len(self.organisation) > 200 or not self.organisation.isprintable():
            problems.append(Message("settings.organisation"))
        try:
            if len(self.timezone) > 64:  # IANA names are short; a long one is not a name
                raise ValueError(self.timezone)
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            shown = self.timezone if len(self.timezone) <= 64 else self.timezone[:64] + "…"
            problems.append(Message("settings.timezone", {"value": repr(shown)}))
        try:
            month, day = (int(x) for x in self.fiscal_year_start.split("-"))
            date(2001, month, day)
        except ValueError:
            problems.append(Message("settings.fiscal_year_start"))
        if self.smtp_security not in ("starttls", "tls", "none"):
            problems.append(Message("settings.smtp_security"))
        if problems:
            message = problems[-1]
            for problem in reversed(problems[:-1]):
                message = Message("settings.and", {"first": problem, "rest": message})
            raise InputError(message=message)

    def with_values(self, values: dict[str, str]) -> Settings:
        """A copy with settings given as text (from the database or the command line).

        Raises:
            InputError: an unknown name or a value of the wrong type or range.
        """
        types = {f.name: f.type for f in fields(self)}
        converted: dict[str, Any] = {}
        for name, text in values.items():
            if name not in types:
                raise InputError.of("settings.unknown", name=name, known=", ".join(types))
            kind = types[name]
            try:
                if kind == "float":
                    converted[name] = float(text)
                elif kind == "int":
                    converted[name] = int(text)
                else:
                    converted[name] = str(text)
            except ValueError:
                raise InputError.of(
                    "settings.not_a", name=name, value=repr(text), kind=kind
                ) from None
        return replace(self, **converted)

    def as_text(self) -> dict[str, str]:
        """Every setting as text, for storage."""
        return {k: str(v) for k, v in asdict(self).items()}


def working_days_between(start: date, end: date) -> int:
    """Working days (Monday-Friday) from ``start`` to ``end``, both included; 0 if end < start."""
    if end < start:
        return 0
    days = (end - start).days + 1
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for offset in range(rest):
        if (start + timedelta(days=weeks * 7 + offset)).weekday() < 5:
            count += 1
    return count


#: Same-day step of a new card: a wrong first answer brings the card back one minute
#: later, which with :data:`recall.core.queue.LEARN_AHEAD` means at the end of the same
#: sitting; a right one graduates at once. FSRS's default second step (10 minutes after a
#: right answer) is not kept: the retention simulation finds that re-showing a card
#: answered right costs a once-a-day learner minutes and buys no recall (README,
#: "learning steps").
LEARNING_STEPS: tuple[timedelta, ...] = (timedelta(minutes=1),)
#: Same-day step after a lapse: the wrong card comes back at the end of the same sitting.
RELEARNING_STEPS: tuple[timedelta, ...] = (timedelta(minutes=1),)


class Policy:
    """The scheduling policy of one organisation: settings plus an ``fsrs.Scheduler``.

    Args:
        settings: validated settings.
        parameters: FSRS parameters fitted to the organisation's reviews (``recall
            optimize``); None for FSRS's defaults.
        learning_steps: same-day steps of a new card (default :data:`LEARNING_STEPS`).
        relearning_steps: same-day steps after a lapse (default :data:`RELEARNING_STEPS`).
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        parameters: Sequence[float] | None = None,
        learning_steps: Sequence[timedelta] = LEARNING_STEPS,
        relearning_steps: Sequence[timedelta] = RELEARNING_STEPS,
    ) -> None:
        self.settings = settings or Settings()
        self.zone = ZoneInfo(self.settings.timezone)
        self.parameters = tuple(parameters) if parameters is not None else None
        extra = {} if parameters is None else {"parameters": tuple(parameters)}
        options: dict[str, Any] = {
            "desired_retention": self.settings.desired_retention,
            "maximum_interval": self.settings.maximum_interval,
            "learning_steps": tuple(learning_steps),
            "relearning_steps": tuple(relearning_steps),
            **extra,
        }
        self.scheduler = fsrs.Scheduler(enable_fuzzing=True, **options)
        # Replays keep the stored due date, so they need no fuzz (nor the global random).
        self._replayer = fsrs.Scheduler(enable_fuzzing=False, **options)
        #: Replayed states shared between this policy's replays (None: not shared).
        self._replays: _ReplayNode | None = None

    # --- time ---------------------------------------------------------------------
    def local_date(self, now: datetime) -> date:
        """The organisation's calendar date at ``now``."""
        return _utc(now).astimezone(self.zone).date()

    def day_start(self, day: date) -> datetime:
        """The UTC instant at which the organisation's ``day`` begins."""
        return datetime.combine(day, time(0), tzinfo=self.zone).astimezone(UTC)

    def today_bounds(self, now: datetime) -> tuple[datetime, datetime]:
        """UTC start and end of the organisation's day containing ``now``."""
        today = self.local_date(now)
        return self.day_start(today), self.day_start(today + timedelta(days=1))

    def onboarding_quota(self, hired: date, today: date, left: int, introduced_today: int) -> int:
        """How many onboarding cards to introduce today so all are seen in time.

        Args:
            hired: the employee's hire date.
            today: the organisation's date.
            left: onboarding cards not yet introduced (before today's introductions).
            introduced_today: new cards already introduced today.

        Returns:
            The number of onboarding cards still to introduce today.
        """
        if left <= 0:
            return 0
        window = self.settings.onboarding_days
        elapsed = max(1, working_days_between(hired, today))
        days_left = window - elapsed + 1
        if days_left <= 1:
            return left
        target = math.ceil((left + introduced_today) / days_left)
        return max(0, target - introduced_today)

    # --- memory -------------------------------------------------------------------
    def new_memory(self, key: int, now: datetime) -> fsrs.Card:
        """A fresh FSRS card for a card never reviewed by this employee.

        Args:
            key: a unique integer for this employee×card (FSRS card id).
            now: when it is introduced.
        """
        return fsrs.Card(card_id=key, due=_utc(now))

    def review(
        self,
        memory: fsrs.Card,
        rating: fsrs.Rating,
        now: datetime,
        *,
        seed_key: str,
        duration_ms: int | None = None,
    ) -> fsrs.Card:
        """The memory state after a review (the given state is not changed).

        Interval fuzzing is reproducible: it is drawn from a generator seeded with the
        organisation's seed and ``seed_key`` (e.g. employee, card and time), and the
        global ``random`` state ``fsrs`` uses is restored afterwards.
        """
        saved = random.getstate()
        random.seed(f"{self.settings.seed}:{seed_key}")
        try:
            after, _ = self.scheduler.review_card(
                memory, rating, review_datetime=_utc(now), review_duration=duration_ms
            )
        finally:
            random.setstate(saved)
        return after

    def replay(
        self, memory: fsrs.Card, reviews: Sequence[tuple[datetime, fsrs.Rating]]
    ) -> fsrs.Card:
        """The memory state ``reviews`` give under this policy's parameters.

        After ``recall optimize`` a stored state (stability, difficulty, learning step)
        was computed with the parameters in use at each earlier review. Replaying the
        card's reviews from a fresh card recomputes it as if the new parameters had
        always been used, as Anki does when its parameters change, so the next interval
        does not build on a stability the new parameters would never have given. The
        due date is kept: the card is still shown when it was scheduled.

        Args:
            memory: the stored state (its FSRS card id and due date are kept).
            reviews: every review of this card by this employee: when (aware UTC) and
                the rating given, in time order.

        Returns:
            The recomputed state; ``memory`` itself when there are no reviews.
        """
        if not reviews:
            return memory
        # A replayed state depends only on the ratings and the whole days between them
        # (``fsrs`` counts elapsed time in days): a tree of (rating, days since the
        # previous review) → the state ``fsrs`` computed after it. With
        # :meth:`share_replays` the tree is kept between replays, so a state found in it
        # is the one ``fsrs`` computed for the same inputs before.
        node: _ReplayNode = self._replays if self._replays is not None else {}
        card: fsrs.Card | None = None
        state: _ReplayState | None = None
        previous: datetime | None = None
        for when, rating in reviews:
            moment = _utc(when)
            edge = (rating, -1 if previous is None else (moment - previous).days)
            found = node.get(edge)
            if found is None:
                if card is None:
                    card = _card(memory.card_id, state, previous or moment, previous, _ReplayCard)
                card, _ = self._replayer.review_card(card, rating, review_datetime=moment)
                found = node[edge] = (
                    (card.state, card.step, card.stability, card.difficulty),
                    {},
                )
            else:
                card = None
            state, node = found
            previous = moment
        assert previous is not None
        return _card(memory.card_id, state, memory.due, previous)

    def share_replays(self) -> Policy:
        """Let this policy's :meth:`replay` calls share the states they compute (the
        simulation replays thousands of similar histories after each refit); returns the
        policy. The shared states live as long as the policy and grow with the distinct
        histories replayed, so the product (a long-running server) leaves this off."""
        self._replays = {}
        return self

    def retrievability(self, memory: fsrs.Card, now: datetime) -> float:
        """Estimated probability of recall at ``now`` (0 for a card never reviewed)."""
        return self.scheduler.get_card_retrievability(memory, _utc(now))

    def retrievability_of(
        self, stability: float | None, last_review: datetime | None, now: datetime
    ) -> float:
        """Retrievability from the two stored values it depends on (0 if never reviewed).

        For set-based reports that read stability and last review straight from the
        database; the same number as :meth:`retrievability` of the full card.
        """
        if stability is None or last_review is None:
            return 0.0
        memory = fsrs.Card(
            card_id=0,
            state=fsrs.State.Review,
            stability=stability,
            last_review=_utc(last_review),
            due=_utc(now),
        )
        return self.retrievability(memory, now)


_ReplayState = tuple[fsrs.State, int | None, float | None, float | None]
_ReplayNode = dict[tuple[int, int], tuple[_ReplayState, "_ReplayNode"]]


class _ReplayCard(fsrs.Card):
    """An ``fsrs.Card`` that ``copy`` copies cheaply, for the states inside a replay
    (``Scheduler.review_card`` copies the card it is given; the generic copy is a fifth
    of its time). Never returned: :meth:`Policy.replay` returns a plain ``fsrs.Card``."""

    def __copy__(self) -> _ReplayCard:
        twin = object.__new__(_ReplayCard)
        twin.__dict__.update(self.__dict__)
        return twin


def _card(
    card_id: int,
    state: _ReplayState | None,
    due: datetime,
    last_review: datetime | None = None,
    kind: type[fsrs.Card] = fsrs.Card,
) -> fsrs.Card:
    """A card in ``state`` (a fresh one when None), reviewed last at ``last_review``."""
    if state is None:
        return kind(card_id=card_id, due=due)
    return kind(
        card_id=card_id,
        state=state[0],
        step=state[1],
        stability=state[2],
        difficulty=state[3],
        due=due,
        last_review=last_review if last_review is not None else due,
    )


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("times must be timezone-aware")
    return moment.astimezone(UTC)
