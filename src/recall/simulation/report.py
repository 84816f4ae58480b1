"""Rendering a simulation result: a text table, CSV text and an optional PNG chart.

Functions: :func:`format_table`, :func:`csv_text`, :func:`save_chart`. Only
:func:`save_chart` writes (the chart file); it needs matplotlib, an optional extra.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from recall.core.escaping import csv_text as escape_csv
from recall.simulation.run import SimulationResult

__all__ = ["CSV_COLUMNS", "csv_text", "format_table", "save_chart"]

CSV_COLUMNS = (
    "policy",
    "mean_recall",
    "mean_recall_second_half",
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
    "reviews_scheduled",
    "reviews_recorded",
)


def _rows(result: SimulationResult) -> list[dict[str, str]]:
    rows = []
    for p in result.policies:
        rows.append(
            {
                "policy": escape_csv(p.name),
                "mean_recall": f"{p.mean_recall:.3f}",
                "mean_recall_second_half": f"{p.late_mean_recall:.3f}",
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
                "reviews_scheduled": str(p.scheduled),
                "reviews_recorded": str(p.recorded),
            }
        )
    return rows


def csv_text(result: SimulationResult) -> str:
    """The per-policy metrics as CSV (one row per policy, header first).

    Args:
        result: a simulation result.

    Returns:
        The CSV text.
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(_rows(result))
    return out.getvalue()


def format_table(result: SimulationResult) -> str:
    """The per-policy metrics as a Markdown table (readable in a terminal too).

    Args:
        result: a simulation result.

    Returns:
        The table, one line per policy, preceded by a one-line description of the run.
    """
    c = result.config
    header = (
        f"{c.employees} employees, {c.days} days, seed {c.seed}, {result.cards} cards "
        f"({result.onboarding_cards} onboarding), decks: {', '.join(result.deck_ids)}; "
        "incidents: " + ", ".join(f"day {i.day} on {i.topic}" for i in result.incidents)
    )
    titles = (
        "policy",
        "mean recall",
        "2nd half",
        "employee-days < 70%",
        "worst topic (recall)",
        "reviews/month",
        "min/month",
        "min/month, 2nd half",
        "s/card",
        "incident topic, day after",
        "whole deck seen by day (median)",
    )
    lines = [header, "", "| " + " | ".join(titles) + " |", "|" + "---|" * len(titles)]
    for p in result.policies:
        cells = (
            p.name,
            f"{p.mean_recall:.1%}",
            f"{p.late_mean_recall:.1%}",
            f"{p.share_below_70:.1%}",
            f"{p.worst_topic} ({p.topic_recall[p.worst_topic]:.1%})",
            f"{p.reviews_per_month:.1f}",
            f"{p.minutes_per_month:.1f}",
            f"{p.late_minutes_per_month:.1f}",
            f"{p.seconds_per_card:.0f}",
            f"{p.incident_recall:.1%}",
            "never" if p.deck_seen_day is None else str(p.deck_seen_day),
        )
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def save_chart(result: SimulationResult, path: Path) -> bool:
    """Draw mean recall over the year, one line per policy, into a PNG file.

    Args:
        result: a simulation result.
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
    figure, axes = plt.subplots(figsize=(8, 4.5), dpi=90)
    for p in result.policies:
        style = "-" if p.name.startswith("recall") else "--"
        width = 2.2 if p.name == "recall (0.90)" else 1.2
        days = range(len(p.daily_recall))
        axes.plot(days, p.daily_recall, style, linewidth=width, label=p.name)
    for incident in result.incidents:
        axes.axvline(incident.day, color="grey", linewidth=0.6, linestyle=":")
    axes.axhline(0.7, color="red", linewidth=0.6, linestyle=":")
    axes.set_xlabel("day")
    axes.set_ylabel("mean probability of recall (unseen cards = 0)")
    axes.set_ylim(0, 1)
    axes.set_title(
        f"Simulated retention, {result.config.employees} employees, seed {result.config.seed}"
    )
    axes.legend(loc="lower right", fontsize=8, ncol=2)
    axes.grid(alpha=0.3)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)
    plt.close(figure)
    return True
