"""Long HR work in the background, in-process: the job page says the phase and how many
rows or people are done; the coverage refresh and its preview are jobs too; a second
submission while one runs is refused at once; a job that fails says why, in the admin's
language, and writes nothing; uploaded exports are private and do not outlive their time
or the server.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import threading
import time
from contextlib import contextmanager
from datetime import date

from starlette.testclient import TestClient

from recall.core.codes import Lang
from recall.core.progress import Phase, Step
from recall.service import staff
from recall.web.hr import HR_COOKIE, UPLOAD_MINUTES
from tests.web.conftest import field, make_client
from tests.web.test_hr import HEADER, sign_in_admin, trail, wait_job

EXPORT = HEADER + (
    "E0001,Name E0001,Sales,2026-04-01,\n"
    "E0002,Changed Name,Sales,2026-04-01,\n"
    "N0001,新人 一,総務部,2026-04-01,n1@example.jp\n"
)


def hr_views(client):
    """The app's HR views (their jobs and kept uploads)."""
    return next(
        r.endpoint.__self__
        for r in client.app.routes
        if getattr(r, "path", "") == "/hr/" and hasattr(r.endpoint, "__self__")
    )


def upload(client, csrf: str, text: str = EXPORT, leavers: str = "mark"):
    """Upload an export; its check runs as a job whose page ends on the preview."""
    started = client.post(
        "/hr/sync/upload",
        data={"csrf": csrf, "leavers": leavers},
        files={"file": ("月次.csv", text.encode(), "text/csv")},
    )
    wait_job(client, started)
    page = client.get(started.headers["location"])
    assert page.status_code == 200 and 'id="sync-summary"' in page.text, page.text
    return page


@contextmanager
def database_held(site):
    """Another process holding the database's write lock (a long CLI import, say)."""
    other = sqlite3.connect(site.db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def wait_for(client, where: str, text: str) -> str:
    for _ in range(200):
        page = client.get(where)
        if text in page.text:
            return page.text
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never shown:\n{page.text}")


def roster(site) -> list[tuple[str, str, date | None]]:
    store = site.store()
    try:
        return [(e.id, e.name, e.left_on) for e in store.employees(include_left=True)]
    finally:
        store.close()


def test_the_job_page_says_the_phase_and_how_many_are_done(client, site):
    csrf = sign_in_admin(client, site)
    gate, told = threading.Event(), threading.Event()

    def work(job):
        told.wait(5)
        job.tell(Step(Phase.CHECKING, 42_000, 100_000))
        gate.wait(5)

    job = hr_views(client).jobs.start("sync", "ja", "/hr/", work)
    where = f"/hr/jobs/{job.id}"
    waiting = client.get(where).text
    assert "開始を待っています" in waiting and 'http-equiv="refresh"' in waiting
    told.set()
    page = wait_for(client, where, "42,000 / 100,000 行を確認しました")
    assert '<progress id="job-progress" max="100000" value="42000">' in page
    client.post("/hr/lang", data={"csrf": csrf, "lang": "en", "next": where})
    assert "42,000 / 100,000 lines checked" in client.get(where).text
    gate.set()
    done = wait_for(client, where, "Done.")
    assert 'http-equiv="refresh"' not in done and "job-progress" not in done


def test_a_real_sync_shows_its_progress_and_a_second_click_is_refused(client, site):
    for i in (1, 2, 3):
        site.add(f"E000{i}")
    csrf = sign_in_admin(client, site)
    token = field(upload(client, csrf).text, "upload")
    with database_held(site):  # the job checks the file, then waits for the database
        started = client.post("/hr/sync/confirm", data={"csrf": csrf, "upload": token})
        assert started.status_code == 303
        where = started.headers["location"]
        page = wait_for(
            client, where, "データベースの空きを待っています（別の処理が書き込み中です）"
        )
        assert 'data-phase="database"' in page and "行を確認しました" not in page
        assert "job-progress" not in page  # no bar of the last step while it waits
        again = client.post("/hr/sync/confirm", data={"csrf": csrf, "upload": token})
        assert again.status_code == 409 and "同じ処理がまだ実行中です" in again.text
        assert roster(site)[0][1] == "Name E0001"  # nothing written yet
    done = wait_job(client, started)
    assert "完了しました" in done and "新規 1 人" in done
    assert [r[:2] for r in roster(site)] == [
        ("E0001", "Name E0001"),
        ("E0002", "Changed Name"),
        ("E0003", "Name E0003"),
        ("N0001", "新人 一"),
    ]
    [row] = trail(site)
    assert (row.action, row.subject) == ("sync", "月次.csv")  # the name on HR's computer


def test_the_coverage_refresh_runs_as_a_job_and_is_not_run_twice(client, site):
    site.add("E0001")
    site.add("E0002")
    csrf = sign_in_admin(client, site)
    preview = wait_job(client, client.post("/hr/audit/preview", data={"csrf": csrf}))
    assert re.search(r'id="n-employees">2<', preview)
    assert trail(site) == []
    form = {"csrf": csrf, "deadline": field(preview, "deadline")}
    with database_held(site):
        started = client.post("/hr/audit/refresh", data=form)
        assert started.status_code == 303 and started.headers["location"].startswith("/hr/jobs/")
        wait_for(client, started.headers["location"], "データベースの空きを待っています")
        again = client.post("/hr/audit/refresh", data=form)
        assert again.status_code == 409
    done = wait_job(client, started)
    assert "完了しました" in done and "2 人" in done
    [row] = trail(site)
    assert row.action == "coverage" and row.counts["employees"] == 2
    # a bad deadline is refused in the request, before any job
    bad = client.post("/hr/audit/refresh", data={"csrf": csrf, "deadline": "2020-01-01"})
    assert bad.status_code == 400


def test_a_failed_incident_job_says_where_in_japanese_and_records_nothing(client, site):
    site.add("E0001")
    site.add("G0001", Lang.JA, name="総務 一", department="総務部")
    csrf = sign_in_admin(client, site)
    form = {
        "csrf": csrf,
        "title": "FAX誤送信",
        "occurred": "2026-03-31",
        "topics": "consent",
        "scope": "departments",
        "who": "総務部",
        "deadline": "",
    }
    assert 'id="n-employees">1<' in wait_job(
        client, client.post("/hr/incidents/preview", data=form)
    )
    store = site.store()
    try:  # meanwhile the department's only member leaves
        staff.leave(store, site.clock(), "G0001", None)
    finally:
        store.close()
    page = wait_job(client, client.post("/hr/incidents/record", data=form))
    assert 'class="job failed"' in page and "失敗しました。何も記録していません。" in page
    assert (
        "部署 &#39;総務部&#39; は不明です（在籍者のいる部署: Sales）。何も記録していません" in page
    )
    assert trail(site) == []
    assert "FAX誤送信" not in client.get("/hr/incidents").text


def test_a_sync_that_fails_mid_write_is_rolled_back(client, site):
    for i in (1, 2, 3):
        site.add(f"E000{i}")
    csrf = sign_in_admin(client, site)
    token = field(upload(client, csrf).text, "upload")
    before = roster(site)
    # a fault after the new person and the new name are written: leaving dates fail
    other = sqlite3.connect(site.db_path)
    other.execute(
        "CREATE TRIGGER no_leaving BEFORE UPDATE OF left_on ON employees "
        "BEGIN SELECT RAISE(ABORT, 'disk trouble'); END"
    )
    other.close()
    page = wait_job(client, client.post("/hr/sync/confirm", data={"csrf": csrf, "upload": token}))
    assert 'class="job failed"' in page and "何も記録していません" in page
    assert roster(site) == before and trail(site) == []
    assert list(hr_views(client).uploads.folder.iterdir()) == []  # the upload is not kept


def test_a_busy_database_fails_the_job_with_a_translated_message(client, site, monkeypatch):
    monkeypatch.setenv("RECALL_BUSY_TIMEOUT", "0.2")
    site.add("E0001")
    csrf = sign_in_admin(client, site)
    client.post("/hr/lang", data={"csrf": csrf, "lang": "en"})
    token = field(upload(client, csrf).text, "upload")
    with database_held(site):
        page = wait_job(
            client, client.post("/hr/sync/confirm", data={"csrf": csrf, "upload": token})
        )
    assert "Failed; nothing was recorded." in page
    assert "the database was busy with other work" in page.lower()
    assert [r[0] for r in roster(site)] == ["E0001"] and trail(site) == []


def test_an_upload_is_private_and_gone_after_the_time_limit(client, site):
    site.add("E0001")
    csrf = sign_in_admin(client, site)
    preview = upload(client, csrf)
    assert f"{UPLOAD_MINUTES}分間だけ保管" in preview.text
    folder = hr_views(client).uploads.folder
    [kept] = list(folder.iterdir())
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    site.clock.advance(minutes=UPLOAD_MINUTES + 1)
    client.get("/hr/")  # any HR request sweeps
    assert not kept.exists()
    late = client.post(
        "/hr/sync/confirm", data={"csrf": csrf, "upload": field(preview.text, "upload")}
    )
    assert late.status_code == 410
    assert "60分以内に確定されなかったか、サーバーが再起動したため削除しました" in late.text
    assert 'href="/hr/employees">もう一度アップロードする<' in late.text
    assert [r[0] for r in roster(site)] == ["E0001"] and trail(site) == []


def _age(path, minutes: int) -> None:
    """Make ``path`` look written ``minutes`` ago."""
    then = time.time() - minutes * 60
    os.utime(path, (then, then))


def test_a_second_server_keeps_the_first_ones_uploads_and_leftovers_go_after_their_time(
    client, site
):
    for i in (1, 2, 3):
        site.add(f"E000{i}")
    csrf = sign_in_admin(client, site)
    token = field(upload(client, csrf).text, "upload")
    [kept] = list(hr_views(client).uploads.folder.iterdir())
    with make_client(site) as second:  # `recall serve` started again on the same database
        second.get("/healthz")
        assert kept.exists()  # it may be the first server's, waiting for its confirmation
        second.cookies.set(HR_COOKIE, client.cookies.get(HR_COOKIE))
        client.post("/hr/lang", data={"csrf": csrf, "lang": "en"})
        unknown = second.post("/hr/sync/confirm", data={"csrf": csrf, "upload": token})
        assert unknown.status_code == 410  # only the server that checked it confirms it
        assert "not confirmed within 60 minutes, or the server restarted" in unknown.text
        second.get("/hr/")  # its sweep leaves the young file alone too
        assert kept.exists()
        gone = second.get("/hr/jobs/0123456789abcdef")
        assert gone.status_code == 404 and "the admins&#39; trail shows" in gone.text
        # the first server still confirms its own upload
        done = wait_job(
            client, client.post("/hr/sync/confirm", data={"csrf": csrf, "upload": token})
        )
        assert "Done." in done and "1 new" in done
        assert not kept.exists()
        # a stopped server's leftover goes once past the time limit: found by a sweep ...
        client.post("/hr/lang", data={"csrf": csrf, "lang": "ja"})
        upload(client, csrf)
        [left] = list(hr_views(client).uploads.folder.iterdir())
        _age(left, UPLOAD_MINUTES - 1)
        second.get("/hr/")
        assert left.exists()
        _age(left, UPLOAD_MINUTES + 1)
        second.get("/hr/")
        assert not left.exists()
    # ... or by a server starting
    upload(client, csrf)
    [left] = list(hr_views(client).uploads.folder.iterdir())
    _age(left, UPLOAD_MINUTES + 1)
    with make_client(site):
        assert not left.exists()
    assert [r[1] for r in roster(site)] == ["Name E0001", "Changed Name", "Name E0003", "新人 一"]


def test_signing_out_deletes_the_upload_and_a_token_is_the_sessions_own(client, site):
    site.add("E0001")
    csrf = sign_in_admin(client, site)
    token = field(upload(client, csrf).text, "upload")
    folder = hr_views(client).uploads.folder
    assert len(list(folder.iterdir())) == 1
    assert client.post("/hr/signout", data={"csrf": csrf}).status_code == 200
    assert list(folder.iterdir()) == []
    csrf = sign_in_admin(client, site, "other@example.jp")
    late = client.post("/hr/sync/confirm", data={"csrf": csrf, "upload": token})
    assert late.status_code == 410


def test_a_bad_export_is_not_kept_and_its_error_names_the_uploaded_file(client, site):
    csrf = sign_in_admin(client, site)
    bad = client.post(
        "/hr/sync/upload",
        data={"csrf": csrf, "leavers": "ignore"},
        files={"file": ("C:\\exports\\hr.csv", (HEADER + "E1,,Sales,2026-04-01,\n").encode())},
    )
    page = wait_job(client, bad)  # the check runs as a job, which fails and says where
    assert 'class="job failed"' in page and 'id="sync-summary"' not in page
    assert "hr.csv" in page and "exports" not in page and "/tmp" not in page
    assert list(hr_views(client).uploads.folder.iterdir()) == []


def test_an_upload_is_checked_in_a_job_that_ends_on_its_preview_for_its_admin(client, site):
    for i in (1, 2, 3):
        site.add(f"E000{i}")
    csrf = sign_in_admin(client, site)
    started = client.post(
        "/hr/sync/upload",
        data={"csrf": csrf, "leavers": "mark"},
        files={"file": ("月次.csv", EXPORT.encode(), "text/csv")},
    )
    assert started.status_code == 303 and started.headers["location"].startswith("/hr/jobs/")
    where = started.headers["location"]
    preview = wait_job(client, started)
    counts = {k: re.search(rf'id="n-{k}">(\d+)<', preview).group(1) for k in ("new", "changed")}
    assert counts == {"new": "1", "changed": "1"}
    assert "E0002: name Name E0002 → Changed Name" in preview
    assert 'action="/hr/sync/confirm"' in preview and field(preview, "upload")
    job = hr_views(client).jobs.get(where.rsplit("/", 1)[1])
    assert job.step == Step(Phase.COMPARING, 3, 3)  # the check told its phases
    assert trail(site) == [] and len(roster(site)) == 3  # nothing written
    # another admin opening the job's page sees the counts, not the upload or its token
    with TestClient(client.app, follow_redirects=False) as other:
        sign_in_admin(other, site, "other@example.jp")
        seen = other.get(where).text
        assert "確認しました: 新規 1 人、変更 1 人、データにいない人 1 人。" in seen
        assert "Changed Name" not in seen and 'name="upload"' not in seen
    # confirmed from the preview as before
    done = wait_job(
        client,
        client.post("/hr/sync/confirm", data={"csrf": csrf, "upload": field(preview, "upload")}),
    )
    assert "新規 1 人" in done and roster(site)[1][1] == "Changed Name"


def test_a_second_upload_while_a_check_or_sync_runs_is_refused_and_not_kept(client, site):
    for i in (1, 2, 3):
        site.add(f"E000{i}")
    csrf = sign_in_admin(client, site)
    token = field(upload(client, csrf).text, "upload")
    folder = hr_views(client).uploads.folder
    with database_held(site):  # the sync waits for the database: it is still running
        started = client.post("/hr/sync/confirm", data={"csrf": csrf, "upload": token})
        wait_for(client, started.headers["location"], "データベースの空きを待っています")
        again = client.post(
            "/hr/sync/upload",
            data={"csrf": csrf, "leavers": "ignore"},
            files={"file": ("次.csv", EXPORT.encode(), "text/csv")},
        )
        assert again.status_code == 409 and "同じ処理がまだ実行中です" in again.text
        assert len(list(folder.iterdir())) == 1  # the running sync's file only
    wait_job(client, started)
    assert list(folder.iterdir()) == []
    # while a check runs (held here at its start), a second upload is refused as well
    gate = threading.Event()
    check = hr_views(client).jobs.start("sync", "ja", "/hr/employees", lambda job: gate.wait(5))
    try:
        refused = client.post(
            "/hr/sync/upload",
            data={"csrf": csrf, "leavers": "ignore"},
            files={"file": ("次.csv", EXPORT.encode(), "text/csv")},
        )
        assert refused.status_code == 409 and list(folder.iterdir()) == []
    finally:
        gate.set()
    wait_for(client, f"/hr/jobs/{check.id}", "完了しました")
    assert upload(client, csrf).status_code == 200  # and accepted once it has finished


def test_a_job_store_tells_when_it_waits_for_another_process(site):
    store = site.store()
    told: list[bool] = []
    store.db.on_wait = told.append
    try:
        with store.transaction():  # free: no wait, nothing told
            pass
        assert told == []
        other = sqlite3.connect(site.db_path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        threading.Timer(0.3, lambda: other.execute("ROLLBACK")).start()
        with store.transaction():  # waits until the other process lets go
            assert told == [True, False]
        other.close()
        assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] == 10_000
    finally:
        store.close()


def test_an_incident_preview_is_a_job_refused_while_an_incident_is_recorded(client, site):
    site.add("E0001")
    csrf = sign_in_admin(client, site)
    form = {
        "csrf": csrf,
        "title": "USB lost",
        "occurred": "2026-03-31",
        "topics": "consent",
        "scope": "all",
        "who": "",
        "deadline": "",
    }
    started = client.post("/hr/incidents/preview", data=form)
    preview = wait_job(client, started)
    assert 'id="n-employees">1<' in preview and 'action="/hr/incidents/record"' in preview
    assert trail(site) == []  # the count recorded nothing
    with database_held(site):
        recording = client.post("/hr/incidents/record", data=form)
        wait_for(client, recording.headers["location"], "データベースの空きを待っています")
        again = client.post("/hr/incidents/preview", data=form)
        assert again.status_code == 409 and "同じ処理がまだ実行中です" in again.text
    assert "1 人に" in wait_job(client, recording)
    [row] = trail(site)
    assert row.action == "incident"


def test_an_audit_preview_is_a_job_that_ends_on_its_preview_for_its_admin(client, site):
    site.add("E0001")
    site.add("E0002")
    csrf = sign_in_admin(client, site)
    started = client.post("/hr/audit/preview", data={"csrf": csrf, "deadline": "2026/4/30"})
    assert started.status_code == 303 and started.headers["location"].startswith("/hr/jobs/")
    where = started.headers["location"]
    preview = wait_job(client, started)
    counts = {k: re.search(rf'id="n-{k}">(\d+)<', preview).group(1) for k in ("employees",)}
    assert counts == {"employees": "2"} and 'action="/hr/audit/refresh"' in preview
    assert field(preview, "deadline") == "2026/4/30"  # confirmed with the deadline previewed
    job = hr_views(client).jobs.get(where.rsplit("/", 1)[1])
    assert job.step == Step(Phase.FINDING) and job.result_page[1]["o"].plan == ()
    assert trail(site) == []  # the count recorded nothing
    # another admin opening the job's page sees the counts, not the form to confirm
    with TestClient(client.app, follow_redirects=False) as other:
        sign_in_admin(other, site, "other@example.jp")
        seen = other.get(where).text
        assert "数えました: 不足のある 2 人に" in seen and "完了しました" in seen
        assert 'action="/hr/audit/refresh"' not in seen and "n-employees" not in seen
    # the admin who asked reads it in English too, and confirms from it as before
    client.post("/hr/lang", data={"csrf": csrf, "lang": "en"})
    assert 'id="n-assignments">' in client.get(where).text
    done = wait_job(
        client,
        client.post(
            "/hr/audit/refresh", data={"csrf": csrf, "deadline": field(preview, "deadline")}
        ),
    )
    assert "Done." in done and "2 employees" in done
    [row] = trail(site)
    assert (row.action, row.subject, row.counts["employees"]) == ("coverage", "2026-04-30", 2)


def test_an_audit_preview_is_refused_while_a_coverage_refresh_runs(client, site):
    site.add("E0001")
    csrf = sign_in_admin(client, site)
    with database_held(site):
        refreshing = client.post("/hr/audit/refresh", data={"csrf": csrf, "deadline": ""})
        wait_for(client, refreshing.headers["location"], "データベースの空きを待っています")
        again = client.post("/hr/audit/preview", data={"csrf": csrf, "deadline": ""})
        assert again.status_code == 409 and "同じ処理がまだ実行中です" in again.text
    assert "完了しました" in wait_job(client, refreshing)
    # and a refresh is refused while a preview counts (held here at its start)
    gate = threading.Event()
    counting = hr_views(client).jobs.start("coverage", "ja", "/hr/audit", lambda job: gate.wait(5))
    try:
        refused = client.post("/hr/audit/refresh", data={"csrf": csrf, "deadline": ""})
        assert refused.status_code == 409
    finally:
        gate.set()
    wait_for(client, f"/hr/jobs/{counting.id}", "完了しました")
    [row] = trail(site)
    assert row.action == "coverage"


def test_a_bad_audit_deadline_is_refused_in_the_request_in_the_admins_language(client, site):
    site.add("E0001")
    csrf = sign_in_admin(client, site)
    for deadline, text in (
        ("2026-03-31", "期限 2026-03-31 は既に過ぎています（本日は 2026-04-01）"),
        ("2028-01-01", "期限 2028-01-01 は範囲外です（2026-04-01 から 2027-04-02 まで）"),
        ("来週", "deadline &#39;来週&#39; は日付ではありません（YYYY-MM-DD、"),
    ):
        refused = client.post("/hr/audit/preview", data={"csrf": csrf, "deadline": deadline})
        assert refused.status_code == 400 and text in refused.text, refused.text
    client.post("/hr/lang", data={"csrf": csrf, "lang": "en"})
    refused = client.post("/hr/audit/preview", data={"csrf": csrf, "deadline": "2028-01-01"})
    assert refused.status_code == 400
    assert "Deadline 2028-01-01 is out of range (2026-04-01 to 2027-04-02)" in refused.text
    assert not hr_views(client).jobs.running("coverage") and trail(site) == []
