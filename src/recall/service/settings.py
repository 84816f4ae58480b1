"""The organisation's settings: read them, change one (validated before it is saved)."""

from __future__ import annotations

from recall.core.policy import Settings
from recall.store import Store

__all__ = ["change", "current"]


def current(store: Store) -> Settings:
    """The organisation's settings (defaults for any not set)."""
    return store.settings()


def change(store: Store, values: dict[str, str]) -> Settings:
    """Change settings given as text, all together or none.

    Raises:
        InputError: an unknown setting, or a value of the wrong type or out of range.
    """
    return store.update_settings(values)
