"""Reading the audit log for `/moderation/log`: filters, one page of entries newest first, and the links to the
objects that still exist, in a fixed number of queries however long the log grows."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, func, select

from app import subjects
from app.extensions import db
from app.moderation.models import AuditEntry
from app.urls import path_for
from app.users.models import User

PER_PAGE = 50
# The action families the filter offers: the part of `AuditEntry.action` before the first dot.
ACTION_PREFIXES = {
    "decision": _l("Decisions"),
    "sanction": _l("Sanctions"),
    "report": _l("Reports"),
    "notice": _l("Notices"),
    "appeal": _l("Appeals"),
    "refused": _l("Refused attempts"),
    "page": _l("Content pages"),
    "role": _l("Roles"),
    "thread": _l("Threads"),
    "post": _l("Posts"),
    "idea": _l("Ideas"),
    "category": _l("Categories"),
}


@dataclass(frozen=True)
class LogFilters:
    actor: str = ""  # a username
    action: str = ""  # one of ACTION_PREFIXES
    refused_only: bool = False
    since: date | None = None
    until: date | None = None  # inclusive

    @property
    def active(self) -> bool:
        return bool(self.actor or self.action or self.refused_only or self.since or self.until)


@dataclass(frozen=True)
class LogRow:
    entry: AuditEntry
    url: str | None  # the object's page, when it still exists


def _conditions(filters: LogFilters) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if filters.actor:
        found.append(AuditEntry.actor_name == filters.actor.strip().lower().lstrip("@"))
    if filters.action in ACTION_PREFIXES:
        found.append(AuditEntry.action.startswith(f"{filters.action}.", autoescape=True))
    if filters.refused_only:
        found.append(AuditEntry.refused.is_(True))
    if filters.since is not None:
        found.append(AuditEntry.created_at >= datetime.combine(filters.since, time(), tzinfo=timezone.utc))
    if filters.until is not None:
        found.append(AuditEntry.created_at < datetime.combine(filters.until + timedelta(days=1), time(),
                                                               tzinfo=timezone.utc))
    return found


def log_page(filters: LogFilters, page: int) -> tuple[list[LogRow], int]:
    """(rows, number of pages) of the entries matching `filters`, newest first: a count, the page, the Subjects'
    owners (one query per kind on the page) and the accounts named as objects."""
    conditions = _conditions(filters)
    total = db.session.execute(select(func.count()).select_from(AuditEntry).where(*conditions)).scalar_one()
    entries = list(db.session.execute(
        select(AuditEntry).where(*conditions).order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
        .limit(PER_PAGE).offset((page - 1) * PER_PAGE)).scalars())
    urls = _object_urls(entries)
    return [LogRow(entry, urls.get(entry.id)) for entry in entries], max(1, -(-total // PER_PAGE))


def _object_urls(entries: list[AuditEntry]) -> dict[int, str]:
    """entry id -> the page of its object, for objects that still exist."""
    owners = subjects.resolve_many(sorted({e.subject_id for e in entries if e.subject_id is not None}))
    user_ids = {e.object_id for e in entries if e.object_kind == "user" and e.object_id is not None}
    users = {user.id: user for user in db.session.execute(select(User).where(User.id.in_(user_ids))).scalars()} \
        if user_ids else {}
    urls: dict[int, str] = {}
    for entry in entries:
        url = _url_of(owners.get(entry.subject_id)) if entry.subject_id is not None else None
        if url is None and entry.object_kind == "user" and entry.object_id in users:
            url = path_for("users.profile", username=users[entry.object_id].username)
        if url is not None:
            urls[entry.id] = url
    return urls


def _url_of(owner: Any) -> str | None:
    if owner is None:
        return None
    try:
        return subjects.kind_of(owner).url(owner)
    except subjects.UnknownKind:
        return None


def compact(values: dict | None, limit: int = 120) -> str:
    """A before or after value in one short line: "key: value, …", cut at `limit` characters."""
    if not values:
        return ""
    text = ", ".join(f"{key}: {_short(value)}" for key, value in values.items())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short(value: Any) -> str:
    if value is None:
        return "–"
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"
