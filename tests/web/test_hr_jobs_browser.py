"""A big roster sync as HR sees it, in Debian's Chromium against a real uvicorn server:
the upload's check runs as a job whose page counts the lines checked and the rows
compared, then shows the preview; after the confirmation the job page says which phase
the work is in and how many rows are done, refreshes itself, and ends with the result;
the roster then holds everyone."""

from __future__ import annotations

import re

from recall.core.codes import AdminRole
from recall.service import admins
from tests.web.chromium import new_page

ROWS = 60_000  # about three seconds of work here: several refreshes of the job page
COUNTED = re.compile(
    r"^[\d,]+ / [\d,]+ (行を確認しました|行を名簿と照合しました|件を書き込みました)$"
)


def test_a_big_sync_shows_its_progress_then_the_result(browser, server, site):
    site.add("E0001")
    export = "社員番号,氏名,部署,入社日,メール\nE0001,Name E0001,Sales,2026-04-01,\n" + "".join(
        f"N{i:06d},新人 {i},総務部,2026-04-01,\n" for i in range(ROWS)
    )
    store = site.store()
    try:
        admins.add(store, "hr@example.jp", AdminRole.HR, site.clock())
        link = "/signin/" + admins.issue_link(store, "hr@example.jp", site.clock()).token
    finally:
        store.close()
    seen = browser.run(lambda chromium: _sync(chromium, server + link, export))
    assert seen["checking"] == "running", seen  # the upload's check: phases, then the preview
    assert any(COUNTED.match(text) for text in seen["checked"]), seen
    assert seen["first"] == "running", seen
    assert any(COUNTED.match(text) for text in seen["steps"]), seen
    assert f"新規 {ROWS} 人" in seen["result"], seen
    store = site.store()
    try:
        assert len(store.employees()) == ROWS + 1
        [row] = admins.trail(store)
        assert row.counts["new"] == ROWS
    finally:
        store.close()


def _sync(chromium, link: str, export: str) -> dict:
    page, problems = new_page(chromium)
    page.goto(link)
    page.get_by_role("button", name="サインイン / Sign in").click()
    page.wait_for_url("**/hr/")
    page.get_by_role("link", name="従業者").click()
    page.set_input_files(
        'input[name="file"]',
        files=[{"name": "hr.csv", "mimeType": "text/csv", "buffer": export.encode()}],
    )
    page.get_by_role("button", name="内容を確認").click()
    page.wait_for_url("**/hr/jobs/*")  # the check is a job too
    checking = "running" if page.locator("p.job.running").count() else "finished"
    checked = _steps(page, "#n-new, p.job.failed")
    assert page.locator("#n-new").inner_text() == str(ROWS)
    page.get_by_role("button", name="確定して記録").click()
    page.wait_for_url("**/hr/jobs/*")
    first = "running" if page.locator("p.job.running").count() else "finished"
    steps = _steps(page, "p.job.ok, p.job.failed")
    page.locator("p.job.ok").wait_for(timeout=60_000)
    result = page.locator("main").inner_text()
    assert problems == []
    return {
        "checking": checking,
        "checked": checked,
        "first": first,
        "steps": steps,
        "result": result,
    }


def _steps(page, end: str) -> list[str]:
    """The steps a job page showed until ``end`` is on it (it reloads itself every
    second while the job runs)."""
    steps: list[str] = []
    for _ in range(600):
        try:
            if page.locator(end).count():
                break
            step = page.locator("#job-step")
            if step.count():
                steps.append(step.inner_text().strip())
        except Exception:  # noqa: BLE001 - the page was reloading under the locator
            pass
        page.wait_for_timeout(100)
    page.locator(end).first.wait_for(timeout=60_000)
    return sorted(set(steps))
