"""Rendering simulation results: text tables, targets, CSV text and an optional PNG chart.

Functions: :func:`format_table`, :func:`format_targets`, :func:`csv_text`,
:func:`save_chart`, :func:`oracle_ratio`, :func:`recall_at_minutes`. Only
:func:`save_chart` writes (the chart file); it needs matplotlib, an optional extra.
Every function takes one result per learner model (a single result is accepted too).

"Ratio to the oracle" compares minutes at equal recall: the oracle's sweep of
thresholds gives its frontier of (minutes per week, mean recall); a policy's ratio is
its minutes divided by the oracle's minutes, interpolated linearly, at the policy's
mean recall. Outside the sweep's range there is no ratio ("n/a").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from recall.core.escaping import csv_text as escape_csv
from recall.simulation.run import PolicyResult, SimulationResult

__all__ = [
    "CSV_COLUMNS",
    "TARGETS",
    "csv_text",
    "format_table",
    "format_targets",
    "oracle_ratio",
    "recall_at_minutes",
    "save_chart",
]

CSV_COLUMNS = (
    "learner_model",
    "policy",
    "kind",
    "mean_recall",
    "mean_recall_second_half",
    "minutes_per_employee_week",
    "minutes_per_employee_week_second_half",
    "oracle_minutes_ratio",
    "oracle_minutes_ratio_second_half",
    "share_employee_days_below_70",
    "worst_topic",
    "worst_topic_recall",
    "reviews_per_employee_month",
    "minutes_per_employee_month",
    "minutes_per_employee_month_second_half",
    "seconds_per_card",
    "incident_topic_recall_day_after",
    "deck_seen_by_day_median",
    "share_employees_saw_deck",
    "fits",
    "reviews_scheduled",
    "reviews_recorded",
)

#: The issue-12 targets: (second half recall, minutes/week, oracle ratio), year one.
TARGETS = {
    "late_recall": 0.90,
    "late_minutes_per_week": 3.0,
    "late_oracle_ratio": 1.10,
    "year_recall": 0.85,
    "year_minutes_per_week": 8.0,
}

_Results = SimulationResult | Sequence[SimulationResult]


def _many(results: _Results) -> list[SimulationResult]:
    return [results] if isinstance(results, SimulationResult) else list(results)


def _points(result: SimulationResult, kind: str, late: bool) -> list[tuple[float, float]]:
    """(minutes per week, recall) of every policy of ``kind``, by recall."""
    return sorted(
        (
            (p.late_minutes_per_week, p.late_mean_recall)
            if late
            else (p.minutes_per_week, p.mean_recall)
        )
        for p in result.policies
        if p.kind == kind
    )


def _interpolate(points: list[tuple[float, float]], x: float) -> float | None:
    """y at ``x`` on the polyline through ``points`` (sorted by x); None outside."""
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if x0 <= x <= x1:
            return y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return None


def oracle_ratio(result: SimulationResult, policy: PolicyResult, *, late: bool) -> float | None:
    """``policy``'s minutes over the oracle's at the same mean recall (None outside the
    oracle sweep's range, or when the run has no oracle)."""
    frontier = sorted((r, m) for m, r in _points(result, "oracle", late))
    recall = policy.late_mean_recall if late else policy.mean_recall
    minutes = policy.late_minutes_per_week if late else policy.minutes_per_week
    oracle = _interpolate(frontier, recall)
    return None if not oracle else minutes / oracle


def _recall_frontier(result: SimulationResult, late: bool) -> list[tuple[float, float]]:
    """recall's own frontier: its self-fitting policies at each desired retention."""
    return sorted(
        (p.late_minutes_per_week, p.late_mean_recall)
        if late
        else (p.minutes_per_week, p.mean_recall)
        for p in result.policies
        if p.frontier
    )


def recall_at_minutes(result: SimulationResult, minutes: float, *, late: bool) -> float | None:
    """recall's mean recall at ``minutes`` per week, interpolated between its desired
    retentions (self-fitting policies); None outside their range."""
    return _interpolate(_recall_frontier(result, late), minutes)


def _ratio_text(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _rows(result: SimulationResult) -> list[dict[str, str]]:
    rows = []
    for p in result.policies:
        rows.append(
            {
                "learner_model": str(result.config.learner_model),
                "policy": escape_csv(p.name),
                "kind": p.kind,
                "mean_recall": f"{p.mean_recall:.3f}",
                "mean_recall_second_half": f"{p.late_mean_recall:.3f}",
                "minutes_per_employee_week": f"{p.minutes_per_week:.2f}",
                "minutes_per_employee_week_second_half": f"{p.late_minutes_per_week:.2f}",
                "oracle_minutes_ratio": _ratio_text(oracle_ratio(result, p, late=False)),
                "oracle_minutes_ratio_second_half": _ratio_text(oracle_ratio(result, p, late=True)),
                "share_employee_days_below_70": f"{p.share_below_70:.3f}",
                "worst_topic": escape_csv(p.worst_topic),
                "worst_topic_recall": f"{p.topic_recall[p.worst_topic]:.3f}",
                "reviews_per_employee_month": f"{p.reviews_per_month:.1f}",
                "minutes_per_employee_month": f"{p.minutes_per_month:.1f}",
                "minutes_per_employee_month_second_half": f"{p.late_minutes_per_month:.1f}",
                "seconds_per_card": f"{p.seconds_per_card:.1f}",
                "incident_topic_recall_day_after": f"{p.incident_recall:.3f}",
                "deck_seen_by_day_median": "" if p.deck_seen_day is None else str(p.deck_seen_day),
                "share_employees_saw_deck": f"{p.deck_seen_share:.3f}",
                "fits": str(len(p.fitted_on_days)),
                "reviews_scheduled": str(p.scheduled),
                "reviews_recorded": str(p.recorded),
            }
        )
    return rows


def csv_text(results: _Results) -> str:
    """The per-policy metrics as CSV (one row per learner model × policy, header first).

    Args:
        results: one simulation result per learner model.

    Returns:
        The CSV text.
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for result in _many(results):
        writer.writerows(_rows(result))
    return out.getvalue()


def format_table(results: _Results) -> str:
    """The per-policy metrics as Markdown tables, one per learner model.

    Args:
        results: one simulation result per learner model.

    Returns:
        The tables, each preceded by a one-line description of the run.
    """
    titles = (
        "policy",
        "recall, year",
        "recall, 2nd half",
        "min/week, year",
        "min/week, 2nd half",
        "× oracle min, year",
        "× oracle min, 2nd half",
        "employee-days < 70%",
        "worst topic (recall)",
        "incident topic, day after",
        "whole deck seen by day (median)",
    )
    blocks = []
    for result in _many(results):
        c = result.config
        header = (
            f"Learner model '{c.learner_model}': {c.employees} employees, {c.days} days, "
            f"seed {c.seed}, {result.cards} cards ({result.onboarding_cards} onboarding), "
            f"decks: {', '.join(result.deck_ids)}; incidents: "
            + ", ".join(f"day {i.day} on {i.topic}" for i in result.incidents)
        )
        lines = [header, "", "| " + " | ".join(titles) + " |", "|" + "---|" * len(titles)]
        for p in result.policies:
            cells = (
                p.name,
                f"{p.mean_recall:.3f}",
                f"{p.late_mean_recall:.3f}",
                f"{p.minutes_per_week:.2f}",
                f"{p.late_minutes_per_week:.2f}",
                _ratio_text(oracle_ratio(result, p, late=False)),
                _ratio_text(oracle_ratio(result, p, late=True)),
                f"{p.share_below_70:.1%}",
                f"{p.worst_topic} ({p.topic_recall[p.worst_topic]:.1%})",
                f"{p.incident_recall:.1%}",
                "never" if p.deck_seen_day is None else str(p.deck_seen_day),
            )
            lines.append("| " + " | ".join(cells) + " |")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def format_targets(results: _Results, policy: str = "recall (0.90)") -> str:
    """The issue-12 targets for ``policy``, met or not, under each learner model, and
    recall against every fixed cycle at equal minutes.

    Args:
        results: one simulation result per learner model.
        policy: the recall policy judged.

    Returns:
        Lines of text, one check per line.
    """
    t = TARGETS
    lines = []
    for result in _many(results):
        model = result.config.learner_model
        found = [p for p in result.policies if p.name == policy]
        if not found:
            continue
        p = found[0]
        late_ratio = oracle_ratio(result, p, late=True)

        def mark(ok: bool) -> str:
            return "met" if ok else "NOT met"

        lines.append(
            f"[{model}] {policy}, 2nd half: recall {p.late_mean_recall:.3f} (target ≥ "
            f"{t['late_recall']:.2f}: {mark(p.late_mean_recall >= t['late_recall'])}), "
            f"{p.late_minutes_per_week:.2f} min/week (≤ {t['late_minutes_per_week']:.1f}: "
            f"{mark(p.late_minutes_per_week <= t['late_minutes_per_week'])}), "
            f"{_ratio_text(late_ratio)} × oracle minutes (≤ {t['late_oracle_ratio']:.2f}: "
            f"{mark(late_ratio is not None and late_ratio <= t['late_oracle_ratio'])})"
        )
        lines.append(
            f"[{model}] {policy}, year: recall {p.mean_recall:.3f} (≥ {t['year_recall']:.2f}: "
            f"{mark(p.mean_recall >= t['year_recall'])}), {p.minutes_per_week:.2f} min/week "
            f"(≤ {t['year_minutes_per_week']:.1f}: "
            f"{mark(p.minutes_per_week <= t['year_minutes_per_week'])})"
        )
        for fixed in result.policies:
            if fixed.kind not in ("fixed", "paced"):
                continue
            for late, label in ((False, "year"), (True, "2nd half")):
                minutes = fixed.late_minutes_per_week if late else fixed.minutes_per_week
                recall = fixed.late_mean_recall if late else fixed.mean_recall
                verdict = _versus(result, minutes, recall, late=late)
                lines.append(
                    f"[{model}] vs {fixed.name}, {label}: {recall:.3f} at {minutes:.2f} "
                    f"min/week; {verdict}"
                )
    return "\n".join(lines)


def _versus(result: SimulationResult, minutes: float, recall: float, *, late: bool) -> str:
    """recall against a fixed cycle's (minutes, recall): at equal minutes when recall's
    desired retentions span those minutes, else whether one of them dominates it."""
    ours = recall_at_minutes(result, minutes, late=late)
    if ours is not None:
        return f"recall at equal minutes {ours:.3f}: {'ahead' if ours > recall else 'BEHIND'}"
    frontier = _recall_frontier(result, late)
    better = [(m, r) for m, r in frontier if m <= minutes and r >= recall]
    if better:
        m, r = max(better, key=lambda point: point[1])
        return f"recall does better with fewer minutes ({r:.3f} at {m:.2f}): ahead"
    cheapest = frontier[0] if frontier else None
    if cheapest is not None and minutes < cheapest[0]:
        return (
            f"cheaper than recall's cheapest setting ({cheapest[1]:.3f} at "
            f"{cheapest[0]:.2f}): no comparison at equal minutes"
        )
    return "no recall setting at these minutes"


def save_chart(results: _Results, path: Path) -> bool:
    """Draw mean recall against minutes per week, year and second half, one row of
    panels per learner model, with the oracle's frontier and recall's.

    Args:
        results: one simulation result per learner model.
        path: where to write the PNG.

    Returns:
        False (and nothing written) when matplotlib is not installed; True otherwise.
    """
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    many = _many(results)
    figure, axes = plt.subplots(len(many), 2, figsize=(11, 4.2 * len(many)), dpi=90, squeeze=False)
    styles = {"fixed": ("s", "tab:grey"), "paced": ("D", "tab:brown")}
    # recall's variants sit close together near recall (0.90): a marker each, named in
    # the legend, instead of labels that would overlap
    variant_markers = iter("^vP*Xh")
    variants = {
        p.name: next(variant_markers, "^")
        for p in _many(results)[0].policies
        if p.kind == "recall" and not p.frontier
    }
    for row, result in zip(axes, many, strict=True):
        for ax, late in zip(row, (False, True), strict=True):
            oracle = _points(result, "oracle", late)
            ax.plot(*zip(*oracle, strict=True), "-o", color="black", label="oracle frontier")
            ours = _recall_frontier(result, late)
            if ours:
                ax.plot(*zip(*ours, strict=True), "-o", color="tab:blue", label="recall (fitted)")
            for p in result.policies:
                x = p.late_minutes_per_week if late else p.minutes_per_week
                y = p.late_mean_recall if late else p.mean_recall
                if p.kind in styles:
                    marker, colour = styles[p.kind]
                    ax.plot(x, y, marker, color=colour)
                    ax.annotate(
                        p.name, (x, y), fontsize=6, xytext=(3, -8), textcoords="offset points"
                    )
                elif p.kind == "recall" and not p.frontier:
                    marker = variants.get(p.name, "^")
                    ax.plot(x, y, marker, color="tab:orange", label=p.name, linestyle="none")
            ax.axhline(0.90 if late else 0.85, color="red", linewidth=0.6, linestyle=":")
            ax.axvline(3.0 if late else 8.0, color="red", linewidth=0.6, linestyle=":")
            ax.set_xlabel("minutes per employee per week")
            ax.set_ylabel("mean recall")
            ax.set_xlim(left=0)
            ax.set_ylim(0, 1)
            ax.set_title(
                f"{'second half' if late else 'year'}, learner model "
                f"'{result.config.learner_model}', {result.config.employees} employees",
                fontsize=9,
            )
            ax.grid(alpha=0.3)
            ax.legend(loc="lower right", fontsize=7)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)
    plt.close(figure)
    return True
