"""The web app: :func:`create_app` builds the Starlette application behind ``recall serve``.

Every page is a small view: it reads the request, calls one use case of
:mod:`recall.service` and renders a Jinja2 template (autoescaped). The database work of a
request runs in Starlette's thread pool on that worker thread's own store, kept open
across requests and reopened when the decks or settings change, so requests never share a
connection and the event loop never waits on SQLite.

Security, in one place: the session is a random id in an HttpOnly, SameSite=Lax cookie
(Secure when the base URL is https), checked server-side on every request; every POST
carries a CSRF token (the session's, or for the sign-in form a double-submit cookie);
responses carry a strict Content-Security-Policy (no inline script or style, nothing from
other origins), ``X-Frame-Options: DENY``, ``nosniff``, ``no-referrer`` and ``no-store``.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware.body_limit import RequestBodyLimitMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from recall.core.codes import Lang, LinkState
from recall.errors import InputError, NotFoundError, RecallError, StoreError
from recall.i18n import t
from recall.service import admins, auth, browser
from recall.service import review as use
from recall.service.workspace import open_store, ping, sync_decks, unchanged_since
from recall.store import Store
from recall.web.hr import HR_COOKIE, HrViews

__all__ = ["SESSION_COOKIE", "create_app"]

#: the session cookie's name
SESSION_COOKIE = "recall_session"
_SIGNIN_COOKIE = "recall_signin"  # double-submit CSRF token of the sign-in form
_MAX_MS = 86_400_000

_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
        b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class _SecurityHeaders:
    """ASGI middleware: the security headers on every response, ``no-store`` on pages."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += _HEADERS
                if not static:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


@dataclass
class _Config:
    db_path: Path
    base_url: str
    trust_header: str | None
    clock: Callable[[], datetime]
    env: jinja2.Environment

    @property
    def secure(self) -> bool:
        return self.base_url.lower().startswith("https://")


def create_app(
    db_path: Path,
    decks_dir: Path,
    *,
    base_url: str,
    trust_header: str | None = None,
    now: Callable[[], datetime] | None = None,
    warn: Callable[[int], None] | None = None,
    lang: str = "en",
) -> Starlette:
    """The web review application.

    The deck files are synchronised into the database once, here.

    Args:
        db_path: recall's database.
        decks_dir: the folder of deck files.
        base_url: the public URL the server is reached at (links, Secure cookies).
        trust_header: a request header set by an authenticating reverse proxy whose value
            is the employee id or work email; None (the default) trusts no header.
        now: the clock (tests pass a fixed one); default the system clock in UTC.
        warn: told how many problems the deck files have when the decks as last loaded
            are used instead.
        lang: the language of the deck files' problems (the operator's, not a page's).

    Returns:
        The ASGI application.

    Raises:
        StoreError: the database cannot be opened.
        DeckError: the deck files have problems and the database holds no deck yet.
    """
    clock = now or (lambda: datetime.now(UTC))
    store = open_store(db_path)
    try:
        sync_decks(store, decks_dir, clock(), warn=warn, lang=lang)
    finally:
        store.close()
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("recall.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    config = _Config(Path(db_path), base_url.rstrip("/"), trust_header, clock, env)
    views = _Views(config)
    hr_views = HrViews(views)
    static = resources.files("recall.web") / "static"
    routes = [
        Route("/", views.home),
        Route("/healthz", views.healthz),
        Route("/signin/{token}", views.signin_page, methods=["GET"]),
        Route("/signin/{token}", views.signin, methods=["POST"]),
        Route("/review", views.review),
        Route("/answer", views.answer, methods=["POST"]),
        Route("/answered/{key}", views.answered),
        Route("/progress", views.progress),
        Route("/lang", views.lang, methods=["POST"]),
        Route("/signout", views.signout, methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(static)), name="static"),
    ]
    for route in routes:  # the largest form is a few hundred bytes
        if isinstance(route, Route):
            route.app = RequestBodyLimitMiddleware(route.app, max_body_size=64 * 1024)
    routes += hr_views.routes()  # the HR pages (an export upload may be large)
    app = Starlette(
        routes=routes,
        exception_handlers={
            HTTPException: views.http_error,
            RecallError: views.recall_error,
            Exception: views.server_error,
        },
    )
    app.add_middleware(_SecurityHeaders)
    return app


class _Views:
    """The pages. Each ``async`` view reads the request and hands the database work to a
    plain function run in the thread pool."""

    def __init__(self, config: _Config) -> None:
        self.c = config
        self._local = threading.local()  # one open store per worker thread
        self._writes = threading.Lock()

    # --- plumbing -----------------------------------------------------------------
    async def _call(
        self,
        func: Callable[..., Response],
        *args: Any,  # noqa: ANN401
        writes: bool = False,
    ) -> Response:
        """Run ``func(store, now, *args)`` in the thread pool. Requests that write take
        the app's write lock first: they queue in Python instead of in SQLite's busy
        handler, whose sleeps (up to 100 ms each) would make the slowest answers slow."""

        def run() -> Response:
            if not writes:
                return func(self._store(), self.c.clock(), *args)
            with self._writes:
                return func(self._store(), self.c.clock(), *args)

        return await run_in_threadpool(run)

    def _store(self) -> Store:
        """This worker thread's store: kept open across requests (closing a connection
        costs a WAL checkpoint, opening one re-reads every card), reopened when the decks
        or settings changed since (e.g. `recall settings set` while the server runs)."""
        local = self._local
        store: Store | None = getattr(local, "store", None)
        if store is not None:
            same, stamp = unchanged_since(store, local.stamp)
            if same:
                return store
            store.close()
        store = open_store(self.c.db_path)
        local.store = store
        local.stamp = unchanged_since(store, None)[1]
        return store

    def _render(
        self,
        name: str,
        lang: str,
        status: int = 200,
        *,
        session: auth.WebSession | None = None,
        path: str = "/",
        **context: Any,  # noqa: ANN401
    ) -> HTMLResponse:
        def label(key: str, **values: object) -> str:
            return t(key, lang, **values)

        html = self.c.env.get_template(name).render(
            lang=lang, _=label, session=session, path=path, **context
        )
        return HTMLResponse(html, status_code=status)

    def _message(
        self,
        status: int,
        title_key: str,
        lines: list[str],
        *,
        lang: str = "ja",
        both: bool = False,
        session: auth.WebSession | None = None,
    ) -> HTMLResponse:
        """A page with a title and lines; ``both``: in Japanese and English, one after
        the other (for people not signed in, whose language is unknown)."""
        langs = [Lang.JA, Lang.EN] if both else [lang]
        blocks = [(str(lg), t(title_key, lg), [t(line, lg) for line in lines]) for lg in langs]
        return self._render(
            "message.html", langs[0], status, session=session, blocks=blocks, both=both
        )

    def _session(
        self, store: Store, now: datetime, request: Request
    ) -> tuple[auth.WebSession | None, bool]:
        """The signed-in session, and whether it is new (its cookie must be set)."""
        session = auth.resolve(store, request.cookies.get(SESSION_COOKIE, ""), now)
        header = self.c.trust_header
        value = request.headers.get(header, "").strip() if header else ""
        if not value:
            return session, False
        if session is not None and value.lower() in (
            session.employee.id.lower(),
            (session.employee.email or "").lower(),
        ):
            return session, False
        return auth.sign_in_trusted(store, value, now), True

    def _set_session_cookie(self, response: Response, session: auth.WebSession) -> None:
        response.set_cookie(
            SESSION_COOKIE,
            session.session_id,
            max_age=int(auth.SESSION_IDLE.total_seconds()),
            httponly=True,
            samesite="lax",
            secure=self.c.secure,
        )

    def _signed_in(
        self,
        request: Request,
        page: Callable[..., Response],
        form: dict[str, str] | None = None,
    ) -> Callable[[Store, datetime], Response]:
        """Wrap a page that needs a session (and, for a POST, a valid CSRF token)."""

        def run(store: Store, now: datetime) -> Response:
            session, new = self._session(store, now, request)
            if session is None:
                return self._message(401, "web.signed_out_title", ["web.need_link"], both=True)
            if form is not None and not secrets.compare_digest(
                form.get("csrf", "").encode(), session.csrf.encode()
            ):
                return self._message(
                    403, "web.csrf_title", ["web.csrf"], lang=session.lang, session=session
                )
            try:
                response = page(store, now, session)
            except RecallError as error:
                status = 404 if isinstance(error, NotFoundError) else 400
                lang = error.language(session.lang)
                text = error.text(session.lang)
                response = self._render(
                    "message.html",
                    session.lang,
                    status,
                    session=session,
                    blocks=[(str(lang), t("web.error_title", lang), [text])],
                    both=False,
                )
            if new:
                self._set_session_cookie(response, session)
            return response

        return run

    async def _form(self, request: Request) -> dict[str, str]:
        try:
            form = await request.form(max_files=0, max_fields=20)
        except ClientDisconnect:  # the browser went away mid-request: nothing to answer
            raise HTTPException(400) from None
        return {k: v for k, v in form.items() if isinstance(v, str)}

    # --- errors -------------------------------------------------------------------
    async def http_error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 404:
            return self._message(404, "web.not_found_title", ["web.not_found"], both=True)
        if exc.status_code == 405:
            return self._message(405, "web.not_found_title", ["web.not_found"], both=True)
        return self._message(exc.status_code, "web.error_title", ["web.error"], both=True)

    async def recall_error(self, request: Request, exc: Exception) -> Response:
        status = 404 if isinstance(exc, NotFoundError) else 400
        if isinstance(exc, StoreError):
            status = 503
        assert isinstance(exc, RecallError)
        # no session: the reader's language is unknown, so a keyed error is shown in
        # Japanese and English (one written in a language is shown as written)
        langs = [Lang.JA, Lang.EN] if exc.message is not None else [Lang(exc.lang)]
        blocks = [(str(lg), t("web.error_title", lg), [exc.text(lg)]) for lg in langs]
        both = len(langs) > 1
        return self._render("message.html", str(langs[0]), status, blocks=blocks, both=both)

    async def server_error(self, request: Request, exc: Exception) -> Response:
        return self._message(500, "web.error_title", ["web.error"], both=True)

    # --- pages --------------------------------------------------------------------
    async def healthz(self, request: Request) -> Response:
        def check(store: Store, now: datetime) -> Response:
            ping(store)
            return PlainTextResponse("ok")

        return await self._call(check)

    async def home(self, request: Request) -> Response:
        def page(store: Store, now: datetime) -> Response:
            session, new = self._session(store, now, request)
            if session is None:
                return self._message(200, "web.welcome_title", ["web.need_link"], both=True)
            response = RedirectResponse("/review", status_code=303)
            if new:
                self._set_session_cookie(response, session)
            return response

        return await self._call(page)

    async def signin_page(self, request: Request) -> Response:
        token = request.path_params["token"]

        def page(store: Store, now: datetime) -> Response:
            state = auth.link_state(store, token, now)
            if state is LinkState.UNKNOWN:  # an HR account's link (recall admin add)
                state = admins.link_state(store, token, now)
            if state is not LinkState.VALID:
                return self._link_problem(state)
            csrf = secrets.token_urlsafe(16)
            labels = {
                str(lg): {part: t(f"web.signin_{part}", lg) for part in ("title", "lead", "button")}
                for lg in (Lang.JA, Lang.EN)
            }
            response = self._render("signin.html", "ja", token=token, csrf=csrf, labels=labels)
            response.set_cookie(
                _SIGNIN_COOKIE,
                csrf,
                max_age=3600,
                path="/signin/",
                httponly=True,
                samesite="strict",
                secure=self.c.secure,
            )
            return response

        return await self._call(page)

    async def signin(self, request: Request) -> Response:
        token = request.path_params["token"]
        form = await self._form(request)
        cookie = request.cookies.get(_SIGNIN_COOKIE, "")

        def use_link(store: Store, now: datetime) -> Response:
            state = auth.link_state(store, token, now)
            if state is LinkState.UNKNOWN:
                return self._admin_signin(store, now, token, form, cookie, request)
            if state is LinkState.USED and auth.resolve(
                store, request.cookies.get(SESSION_COOKIE, ""), now
            ):
                # a double click on the button: the first click signed this browser in
                return RedirectResponse("/review", status_code=303)
            if state is not LinkState.VALID:
                return self._link_problem(state)
            if not cookie or not secrets.compare_digest(
                form.get("csrf", "").encode(), cookie.encode()
            ):
                return self._message(403, "web.csrf_title", ["web.csrf_signin"], both=True)
            result = auth.exchange(store, token, now)
            if result.session is None:
                return self._link_problem(result.state)
            response = RedirectResponse("/review", status_code=303)
            self._set_session_cookie(response, result.session)
            return response

        return await self._call(use_link, writes=True)

    def _admin_signin(
        self,
        store: Store,
        now: datetime,
        token: str,
        form: dict[str, str],
        cookie: str,
        request: Request,
    ) -> Response:
        """Use an HR account's link: its own session and cookie, then the HR pages."""
        state = admins.link_state(store, token, now)
        if state is LinkState.USED and admins.resolve(
            store, request.cookies.get(HR_COOKIE, ""), now
        ):
            return RedirectResponse("/hr/", status_code=303)
        if state is not LinkState.VALID:
            return self._link_problem(state)
        if not cookie or not secrets.compare_digest(form.get("csrf", "").encode(), cookie.encode()):
            return self._message(403, "web.csrf_title", ["web.csrf_signin"], both=True)
        state, session = admins.exchange(store, token, now)
        if session is None:
            return self._link_problem(state)
        response = RedirectResponse("/hr/", status_code=303)
        response.set_cookie(
            HR_COOKIE,
            session.session_id,
            max_age=int(admins.SESSION_IDLE.total_seconds()),
            httponly=True,
            samesite="lax",
            secure=self.c.secure,
        )
        return response

    def _link_problem(self, state: LinkState) -> Response:
        status = 400 if state is LinkState.UNKNOWN else 410
        if state is LinkState.LEFT:
            status = 403
        return self._message(status, f"web.link_{state}_title", [f"web.link_{state}"], both=True)

    async def review(self, request: Request) -> Response:
        def page(store: Store, now: datetime, session: auth.WebSession) -> Response:
            found = browser.next_card(store, session.employee.id, now, session.lang)
            if found.card is None:
                return self._done(store, now, session, found.today)
            return self._render(
                "card.html",
                session.lang,
                session=session,
                path="/review",
                card=found.card,
                key=found.key,
                left=len(found.today.cards),
                reason=t(f"reason.{found.card.reason}", session.lang),
            )

        # writes: a card shown for the first time is stored under its key
        return await self._call(self._signed_in(request, page), writes=True)

    def _done(
        self, store: Store, now: datetime, session: auth.WebSession, today: use.Today
    ) -> Response:
        policy = store.policy()
        end = use.summary(store, session.employee.id, now)
        done, correct = browser.answered_today(store, session.employee.id, now)

        def local(moment: datetime) -> str:
            return f"{moment.astimezone(policy.zone):%Y-%m-%d %H:%M} ({policy.settings.timezone})"

        return self._render(
            "done.html",
            session.lang,
            session=session,
            path="/review",
            left=not session.employee.active_on(policy.local_date(now)),
            done=done,
            correct=correct,
            waiting=end.waiting,
            waiting_until=local(end.waiting_until) if end.waiting_until else None,
            next_review=None
            if end.next_review is None
            else ("now" if end.next_review <= now else local(end.next_review)),
        )

    async def answer(self, request: Request) -> Response:
        form = await self._form(request)

        def record(store: Store, now: datetime, session: auth.WebSession) -> Response:
            key = form.get("key", "")
            choice = form.get("choice", "")
            if not key or not choice:
                raise InputError.of("web.no_choice")
            browser.answer_shown(
                store, session.employee.id, key, choice, now, response_ms=_ms(form.get("ms"))
            )
            return RedirectResponse(f"/answered/{key}", status_code=303)

        return await self._call(self._signed_in(request, record, form), writes=True)

    async def answered(self, request: Request) -> Response:
        key = request.path_params["key"]

        def page(store: Store, now: datetime, session: auth.WebSession) -> Response:
            result = browser.feedback(store, session.employee.id, key)
            if result is None:
                return RedirectResponse("/review", status_code=303)
            return self._render(
                "feedback.html",
                session.lang,
                session=session,
                path="/review",
                f=result,
            )

        return await self._call(self._signed_in(request, page))

    async def progress(self, request: Request) -> Response:
        def page(store: Store, now: datetime, session: auth.WebSession) -> Response:
            policy = store.policy()
            data = browser.progress(store, session.employee.id, now, session.lang)
            status = data.status.status
            if status.next_review is None:
                when = t("dash", session.lang)
            elif status.next_review <= now:
                when = t("status.now", session.lang)
            else:
                when = f"{status.next_review.astimezone(policy.zone):%Y-%m-%d %H:%M}"
            return self._render(
                "progress.html",
                session.lang,
                session=session,
                path="/progress",
                p=data,
                s=status,
                when=when,
            )

        return await self._call(self._signed_in(request, page))

    async def lang(self, request: Request) -> Response:
        form = await self._form(request)

        def switch(store: Store, now: datetime, session: auth.WebSession) -> Response:
            try:
                lang = Lang(form.get("lang", ""))
            except ValueError:
                value = repr(form.get("lang", ""))
                raise InputError.of("error.bad_lang", what="lang", value=value) from None
            auth.choose_lang(store, session, lang)
            target = form.get("next", "/review")
            if not target.startswith("/") or target.startswith("//"):
                target = "/review"
            return RedirectResponse(target, status_code=303)

        return await self._call(self._signed_in(request, switch, form), writes=True)

    async def signout(self, request: Request) -> Response:
        form = await self._form(request)

        def end(store: Store, now: datetime, session: auth.WebSession) -> Response:
            auth.sign_out(store, session.session_id, now)
            response = self._message(200, "web.signed_out_title", ["web.signed_out"], both=True)
            response.delete_cookie(SESSION_COOKIE)
            return response

        return await self._call(self._signed_in(request, end, form), writes=True)


def _ms(text: str | None) -> int | None:
    """The response time the page measured, or None when absent or not plausible."""
    if not text or not text.isdigit() or len(text) > 9:
        return None
    value = int(text)
    return value if 0 < value <= _MAX_MS else None
