"""A Subject's discussion as another page shows it (an idea's, a solution's): the page of posts, the reply form,
the first unread post, and moving the reader's position on after rendering."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from app import subjects
from app.extensions import db
from forums import policy, reading
from forums.forms import ReplyForm
from forums.models import Post, Thread


@dataclass(frozen=True)
class EmbeddedDiscussion:
    """What the `thread` macro needs; all None when the Subject has no thread."""

    thread: Thread | None
    page: reading.ThreadPage | None
    reply_form: ReplyForm | None
    first_unread: Post | None

    def mark_read(self) -> None:
        """After rendering: the reader has seen the posts shown (commits; nothing for anonymous visitors)."""
        if self.page is not None:
            reading.mark_read(current_user, self.thread, self.page.highest_number_shown)


def thread_about(subject_id: int) -> Thread | None:
    """The discussion thread of Subject `subject_id`, if it has one (one query)."""
    return db.session.execute(select(Thread).where(Thread.about_subject_id == subject_id)).scalar_one_or_none()


def discussion_of(thread: Thread | None, view: str, page: int, owner: Any) -> EmbeddedDiscussion:
    """`thread` (the discussion of `owner`, or None) in `view` ("nested" or "flat") at `page`, for the reader;
    the owner's author is marked "Author" (app.subjects: the kind's moderation.author_id).

    The owner's own text opens the discussion, so the thread's opening post is left out. Aborts with 404 for a
    page outside the thread.
    """
    if thread is None:
        return EmbeddedDiscussion(None, None, None, None)
    view = view if view in reading.VIEWS else "nested"
    shown = replace(reading.thread_page(thread, view, page, current_user, subjects.author_id_of(owner)),
                    opening=None)
    if page < 1 or page > shown.pages:
        abort(404)
    form = ReplyForm(with_stance=True) if policy.can_reply(current_user, thread) else None
    first_unread = None
    if current_user.is_authenticated:
        first_unread = reading.first_unread(thread, reading.last_read_number(current_user, thread))
    return EmbeddedDiscussion(thread, shown, form, first_unread)
