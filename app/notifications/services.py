"""Follow and unfollow Subjects; read what someone follows, one query per page."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select

from app import subjects
from app.dbutil import insert_or_ignore, upsert
from app.extensions import db
from app.models import utcnow
from app.notifications.models import Follow, FollowPreference
from app.unit_of_work import use_case

FOLLOWS_PER_PAGE = 20


class NotFollowable(LookupError):
    """Raised for a Subject whose kind cannot be followed, or that the user may not see."""


def _check(user, obj: Any) -> None:
    kind = subjects.kind_of(obj)
    if not kind.can("followable") or not kind.visible(user, obj):
        raise NotFollowable(obj.subject_id)


@use_case
def follow(user, obj: Any) -> bool:
    """`user` follows the registered object `obj` from now on; False if they did already.

    Raises NotFollowable. Commits.
    """
    _check(user, obj)
    written = insert_or_ignore(Follow, user_id=user.id, subject_id=obj.subject_id, created_at=utcnow())
    return written


@use_case
def unfollow(user, obj: Any) -> bool:
    """`user` stops following `obj`; False if they did not follow it. Commits."""
    result = db.session.execute(delete(Follow).where(Follow.user_id == user.id, Follow.subject_id == obj.subject_id))
    return result.rowcount == 1


REASONS = ("create", "support", "reply")


def preferences(user) -> FollowPreference:
    """`user`'s choices of automatic follows (the defaults, all on, when they never chose)."""
    found = db.session.get(FollowPreference, user.id)
    return found or FollowPreference(user_id=user.id, on_create=True, on_support=True, on_reply=True)


@use_case
def save_preferences(user, *, on_create: bool, on_support: bool, on_reply: bool) -> None:
    """Store which automatic follows `user` wants; follows made earlier stay. Commits."""
    upsert(FollowPreference, {"user_id": user.id},
           {"on_create": on_create, "on_support": on_support, "on_reply": on_reply})


def auto_follow(user, obj: Any, reason: str) -> bool:
    """Follow `obj` because `user` created, supported or replied to it (`reason`), if they want that.

    Returns whether a follow was written. Commits.
    """
    if not getattr(preferences(user), f"on_{reason}"):
        return False
    return follow(user, obj)


def is_following(user, subject_id: int) -> bool:
    """Whether `user` (anonymous: never) follows the Subject `subject_id`."""
    if user is None or not user.is_authenticated:
        return False
    found = db.session.execute(select(Follow.id).where(Follow.user_id == user.id, Follow.subject_id == subject_id))
    return found.first() is not None


@dataclass(frozen=True)
class Followed:
    """One entry of /following: the object, its title and address, and since when it is followed."""

    obj: Any
    title: str
    url: str
    kind: str
    since: Any


def following_page(user, page: int) -> tuple[list[Followed], int]:
    """One page of what `user` follows, newest first, and the number of pages.

    Three queries (count, page, kinds) plus one per kind on the page; objects the user may no longer see are
    left out.
    """
    total = db.session.execute(select(func.count(Follow.id)).where(Follow.user_id == user.id)).scalar_one()
    rows = db.session.execute(
        select(Follow.subject_id, Follow.created_at).where(Follow.user_id == user.id)
        .order_by(Follow.created_at.desc(), Follow.id.desc())
        .limit(FOLLOWS_PER_PAGE).offset((page - 1) * FOLLOWS_PER_PAGE)).all()
    owners = subjects.resolve_many([subject_id for subject_id, _ in rows])
    shown = []
    for subject_id, since in rows:
        obj = owners.get(subject_id)
        entry = subjects.kind_of(obj) if obj is not None else None
        if entry is not None and entry.visible(user, obj):
            shown.append(Followed(obj, entry.title(obj), entry.url(obj), entry.kind, since))
    return shown, max(1, -(-total // FOLLOWS_PER_PAGE))
