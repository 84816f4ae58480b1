"""``recall link`` and ``recall serve``: the link printed, a leaver refused, a taken port
refused with a clear message, and a real server that starts and stops on Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date

from recall.core.codes import Lang
from recall.service import staff
from tests.conftest import NOW_UTC


def _add(store, employee_id: str) -> None:
    staff.add(
        store,
        NOW_UTC,
        employee_id=employee_id,
        name="Hanako",
        email=None,
        department="Sales",
        hired=date(2026, 4, 1),
        lang=Lang.JA,
    )


def test_link_prints_a_sign_in_link(cli, store):
    _add(store, "E0001")
    result = cli("link", "E0001", "--base-url", "https://recall.example.co.jp/", "--lang", "en")
    assert result.exit_code == 0, result.output
    url = result.stdout.strip()
    assert url.startswith("https://recall.example.co.jp/signin/") and len(url) == 36 + 43
    assert "valid once, until 2026-04-08 09:00 (Asia/Tokyo)" in result.stderr
    default = cli("link", "E0001")
    assert (
        default.stdout.startswith("http://127.0.0.1:8000/signin/") and default.stdout.strip() != url
    )
    assert "1回だけ使えます。有効期限 2026-04-08 09:00（Asia/Tokyo）" in default.stderr


def test_link_refused_for_unknown_and_leavers(cli, store):
    _add(store, "E0001")
    unknown = cli("link", "E9999", "--lang", "en")
    assert unknown.exit_code == 1 and "no employee 'E9999'" in unknown.stderr
    japanese = cli("link", "E9999")  # RECALL_LANG unset: Japanese
    assert japanese.exit_code == 1 and "従業者 'E9999' は登録されていません" in japanese.stderr
    staff.leave(store, NOW_UTC, "E0001", None)
    left = cli("link", "E0001")
    assert left.exit_code == 1 and "E0001" in left.stderr and "退職" in left.stderr


def test_serve_on_a_taken_port_says_so(cli):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("serve", "--port", str(port), "--lang", "en")
        japanese = cli("serve", "--port", str(port))  # RECALL_LANG unset: Japanese
    assert result.exit_code == 1
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
    assert japanese.exit_code == 1
    assert japanese.stderr.startswith(f"エラー: 127.0.0.1 のポート {port} は使用中です")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_runs_and_stops_cleanly_on_ctrl_c(db_path, deck_dir):
    port = _free_port()
    env = {**os.environ, "RECALL_DB": str(db_path), "RECALL_DECKS": str(deck_dir)}
    server = subprocess.Popen(
        [sys.executable, "-m", "recall", "serve", "--port", str(port), "--lang", "en"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz") as response:
                    assert response.read() == b"ok"
                    break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        server.send_signal(signal.SIGINT)
        output, _ = server.communicate(timeout=20)
    finally:
        if server.poll() is None:
            server.kill()
    assert server.returncode == 0
    assert "Shutting down" in output and "recall: stopped" in output
    assert "Traceback" not in output and "Aborted" not in output
