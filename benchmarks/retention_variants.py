"""Reduced retention runs for experiments: chosen recall variants and the oracle sweep.

Usage::

    python benchmarks/retention_variants.py --employees 100 \\
        --spec '{"name": "recall 0.90", "desired_retention": 0.9, "fitted": true}' \\
        --save-params /tmp/fitted.json
    python benchmarks/retention_variants.py --employees 100 --params /tmp/fitted.json \\
        --spec '{"name": "hindsight", "desired_retention": 0.9, "params": true}'
    python benchmarks/retention_variants.py --fit-every 15 \\
        --spec '{"name": "refit 15 days", "desired_retention": 0.9, "fitted": true}'

Each ``--spec`` is a JSON object of :class:`recall.simulation.PolicySpec` fields (lists
for the step tuples); ``"params": true`` starts that policy with the parameters in the
``--params`` file; ``--oracle-reshows`` makes the oracle show each card answered
wrongly again before the sitting ends, as recall does. Prints recall and minutes per
week over the year and the second half and the ratio to the oracle's minutes at equal
recall. ``--save-params`` writes the parameters the first self-fitting policy ended the
run with (its last fit).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import recall.simulation.run as run
from recall.deckfiles import load_decks
from recall.simulation import LearnerModel, PolicySpec, SimulationConfig, oracle_sweep
from recall.simulation.report import oracle_ratio

REPO = Path(__file__).resolve().parents[1]


def _spec(text: str, parameters: tuple[float, ...] | None) -> PolicySpec:
    fields = json.loads(text)
    if not isinstance(fields, dict):
        raise ValueError("give a JSON object of PolicySpec fields")
    if fields.pop("params", False):
        if parameters is None:
            raise SystemExit('a spec asks for "params" but --params is not given')
        fields["parameters"] = parameters
    for name in ("learning_steps_minutes", "relearning_steps_minutes"):
        if name in fields:
            fields[name] = tuple(fields[name])
    return PolicySpec(**fields)


def main(argv: list[str] | None = None) -> int:
    """Run the variants; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100)
    parser.add_argument("--model", choices=[m.value for m in LearnerModel], default="spacing")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--decks", type=Path, default=REPO / "decks")
    parser.add_argument("--spec", action="append", default=[], metavar="JSON")
    parser.add_argument("--params", type=Path, help="JSON list of 21 FSRS parameters")
    parser.add_argument("--save-params", type=Path)
    parser.add_argument("--fit-every", type=int, default=run.FIT_EVERY_DAYS, metavar="DAYS")
    parser.add_argument(
        "--oracle-reshows",
        action="store_true",
        help="the oracle shows each card answered wrongly again before the sitting ends, "
        "as recall does (the yardstick under recall's sitting rule)",
    )
    args = parser.parse_args(argv)
    parameters = tuple(json.loads(args.params.read_text())) if args.params else None
    specs = []
    for text in args.spec:
        try:
            specs.append(_spec(text, parameters))
        except (ValueError, TypeError) as problem:  # bad JSON, field or value
            parser.error(f"--spec {text!r}: {problem}")
    specs += oracle_sweep(reshow_wrong=args.oracle_reshows)
    run.FIT_EVERY_DAYS = args.fit_every
    config = SimulationConfig(
        employees=args.employees,
        seed=args.seed,
        learner_model=LearnerModel(args.model),
        policies=tuple(specs),
    )
    started = time.perf_counter()
    result = run.run_simulation(load_decks([args.decks]), config, workers=args.workers)
    print(f"{args.employees} employees, {args.model}, {time.perf_counter() - started:.0f} s")
    print(
        "| policy | recall, year | min/week | × oracle | recall, 2nd half | min/week | × oracle |"
    )
    print("|---|---|---|---|---|---|---|")

    def ratio(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.2f}"

    for p in result.policies:
        print(
            f"| {p.name} | {p.mean_recall:.3f} | {p.minutes_per_week:.2f} | "
            f"{ratio(oracle_ratio(result, p, late=False))} | {p.late_mean_recall:.3f} | "
            f"{p.late_minutes_per_week:.2f} | {ratio(oracle_ratio(result, p, late=True))} |"
        )
    if args.save_params:
        fitted = next((p.parameters for p in result.policies if p.fitted_on_days), None)
        if fitted is None:
            print("no policy fitted itself: nothing saved", file=sys.stderr)
            return 1
        args.save_params.write_text(json.dumps(list(fitted)), encoding="utf-8")
        print(f"wrote {args.save_params}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
