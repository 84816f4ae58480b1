"""Organisation-scale benchmark: enrolment, ``due`` latency, answering, size, memory.

Usage::

    python benchmarks/org_scale.py                          # 100,000 employees
    python benchmarks/org_scale.py --employees 5000 --out org_scale.json

Builds a fresh database (in a temporary folder unless ``--db`` is given) on the bundled
deck through the store API: enrols the employees, gives a share of them a few weeks of
review history (simulated through the core: ``build_queue`` + ``answer_card``, written
with ``Store.record_answers``), then times, in-process:

- ``due``: the queue use case (``recall.service.review.queue``) + loading and presenting
  each card's content, as ``recall due --json`` does, for a sample of employees (median
  and p99);
- ``answer``: the answering use case (``recall.service.review.answer``: memory, grading
  and ``Store.record_answers`` in one transaction) (median and p99).

Targets: ``due`` p99 < 20 ms, answer p99 < 20 ms, enrolment < 60 s, peak memory < 500 MB.

To add a timed step, write a function ``step_x(ctx: Context) -> dict`` and append it to
``STEPS``; whatever it returns is merged into the results under its name.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from recall.core.answering import Answer, answer_card
from recall.core.codes import Method, Reason
from recall.core.employee import Employee
from recall.core.presentation import present
from recall.core.queue import build_queue
from recall.deckfiles import load_decks
from recall.service import review
from recall.store import AnswerRow, Store

REPO = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 6, 1, 0, 30, tzinfo=UTC)  # Monday 09:30 in Tokyo
#: the answer step answers at NOW + 30 min, and a record is never dated before the latest
#: one (issue 14): HR's steps come after it
HR_NOW = NOW + timedelta(hours=1)
DEPARTMENTS = [f"部署{n:02d}" for n in range(60)]
TARGETS = {"due_p99_ms": 20, "answer_p99_ms": 20, "enrol_s": 60, "peak_memory_mb": 500}


@dataclass
class Context:
    """What the steps share: options, the store, and the results so far."""

    args: argparse.Namespace
    store: Store
    db_path: Path
    rng: random.Random
    results: dict[str, object] = field(default_factory=dict)
    employees: list[Employee] = field(default_factory=list)


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 3),
        "p99_ms": round(p99 * 1000, 3),
        "max_ms": round(ordered[-1] * 1000, 3),
        "n": len(ordered),
    }


# --- steps ---------------------------------------------------------------------------------


def step_sync_decks(ctx: Context) -> dict[str, object]:
    decks = load_decks([ctx.args.decks])
    started = time.perf_counter()
    ctx.store.sync_decks(decks, now=NOW)
    cards = len(ctx.store.cards())
    return {"seconds": round(time.perf_counter() - started, 3), "cards": cards}


def step_enrol(ctx: Context) -> dict[str, object]:
    rng = ctx.rng
    n = ctx.args.employees
    today = NOW.date()
    ctx.employees = [
        Employee(
            id=f"E{i:06d}",
            name=f"社員 {i}",
            email=f"e{i:06d}@example.co.jp",
            department=rng.choice(DEPARTMENTS),
            hired=today - timedelta(days=rng.randint(0, 3 * 365)),
            lang="en" if rng.random() < 0.05 else "ja",
        )
        for i in range(n)
    ]
    started = time.perf_counter()
    ctx.store.add_employees(ctx.employees, now=NOW)
    return {"seconds": round(time.perf_counter() - started, 3), "employees": n}


def _template_history(ctx: Context, seed: int, days: int) -> list[tuple[Answer, str]]:
    """One simulated employee's answers over ``days`` working days, through the core."""
    rng = random.Random(seed)
    store = ctx.store
    policy = store.policy()
    cards = list(store.cards().values())
    start = NOW.date() - timedelta(days=days * 7 // 5 + 2)
    hired = start
    memories: dict = {}
    answers: list[tuple[Answer, str]] = []
    accuracy = rng.uniform(0.7, 0.95)
    day = start
    while day < NOW.date():
        if day.weekday() < 5 and rng.random() < 0.85:  # some days skipped
            moment = policy.day_start(day) + timedelta(hours=9, minutes=rng.randint(0, 480))
            introduced = answered = 0
            for item in build_queue(
                cards,
                memories,
                now=moment,
                policy=policy,
                hired=hired,
                answered_today=answered,
                introduced_today=introduced,
            ):
                card = store.card(item.card_id)
                memory = memories.get(card.id) or policy.new_memory(
                    seed * 1000 + len(memories), moment
                )
                if rng.random() < accuracy:
                    choice = card.answer
                else:
                    choice = next(c.key for c in card.choices if c.key != card.answer)
                result = answer_card(
                    card,
                    memory,
                    choice,
                    rng.randint(3000, 25000),
                    moment,
                    policy,
                    seed_key=f"t{seed}:{card.id}",
                )
                memories[card.id] = result.after
                answers.append((result, item.reason))
                moment += timedelta(seconds=rng.randint(10, 40))
        day += timedelta(days=1)
    return answers


def step_history(ctx: Context) -> dict[str, object]:
    share = ctx.args.history_share
    chosen = [e.id for e in ctx.employees if ctx.rng.random() < share]
    started = time.perf_counter()
    templates = [
        _template_history(ctx, seed, ctx.args.history_days) for seed in range(ctx.args.templates)
    ]
    simulated = time.perf_counter() - started
    rows = 0
    chunk = 2000
    for begin in range(0, len(chosen), chunk):
        batch = (
            AnswerRow(employee_id, answer, Reason(reason), Method.API)
            for index, employee_id in enumerate(chosen[begin : begin + chunk], begin)
            for answer, reason in templates[index % len(templates)]
        )
        rows += ctx.store.record_answers(batch).count
    return {
        "seconds": round(time.perf_counter() - started, 3),
        "simulate_seconds": round(simulated, 3),
        "employees_with_history": len(chosen),
        "review_rows": rows,
        "memory_rows": ctx.store.db.execute("SELECT COUNT(*) FROM memory").fetchone()[0],
    }


def _due_payload(store: Store, employee_id: str, now: datetime) -> str:
    """What `recall due --json` computes, in-process."""
    employee = store.employee(employee_id)
    day = store.policy().local_date(now)
    cards = [
        present(
            store.card(item.card_id),
            employee_id=employee.id,
            day=day,
            lang=employee.lang,
            reason=item.reason,
        ).to_dict()
        for item in review.queue(store, employee.id, now)
    ]
    return json.dumps(
        {"employee": employee.id, "date": day.isoformat(), "cards": cards}, ensure_ascii=False
    )


def step_due(ctx: Context) -> dict[str, object]:
    sample = ctx.rng.sample(ctx.employees, min(ctx.args.sample, len(ctx.employees)))
    _due_payload(ctx.store, sample[0].id, NOW)  # warm the card cache, as a CLI call's sync does
    samples: list[float] = []
    sizes: list[int] = []
    for employee in sample:
        started = time.perf_counter()
        payload = _due_payload(ctx.store, employee.id, NOW)
        samples.append(time.perf_counter() - started)
        sizes.append(payload.count('"reason"'))
    return {**_ms(samples), "mean_cards_due": round(statistics.mean(sizes), 2)}


def step_answer(ctx: Context) -> dict[str, object]:
    store = ctx.store
    sample = ctx.rng.sample(ctx.employees, min(ctx.args.sample, len(ctx.employees)))
    all_cards = list(store.cards())
    samples: list[float] = []
    moment = NOW + timedelta(minutes=30)
    for employee in sample:
        queue = review.queue(store, employee.id, moment)
        card_id = queue[0].card_id if queue else ctx.rng.choice(all_cards)
        choice = store.card(card_id).answer
        started = time.perf_counter()
        review.answer(
            store, employee.id, card_id, choice, moment, response_ms=6000, method=Method.API
        )
        samples.append(time.perf_counter() - started)
    return _ms(samples)


def step_size(ctx: Context) -> dict[str, object]:
    ctx.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = ctx.db_path.stat().st_size
    return {"bytes": size, "mb": round(size / 1e6, 1)}


def step_hr(ctx: Context) -> dict[str, object]:
    """HR steps (benchmarks/hr_steps.py): an incident over 10,000 employees, report overview."""
    from hr_steps import run_steps  # benchmarks/ is on sys.path when this file is run

    ctx.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {
        name: {"seconds": round(seconds, 2), "data": note}
        for name, seconds, note in run_steps(ctx.db_path, ctx.args.decks, HR_NOW, copy=False)
    }


STEPS: list[tuple[str, Callable[[Context], dict[str, object]]]] = [
    ("sync_decks", step_sync_decks),
    ("enrol", step_enrol),
    ("history", step_history),
    ("due", step_due),
    ("answer", step_answer),
    ("database_size", step_size),
    ("hr", step_hr),
]


def _peak_memory_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / 1024 / (1024 if sys.platform == "darwin" else 1), 1)


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    parser.add_argument("--db", type=Path, help="database file (default: a temporary one)")
    parser.add_argument("--decks", type=Path, default=REPO / "decks")
    parser.add_argument(
        "--history-share",
        type=float,
        default=0.25,
        help="share of employees given review history (default 0.25)",
    )
    parser.add_argument(
        "--history-days",
        type=int,
        default=20,
        help="working days of simulated history (default 20)",
    )
    parser.add_argument(
        "--templates",
        type=int,
        default=200,
        help="distinct simulated histories to draw from (default 200)",
    )
    parser.add_argument(
        "--sample", type=int, default=1000, help="employees timed for due and answer (default 1000)"
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.db or Path(tmp) / "org.db"
        store = Store.open(db_path)
        ctx = Context(args=args, store=store, db_path=db_path, rng=random.Random(args.seed))
        for name, step in STEPS:
            started = time.perf_counter()
            ctx.results[name] = step(ctx)
            print(
                f"{name:>14}: {ctx.results[name]}  ({time.perf_counter() - started:.1f} s)",
                flush=True,
            )
        store.close()
    results = ctx.results
    results["peak_memory_mb"] = _peak_memory_mb()
    checks = {
        "due_p99_ms": results["due"]["p99_ms"],  # type: ignore[index]
        "answer_p99_ms": results["answer"]["p99_ms"],  # type: ignore[index]
        "enrol_s": results["enrol"]["seconds"],  # type: ignore[index]
        "peak_memory_mb": results["peak_memory_mb"],
    }
    results["targets"] = {
        k: {"value": v, "target": TARGETS[k], "met": v < TARGETS[k]} for k, v in checks.items()
    }
    results["employees"] = args.employees
    results["run_at"] = date.today().isoformat()
    print(f"peak memory: {results['peak_memory_mb']} MB")
    for name, check in results["targets"].items():  # type: ignore[union-attr]
        print(
            f"{name:>15}: {check['value']} (target < {check['target']}) "
            f"{'OK' if check['met'] else 'MISSED'}"
        )
    if args.out:
        args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return results


if __name__ == "__main__":
    main()
