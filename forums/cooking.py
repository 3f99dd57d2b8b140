"""Cooking posts: Markdown to stored HTML once, when written, with @mentions of existing users linked."""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.text import PIPELINE_VERSION, find_mentions, render_markdown
from app.trust.limits import mention_cap
from app.urls import path_for
from app.users.models import User

POST_HEADING_LEVEL = 3  # posts sit under the h2 sections of a discussion ("Opening post", "3 replies")


class TooManyMentions(ValueError):
    """Raised when a post mentions more existing users than the cap for everyone (app.trust.limits.mention_cap)."""


def mentioned_users(source: str, *, strict: bool = True) -> list[User]:
    """The existing, active users "@mentioned" in `source`, in order (one query).

    Past the cap (the setting app.trust.limits.MENTIONS_EVERYONE, 10 by default) it raises
    TooManyMentions, or with `strict=False` (re-rendering stored posts, whose names may have been registered
    since) keeps the first ones up to the cap.
    """
    names = find_mentions(source)
    if not names:
        return []
    users = db.session.execute(
        select(User).where(User.username_key.in_(names), User.is_active_account.is_(True))
    ).scalars().all()
    cap = mention_cap()
    if len(users) > cap and strict:
        raise TooManyMentions(len(users))
    return sorted(users, key=lambda user: names.index(user.username_key))[:cap]


def profile_path(username: str) -> str:
    """The profile URL path, built without a request (cooking also runs from the command line)."""
    return path_for("users.profile", username=username)


def mention_links(users: list[User]) -> dict[str, str]:
    """The `mentions` of render_markdown for these users: username key -> profile path."""
    return {user.username_key: profile_path(user.username) for user in users}


def cook(source: str, users: list[User]) -> str:
    """Sanitised HTML of `source` with links for the given mentioned users, ready to store.

    The text's shallowest heading becomes an h3 and no level is skipped, whichever levels the author picked
    (a lone "## Title" would otherwise be an h4 right under the page's h2).
    """
    return str(render_markdown(source, heading_level=POST_HEADING_LEVEL, mentions=mention_links(users)))


def cook_post(post, users: list[User]) -> None:
    """Store the cooked HTML of `post.body_md` on the post, stamped with the pipeline version."""
    post.body_html = cook(post.body_md, users)
    post.cooked_version = PIPELINE_VERSION
