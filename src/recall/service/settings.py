"""The organisation's settings: read them, change one (validated before it is saved)."""

from __future__ import annotations

from datetime import datetime

from recall.core.codes import TrailAction
from recall.core.policy import Settings
from recall.service.admins import note
from recall.store import Store

__all__ = ["change", "current"]


def current(store: Store) -> Settings:
    """The organisation's settings (defaults for any not set)."""
    return store.settings()


def change(
    store: Store,
    values: dict[str, str],
    *,
    actor: str | None = None,
    now: datetime | None = None,
) -> Settings:
    """Change settings given as text, all together or none; an ``actor`` (an admin) is
    recorded in the admins' trail at ``now`` in the same transaction.

    Raises:
        InputError: an unknown setting, or a value of the wrong type or out of range.
    """
    if actor is None or now is None:
        return store.update_settings(values)
    with store.transaction():
        updated = store.update_settings(values)
        note(
            store,
            actor,
            now,
            TrailAction.SETTINGS,
            ",".join(sorted(values)),
            {"settings": len(values)},
        )
    return updated
