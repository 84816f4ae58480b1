"""Bar charts as inline SVG text: no script, no fonts or files to fetch, every label escaped.

Function :func:`bar_chart` draws one :class:`recall.reports.model.Chart`.
"""

from __future__ import annotations

from html import escape

from recall.reports.model import Chart

__all__ = ["bar_chart"]

_BAR = "#3b6ea5"
_GRID = "#cccccc"
_TEXT = "#222222"


def bar_chart(chart: Chart, title: str, empty: str = "no data") -> str:
    """The chart as an ``<svg>`` element.

    Args:
        chart: the bars to draw.
        title: the chart's title (escaped here).
        empty: text shown when there are no bars.

    Returns:
        SVG markup, safe to embed in HTML.
    """
    if chart.horizontal:
        return _horizontal(chart, title, empty)
    return _vertical(chart, title, empty)


def _fmt(value: float, unit: str) -> str:
    return f"{value:.0f}%" if unit == "percent" else f"{value:g}"


def _scale(chart: Chart) -> float:
    if chart.unit == "percent":
        return 100.0
    return max([v for _, v in chart.bars] + [1.0])


def _opening(width: int, height: int, title: str) -> list[str]:
    """The ``<svg>`` tag, its accessible title and the visible title of a chart."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="18" font-size="14" font-weight="bold" fill="{_TEXT}">'
        f"{escape(title)}</text>",
    ]


def _horizontal(chart: Chart, title: str, empty: str) -> str:
    label_w, bar_w, row_h, top = 200, 360, 24, 34
    height = top + max(1, len(chart.bars)) * row_h + 10
    width = label_w + bar_w + 60
    top_value = _scale(chart)
    parts = [
        *_opening(width, height, title),
    ]
    if not chart.bars:
        parts.append(
            f'<text x="0" y="{top + 14}" font-size="12" fill="{_TEXT}">{escape(empty)}</text>'
        )
    for n, (name, value) in enumerate(chart.bars):
        y = top + n * row_h
        length = 0 if top_value == 0 else max(0.0, min(1.0, value / top_value)) * bar_w
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" font-size="12" text-anchor="end" '
            f'fill="{_TEXT}">{escape(name)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="16" fill="none" '
            f'stroke="{_GRID}"/>'
            f'<rect x="{label_w}" y="{y + 3}" width="{length:.1f}" height="16" fill="{_BAR}"/>'
            f'<text x="{label_w + bar_w + 6}" y="{y + 15}" font-size="12" fill="{_TEXT}">'
            f"{escape(_fmt(value, chart.unit))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _vertical(chart: Chart, title: str, empty: str) -> str:
    bars = chart.bars
    plot_h, top, bottom, left = 160, 34, 46, 40
    step = max(14, min(40, 640 // max(1, len(bars))))
    width = left + max(1, len(bars)) * step + 20
    height = top + plot_h + bottom
    top_value = _scale(chart)
    parts = [
        *_opening(width, height, title),
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" '
        f'stroke="{_GRID}"/>',
        f'<text x="{left - 4}" y="{top + 10}" font-size="10" text-anchor="end" '
        f'fill="{_TEXT}">{escape(_fmt(top_value, chart.unit))}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" font-size="10" text-anchor="end" '
        f'fill="{_TEXT}">0</text>',
    ]
    if not bars:
        parts.append(
            f'<text x="{left}" y="{top + 20}" font-size="12" fill="{_TEXT}">{escape(empty)}</text>'
        )
    label_every = max(1, len(bars) // 12)
    for n, (name, value) in enumerate(bars):
        x = left + n * step + 2
        h = 0 if top_value == 0 else max(0.0, min(1.0, value / top_value)) * plot_h
        parts.append(
            f'<rect x="{x}" y="{top + plot_h - h:.1f}" width="{step - 4}" height="{h:.1f}" '
            f'fill="{_BAR}"><title>{escape(name)}: {escape(_fmt(value, chart.unit))}</title></rect>'
        )
        if n % label_every == 0:
            cx = x + (step - 4) / 2
            parts.append(
                f'<text x="{cx:.1f}" y="{top + plot_h + 12}" font-size="10" text-anchor="end" '
                f'transform="rotate(-45 {cx:.1f} {top + plot_h + 12})" fill="{_TEXT}">'
                f"{escape(name)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)
