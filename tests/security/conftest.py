"""Fixtures for hostile-input and fault tests: a database dump to compare, and a folder
made read-only for real (a read-only bind mount as root, where permissions do not bind;
file modes otherwise)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def dump(path: Path) -> list[str]:
    """Every statement that rebuilds the database (schema and rows), for before/after."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@contextmanager
def _read_only(folder: Path) -> Iterator[None]:
    if os.geteuid() == 0:
        subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
        try:
            subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True)
            yield
        finally:
            if subprocess.run(["umount", str(folder)]).returncode:
                subprocess.run(["umount", "-l", str(folder)], check=True)
    else:
        files = list(folder.iterdir())
        for file in files:
            file.chmod(0o400)
        folder.chmod(0o500)
        try:
            yield
        finally:
            folder.chmod(0o700)
            for file in files:
                file.chmod(0o600)


@pytest.fixture
def read_only() -> Callable[[Path], object]:
    """``with read_only(folder):`` nothing in ``folder`` can be written or created."""
    return _read_only
