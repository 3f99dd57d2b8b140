"""How moderation (app.moderation) handles forum posts: the hooks of the "post" Subject kind.

The opening post stands for its thread: hiding it hides the thread (`hidden_with`), which leaves its category's
list and counters. A redaction is a moderator's edit (a revision by the moderator); deleting a reply is the soft
delete that leaves a placeholder; "deleting" an opening post keeps its thread hidden for good (the thread's
question stays, as it always does, but nobody but its author and the moderators sees it).
"""
from __future__ import annotations

from sqlalchemy import update

from app import subjects
from app.extensions import db
from app.models import Subject
from app.moderation import hiding
from app.moderation.models import Reason
from forums import services
from forums.models import ForumCategory, Post


def author_id(post: Post) -> int | None:
    return post.author_id


def content(post: Post) -> dict[str, str]:
    """The text of the post; an opening post also gives its thread's title."""
    if post.is_opening:
        return {"title": post.thread.title, "body": post.body_md}
    return {"body": post.body_md}


def redact(post: Post, actor, fields: dict[str, str]) -> None:
    """A moderator's edit: the old text is kept as a revision by `actor` (a step: the caller commits)."""
    if "title" in fields and post.is_opening:
        post.thread.title = fields["title"].strip() or post.thread.title
    if "body" in fields and services.clean_body(fields["body"]) != post.body_md:
        services.edit_post(actor, post, fields["body"])
    db.session.flush()


def delete(post: Post, actor) -> None:
    """A reply: the soft delete (placeholder). An opening post: its thread stays hidden for good."""
    if post.is_opening:
        if not post.subject.is_hidden:
            hiding.hide(post.subject, Reason.OTHER)
        return
    services.delete_post(actor, post)


def category(post: Post) -> str | None:
    """"forum:<slug>" in a forum category; in a discussion about a Subject, that Subject's category."""
    thread = post.thread
    if thread.category is not None:
        return f"forum:{thread.category.slug}"
    if thread.about_subject is not None:
        entry = subjects.get(thread.about_subject.kind)
        owner = subjects.resolve(thread.about_subject)
        if entry.moderation is not None and owner is not None:
            return entry.moderation.category(owner)
    return None


def hidden_with(post: Post) -> list[Subject]:
    """The opening post takes its thread along."""
    return [post.thread.subject] if post.is_opening else []


def on_visibility(post: Post, hidden: bool) -> None:
    """A hidden thread leaves its category's counters (its posts with it); a hidden reply leaves its thread's and
    category's, as a deleted one does (the lists count what readers can read); shown again, they come back."""
    thread = post.thread
    step = -1 if hidden else 1
    if not post.is_opening:
        if not post.is_deleted:  # a deleted reply is out of the counters already
            services.count_reply(post, step)
        return
    if thread.category_id is None:
        return
    db.session.execute(update(ForumCategory).where(ForumCategory.id == thread.category_id).values(
        thread_count=ForumCategory.thread_count + step,
        post_count=ForumCategory.post_count + step * (thread.reply_count + 1)))


HOOKS = subjects.Moderation(author_id=author_id, content=content, redact=redact, delete=delete,
                            category=category, hidden_with=hidden_with, on_visibility=on_visibility)
