"""Chromium and a real server for the web tests: the app under uvicorn on a loopback port
(:func:`serving`), Debian's Chromium driven by Playwright from a thread of its own
(:class:`BrowserThread`), a page that collects console errors (:func:`new_page`), and
the viewports the tests use. The fixtures ``server`` and ``browser`` (tests/web/conftest.py)
are built from these."""

from __future__ import annotations

import contextlib
import queue
import socket
import threading
import time
from collections.abc import Iterator

import uvicorn

from recall.web import create_app
from tests.needs import CHROMIUM, CHROMIUM_ARGS
from tests.web.conftest import Site

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


@contextlib.contextmanager
def serving(site: Site) -> Iterator[str]:
    """The app under a real uvicorn server on a free loopback port (a thread)."""
    app = create_app(site.db_path, site.decks, base_url="http://127.0.0.1", now=site.clock)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(timeout=10)
        sock.close()


class BrowserThread:
    """Chromium driven through Playwright's sync API from a thread of its own.

    The SCORM tests keep a sync Playwright open for the whole session on the main thread,
    and a second one cannot start there; a thread of our own has no event loop in the way.
    """

    def __init__(self) -> None:
        self._jobs: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread.start()
        self._ready.wait(60)
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        from playwright.sync_api import sync_playwright

        try:
            playwright = sync_playwright().start()
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
        except BaseException as error:  # reported to the test
            self._error = error
            self._ready.set()
            return
        self._ready.set()
        while (job := self._jobs.get()) is not None:
            func, done = job
            try:
                done.append(("ok", func(chromium)))
            except BaseException as error:  # re-raised in the test's thread
                done.append(("error", error))
        chromium.close()
        playwright.stop()

    def run(self, func):
        """Run ``func(browser)`` in the browser's thread; return its result or raise."""
        done: list = []
        self._jobs.put((func, done))
        while not done:
            time.sleep(0.02)
        kind, value = done[0]
        if kind == "error":
            raise value
        return value

    def stop(self) -> None:
        self._jobs.put(None)
        self._thread.join(30)


def new_page(browser, **options):
    """A page in a fresh context, and the list its console errors and page errors go to."""
    context = browser.new_context(**options)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return page, problems
