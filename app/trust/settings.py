"""Settings administrators change at /admin/settings without a deployment: thresholds, limits, rules.

A module defines its settings where it uses them (`LIMIT = settings.define("...", 5, label=_l(...), ...)`);
`settings.value(name)` reads one: the administrator's stored value, or the default. All stored values are read
with one query per request (kept on `g`) and none when no setting is read. `change` is the use case behind the
settings page.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app, g, has_app_context
from sqlalchemy import select

from app.extensions import db
from app.models import utcnow
from app.trust.models import StoredSetting
from app.unit_of_work import use_case

_CACHE = "trust_settings"


@dataclass(frozen=True)
class Setting:
    """One setting: its name, default, bounds (whole numbers) and the texts of its field (lazy strings)."""

    name: str
    default: int | bool
    label: Any
    description: Any = None
    group: Any = None
    minimum: int = 0
    maximum: int = 1_000_000
    config_key: str | None = None  # the app's config value of this name, when valid, is the default

    @property
    def current_default(self) -> int | bool:
        """The default in force: the app's config value named `config_key` when there is a valid one, else
        `default` (a deployment keeps its configured value until an administrator changes it)."""
        if self.config_key is not None and has_app_context():
            configured = current_app.config.get(self.config_key)
            if self.accepts(configured):
                return configured
        return self.default

    @property
    def is_flag(self) -> bool:
        return isinstance(self.default, bool)

    def accepts(self, value: Any) -> bool:
        if self.is_flag:
            return isinstance(value, bool)
        return isinstance(value, int) and not isinstance(value, bool) and self.minimum <= value <= self.maximum


REGISTRY: dict[str, Setting] = {}


def define(name: str, default: int | bool, *, label: Any, description: Any = None, group: Any = None,
           minimum: int = 0, maximum: int = 1_000_000, config_key: str | None = None) -> Setting:
    """Register the setting `name` (once; defining it again with other values is a programming error).
    With `config_key`, the app's config value of that name (when valid) is the default instead of `default`."""
    setting = Setting(name, default, label, description, group, minimum, maximum, config_key)
    if REGISTRY.setdefault(name, setting) != setting:
        raise ValueError(f"setting {name!r} is defined twice, differently")
    if not setting.accepts(default):
        raise ValueError(f"the default of {name!r} is out of its bounds")
    return setting


def value(setting: Setting | str) -> Any:
    """The value in force: the stored one when it is still valid for the setting, otherwise the default."""
    setting = REGISTRY[setting] if isinstance(setting, str) else setting
    stored = _stored().get(setting.name)
    return stored if setting.accepts(stored) else setting.current_default


def all_settings() -> list[Setting]:
    """Every defined setting, grouped in the order they were defined."""
    return list(REGISTRY.values())


@use_case
def change(actor, changes: dict[str, Any]) -> list[str]:
    """Store the administrator's values; returns the names that changed. Writes one audit entry per change.

    Raises KeyError for an unknown setting and ValueError for a value out of its bounds (the form checks both
    first). A value equal to the default removes the stored row.
    """
    from app.moderation import audit

    changed = []
    for name, new in changes.items():
        setting = REGISTRY[name]
        if not setting.accepts(new):
            raise ValueError(f"{new!r} is not a valid value of {name}")
        old = value(setting)
        if old == new:
            continue
        row = db.session.get(StoredSetting, name)
        if new == setting.current_default and row is not None:
            db.session.delete(row)
        elif new != setting.current_default:
            row = row or StoredSetting(name=name)
            row.value, row.updated_at, row.updated_by_id = new, utcnow(), actor.id
            db.session.add(row)
        audit.record(actor, "setting.changed", before={name: old}, after={name: new})
        changed.append(name)
    db.session.flush()
    forget()
    return changed


def forget() -> None:
    """Read the stored values again at the next `value` (after a change, or in a test)."""
    if has_app_context():
        g.pop(_CACHE, None)


def _stored() -> dict[str, Any]:
    if not has_app_context():
        return {}
    if _CACHE not in g:
        g.setdefault(_CACHE, dict(db.session.execute(select(StoredSetting.name, StoredSetting.value)).all()))
    return g.get(_CACHE)
