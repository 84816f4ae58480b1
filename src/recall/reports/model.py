"""The shape of a report, independent of how it is rendered.

Classes: :class:`Report` (header facts, sections, charts), :class:`Section` (a titled
table: column keys and rows of plain values) and :class:`Chart` (labelled bars).

Row values are plain: ``str``, ``int``, ``float`` (a fraction 0-1 in a percent column),
``datetime.date``, ``list`` of those, or ``None``. Columns named in ``Section.coded``
hold label keys (e.g. a state) that renderers translate; JSON keeps the codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Chart", "Report", "Section"]


@dataclass(frozen=True)
class Section:
    """A titled table of a report.

    Attributes:
        key: the label key of its title, also its name in JSON.
        columns: column keys (label keys), in display order.
        rows: one dict per row, keyed by column.
        percent: columns holding fractions shown as percentages.
        coded: columns whose values (or list items) are label keys.
    """

    key: str
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    percent: frozenset[str] = frozenset()
    coded: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Chart:
    """A bar chart: ``bars`` are (label, value); ``unit`` is ``percent`` or ``count``."""

    key: str
    bars: tuple[tuple[str, float], ...]
    unit: str = "count"
    horizontal: bool = False


@dataclass(frozen=True)
class Report:
    """A whole report.

    Attributes:
        kind: ``overview``, ``employee``, ``incidents``, ``audit`` or ``coverage``.
        lang: ``ja`` or ``en`` (labels).
        meta: header facts as (label key, text), in display order.
        sections: the tables.
        charts: charts (drawn in HTML only).
        data: extra machine-readable facts for JSON (period, pass mark, ...).
    """

    kind: str
    lang: str
    meta: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    charts: tuple[Chart, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)
