"""The HR pages under ``/hr/`` (issue 11): dashboard, employees (search, one person's
report, roster sync from an uploaded export, leave), incidents (preview, record, progress,
reminders), the audit period (coverage refresh, downloads), settings and the admins' trail.

Every page goes through :meth:`HrViews._guard`, the one place that checks who is signed
in (an admin's session, never an employee's), the CSRF token of a POST and the role: a
viewer's POST that would change something is refused with 403. Each view calls the
service layer only. Long work runs in a background thread (:class:`_Jobs`): the check
of an uploaded export, the count of an incident and of the audit period's refreshers
(the dry runs, whose pages end on their previews, for the admin who asked), and a
confirmed sync, incident or coverage refresh. A job's page refreshes itself until done
and says which phase the work is in, how many rows or people are done, or that it waits
for another process's hold on the database; the same kind of work sent again while one
runs is refused (409). Uploaded exports wait for their confirmation in private files
(:class:`_Uploads`).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import secrets
import shutil
import stat
import tempfile
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import ClientDisconnect, Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from recall.core.codes import Lang, ReportFormat
from recall.core.employee import parse_date
from recall.core.incident import Scope, check_deadline
from recall.core.progress import Step
from recall.core.roster import Leavers, SyncPlan
from recall.errors import BusyError, InputError, Message, NotFoundError, RecallError
from recall.i18n import t
from recall.reports.render import cell_text, render
from recall.reports.svg import bar_chart
from recall.service import admins, auth, hr, incidents, reminders, reports, staff
from recall.service import settings as settings_use
from recall.service.roster import SyncOptions, sync_roster
from recall.service.workspace import open_store
from recall.store import Store

__all__ = ["HR_COOKIE", "UPLOAD_MINUTES", "HrViews"]

#: the HR session cookie's name (apart from the employees', so one never stands for the other)
HR_COOKIE = "recall_hr"
_UPLOAD_LIMIT = 64 * 1024 * 1024  # an HR export of 100,000 rows is about 10 MB
_FORM_LIMIT = 64 * 1024
_log = logging.getLogger("recall.web.hr")


#: how long an uploaded export is kept for its confirmation
UPLOAD_MINUTES = 60
_JOB_KEPT = timedelta(hours=1)  # a finished job's page stays readable this long
_SECTIONS = {"sync": "/hr/employees", "incident": "/hr/incidents", "coverage": "/hr/audit"}
_SWEEP_SECONDS = 60.0  # how often kept uploads are checked for age, also with no request


@dataclass
class _Job:
    """Work running in the background of a request; ``step`` is where it has got."""

    id: str
    kind: str
    lang: str
    running: bool = True
    ok: bool = False
    lines: list[str] = field(default_factory=list)
    back: str = "/hr/"
    step: Step | None = None
    ended: datetime | None = None
    held: bool = False  # waiting for another process's write lock on the database
    owner: str = ""  # the admin session that started it (an upload's preview is theirs)
    #: the page a finished preview ends on (template, context), for its owner only
    result_page: tuple[str, dict[str, Any]] | None = None

    def tell(self, step: Step) -> None:
        """The progress callback handed to the service (one attribute write: no lock)."""
        self.step = step

    def wait(self, held: bool) -> None:
        """Told by the job's store while a write waits for another process's lock."""
        self.held = held

    @property
    def phase(self) -> str:
        """The code of where the work is (``data-phase`` on the page)."""
        if self.held:
            return "database"
        return "waiting" if self.step is None else str(self.step.phase)

    def status(self, lang: str) -> str:
        """Where the work is, in words (``42,000 / 100,000 lines checked``)."""
        step = self.step
        if self.held:
            return t("job.database", lang)
        return t("job.waiting", lang) if step is None else step.text(lang)


_SHOWN = 200  # rows of each list a preview page shows
_INCIDENT_FIELDS = ("title", "occurred", "topics", "scope", "who", "deadline")


def _shown(plan: SyncPlan) -> tuple[SyncPlan, dict[str, int]]:
    """``plan`` with its lists cut to :data:`_SHOWN` rows (a job's page is kept an hour:
    not 100,000 rows), and the lists' full counts."""
    lists = ("new", "changed", "missing", "leaving", "hire_dates", "typos", "listed_leavers")
    counts = {name: len(getattr(plan, name)) for name in lists}
    return replace(plan, **{name: getattr(plan, name)[:_SHOWN] for name in lists}), counts


class _Jobs:
    """Background jobs: one of each kind at a time; finished ones are kept an hour."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[str, _Job] = {}
        self._clock = clock

    def start(
        self, kind: str, lang: str, back: str, work: Callable[[_Job], None], owner: str = ""
    ) -> _Job | None:
        """Start ``work`` in a thread; None when a job of this kind is still running."""
        with self._lock:
            if any(j.running and j.kind == kind for j in self._jobs.values()):
                return None
            now = self._clock()
            for old in [j for j in self._jobs.values() if j.ended and now - j.ended > _JOB_KEPT]:
                del self._jobs[old.id]
            job = _Job(uuid.uuid4().hex, kind, lang, back=back, owner=owner)
            self._jobs[job.id] = job

        def run() -> None:
            try:
                work(job)
                job.ok = True
            except BusyError:  # another process (a CLI import?) held the database too long
                job.lines[:] = [t("job.busy", lang)]
            except RecallError as error:  # located by the service, in the admin's language
                job.lines[:] = [error.text(lang)]
            except Exception:  # shown as a failed job, logged for the operator
                _log.exception("HR job %s (%s) failed", job.id, kind)
                job.lines[:] = [t("web.error", lang)]
            finally:
                job.ended = self._clock()
                job.running = False

        threading.Thread(target=run, name=f"recall-hr-{kind}", daemon=True).start()
        return job

    def running(self, kind: str) -> bool:
        """Whether a job of this kind is running."""
        with self._lock:
            return any(j.running and j.kind == kind for j in self._jobs.values())

    def get(self, job_id: str) -> _Job | None:
        """The job with this id, or None."""
        return self._jobs.get(job_id)


@dataclass(frozen=True)
class _Upload:
    session_id: str
    path: Path
    name: str  # as on the admin's computer, for messages and the trail
    leavers: Leavers  # as previewed
    at: datetime


class _Uploads:
    """HR exports kept between the preview and the confirmation.

    They are personal data: each is a 0600 file in a 0700 folder of the system's temp
    directory that belongs to this database (``recall-uploads-UID-HASH``). A kept export
    is deleted when it is confirmed, when its admin signs out and :data:`UPLOAD_MINUTES`
    after its upload (checked on every HR request and once a minute). Several servers
    may share the database and so the folder: a file no server is keeping any more (its
    server stopped between preview and confirm) is deleted by whichever server finds it
    past :data:`UPLOAD_MINUTES` by its modification time, at start or in a sweep;
    younger files may be another running server's and are left alone.
    """

    def __init__(self, db_path: Path, clock: Callable[[], datetime]) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._kept: dict[str, _Upload] = {}  # token (in the preview's form) → the upload
        self.folder = _folder_of(db_path)
        if self.folder.exists():  # a stopped server's leftovers past their time go now
            self.folder = _private(self.folder)
            self._sweep_folder()
        _sweeper(self)

    def keep(self, session_id: str, name: str, leavers: Leavers, data: bytes) -> tuple[str, Path]:
        """Keep ``data`` for this admin session (replacing its earlier upload).

        Returns:
            The token the preview's form carries, and the kept file.
        """
        self.drop_session(session_id)
        self.folder = _private(self.folder)  # made at the first upload
        fd, path = tempfile.mkstemp(suffix=".csv", dir=self.folder)
        with os.fdopen(fd, "wb") as out:
            os.fchmod(out.fileno(), 0o600)
            out.write(data)
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._kept[token] = _Upload(session_id, Path(path), name, leavers, self._clock())
        return token, Path(path)

    def take(self, session_id: str, token: str) -> _Upload | None:
        """The upload of this session under ``token``, no longer kept (the caller deletes
        its file); None when it is gone (expired, server restarted, used or not theirs)."""
        self.sweep()
        with self._lock:
            upload = self._kept.get(token)
            if upload is None or upload.session_id != session_id or not upload.path.exists():
                return None
            del self._kept[token]
            return upload

    def drop_session(self, session_id: str) -> None:
        """Delete what this session uploaded (a new upload, sign out)."""
        with self._lock:
            gone = [k for k, u in self._kept.items() if u.session_id == session_id]
            paths = [self._kept.pop(k).path for k in gone]
        for path in paths:
            _remove(path)

    def forget(self, token: str) -> None:
        """Delete the upload kept under ``token`` (a bad file, a refused check)."""
        with self._lock:
            upload = self._kept.pop(token, None)
        if upload is not None:
            _remove(upload.path)

    def sweep(self) -> None:
        """Delete uploads older than :data:`UPLOAD_MINUTES`, this server's and any
        other's left in the folder."""
        limit = self._clock() - timedelta(minutes=UPLOAD_MINUTES)
        with self._lock:
            old = [k for k, u in self._kept.items() if u.at <= limit]
            paths = [self._kept.pop(k).path for k in old]
        for path in paths:
            _remove(path)
        self._sweep_folder()

    def _sweep_folder(self) -> None:
        """Delete files in the folder last written over :data:`UPLOAD_MINUTES` ago (by
        the file system's clock, which stamped them)."""
        limit = time.time() - UPLOAD_MINUTES * 60
        try:
            entries = list(os.scandir(self.folder))
        except OSError:  # not made yet (no upload so far), or gone
            return
        for entry in entries:
            try:
                if entry.stat(follow_symlinks=False).st_mtime <= limit:
                    _remove(Path(entry.path))
            except OSError:
                continue


def _folder_of(db_path: Path) -> Path:
    """Where this database's uploads wait (the same folder after a restart)."""
    digest = hashlib.sha256(str(Path(db_path).resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"recall-uploads-{os.getuid()}-{digest}"


def _private(folder: Path) -> Path:
    """``folder``, made if missing, 0700 and ours; a fresh private folder instead if it is
    not a plain folder owned by this user (someone else made it first)."""
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError:
        return Path(tempfile.mkdtemp(prefix="recall-uploads-"))
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        _log.warning("%s is not this user's folder; uploads go to a new one", folder)
        return Path(tempfile.mkdtemp(prefix="recall-uploads-"))
    if stat.S_IMODE(info.st_mode) != 0o700:
        folder.chmod(0o700)
    return folder


def _remove(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    except OSError:  # already gone, or not ours to remove: the next sweep tries again
        _log.warning("could not delete the kept upload %s", path)


def _sweeper(uploads: _Uploads) -> None:
    """Sweep ``uploads`` once a minute from a daemon thread, until the app is gone."""
    ref = weakref.ref(uploads)
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(_SWEEP_SECONDS):
            target = ref()
            if target is None:
                return
            target.sweep()
            del target

    threading.Thread(target=loop, name="recall-hr-uploads", daemon=True).start()


class HrViews:
    """The HR pages; they use the review app's plumbing (thread pool, stores, templates)."""

    def __init__(self, views: Any) -> None:  # noqa: ANN401 - recall.web.app's views (no cycle)
        self.v = views
        self.jobs = _Jobs(views.c.clock)
        self.uploads = _Uploads(views.c.db_path, views.c.clock)

    def routes(self) -> list[Route]:
        """The ``/hr/`` routes."""

        def get(path: str, view: Callable[..., Any]) -> Route:
            return Route(path, view, methods=["GET"])

        def post(path: str, view: Callable[..., Any], limit: int = _FORM_LIMIT) -> Route:
            return Route(path, view, methods=["POST"], max_body_size=limit)

        return [
            get("/hr/", self.dashboard),
            get("/hr/employees", self.employees),
            get("/hr/employees/{employee_id}", self.employee),
            post("/hr/employees/{employee_id}/leave", self.leave),
            post("/hr/employees/{employee_id}/edit", self.edit),
            post("/hr/sync/upload", self.sync_upload, _UPLOAD_LIMIT),
            post("/hr/sync/confirm", self.sync_confirm),
            get("/hr/incidents", self.incidents),
            post("/hr/incidents/preview", self.incident_preview),
            post("/hr/incidents/record", self.incident_record),
            get("/hr/incidents/{incident_id:int}", self.incident),
            post("/hr/incidents/{incident_id:int}/remind", self.incident_remind),
            get("/hr/audit", self.audit),
            post("/hr/audit/preview", self.audit_preview),
            post("/hr/audit/refresh", self.audit_refresh),
            get("/hr/audit/record.{fmt}", self.audit_download),
            get("/hr/settings", self.settings),
            post("/hr/settings", self.settings_change),
            get("/hr/trail", self.trail),
            get("/hr/jobs/{job_id}", self.job),
            post("/hr/lang", self.lang),
            post("/hr/signout", self.signout),
        ]

    # --- the one guard ------------------------------------------------------------
    def _session(
        self, store: Store, now: datetime, request: Request
    ) -> tuple[admins.AdminSession | None, bool]:
        session = admins.resolve(store, request.cookies.get(HR_COOKIE, ""), now)
        header = self.v.c.trust_header
        value = request.headers.get(header, "").strip() if header else ""
        if not value or (session is not None and value.lower() == session.admin.email.lower()):
            return session, False
        trusted = admins.sign_in_trusted(store, value, now)
        return trusted, trusted is not None

    def _guard(
        self,
        request: Request,
        page: Callable[[Store, datetime, admins.AdminSession], Response],
        form: dict[str, str] | None = None,
        *,
        change: bool = False,
    ) -> Callable[[Store, datetime], Response]:
        """Wrap an HR page: an admin's session, the CSRF token of a POST, and for a
        change the ``hr`` role. An employee's session is refused (403)."""

        def run(store: Store, now: datetime) -> Response:
            self.uploads.sweep()  # kept exports past their time go, whoever asks
            session, new = self._session(store, now, request)
            if session is None:
                employee = auth.resolve(store, request.cookies.get("recall_session", ""), now) or (
                    self.v.c.trust_header and request.headers.get(self.v.c.trust_header)
                )
                if employee:
                    return self.v._message(403, "hr.forbidden_title", ["hr.not_admin"], both=True)
                return self.v._message(401, "web.signed_out_title", ["hr.need_link"], both=True)
            if form is not None and not secrets.compare_digest(
                form.get("csrf", "").encode(), session.csrf.encode()
            ):
                return self._page(
                    "hr_message.html",
                    session,
                    status=403,
                    title="web.csrf_title",
                    lines=[t("web.csrf", session.lang)],
                )
            if change and not session.can_change:
                return self._page(
                    "hr_message.html",
                    session,
                    status=403,
                    title="hr.forbidden_title",
                    lines=[t("hr.viewer", session.lang)],
                )
            try:
                response = page(store, now, session)
            except RecallError as error:
                status = 404 if isinstance(error, NotFoundError) else 400
                response = self._page(
                    "hr_message.html",
                    session,
                    status=status,
                    title="web.error_title",
                    lines=[error.text(session.lang)],
                )
            if new:
                response.set_cookie(
                    HR_COOKIE,
                    session.session_id,
                    max_age=int(admins.SESSION_IDLE.total_seconds()),
                    httponly=True,
                    samesite="lax",
                    secure=self.v.c.secure,
                )
            return response

        return run

    def _page(
        self,
        name: str,
        session: admins.AdminSession,
        *,
        status: int = 200,
        path: str = "/hr/",
        **context: Any,  # noqa: ANN401
    ) -> Response:
        lang = session.lang

        def label(key: str, **values: object) -> str:
            return t(key, lang, **values)

        def chart(c: Any) -> str:  # noqa: ANN401
            return bar_chart(c, t(c.key, lang), t("no_data", lang))

        def cell(section: Any, column: str, value: Any) -> str:  # noqa: ANN401
            return cell_text(section, column, value, lang) or "—"

        from starlette.responses import HTMLResponse

        html = self.v.c.env.get_template(name).render(
            lang=lang, _=label, s=session, path=path, chart=chart, cell=cell, **context
        )
        return HTMLResponse(html, status_code=status)

    async def _get(self, request: Request, page: Callable[..., Response]) -> Response:
        return await self.v._call(self._guard(request, page))

    async def _post(
        self, request: Request, page: Callable[..., Response], *, change: bool = True
    ) -> Response:
        form = await self.v._form(request)
        return await self.v._call(self._guard(request, page, form, change=change), writes=True)

    # --- dashboard ----------------------------------------------------------------
    async def dashboard(self, request: Request) -> Response:
        def page(store: Store, now: datetime, s: admins.AdminSession) -> Response:
            return self._page("hr_dashboard.html", s, d=hr.dashboard(store, now, s.lang))

        return await self._get(request, page)

    # --- employees ----------------------------------------------------------------
    async def employees(self, request: Request) -> Response:
        text = request.query_params.get("q", "")[:200]
        department = request.query_params.get("department", "")[:200]

        def page(store: Store, now: datetime, s: admins.AdminSession) -> Response:
            return self._page(
                "hr_employees.html",
                s,
                path="/hr/employees",
                q=text,
                department=department,
                departments=store.departments(),
                people=hr.search(store, text, department or None),
            )

        return await self._get(request, page)

    async def employee(self, request: Request) -> Response:
        employee_id = request.path_params["employee_id"]

        def page(store: Store, now: datetime, s: admins.AdminSession) -> Response:
            report = reports.employee(store, employee_id, now, s.lang)
            person = store.employee(employee_id)
            return self._page("hr_employee.html", s, path="/hr/employees", r=report, person=person)

        return await self._get(request, page)

    async def leave(self, request: Request) -> Response:
        employee_id = request.path_params["employee_id"]

        def act(store: Store, now: datetime, s: admins.AdminSession, form: dict) -> Response:
            text = form.get("on", "").strip()
            on = parse_date(text, "on", s.lang) if text else None
            staff.leave(store, now, employee_id, on, actor=s.admin.email)
            return RedirectResponse(f"/hr/employees/{employee_id}", status_code=303)

        return await self._post_form(request, act)

    async def edit(self, request: Request) -> Response:
        employee_id = request.path_params["employee_id"]

        def act(store: Store, now: datetime, s: admins.AdminSession, form: dict) -> Response:
            lang = form.get("lang") or None
            staff.edit(
                store,
                now,
                employee_id,
                name=form.get("name"),
                email=form.get("email"),
                department=form.get("department"),
                lang=Lang(lang) if lang in ("ja", "en") else None,
                actor=s.admin.email,
            )
            return RedirectResponse(f"/hr/employees/{employee_id}", status_code=303)

        return await self._post_form(request, act)

    async def _post_form(
        self,
        request: Request,
        act: Callable[..., Response],
        *,
        change: bool = True,
        job: bool = False,
    ) -> Response:
        """A changing form. One that starts a job (``job``) does not queue for the app's
        write lock: the job takes it, and a second submission must be refused at once
        while the first runs, not wait for it and then run again."""
        form = await self.v._form(request)

        def page(store: Store, now: datetime, s: admins.AdminSession) -> Response:
            return act(store, now, s, form)

        guarded = self._guard(request, page, form, change=change)
        return await self.v._call(guarded, writes=not job)

    @contextlib.contextmanager
    def _job_store(self, job: _Job, *, writes: bool = False) -> Iterator[Store]:
        """A store of the job's own (its thread's), closed after the work, whose writes
        tell the job while they wait for another process's write lock; with ``writes``
        the work also holds the app's write lock (one writer of the app at a time)."""
        with self.v._writes if writes else contextlib.nullcontext():
            store = open_store(self.v.c.db_path)
            store.db.on_wait = job.wait
            try:
                yield store
            finally:
                store.close()

    async def sync_upload(self, request: Request) -> Response:
        """Keep the upload and check it in a job (the sync's dry run: seconds at 100,000
        rows); the job's page ends on the preview, from which the sync is confirmed."""
        try:
            form = await request.form(max_files=1, max_fields=10, max_part_size=_UPLOAD_LIMIT)
        except ClientDisconnect:
            return Response(status_code=400)
        upload = form.get("file")
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        data = await upload.read() if isinstance(upload, UploadFile) else b""
        name = _file_name(upload.filename if isinstance(upload, UploadFile) else "")

        def page(store: Store, now: datetime, s: admins.AdminSession) -> Response:
            if not data:
                raise InputError(t("hr.no_file", s.lang))
            if self.jobs.running("sync"):  # a check or a sync runs: refused, nothing kept
                return self._busy(s)
            leavers = Leavers.MARK if fields.get("leavers") == "mark" else Leavers.IGNORE
            token, kept = self.uploads.keep(s.session_id, name, leavers, data)

            def work(job: _Job) -> None:
                job.lines.append(t("job.preview_running", s.lang, file=name))
                try:
                    with self._job_store(job) as own:
                        result = sync_roster(
                            own,
                            kept,
                            SyncOptions(dry_run=True, leavers=leavers, lang=s.lang),
                            self.v.c.clock(),
                            subject=name,
                            progress=job.tell,
                        )
                except BaseException:
                    self.uploads.forget(token)  # a bad file is not kept
                    raise
                plan, counts = _shown(result.plan)
                job.lines[:] = [t("job.previewed", s.lang, **counts)]
                job.result_page = (
                    "hr_sync.html",
                    {
                        "plan": plan,
                        "n": counts,
                        "filename": name,
                        "upload": token,
                        "minutes": UPLOAD_MINUTES,
                        "shown": _SHOWN,
                    },
                )

            response = self._job("sync", s, "/hr/employees", work, owner=s.session_id)
            if response.status_code == 409:  # another check or sync started meanwhile
                self.uploads.forget(token)
            return response

        # no queueing for the app's write lock (a running sync holds it): see _post_form
        return await self.v._call(self._guard(request, page, fields, change=True))

    async def sync_confirm(self, request: Request) -> Response:
        def act(store: Store, now: datetime, s: admins.AdminSession, form: dict) -> Response:
            if self.jobs.running("sync"):  # a second click: refused, the upload kept
                return self._busy(s)
            upload = self.uploads.take(s.session_id, form.get("upload", ""))
            if upload is None:
                return self._page(
                    "hr_message.html",
                    s,
                    status=410,
                    path="/hr/employees",
                    title="upload.gone_title",
                    lines=[t("upload.gone", s.lang, minutes=UPLOAD_MINUTES)],
                    back="/hr/employees",
                    back_label="upload.again",
                )
            leavers = upload.leavers  # what the preview showed, whatever the form says
            actor = s.admin.email

            def work(job: _Job) -> None:
                job.lines.append(t("hr.job_sync_running", s.lang))
                try:
                    with self._job_store(job, writes=True) as own:
                        result = sync_roster(
                            own,
                            upload.path,
                            SyncOptions(dry_run=False, leavers=leavers, lang=s.lang),
                            self.v.c.clock(),
                            actor=actor,
                            subject=upload.name,
                            progress=job.tell,
                        )
                finally:
                    _remove(upload.path)  # used up, applied or not
                plan = result.plan
                job.lines[:] = [
                    t(
                        "hr.sync_done",
                        s.lang,
                        new=len(plan.new),
                        changed=len(plan.changed),
                        missing=len(plan.missing),
                        leaving=len(plan.leaving),
                    )
                ]

            response = self._job("sync", s, "/hr/employees", work)
            if response.status_code == 409:  # another sync started meanwhile
                _remove(upload.path)
            return response

        return await self._post_form(request, act, job=True)

    def _job(
        self,
        kind: str,
        s: admins.AdminSession,
        back: str,
        work: Callable[[_Job], None],
        owner: str = "",
    ) -> Response:
        job = self.jobs.start(kind, s.lang, back, work, owner)
        if job is None:
            return self._busy(s)
        return RedirectResponse(f"/hr/jobs/{job.id}", status_code=303)

    def _preview_job(
        self,
        kind: str,
        s: admins.AdminSession,
        back: str,
        keys: tuple[str, str],
        run: Callable[[Store, _Job], Any],
        page: tuple[str, dict],
    ) -> Response:
        """A dry-run job, only for this session, that ends on its preview page:
        ``run(store, job)`` gives an outcome with employees, cards and assignments;
        ``keys`` are the labels while it runs and when done; ``page`` is the template
        and what it needs besides the outcome (``o``)."""
        running, done = keys
        template, extra = page

        def work(job: _Job) -> None:
            job.lines.append(t(running, s.lang))
            with self._job_store(job) as own:
                o = run(own, job)
            job.lines[:] = [
                t(done, s.lang, employees=o.employees, cards=o.cards, assignments=o.assignments)
            ]
            job.result_page = (template, {"o": o, **extra})

        return self._job(kind, s, back, work, owner=s.session_id)

    def _busy(self, s: admins.AdminSession) -> Response:
        return self._page(
            "hr_message.html", s, status=409, title="hr.busy_title", lines=[t("hr.busy", s.lang)]
        )

    async def job(self, request: Request) -> Response:
        job_id = request.path_params["job_id"]

        def page(store: Store, now: datetime, s: admins.AdminSession) -> Response:
            job = self.jobs.get(job_id)
            if job is None:  # a restarted server knows no earlier job
                return self._page(
                    "hr_message.html",
                    s,
                    status=404,
                    title="job.gone_title",
                    lines=[t("job.gone", s.lang)],
                    back="/hr/trail",
                )
            section = _SECTIONS.get(job.kind, "/hr/")
            # Read `running` first: the job sets its result before it stops running, so a
            # job seen stopped has its result (the page never shows a stopped job whose
            # preview it missed, without the refresh that would show it).
            running = job.running
            result = job.result_page
            if result is not None and not running and job.owner == s.session_id:
                name, context = result  # a preview ends on its page, for its admin only
                return self._page(name, s, path=section, **context)
            return self._page(
                "hr_job.html",
                s,
                path=section,
                job=job,
                running=running,
                status_text=job.status(s.lang),
            )

        return await self._get(request, page)

    # --- incidents ----------------------------------------------------------------
    async def incidents(self, request: Request) -> Response:
        def page(store: Store, now: datetime, s: admins.AdminSession) -> Response:
            return self._page(
                "hr_incidents.html",
                s,
                path="/hr/incidents",
                r=reports.incidents(store, now, s.lang),
                topics=store.topics(),
                departments=store.departments(),
                today=store.policy().local_date(now).isoformat(),
                f={},
            )

        return await self._get(request, page)

    def _incident_args(self, store: Store, now: datetime, form: dict, lang: str) -> dict:
        occurred_text = form.get("occurred", "").strip()
        deadline_text = form.get("deadline", "").strip()
        topics = tuple(x for x in form.get("topics", "").replace(",", " ").split() if x)
        if not topics:
            raise InputError(t("hr.no_topics", lang))
        split = [x.strip() for x in form.get("who", "").replace("、", ",").split(",")]
        names = [x for x in split if x]
        kind = form.get("scope", "departments")
        scope = Scope.build(
            all_staff=kind == "all",
            departments=names if kind == "departments" else None,
            employees=names if kind == "employees" else None,
        )
        deadline = parse_date(deadline_text, "deadline", lang) if deadline_text else None
        return {
            "title": form.get("title", ""),
            "occurred": parse_date(occurred_text, "occurred", lang)
            if occurred_text
            else store.policy().local_date(now),
            "topics": topics,
            "scope": scope,
            "deadline": incidents.deadline_from(store, now, deadline, None),
            "note": None,
        }

    async def incident_preview(self, request: Request) -> Response:
        """Count what the incident would assign in a job (seconds for all of 100,000
        employees); the job's page ends on the preview, from which it is recorded."""

        def act(store: Store, now: datetime, s: admins.AdminSession, form: dict) -> Response:
            args = self._incident_args(store, now, form, s.lang)  # the form checked at once
            kept = {name: form.get(name, "") for name in _INCIDENT_FIELDS}

            def run(own: Store, job: _Job) -> Any:
                return incidents.record(
                    own, self.v.c.clock(), dry_run=True, progress=job.tell, **args
                )

            return self._preview_job(
                "incident",
                s,
                "/hr/incidents",
                ("job.incident_preview_running", "job.incident_previewed"),
                run,
                ("hr_incident_preview.html", {"f": kept}),
            )

        return await self._post_form(request, act, job=True)

    async def incident_record(self, request: Request) -> Response:
        def act(store: Store, now: datetime, s: admins.AdminSession, form: dict) -> Response:
            args = self._incident_args(store, now, form, s.lang)  # checked before the job
            actor = s.admin.email

            def work(job: _Job) -> None:
                job.lines.append(t("hr.job_incident_running", s.lang))
                with self._job_store(job, writes=True) as own:
                    outcome = incidents.record(
                        own,
                        self.v.c.clock(),
                        dry_run=False,
                        actor=actor,
                        progress=job.tell,
                        **args,
                    )
                job.lines[:] = [
                    t(
                        "hr.incident_done",
                        s.lang,
                        employees=outcome.employees,
                        cards=outcome.cards,
                        assignments=outcome.assignments,
                    )
                ]
                if outcome.incident_id is not None:
                    job.back = f"/hr/incidents/{outcome.incident_id}"

            return self._job("incident", s, "/hr/incidents", work)

        return await self._post_form(request, act, job=True)

    async def incident(self, request: Request) -> Response:
        incident_id = request.path_params["incident_id"]

        def page(store: Store, now: datetime, s: admins.AdminSession) -> Response:
            return self._page(
                "hr_incident.html",
                s,
                path="/hr/incidents",
                r=reports.incident(store, incident_id, now, s.lang),
                incident_id=incident_id,
                sent=request.query_params.get("sent"),
            )

        return await self._get(request, page)

    async def incident_remind(self, request: Request) -> Response:
        incident_id = request.path_params["incident_id"]

        def act(store: Store, now: datetime, s: admins.AdminSession, form: dict) -> Response:
            due = reminders.for_incident(store, incident_id, now)
            outcome = reminders.send(
                store,
                now,
                base_url=self.v.c.base_url,
                password=os.environ.get("RECALL_SMTP_PASSWORD") or None,
                reminders=due,
            )
            return self._page(
                "hr_message.html",
                s,
                path="/hr/incidents",
                title="hr.reminded_title",
                lines=[
                    t("hr.reminded", s.lang, sent=len(outcome.sent), failed=len(outcome.failed))
                ],
                back=f"/hr/incidents/{incident_id}",
            )

        return await self._post_form(request, act)

    # --- audit period -------------------------------------------------------------
    async def audit(self, request: Request) -> Response:
        def page(store: Store, now: datetime, s: admins.AdminSession) -> Response:
            return self._page(
                "hr_audit.html", s, path="/hr/audit", r=reports.coverage(store, now, s.lang)
            )

        return await self._get(request, page)

    def _deadline(self, store: Store, now: datetime, form: dict, lang: str) -> date | None:
        """The form's refresher deadline (None: the default), refused here when it is not
        a date or not in the future (before any job, as the service will)."""
        text = form.get("deadline", "").strip()
        if not text:
            return None
        deadline = parse_date(text, "deadline", lang)
        check_deadline(deadline, store.policy().local_date(now), Message("deadline"))
        return deadline

    async def audit_preview(self, request: Request) -> Response:
        """Find who is short and count their refreshers in a job (seconds at 100,000
        employees); the job's page ends on the preview, from which the refresh is
        confirmed. A bad deadline is refused here, before any job."""

        def act(store: Store, now: datetime, s: admins.AdminSession, form: dict) -> Response:
            deadline = self._deadline(store, now, form, s.lang)
            kept = form.get("deadline", "").strip()

            def run(own: Store, job: _Job) -> Any:
                done = incidents.refresh_coverage(
                    own, self.v.c.clock(), deadline=deadline, dry_run=True, progress=job.tell
                )
                return replace(done.outcome, plan=())  # the counts, not 100,000 people's cards

            return self._preview_job(
                "coverage",
                s,
                "/hr/audit",
                ("job.coverage_preview_running", "job.coverage_previewed"),
                run,
                ("hr_audit_preview.html", {"deadline": kept}),
            )

        return await self._post_form(request, act, job=True)

    async def audit_refresh(self, request: Request) -> Response:
        def act(store: Store, now: datetime, s: admins.AdminSession, form: dict) -> Response:
            deadline = self._deadline(store, now, form, s.lang)
            actor = s.admin.email

            def work(job: _Job) -> None:
                job.lines.append(t("job.coverage_running", s.lang))
                with self._job_store(job, writes=True) as own:
                    done = incidents.refresh_coverage(
                        own,
                        self.v.c.clock(),
                        deadline=deadline,
                        dry_run=False,
                        actor=actor,
                        progress=job.tell,
                    )
                o = done.outcome
                job.lines[:] = [
                    t(
                        "hr.incident_done",
                        s.lang,
                        employees=o.employees,
                        cards=o.cards,
                        assignments=o.assignments,
                    )
                ]

            return self._job("coverage", s, "/hr/audit", work)

        return await self._post_form(request, act, job=True)

    async def audit_download(self, request: Request) -> Response:
        fmt = request.path_params["fmt"]

        def page(store: Store, now: datetime, s: admins.AdminSession) -> Response:
            if fmt not in (ReportFormat.HTML, ReportFormat.CSV):
                raise NotFoundError(t("web.not_found", s.lang))
            period = reports.audit_period(store, now, None, None)
            text = render(reports.audit(store, period, now, s.lang), fmt)
            assert isinstance(text, str)
            media = "text/html" if fmt == "html" else "text/csv"
            body = text.encode("utf-8-sig" if fmt == "csv" else "utf-8")
            filename = f"audit-{period.start}-{period.end}.{fmt}"
            return Response(
                body,
                media_type=f"{media}; charset=utf-8",
                headers={"content-disposition": f'attachment; filename="{filename}"'},
            )

        return await self._get(request, page)

    # --- settings -----------------------------------------------------------------
    async def settings(self, request: Request) -> Response:
        def page(store: Store, now: datetime, s: admins.AdminSession) -> Response:
            return self._page(
                "hr_settings.html",
                s,
                path="/hr/settings",
                values=settings_use.current(store).as_text(),
                saved=request.query_params.get("saved") == "1",
            )

        return await self._get(request, page)

    async def settings_change(self, request: Request) -> Response:
        def act(store: Store, now: datetime, s: admins.AdminSession, form: dict) -> Response:
            current = settings_use.current(store).as_text()
            changed = {
                name: form[name].strip()
                for name in current
                if name in form and form[name].strip() != current[name]
            }
            if changed:
                settings_use.change(store, changed, actor=s.admin.email, now=now)
            return RedirectResponse("/hr/settings?saved=1", status_code=303)

        return await self._post_form(request, act)

    # --- trail --------------------------------------------------------------------
    async def trail(self, request: Request) -> Response:
        def page(store: Store, now: datetime, s: admins.AdminSession) -> Response:
            zone = store.policy().zone
            rows = [(f"{r.at.astimezone(zone):%Y-%m-%d %H:%M}", r) for r in admins.trail(store)]
            return self._page("hr_trail.html", s, path="/hr/trail", rows=rows[::-1])

        return await self._get(request, page)

    # --- session ------------------------------------------------------------------
    async def lang(self, request: Request) -> Response:
        def act(store: Store, now: datetime, s: admins.AdminSession, form: dict) -> Response:
            try:
                lang = Lang(form.get("lang", ""))
            except ValueError:
                raise InputError("lang: use ja or en") from None
            admins.choose_lang(store, s, lang)
            target = form.get("next", "/hr/")
            if not target.startswith("/hr/") and target != "/hr":
                target = "/hr/"
            return RedirectResponse(target, status_code=303)

        return await self._post_form(request, act, change=False)

    async def signout(self, request: Request) -> Response:
        def act(store: Store, now: datetime, s: admins.AdminSession, form: dict) -> Response:
            admins.sign_out(store, s.session_id)
            self.uploads.drop_session(s.session_id)
            response = self.v._message(200, "web.signed_out_title", ["web.signed_out"], both=True)
            response.delete_cookie(HR_COOKIE)
            return response

        return await self._post_form(request, act, change=False)


def _file_name(name: str) -> str:
    """An upload's file name as shown and trailed: no folder, no control character."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    shown = "".join(c for c in base if c.isprintable()).strip()[:200]
    return shown or "export.csv"
