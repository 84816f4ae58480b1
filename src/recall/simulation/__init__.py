"""Retention simulation: simulated employees under several scheduling policies.

Modules: :mod:`~recall.simulation.learner` (the memory model of a simulated employee),
:mod:`~recall.simulation.schedules` (fixed-interval policies and recall's own),
:mod:`~recall.simulation.run` (the run loop and metrics),
:mod:`~recall.simulation.report` (table, CSV and chart),
:mod:`~recall.simulation.synthetic` (a synthetic deck for tests).
"""

from recall.simulation.learner import LEARNER_MODEL, Learner, LearnerModel, Memory, Traits
from recall.simulation.run import (
    Incident,
    PolicyResult,
    SimulationConfig,
    SimulationResult,
    run_simulation,
    simulated_answers,
)
from recall.simulation.schedules import PolicySpec, default_policies, oracle_sweep
from recall.simulation.synthetic import synthetic_deck_text

__all__ = [
    "Incident",
    "LEARNER_MODEL",
    "Learner",
    "LearnerModel",
    "Memory",
    "PolicyResult",
    "PolicySpec",
    "SimulationConfig",
    "SimulationResult",
    "Traits",
    "default_policies",
    "oracle_sweep",
    "run_simulation",
    "simulated_answers",
    "synthetic_deck_text",
]
