"""Rendering reports: escaping, CSV/JSON forms, SVG charts; retention matches fsrs."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from recall.reports import Chart, Report, Section, render_csv, render_html, render_json
from recall.reports.svg import bar_chart
from recall.store.summaries import retention_error_bound
from tests.hr_org import make_org, simulate

TRICKY = "<script>alert(\"x\")</script> & 'q'"


def _report(lang: str = "en") -> Report:
    return Report(
        kind="audit",
        lang=lang,
        meta=(("organisation", TRICKY),),
        sections=(
            Section(
                "audit",
                ("name", "training_dates", "correct_rate", "understanding"),
                [
                    {
                        "name": TRICKY,
                        "training_dates": [date(2026, 4, 1), date(2026, 4, 2)],
                        "correct_rate": 0.875,
                        "understanding": "pass",
                    }
                ],
                percent=frozenset({"correct_rate"}),
                coded=frozenset({"understanding"}),
            ),
        ),
        charts=(Chart("chart_retention", ((TRICKY, 50.0),), unit="percent", horizontal=True),),
    )


def test_html_escapes_every_text_and_has_no_script():
    page = render_html(_report())
    assert "<script>" not in page
    assert (
        page.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27;") == 3
    )  # header, chart, table
    assert "87.5%" in page and "pass" in page


def test_csv_and_json_forms():
    rows = list(csv.reader(io.StringIO(render_csv(_report()))))
    assert rows == [
        ["Name", "Training dates", "Correct rate", "Understanding"],
        [TRICKY, "2026-04-01; 2026-04-02", "87.5", "pass"],
    ]
    data = json.loads(render_json(_report("ja")))
    assert data["sections"]["audit"][0]["training_dates"] == ["2026-04-01", "2026-04-02"]
    assert data["sections"]["audit"][0]["understanding"] == "pass"
    assert render_csv(_report("ja")).startswith("氏名,受講日,正答率,理解度確認")


def test_svg_charts():
    vertical = bar_chart(Chart("chart_weeks", (("4/1", 3.0), ("4/8", 6.0))), "Weeks")
    assert vertical.startswith("<svg") and vertical.count("<rect") == 2
    empty = bar_chart(Chart("chart_weeks", ()), "Weeks", "no data")
    assert "no data" in empty


def test_department_retention_is_fsrs_retrievability(tmp_path):
    store = make_org(tmp_path)
    now = simulate(store, 60)
    totals, topics = store.retention_by_department(now, exact=True)
    policy = store.policy()
    expected: dict[str, list[float]] = {}
    for employee in store.employees():
        entry = expected.setdefault(employee.department, [0.0, 0])
        for memory in store.memories(employee.id).values():
            entry[0] += policy.retrievability(memory, now)
            entry[1] += 1
    assert set(totals) == set(expected)
    for department, (total, count) in expected.items():
        assert totals[department].count == count
        assert abs(totals[department].total - total) < 1e-9
    assert {t for _, t in topics} == {"consent", "disposal", "email", "access"}
    # the maintained cells (the default): same counts, means within the bound
    decay = policy.scheduler.parameters[20]
    cells, _ = store.retention_by_department(now)
    for department, (total, count) in expected.items():
        bound = max(
            retention_error_bound(m.stability, decay)
            for e in store.employees(department=department)
            for m in store.memories(e.id).values()
            if m.stability is not None
        )
        assert cells[department].count == count
        assert abs(cells[department].mean - total / count) <= bound
