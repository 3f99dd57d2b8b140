"""People as search documents ("person"): found by display name and username, as their public profile shows them.

Only accounts with a public profile have a document (app.users.views.profile): a closed account has none; a
profile moderation hid is a hidden document that its owner still finds (and moderators, as every hidden one).
Unconfirmed accounts have profiles, so they are found too. The language is the site's default: a name has none.
"""
from __future__ import annotations

from flask_babel import format_date, gettext, lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.i18n import DEFAULT_LOCALE
from app.moderation.visibility import hidden_from
from app.search import sources
from app.search.documents import Document
from app.search.sources import Shown, Source, Watch
from app.search.text import plain
from app.urls import path_for
from app.users.models import User

KIND = "person"
# What a person's document is built from (the Subject's hiding is watched by the outbox itself).
WATCHED = frozenset({"display_name", "username", "is_active_account", "subject_id", "created_at"})


def _users(ids: list[int]) -> list[User]:
    if not ids:
        return []
    return list(db.session.execute(select(User).options(joinedload(User.subject)).where(User.id.in_(ids))).scalars())


def load(ids: list[int]) -> dict[int, Document]:
    """The documents of the accounts among `ids` that have a public profile (two queries at most)."""
    documents = {}
    for user in _users(ids):
        if not user.is_active_account:
            continue
        hidden = user.subject is not None and user.subject.is_hidden
        documents[user.id] = Document(
            kind=KIND, id=user.id, title=plain(user.display_name), body=plain(user.username),
            language=DEFAULT_LOCALE, created_at=user.created_at, hidden=hidden,
            visible_to=frozenset({user.id}) if hidden else frozenset())
    return documents


def all_ids():
    return select(User.id).where(User.is_active_account.is_(True)).order_by(User.id)


def show(ids: list[int], viewer) -> dict[int, Shown]:
    """Name, profile link, username and since when a member, for the profiles `viewer` may open now."""
    shown = {}
    for user in _users(ids):
        if not user.is_active_account or hidden_from(viewer, user.subject, user.id):
            continue
        shown[user.id] = Shown(
            title=user.display_name, url=path_for("users.profile", username=user.username),
            facts=(f"@{user.username}", gettext("Member since %(date)s", date=format_date(user.created_at, "medium"))),
            hidden=user.subject is not None and user.subject.is_hidden)
    return shown


def register() -> None:
    """Register the "person" source (the "user" Subject kind is a profile's, app.moderation.profiles)."""
    sources.register(Source(kind=KIND, label=_l("People"), load=load, all_ids=all_ids, subject_kind="user",
                            show=show, watches=(Watch(User, lambda user: [(KIND, user.id)], WATCHED),)))
