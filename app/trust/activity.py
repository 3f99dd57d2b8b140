"""What members write, kind by kind, so the core can count an account's writes without knowing the features.

Each feature registers, in its package's `register`, a function per write kind ("thread", "reply", "idea",
"solution", "update") that returns a SELECT of three labelled columns: `author_id`, `created_at` and `subject_id`
(None for a write without a Subject of its own), leaving out what the feature itself counts as gone (a deleted
reply, a draft). The sandbox and the write limits then count with one query each:

- `window(user_id, kind, day_since, hour_since)`: the account's writes of one kind in the last day and hour,
  and the earliest of each window (when the account may write again);
- `accepted(user_id, before)`: its contributions of every kind, written before `before`, that are neither hidden
  nor held for review.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, case, func, literal, select, union_all

from app.extensions import db
from app.moderation.visibility import not_hidden

_SOURCES: dict[str, Callable[[], Select]] = {}


def register(kind: str, source: Callable[[], Select]) -> None:
    """Count `source()` (a SELECT of author_id, created_at, subject_id) as the writes of `kind` (once per kind;
    registering again replaces it)."""
    _SOURCES[kind] = source


def kinds() -> list[str]:
    """The registered write kinds."""
    return sorted(_SOURCES)


@dataclass(frozen=True)
class Window:
    """An account's writes of one kind: how many in the last day and hour, and the earliest of each."""

    day: int = 0
    hour: int = 0
    first_in_day: datetime | None = None
    first_in_hour: datetime | None = None
    last: datetime | None = None


def window(user_id: int, kind: str, day_since: datetime, hour_since: datetime) -> Window:
    """Count the writes of `kind` by `user_id` since `day_since` and since `hour_since`, with the earliest of each
    and the latest write (one query; none for an unregistered kind)."""
    if kind not in _SOURCES:
        return Window()
    rows = _SOURCES[kind]().subquery()
    recent = rows.c.created_at >= hour_since
    found = db.session.execute(select(
        func.count(), func.sum(case((recent, 1), else_=0)), func.min(rows.c.created_at),
        func.min(case((recent, rows.c.created_at))), func.max(rows.c.created_at)).where(
        rows.c.author_id == user_id, rows.c.created_at >= day_since)).one()
    return Window(int(found[0] or 0), int(found[1] or 0), _aware(found[2]), _aware(found[3]), _aware(found[4]))


def accepted(user_id: int, before: datetime | None = None) -> int:
    """How many contributions of every kind `user_id` wrote (before `before`, when given) that are neither hidden
    nor held (one query)."""
    if not _SOURCES:
        return 0
    parts = [source().add_columns(literal(kind).label("kind")) for kind, source in sorted(_SOURCES.items())]
    rows = union_all(*parts).subquery()
    where = [rows.c.author_id == user_id, not_hidden(rows.c.subject_id)]
    if before is not None:
        where.append(rows.c.created_at <= before)
    return db.session.execute(select(func.count()).select_from(rows).where(*where)).scalar_one()


def _aware(moment):
    """A datetime from an aggregate (SQLite gives it back naive or as text) as an aware UTC datetime."""
    from datetime import timezone

    if moment is None:
        return None
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)
