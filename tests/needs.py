"""Tests that need a real external component (Chromium, scorm-again) call :func:`need`;
browser tests launch Debian's Chromium with :data:`CHROMIUM_ARGS`.

A missing component fails the test with the command that installs it, on a developer's
machine as in CI: a skipped test would pass as green without testing anything. The
README's test command installs the npm packages itself and names Chromium, the one
system prerequisite.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; never a downloaded browser
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def need(present: bool, what: str) -> None:
    """Fail unless ``present``; ``what`` says how to install the missing component."""
    if not present:
        pytest.fail(f"missing: {what}")
