"""What the forums tell people: replies to them, mentions, new replies in threads and new threads in categories
they follow.

Kinds of notification registered with the core, and receivers of the forum signals that publish them.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import select

from app.extensions import db
from app.notifications import kinds
from app.notifications.publishing import followers, publish
from forums import signals
from forums.models import Post, PostMention, Thread


def _excerpt(notice) -> str | None:
    """The post's text; for a new thread, its opening post's."""
    target = notice.target
    if isinstance(target, Thread):
        return db.session.execute(select(Post.body_html).where(Post.thread_id == target.id, Post.number == 1,
                                                               Post.deleted_at.is_(None))).scalar_one_or_none()
    return target.body_html if isinstance(target, Post) and not target.is_deleted else None


def _replies_to_you(entry) -> str:
    """Several replies to the reader in one thread, as one line (app.notifications.entries)."""
    return ngettext("%(num)d reply to you in “%(title)s” by %(names)s.",
                    "%(num)d replies to you in “%(title)s” by %(names)s.", entry.count, title=entry.title,
                    names=entry.names)


def _new_replies(entry) -> str:
    """Several new replies in a followed thread, as one line."""
    return ngettext("%(num)d new reply in “%(title)s” by %(names)s.",
                    "%(num)d new replies in “%(title)s” by %(names)s.", entry.count, title=entry.title,
                    names=entry.names)


KINDS = (
    kinds.NoticeKind("reply", _l("Replies to you (to your posts and the discussions you opened)"), excerpt=_excerpt,
                     default="immediately", sentence=lambda n: _("%(name)s replied to you in “%(title)s”.",
                                                                 name=n.actor_name, title=n.title),
                     grouped=_replies_to_you),
    kinds.NoticeKind("mention", _l("Mentions of you (@name)"), excerpt=_excerpt, default="immediately",
                     sentence=lambda n: _("%(name)s mentioned you in “%(title)s”.", name=n.actor_name,
                                          title=n.title)),
    kinds.NoticeKind("thread_post", _l("New replies in discussions you follow"), excerpt=_excerpt,
                     default="daily", sentence=lambda n: _("%(name)s replied in “%(title)s”.",
                                                           name=n.actor_name, title=n.title),
                     grouped=_new_replies),
    kinds.NoticeKind("new_thread", _l("New discussions in forum categories you follow"), excerpt=_excerpt,
                     default="daily", sentence=lambda n: _("%(name)s opened “%(title)s” in %(category)s.",
                                                           name=n.actor_name, title=n.target_title,
                                                           category=n.title)),
)


def _replied_to_author(post: Post) -> int | None:
    """Whom this post answers: the author of the post replied to, else the one who opened the thread."""
    if post.reply_to_id is not None:  # set with every reply to a post (parent_id may differ past depth 3)
        return db.session.execute(select(Post.author_id).where(Post.id == post.reply_to_id)).scalar_one_or_none()
    return post.thread.author_id


def _post_created(post: Post, **_) -> None:
    if post.is_opening:
        return
    mentioned = db.session.execute(select(PostMention.user_id).where(PostMention.post_id == post.id)).scalars()
    publish([("reply", [_replied_to_author(post)]), ("mention", list(mentioned)),
             ("thread_post", followers(post.thread))],
            event=f"post:{post.id}", about=post.thread, target=post, actor=post.author)


def _thread_created(thread: Thread, **_) -> None:
    """Followers of the category hear of a new thread; whom its opening post mentions hear of that instead."""
    if thread.category is None:
        return
    opening = db.session.execute(select(Post.id).where(Post.thread_id == thread.id, Post.number == 1)).scalar_one()
    mentioned = db.session.execute(select(PostMention.user_id).where(PostMention.post_id == opening)).scalars()
    publish([("mention", list(mentioned)), ("new_thread", followers(thread.category))], event=f"post:{opening}",
            about=thread.category, target=thread, actor=thread.author)


def _user_mentioned(post: Post, *, user_ids: list[int], **_) -> None:
    """Mentions in an opening post or an edit (a new reply's mentions went out with it: same event)."""
    publish([("mention", user_ids)], event=f"post:{post.id}", about=post.thread, target=post, actor=post.author)


def connect() -> None:
    """Register the forum kinds and how a removed post or thread is told, and subscribe to the forum signals
    (idempotent)."""
    kinds.register_all(KINDS)
    kinds.register_removed("post", _l("This post was removed."), _l("These posts were removed."))
    kinds.register_removed("thread", _l("This discussion was removed."))
    signals.thread_created.connect(_thread_created)
    signals.post_created.connect(_post_created)
    signals.user_mentioned.connect(_user_mentioned)
