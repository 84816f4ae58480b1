"""What HR sees, in Debian's Chromium against a real uvicorn server: an export uploaded,
its preview read and confirmed (the roster then matches); an incident recorded for one
department with its counts; refreshers assigned to everyone short in the audit period
through its preview; the pages fit a phone; a viewer who submits a form anyway
and an employee's session are refused by the server."""

from __future__ import annotations

from recall.core.codes import AdminRole, Lang
from recall.service import admins
from tests.web.chromium import PHONE, new_page
from tests.web.conftest import Site

EXPORT = (
    "社員番号,氏名,部署,入社日,メール\n"
    "E0001,Name E0001,Sales,2026-04-01,\n"
    "E0002,Name E0002 改,Sales,2026-04-01,\n"
    "E0003,Name E0003,総務部,2026-04-01,\n"
    "N0001,新人 一,Sales,2026-04-01,n1@example.jp\n"
    "N0002,新人 二,総務部,2026-04-01,\n"
    "N0003,新人 三,総務部,2026-04-01,\n"
)


def _admin_link(site: Site) -> str:
    store = site.store()
    try:
        admins.add(store, "hr@example.jp", AdminRole.HR, site.clock())
        return "/signin/" + admins.issue_link(store, "hr@example.jp", site.clock()).token
    finally:
        store.close()


def _sign_in(page, server: str, site: Site) -> None:
    page.goto(server + _admin_link(site))
    page.get_by_role("button", name="サインイン / Sign in").click()
    page.wait_for_url("**/hr/")


def _wait_done(page) -> None:
    page.wait_for_url("**/hr/jobs/*")
    page.locator("p.job.ok, p.job.failed").wait_for(timeout=20_000)
    assert page.locator("p.job.ok").count() == 1, page.content()


def test_hr_uploads_an_export_previews_and_confirms(browser, server, site):
    for i in (1, 2, 3, 4):
        site.add(f"E000{i}")
    browser.run(lambda chromium: _upload(chromium, server, site))
    store = site.store()
    try:
        active = {e.id: (e.name, e.department) for e in store.employees()}
        assert active == {
            "E0001": ("Name E0001", "Sales"),
            "E0002": ("Name E0002 改", "Sales"),
            "E0003": ("Name E0003", "総務部"),
            "N0001": ("新人 一", "Sales"),
            "N0002": ("新人 二", "総務部"),
            "N0003": ("新人 三", "総務部"),
        }
        assert store.employee("E0004").left_on is not None  # missing: recorded as leaving
        [row] = admins.trail(store)
        assert row.counts == {"new": 3, "changed": 2, "missing": 1, "leaving": 1}
    finally:
        store.close()


def _upload(chromium, server, site):
    page, problems = new_page(chromium)
    _sign_in(page, server, site)
    page.get_by_role("link", name="従業者").click()
    page.set_input_files(
        'input[name="file"]',
        files=[{"name": "hr.csv", "mimeType": "text/csv", "buffer": EXPORT.encode()}],
    )
    page.select_option('select[name="leavers"]', "mark")
    page.get_by_role("button", name="内容を確認").click()
    page.wait_for_url("**/hr/jobs/*")  # checked in a job whose page ends on the preview
    page.locator("#n-new").wait_for(timeout=20_000)
    counts = {k: page.locator(f"#n-{k}").inner_text() for k in ("new", "changed", "missing")}
    assert counts == {"new": "3", "changed": "2", "missing": "1"}
    assert "E0002: name Name E0002 → Name E0002 改" in page.content()
    page.get_by_role("button", name="確定して記録").click()
    _wait_done(page)
    assert "新規 3 人、変更 2 人" in page.content()
    assert problems == []


def test_hr_records_an_incident_for_one_department(browser, server, site):
    site.add("E0001")
    site.add("E0002")
    site.add("G0001", Lang.JA, name="総務 一", department="総務部")
    browser.run(lambda chromium: _incident(chromium, server, site))


def _incident(chromium, server, site):
    page, problems = new_page(chromium, **PHONE)
    _sign_in(page, server, site)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, "the dashboard scrolls sideways on a phone"
    page.goto(server + "/hr/incidents")
    page.fill('input[name="title"]', "USB メモリ紛失")
    page.fill('input[name="topics"]', "consent")
    page.fill('input[name="who"]', "総務部")
    page.get_by_role("button", name="内容を確認").tap()
    page.wait_for_url("**/hr/jobs/*")  # counted in a job whose page ends on the preview
    page.locator("#n-employees").wait_for(timeout=20_000)
    assert page.locator("#n-employees").inner_text() == "1"
    page.get_by_role("button", name="確定して記録").tap()
    _wait_done(page)
    page.get_by_role("link", name="戻る").tap()
    page.wait_for_url("**/hr/incidents/1")
    assert "総務 一" in page.content() and "Name E0001" not in page.content()
    assert problems == []


def test_hr_assigns_refreshers_to_everyone_short_through_the_preview(browser, server, site):
    site.add("E0001")
    site.add("E0002")
    browser.run(lambda chromium: _coverage(chromium, server, site))
    store = site.store()
    try:
        [row] = admins.trail(store)
        assert (row.action, row.subject, row.counts["employees"]) == ("coverage", "2026-04-30", 2)
    finally:
        store.close()


def _coverage(chromium, server, site):
    page, problems = new_page(chromium, **PHONE)
    _sign_in(page, server, site)
    page.goto(server + "/hr/audit")
    page.fill('input[name="deadline"]', "2026-04-30")
    page.get_by_role("button", name="不足している全員に再教育を割り当てる").tap()
    page.wait_for_url("**/hr/jobs/*")  # counted in a job whose page ends on the preview
    page.locator("#n-employees").wait_for(timeout=20_000)
    assert page.locator("#n-employees").inner_text() == "2"
    page.get_by_role("button", name="確定して記録").tap()
    _wait_done(page)
    assert "2 人に" in page.content()
    assert problems == []


def test_a_viewer_cannot_change_anything_even_by_submitting_the_form(browser, server, site):
    site.add("E0001")
    store = site.store()
    try:
        admins.add(store, "audit@example.jp", AdminRole.VIEWER, site.clock())
        link = "/signin/" + admins.issue_link(store, "audit@example.jp", site.clock()).token
        before = store.settings().desired_retention
    finally:
        store.close()
    browser.run(lambda chromium: _viewer_forges_posts(chromium, server, link))
    store = site.store()
    try:
        assert store.settings().desired_retention == before
        assert store.employee("E0001").left_on is None
        assert admins.trail(store) == []
    finally:
        store.close()


def _viewer_forges_posts(chromium, server, link):
    page, _ = new_page(chromium)
    page.goto(server + link)
    page.get_by_role("button", name="サインイン / Sign in").click()
    page.wait_for_url("**/hr/")
    page.goto(server + "/hr/settings")
    assert page.get_by_role("button", name="保存").count() == 0  # no button for a viewer
    # The viewer edits the read-only field and submits the form anyway (the session's
    # own CSRF token is in it): the server refuses it.
    with page.expect_navigation():
        page.evaluate(
            """() => {
                const form = document.querySelector('form[action="/hr/settings"]');
                const field = form.querySelector('input[name="desired_retention"]');
                field.removeAttribute('readonly');
                field.value = '0.8';
                form.requestSubmit();
            }"""
        )
    assert "変更できません" in page.content()
    csrf = page.locator('input[name="csrf"]').first.get_attribute("value")
    for path in (
        "/hr/employees/E0001/leave",
        "/hr/audit/preview",
        "/hr/audit/refresh",
        "/hr/incidents/record",
    ):
        answer = page.request.post(server + path, form={"csrf": csrf})
        assert answer.status == 403, path


def test_an_employee_session_cannot_open_any_hr_page_in_the_browser(browser, server, site):
    site.add("E0001")
    link = site.link("E0001")
    browser.run(lambda chromium: _employee_tries_hr(chromium, server, link))


def _employee_tries_hr(chromium, server, link):
    page, _ = new_page(chromium, **PHONE)
    page.goto(server + link)
    page.get_by_role("button", name="サインイン / Sign in").tap()
    page.wait_for_url("**/review")
    for path in ("/hr/", "/hr/employees", "/hr/incidents", "/hr/audit", "/hr/settings"):
        response = page.goto(server + path)
        assert response is not None and response.status == 403, path
        assert page.locator("form[action='/hr/settings']").count() == 0
    answer = page.request.post(server + "/hr/settings", form={"desired_retention": "0.8"})
    assert answer.status == 403
