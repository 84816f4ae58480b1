"""The HR pages under /hr/, in-process: who may open them (admins only; a viewer reads
but every changing POST is refused), CSRF, the roster sync and incidents through their
previews, and the admins' trail written with the change and never by a dry run."""

from __future__ import annotations

import re
import time

import pytest

from recall.core.codes import AdminRole
from recall.service import admins
from recall.web.hr import HR_COOKIE
from tests.web.conftest import field, sign_in

HEADER = "社員番号,氏名,部署,入社日,メール\n"


def admin_link(site, email: str, role: AdminRole) -> str:
    store = site.store()
    try:
        admins.add(store, email, role, site.clock())
        return "/signin/" + admins.issue_link(store, email, site.clock()).token
    finally:
        store.close()


def sign_in_admin(client, site, email="hr@example.jp", role=AdminRole.HR) -> str:
    """Sign an admin in through a real link; returns the session's CSRF token."""
    path = admin_link(site, email, role)
    page = client.get(path)
    assert page.status_code == 200
    done = client.post(path, data={"csrf": field(page.text, "csrf")})
    assert done.status_code == 303 and done.headers["location"] == "/hr/"
    assert HR_COOKIE in done.headers["set-cookie"]
    home = client.get("/hr/")
    assert home.status_code == 200
    return field(home.text, "csrf")


def trail(site) -> list:
    store = site.store()
    try:
        return admins.trail(store)
    finally:
        store.close()


def wait_job(client, response) -> str:
    assert response.status_code == 303, response.text
    where = response.headers["location"]
    assert where.startswith("/hr/jobs/")
    for _ in range(200):
        page = client.get(where)
        assert page.status_code == 200
        if 'http-equiv="refresh"' not in page.text:
            return page.text
        time.sleep(0.05)
    raise AssertionError("job did not finish")


def test_admin_link_opens_the_dashboard(client, site):
    site.add("E0001")
    sign_in_admin(client, site)
    page = client.get("/hr/")
    assert "概要" in page.text and 'id="reviewed-today"' in page.text
    assert "<svg" in page.text  # the overview's chart
    assert client.get("/review").status_code == 401  # an admin is not an employee


def test_an_employee_session_cannot_open_any_hr_page(client, site):
    site.add("E0001")
    sign_in(client, site, "E0001")
    for path in (
        "/hr/",
        "/hr/employees",
        "/hr/incidents",
        "/hr/audit",
        "/hr/settings",
        "/hr/trail",
        "/hr/employees/E0001",
        "/hr/audit/record.csv",
    ):
        page = client.get(path)
        assert page.status_code == 403, path
    assert client.post("/hr/settings", data={"csrf": "x"}).status_code == 403


def test_nobody_signed_in_gets_401(client, site):
    assert client.get("/hr/").status_code == 401


def test_a_viewer_reads_but_every_change_is_refused(client, site):
    site.add("E0001")
    csrf = sign_in_admin(client, site, "audit@example.jp", AdminRole.VIEWER)
    assert client.get("/hr/settings").status_code == 200
    assert 'action="/hr/incidents/preview"' not in client.get("/hr/incidents").text
    for path, data in (
        ("/hr/settings", {"desired_retention": "0.8"}),
        ("/hr/incidents/preview", {"title": "x", "topics": "consent", "scope": "all"}),
        ("/hr/incidents/record", {"title": "x", "topics": "consent", "scope": "all"}),
        ("/hr/audit/preview", {}),
        ("/hr/audit/refresh", {}),
        ("/hr/employees/E0001/leave", {}),
        ("/hr/sync/confirm", {}),
    ):
        refused = client.post(path, data={"csrf": csrf, **data})
        assert refused.status_code == 403, path
        assert "cannot change" in refused.text or "変更できません" in refused.text
    store = site.store()
    try:
        assert store.settings().desired_retention != 0.8
        assert store.employee("E0001").left_on is None
    finally:
        store.close()
    assert trail(site) == []
    # the viewer may still switch language (not a change)
    assert client.post("/hr/lang", data={"csrf": csrf, "lang": "en"}).status_code == 303


def test_posts_need_the_session_csrf_token(client, site):
    sign_in_admin(client, site)
    for data in ({}, {"csrf": "wrong"}):
        refused = client.post("/hr/settings", data={**data, "desired_retention": "0.8"})
        assert refused.status_code == 403
    assert trail(site) == []


def test_settings_change_is_validated_and_trailed(client, site):
    csrf = sign_in_admin(client, site)
    bad = client.post("/hr/settings", data={"csrf": csrf, "desired_retention": "7"})
    assert bad.status_code == 400 and "desired_retention" in bad.text
    assert trail(site) == []
    ok = client.post("/hr/settings", data={"csrf": csrf, "desired_retention": "0.85"})
    assert ok.status_code == 303
    [row] = trail(site)
    assert (row.actor, row.action, row.subject, row.counts) == (
        "hr@example.jp",
        "settings",
        "desired_retention",
        {"settings": 1},
    )
    assert "0.85" in client.get("/hr/settings").text
    assert "hr@example.jp" in client.get("/hr/trail").text


def test_the_trail_cannot_be_changed(site):
    store = site.store()
    try:
        admins.note(store, "hr@example.jp", site.clock(), "leave", "E1", {"employees": 1})
        import sqlite3

        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            store.db.execute("UPDATE admin_trail SET actor = 'x'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            store.db.execute("DELETE FROM admin_trail")
    finally:
        store.close()


def test_sync_upload_preview_then_confirm(client, site):
    for i in (1, 2, 3):
        site.add(f"E000{i}")
    csrf = sign_in_admin(client, site)
    export = HEADER + (
        "E0001,Name E0001,Sales,2026-04-01,\n"
        "E0002,Changed Name,Sales,2026-04-01,\n"
        "N0001,新人 一,総務部,2026-04-01,n1@example.jp\n"
    )
    started = client.post(
        "/hr/sync/upload",
        data={"csrf": csrf, "leavers": "mark"},
        files={"file": ("hr.csv", export.encode(), "text/csv")},
    )
    wait_job(client, started)  # the check runs as a job whose page ends on the preview
    preview = client.get(started.headers["location"])
    assert preview.status_code == 200, preview.text
    counts = {
        k: re.search(rf'id="n-{k}">(\d+)<', preview.text).group(1)
        for k in ("new", "changed", "missing", "leaving")
    }
    assert counts == {"new": "1", "changed": "1", "missing": "1", "leaving": "1"}
    assert trail(site) == []  # the preview wrote nothing
    store = site.store()
    try:
        assert len(store.employees()) == 3
    finally:
        store.close()
    upload = field(preview.text, "upload")
    done = wait_job(
        client,
        client.post("/hr/sync/confirm", data={"csrf": csrf, "leavers": "mark", "upload": upload}),
    )
    assert "新規 1 人" in done
    store = site.store()
    try:
        assert [e.id for e in store.employees()] == ["E0001", "E0002", "N0001"]
        assert store.employee("E0002").name == "Changed Name"
        assert store.employee("E0003").left_on is not None
    finally:
        store.close()
    [row] = trail(site)
    assert row.action == "sync" and row.subject == "hr.csv"
    assert row.counts == {"new": 1, "changed": 1, "missing": 1, "leaving": 1}
    # the upload is used up: confirming again finds no file, and says so
    again = client.post(
        "/hr/sync/confirm", data={"csrf": csrf, "leavers": "mark", "upload": upload}
    )
    assert again.status_code == 410 and "もう一度アップロード" in again.text


def test_incident_preview_record_progress_and_trail(client, site):
    site.add("E0001")
    site.add("E0002")
    csrf = sign_in_admin(client, site)
    form = {
        "csrf": csrf,
        "title": "USB lost",
        "occurred": "2026-03-31",
        "topics": "consent",
        "scope": "departments",
        "who": "Sales",
        "deadline": "",
    }
    preview = wait_job(client, client.post("/hr/incidents/preview", data=form))  # a job
    assert re.search(r'id="n-employees">2<', preview)
    assert field(preview, "title") == "USB lost" and field(preview, "who") == "Sales"
    assert trail(site) == []
    bad = wait_job(client, client.post("/hr/incidents/preview", data={**form, "who": "Nowhere"}))
    assert 'class="job failed"' in bad and "Nowhere" in bad
    late = client.post("/hr/incidents/preview", data={**form, "occurred": "someday"})
    assert late.status_code == 400  # the form itself is checked before any job
    done = wait_job(client, client.post("/hr/incidents/record", data=form))
    assert "2 人" in done, done[done.find("<main") :]
    [row] = trail(site)
    assert (row.action, row.subject, row.counts["employees"]) == ("incident", "USB lost", 2)
    page = client.get("/hr/incidents/1")
    assert page.status_code == 200 and "E0001" in page.text and "USB lost" in page.text
    listing = client.get("/hr/incidents")
    assert "USB lost" in listing.text


def test_a_second_submission_while_a_job_runs_is_refused(client, site):
    sign_in_admin(client, site)
    app_views = client.app  # the jobs registry belongs to the app's HR views
    hr_views = next(
        r.endpoint.__self__
        for r in app_views.routes
        if getattr(r, "path", "") == "/hr/" and hasattr(r.endpoint, "__self__")
    )
    import threading

    gate = threading.Event()
    first = hr_views.jobs.start("sync", "en", "/hr/", lambda job: gate.wait(5))
    assert first is not None
    assert hr_views.jobs.start("sync", "en", "/hr/", lambda job: None) is None
    running = client.get(f"/hr/jobs/{first.id}")
    assert 'http-equiv="refresh"' in running.text
    gate.set()


def test_leave_from_the_employee_page_is_trailed(client, site):
    site.add("E0001")
    csrf = sign_in_admin(client, site)
    page = client.get("/hr/employees/E0001")
    assert page.status_code == 200 and "Name E0001" in page.text
    assert client.post("/hr/employees/E0001/leave", data={"csrf": csrf}).status_code == 303
    [row] = trail(site)
    assert row.action == "leave" and row.subject.startswith("E0001 ")


def test_audit_downloads_carry_the_trail_annex(client, site):
    site.add("E0001")
    csrf = sign_in_admin(client, site)
    csv_before = client.get("/hr/audit/record.csv")
    assert (
        csv_before.status_code == 200 and "attachment" in csv_before.headers["content-disposition"]
    )
    assert "操作記録" not in csv_before.text
    client.post("/hr/settings", data={"csrf": csrf, "desired_retention": "0.85"})
    html = client.get("/hr/audit/record.html").text
    assert "管理者の操作記録" in html and "hr@example.jp" in html


def test_employee_search_and_department_filter(client, site):
    site.add("E0001")
    site.add("E0002")
    sign_in_admin(client, site)
    assert "E0002" in client.get("/hr/employees?q=e0002").text
    assert "E0001" not in client.get("/hr/employees?q=e0002").text
    assert "E0001" not in client.get("/hr/employees?department=Nowhere").text


def test_trusted_header_signs_in_only_admins(site):
    from tests.web.conftest import make_client

    site.add("E0001", email="e1@example.jp")
    store = site.store()
    try:
        admins.add(store, "hr@example.jp", AdminRole.VIEWER, site.clock())
    finally:
        store.close()
    with make_client(site, trust_header="X-Remote-User") as client:
        page = client.get("/hr/", headers={"X-Remote-User": "HR@example.jp"})
        assert page.status_code == 200 and "hr@example.jp" in page.text
        again = client.get("/hr/trail", headers={"X-Remote-User": "HR@example.jp"})
        assert again.status_code == 200
    with make_client(site, trust_header="X-Remote-User") as client:
        for who in ("e1@example.jp", "E0001", "nobody@example.jp"):
            assert client.get("/hr/", headers={"X-Remote-User": who}).status_code == 403
    with make_client(site) as client:  # without --trust-header the header means nothing
        assert client.get("/hr/", headers={"X-Remote-User": "hr@example.jp"}).status_code == 401


def test_edit_from_the_employee_page_is_checked_and_trailed(client, site):
    site.add("E0001")
    csrf = sign_in_admin(client, site)
    form = {"csrf": csrf, "name": "New Name", "email": "", "department": "総務部", "lang": "ja"}
    bad = client.post("/hr/employees/E0001/edit", data={**form, "email": "not-an-email"})
    assert bad.status_code == 400 and "email" in bad.text
    assert trail(site) == []
    assert client.post("/hr/employees/E0001/edit", data=form).status_code == 303
    store = site.store()
    try:
        person = store.employee("E0001")
        assert (person.name, person.department, person.lang) == ("New Name", "総務部", "ja")
    finally:
        store.close()
    [row] = trail(site)
    assert (row.action, row.subject) == ("edit", "E0001 name,department,lang")
