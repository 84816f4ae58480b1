"""The item-analysis report (``recall report cards``): one row per card, the cards to
rewrite first. Pure: built from :class:`recall.core.items.ItemStats`; no SQL, no clock.

Function: :func:`build_cards`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from recall.core.coverage import Period
from recall.core.items import GUESSED_BEYOND_CHANCE, LOW_DISCRIMINATION, TOO_HARD, ItemStats
from recall.reports.build import DeckLine
from recall.reports.model import Report, Section

__all__ = ["build_cards"]

_COLUMNS = (
    "card",
    "topics",
    "learners",
    "first_sight",
    "chance",
    "first_right",
    "later_answers",
    "later_right",
    "lapses",
    "median_seconds",
    "discrimination",
    "flag",
)


def build_cards(
    stats: Sequence[ItemStats],
    *,
    period: Period,
    card_topics: Mapping[str, Sequence[str]],
    topic_names: Mapping[str, Mapping[str, str]],
    decks: Sequence[DeckLine],
    min_learners: int,
    lang: str,
    now: datetime,
    zone: ZoneInfo,
) -> Report:
    """The item analysis of ``period``, in the order of ``stats`` (cards to rewrite first).

    Args:
        stats: from :func:`recall.core.items.analyse_items`.
        period: the period analysed.
        card_topics: card id → its topic ids.
        topic_names: topic id → names by language.
        decks: the active decks, for the header.
        min_learners: learners at first sight a card needs for a flag.
        lang: report language.
        now: when the report is made.
        zone: the organisation's timezone.

    Returns:
        The report: one section ``item_analysis``; the flag column holds codes
        (``confusing``, ``too_hard``, ``guessed``) and shares are fractions.
    """
    rows = [
        {
            "card": s.card_id,
            "topics": [_name(topic_names, t, lang) for t in card_topics.get(s.card_id, ())],
            "learners": s.learners,
            "first_sight": s.first_sight,
            "chance": s.chance,
            "first_right": s.first_right,
            "later_answers": s.later_answers,
            "later_right": s.later_right,
            "lapses": s.lapses,
            "median_seconds": s.median_seconds,
            "discrimination": s.discrimination,
            "flag": s.flag.value if s.flag else None,
        }
        for s in stats
    ]
    meta = [("period", f"{period.start.isoformat()} – {period.end.isoformat()}")]
    meta += [("deck", d.heading(lang)) for d in decks]
    meta += [
        ("min_learners", str(min_learners)),
        ("generated", now.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")),
    ]
    return Report(
        kind="item_analysis",
        lang=lang,
        meta=tuple(meta),
        sections=(
            Section(
                "item_analysis",
                _COLUMNS,
                rows,
                percent=frozenset({"chance", "first_right", "later_right"}),
                coded=frozenset({"flag"}),
            ),
        ),
        data={
            "period": [period.start, period.end],
            "min_learners": min_learners,
            "too_hard_below": TOO_HARD,
            "guessed_beyond_chance": GUESSED_BEYOND_CHANCE,
            "low_discrimination": LOW_DISCRIMINATION,
            "discrimination": "point-biserial: right at first sight on the card against "
            "the share right at first sight on the other cards",
            "decks": [{"id": d.id, "version": d.version} for d in decks],
            "generated": now.isoformat(),
        },
    )


def _name(names: Mapping[str, Mapping[str, str]], topic: str, lang: str) -> str:
    texts = names.get(topic)
    if not texts:
        return topic
    return texts.get(lang) or texts.get("ja") or topic
