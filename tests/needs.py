"""Tests that need a real external component (Chromium, scorm-again) call :func:`need`.

On a developer's machine a missing component skips the test with the command that
installs it; under CI (``CI`` set, as `.ci/run` runs) it fails, so that a broken install
can never pass as a green run.
"""

from __future__ import annotations

import os

import pytest


def need(present: bool, what: str) -> None:
    """Skip (locally) or fail (in CI) unless ``present``; ``what`` says how to install it."""
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(f"missing in CI: {what}")
    pytest.skip(f"missing: {what}")
