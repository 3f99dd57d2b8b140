"""What the forums tell people: replies to their posts, mentions, new replies in threads they follow.

Kinds of notification registered with the core, and receivers of the forum signals that publish them.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.notifications import kinds
from app.notifications.publishing import followers, publish
from forums import signals
from forums.models import Post, PostMention


def _excerpt(notice) -> str | None:
    post = notice.target
    return post.body_html if isinstance(post, Post) and not post.is_deleted else None


KINDS = (
    kinds.NoticeKind("reply", _l("Replies to you (to your posts and the discussions you opened)"), excerpt=_excerpt, default="immediately",
                     sentence=lambda n: _("%(name)s replied to you in “%(title)s”.",
                                          name=n.actor_name, title=n.title)),
    kinds.NoticeKind("mention", _l("Mentions of you (@name)"), excerpt=_excerpt, default="immediately",
                     sentence=lambda n: _("%(name)s mentioned you in “%(title)s”.", name=n.actor_name,
                                          title=n.title)),
    kinds.NoticeKind("thread_post", _l("New replies in discussions you follow"), excerpt=_excerpt,
                     default="daily", sentence=lambda n: _("%(name)s replied in “%(title)s”.",
                                                           name=n.actor_name, title=n.title)),
)


def _replied_to_author(post: Post) -> int | None:
    """Whom this post answers: the author of the post replied to, else the one who opened the thread."""
    if post.reply_to_id is not None:
        return db.session.execute(select(Post.author_id).where(Post.id == post.reply_to_id)).scalar_one_or_none()
    if post.parent_id is not None:
        return db.session.execute(select(Post.author_id).where(Post.id == post.parent_id)).scalar_one_or_none()
    return post.thread.author_id


def _post_created(post: Post, **_) -> None:
    if post.is_opening:
        return
    mentioned = db.session.execute(select(PostMention.user_id).where(PostMention.post_id == post.id)).scalars()
    publish([("reply", [_replied_to_author(post)]), ("mention", list(mentioned)),
             ("thread_post", followers(post.thread))],
            event=f"post:{post.id}", about=post.thread, target=post, actor=post.author)


def _user_mentioned(post: Post, *, user_ids: list[int], **_) -> None:
    """Mentions in an opening post or an edit (a new reply's mentions went out with it: same event)."""
    publish([("mention", user_ids)], event=f"post:{post.id}", about=post.thread, target=post, actor=post.author)


def connect() -> None:
    """Register the forum kinds and subscribe to the forum signals (idempotent)."""
    for kind in KINDS:
        kinds.register(kind)
    signals.post_created.connect(_post_created)
    signals.user_mentioned.connect(_user_mentioned)
