"""The simulated employee: how they forget, when they are away, how fast they answer.

Classes: :class:`Traits` (one employee's drawn parameters), :class:`Memory` (their
memory of one card), :class:`Learner` (traits + memories: recall probability, answering,
learning from feedback).

The model is deliberately *not* FSRS (which would make FSRS win by construction):

* **Forgetting** follows a power law, ``p(t) = (1 + c·t/h)^(-d)`` with
  ``c = 2^(1/d) - 1`` so that ``p(h) = 0.5``: ``h`` is the card's half-life in days and
  ``d`` the employee's own decay (drawn per employee; Wixted & Ebbesen 1991 and
  Rubin & Wenzel 1996 find power-law forgetting for meaningful material).
* **Learning** follows the spacing mechanism of ACT-R (Pavlik & Anderson 2005): every
  presentation with feedback strengthens the memory, and by more the more had been
  forgotten: ``h ← h·(1 + gain·ease·(1 - p))``; a successful retrieval gains more than a
  failed one followed by the correct answer (the testing effect, Roediger & Karpicke
  2006). Reviewing a card one still knows perfectly adds almost nothing (massed practice).
* **Per employee**: first-exposure half-life, gain, decay, reading speed, the chance
  of skipping a working day and two holiday weeks. **Per card**: a difficulty shared by
  everyone, plus an employee×card noise.
* **Answers**: the employee recalls with probability ``p``; if not, they guess among the
  choices. The scheduler only sees the choice and the response time.

Two learner models (:class:`LearnerModel`), and every result is reported under both:

* ``spacing`` (above): a lapse costs nothing but the lapse itself, and strengthening never
  saturates. Forgetting is cheap, which flatters sparse schedules.
* ``lapse``: a failed retrieval cuts the half-life to ``lapse_keep`` of what it was (never
  below the first-exposure one) before the feedback relearns it, and each strengthening
  is damped by ``1 / (1 + h / saturation_days)``, so long half-lives grow ever more
  slowly (Pavlik & Anderson's decreasing gains; the "lapse shortens memory" of every
  SRS model).

Every draw comes from a ``random.Random`` the caller seeds; nothing global is used.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from enum import StrEnum

from recall.core.deck import Card

__all__ = [
    "LEARNER_MODEL",
    "Learner",
    "LearnerModel",
    "Memory",
    "Traits",
    "card_difficulties",
    "draw_traits",
]

#: The model's population parameters (medians and log-normal spreads), shown in reports.
LEARNER_MODEL: dict[str, float] = {
    "first_half_life_days_median": 2.0,
    "first_half_life_sigma": 0.5,
    "gain_median": 3.0,
    "gain_sigma": 0.35,
    "failed_retrieval_gain_share": 0.4,
    "decay_median": 0.4,
    "decay_sigma": 0.3,
    "card_difficulty_sigma": 0.4,
    "employee_card_noise_sigma": 0.3,
    "skip_day_min": 0.02,
    "skip_day_max": 0.25,
    "holiday_blocks": 2,
    "holiday_block_working_days": 5,
    "read_ms_per_char_median": 80.0,
    "read_sigma": 0.25,
    "recall_decide_ms_median": 2000.0,
    "guess_decide_ms_median": 6000.0,
    "feedback_seconds": 8.0,
    "lapse_keep": 0.5,
    "saturation_days": 365.0,
}


class LearnerModel(StrEnum):
    """How a simulated memory reacts to a lapse and to strengthening (module docstring)."""

    SPACING = "spacing"
    LAPSE = "lapse"


_MAX_HALF_LIFE_DAYS = 36_500.0


@dataclass(frozen=True)
class Traits:
    """One simulated employee's parameters (identical under every policy)."""

    first_half_life: float
    gain: float
    decay: float
    read_ms_per_char: float
    skip_day: float
    ease: dict[str, float]
    absent: frozenset[int]

    @property
    def shape(self) -> float:
        """``c`` in ``p(t) = (1 + c·t/h)^(-d)``, so that recall is 0.5 at one half-life."""
        return 2.0 ** (1.0 / self.decay) - 1.0


def card_difficulties(cards: list[Card], rng: random.Random) -> dict[str, float]:
    """Each card's difficulty (log-scale, shared by every employee).

    Args:
        cards: the deck's cards.
        rng: the organisation's generator.

    Returns:
        Card id → difficulty (0 is average; positive is harder).
    """
    sigma = LEARNER_MODEL["card_difficulty_sigma"]
    return {card.id: rng.gauss(0.0, sigma) for card in cards}


def draw_traits(
    cards: list[Card], difficulty: dict[str, float], working_days: list[int], rng: random.Random
) -> Traits:
    """Draw one employee.

    Args:
        cards: the deck's cards.
        difficulty: card difficulties from :func:`card_difficulties`.
        working_days: the simulated days (indexes) that are Monday-Friday.
        rng: this employee's generator.

    Returns:
        The employee's traits, including the working days they are away.
    """
    m = LEARNER_MODEL

    def lognormal(median: float, sigma: float) -> float:
        return median * math.exp(rng.gauss(0.0, sigma))

    first = lognormal(m["first_half_life_days_median"], m["first_half_life_sigma"])
    gain = lognormal(m["gain_median"], m["gain_sigma"])
    decay = min(1.0, max(0.15, lognormal(m["decay_median"], m["decay_sigma"])))
    read = lognormal(m["read_ms_per_char_median"], m["read_sigma"])
    skip = rng.uniform(m["skip_day_min"], m["skip_day_max"])
    noise = m["employee_card_noise_sigma"]
    ease = {c.id: math.exp(-difficulty[c.id] + rng.gauss(0.0, noise)) for c in cards}
    absent: set[int] = {day for day in working_days if rng.random() < skip}
    block = int(m["holiday_block_working_days"])
    for _ in range(int(m["holiday_blocks"])):
        if len(working_days) > block:
            first_index = rng.randrange(len(working_days) - block)
            absent.update(working_days[first_index : first_index + block])
    return Traits(first, gain, decay, read, skip, ease, frozenset(absent))


@dataclass
class Memory:
    """An employee's true memory of one card."""

    half_life: float
    last: float


@dataclass
class Learner:
    """A simulated employee: traits, memories and the generator for their answers.

    Args:
        traits: the employee's parameters.
        rng: generator for this employee's answers under one policy.
        model: the learner model.
    """

    traits: Traits
    rng: random.Random
    model: LearnerModel = LearnerModel.SPACING
    memories: dict[str, Memory] = field(default_factory=dict)
    _lengths: dict[str, int] = field(default_factory=dict, repr=False)

    def recall(self, card_id: str, t: float) -> float:
        """True probability of recalling ``card_id`` at ``t`` (days); 0 if never seen."""
        memory = self.memories.get(card_id)
        if memory is None:
            return 0.0
        elapsed = max(0.0, t - memory.last)
        return (1.0 + self.traits.shape * elapsed / memory.half_life) ** -self.traits.decay

    def recall_all(self, card_ids: list[str], t: float) -> list[float]:
        """True recall probabilities of ``card_ids`` at ``t`` (days), in the same order.

        ``t`` must not be earlier than any card's last review (the run loop measures at
        18:00, after every session).
        """
        shape = self.traits.shape
        decay = -self.traits.decay
        found = map(self.memories.get, card_ids)
        return [
            0.0 if m is None else (1.0 + shape * (t - m.last) / m.half_life) ** decay for m in found
        ]

    def answer(self, card: Card, t: float) -> tuple[str, int, float]:
        """Answer ``card`` at ``t`` and learn from the feedback shown afterwards.

        Args:
            card: the card shown.
            t: when, in days since the start of the simulation.

        Returns:
            The chosen choice key, the response time in milliseconds, and the recall
            probability the employee had just before answering.
        """
        traits = self.traits
        rng = self.rng
        p = self.recall(card.id, t)
        recalled = rng.random() < p
        length = self._lengths.get(card.id)
        if length is None:
            length = self._lengths[card.id] = card.length
        reading = traits.read_ms_per_char * length * math.exp(rng.gauss(0.0, 0.15))
        if recalled:
            choice = card.answer
            median = LEARNER_MODEL["recall_decide_ms_median"] * (1.0 + 2.0 * (1.0 - p))
            deciding = median * math.exp(rng.gauss(0.0, 0.4))
        else:
            choice = rng.choice([c.key for c in card.choices])
            deciding = LEARNER_MODEL["guess_decide_ms_median"] * math.exp(rng.gauss(0.0, 0.5))
        self._learn(card.id, t, p, recalled)
        return choice, max(500, round(reading + deciding)), p

    def _learn(self, card_id: str, t: float, p: float, recalled: bool) -> None:
        ease = self.traits.ease[card_id]
        memory = self.memories.get(card_id)
        if memory is None:
            self.memories[card_id] = Memory(self.traits.first_half_life * ease, t)
            return
        gain = self.traits.gain * ease * (1.0 - p)
        if not recalled:
            gain *= LEARNER_MODEL["failed_retrieval_gain_share"]
        half_life = memory.half_life
        if self.model is LearnerModel.LAPSE:
            if not recalled:
                first = self.traits.first_half_life * ease
                half_life = max(first, half_life * LEARNER_MODEL["lapse_keep"])
            gain /= 1.0 + half_life / LEARNER_MODEL["saturation_days"]
        memory.half_life = min(_MAX_HALF_LIFE_DAYS, half_life * (1.0 + gain))
        memory.last = t
