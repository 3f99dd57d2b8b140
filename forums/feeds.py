"""The Atom feed of one thread: its newest live posts, as an anonymous reader sees them on the thread page."""
from __future__ import annotations

from flask import abort, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.atom import AtomEntry, atom_feed, atom_response, newest, tag_uri
from app.extensions import db
from app.i18n import current_language
from app.moderation.visibility import not_hidden
from app.page_cache import cache_for_anonymous
from forums import bp, policy
from forums.models import Post, Thread

FEED_SIZE = 50


@bp.get("/t/<int:thread_id>/feed.atom")
@cache_for_anonymous
def thread_feed(thread_id: int):
    """The thread's newest 50 posts that are neither deleted nor hidden by moderation, newest first (two queries:
    the thread with its Subject, the posts); a hidden thread has no feed."""
    thread = db.session.execute(select(Thread).where(Thread.id == thread_id)
                                .options(joinedload(Thread.subject))).scalar_one_or_none()
    if thread is None or not policy.can_read(None, thread):  # feed readers are anonymous
        abort(404)
    posts = db.session.execute(
        select(Post).where(Post.thread_id == thread.id, Post.deleted_at.is_(None), not_hidden(Post.subject_id))
        .options(joinedload(Post.author))
        .order_by(Post.number.desc()).limit(FEED_SIZE)  # numbers follow time; (thread_id, number) is unique
    ).scalars().all()
    entries = [_post_entry(thread, post) for post in posts]
    body = atom_feed(
        feed_id=tag_uri(f"thread-{thread.id}"), title=thread.title, updated=newest(entries, thread.created_at),
        self_url=url_for("forums.thread_feed", thread_id=thread.id, _external=True),
        alternate_url=url_for("forums.thread", thread_id=thread.id, slug=thread.slug, _external=True),
        entries=entries, lang=current_language().code, base_url=request.url_root)
    return atom_response(body)


def _post_entry(thread: Thread, post: Post) -> AtomEntry:
    author = post.author.display_name if post.author is not None else _("Deleted participant")
    title = thread.title if post.depth == 0 else _("Reply by %(author)s", author=author)
    return AtomEntry(
        id=tag_uri(f"thread-{thread.id}/post-{post.id}"), title=title,
        updated=post.edited_at or post.created_at, published=post.created_at,
        link=url_for("forums.permalink", thread_id=thread.id, post_id=post.id, _external=True),
        content_html=post.body_html, author_name=author)
