"""The HR dashboard page (``GET /hr/``) over a large organisation, on loopback.

Usage::

    python benchmarks/hr_web.py                     # 100,000 employees (builds once)
    python benchmarks/hr_web.py --employees 20000   # smaller
    python benchmarks/hr_web.py --db /tmp/hr.db     # where the built database is kept

Target: the dashboard under 1 s at 100,000 employees. The database is built by
``benchmarks/hr_steps.py`` (same organisation). The real app runs under uvicorn on a free
127.0.0.1 port in this process; an HR account signs in through its real link and the
page is fetched over HTTP ``--runs`` times (the first, cold, is reported apart). The parts
(the overview's queries, today's numbers, the coverage gaps) are also timed in-process,
with the exact retention (``fsrs`` asked for every memory state) as the reference the
maintained retention cells are compared with. A database built by an older recall is
upgraded (schemas 5-6: the summaries are built in steps) when first opened; the time is printed.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import socket
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hr_steps import DECKS, NOW, build  # noqa: E402

from recall.core.codes import AdminRole, Lang  # noqa: E402
from recall.service import admins, hr  # noqa: E402
from recall.service.workspace import open_store  # noqa: E402
from recall.web import create_app  # noqa: E402


def _parts(db: Path) -> list[tuple[str, float]]:
    store = open_store(db)
    try:
        timed = []
        results: dict[str, Any] = {}
        for name, func in (
            ("department_activity", lambda: store.department_activity(NOW)),
            ("retention_by_department", lambda: store.retention_by_department(NOW)),
            ("coverage_gaps", lambda: store.coverage_gaps(store.audit_period(NOW))),
            ("coverage_short", lambda: store.coverage_short(store.audit_period(NOW))),
            ("whole dashboard (service)", lambda: hr.dashboard(store, NOW, Lang.JA)),
            (
                "retention_by_department exact (fsrs per state, reference)",
                lambda: store.retention_by_department(NOW, exact=True),
            ),
        ):
            started = time.perf_counter()
            results[name] = func()
            timed.append((name, time.perf_counter() - started))
        cells = results["retention_by_department"]
        exact = results["retention_by_department exact (fsrs per state, reference)"]
        worst = max(
            abs(cells[i][key].mean - exact[i][key].mean) for i in (0, 1) for key in exact[i]
        )
        print(f"  retention from the cells vs exact: largest difference of a mean {worst:.5f}")
        return timed
    finally:
        store.close()


def main() -> None:
    """Build (once), serve, sign in, fetch the dashboard, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    db = args.db or Path(f"/tmp/recall-hr-web-{args.employees}.db")
    if not db.exists():
        print(f"building {db} ({args.employees:,} employees)...")
        build(db, args.employees)
    started = time.perf_counter()
    store = open_store(db)
    print(f"  open (and upgrade, if older): {time.perf_counter() - started:.1f} s")
    try:
        admins.add(store, "bench@example.jp", AdminRole.VIEWER, NOW)
        token = admins.issue_link(store, "bench@example.jp", NOW).token
    finally:
        store.close()
    for name, seconds in _parts(db):
        print(f"  {name}: {seconds:.2f} s")
    app = create_app(db, DECKS, base_url="http://127.0.0.1", now=lambda: NOW)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    try:
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        with opener.open(f"{base}/signin/{token}") as page:
            text = page.read().decode()
        csrf = text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        form = urllib.parse.urlencode({"csrf": csrf}).encode()
        with opener.open(f"{base}/signin/{token}", data=form) as signed:
            assert signed.url.endswith("/hr/"), signed.url  # followed to the dashboard
        times = []
        for _ in range(args.runs + 1):
            started = time.perf_counter()
            with opener.open(f"{base}/hr/", timeout=120) as response:
                body = response.read()
            times.append(time.perf_counter() - started)
            assert b'id="reviewed-today"' in body
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
    warm = times[1:]
    print(
        f"GET /hr/ over {args.employees:,} employees: cold {times[0]:.2f} s; warm median "
        f"{statistics.median(warm):.2f} s, max {max(warm):.2f} s ({len(warm)} runs); "
        f"page {len(body) // 1024} KiB (target < 1 s)"
    )


if __name__ == "__main__":
    main()
