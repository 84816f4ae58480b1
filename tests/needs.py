"""Tests that need a real external component (Chromium, scorm-again) call :func:`need`;
browser tests launch Debian's Chromium with :data:`CHROMIUM_ARGS`.

On a developer's machine a missing component skips the test with the command that
installs it; under CI (``CI`` set, as `.ci/run` runs) it fails, so that a broken install
can never pass as a green run.
"""

from __future__ import annotations

import os
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
    """Skip (locally) or fail (in CI) unless ``present``; ``what`` says how to install it."""
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(f"missing in CI: {what}")
    pytest.skip(f"missing: {what}")
