"""Forum services: open threads, reply, edit and delete posts, lock and pin.

Each is a use case (app.unit_of_work): it commits once when it is the outermost one, and its signals go out
after that commit.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update

from app import subjects
from app.extensions import db
from app.i18n import DEFAULT_LOCALE, is_supported
from app.models import Subject, utcnow
from app.moderation import audit
from app.moderation.signals import hidden_content_edited
from app.moderation.visibility import hidden_from
from app.permissions import NotAllowed as BaseNotAllowed
from app.slugs import slugify
from app.trust import gate
from app.unit_of_work import send_after_commit, use_case
from app.users.models import User
from forums import policy, signals
from forums.cooking import cook_post, mentioned_users
from forums.models import MAX_DEPTH, ForumCategory, Post, PostMention, PostRevision, Stance, Thread

LOCKED = _l("This thread is locked. New replies are not possible.")


class NotAllowed(BaseNotAllowed):
    """Raised when the policy refuses an action."""


class ReplyToDeleted(ValueError):
    """Raised for a reply to a post that has been deleted: the view offers to send it to the thread instead."""


class ThreadLocked(NotAllowed):
    """Raised for a reply to a locked thread by someone who may not reply there; its 403 page says why."""

    def __init__(self) -> None:
        super().__init__(LOCKED)


def clean_body(body_md: str) -> str:
    """The Markdown as stored: Unix line endings (browsers send textareas with CRLF), no outer blank space."""
    return body_md.replace("\r\n", "\n").replace("\r", "\n").strip()


def open_thread(subject: Subject, *, title: str, author: User | None = None, language: str = DEFAULT_LOCALE) -> Thread:
    """The discussion thread about `subject` (in `language`, the subject's), created if it has none. A step: it
    flushes, the caller commits."""
    thread = db.session.execute(select(Thread).where(Thread.about_subject_id == subject.id)).scalar_one_or_none()
    if thread is None:
        thread = Thread(about_subject_id=subject.id, title=title, slug=slugify(title), author=author,
                        last_poster=author, subject=subjects.new_subject("thread"), language=language)
        db.session.add(thread)
        db.session.flush()
    return thread


@use_case
def create_thread(author: User, category: ForumCategory, *, title: str, body_md: str,
                  language: str | None = None) -> Thread:
    """Open a thread in `category` with its first post, written in `language` (by default the author's language,
    else the site's); moves the category's counters.

    Passes the trust gate (app.trust.gate): raises gate.Refused for a write past a limit, and a held thread
    waits for review. Raises NotAllowed, TooManyMentions or ValueError (a language we do not offer). Sends
    thread_created, post_created and user_mentioned after the commit.
    """
    if not policy.can_create_thread(author, category):
        raise NotAllowed
    language = language or (author.locale if is_supported(author.locale) else DEFAULT_LOCALE)
    if not is_supported(language):
        raise ValueError(f"not a language we offer: {language!r}")
    verdict = gate.screen(author, "thread", {"title": title, "body": body_md}, category=category, locale=language)
    title, body_md = verdict.texts["title"], verdict.texts["body"]
    users = mentioned_users(body_md)
    now = utcnow()
    thread = Thread(category=category, title=title.strip(), slug=slugify(title), author=author, language=language,
                    last_poster=author, created_at=now, last_posted_at=now, highest_post_number=1,
                    subject=subjects.new_subject("thread"))
    post = Post(thread=thread, number=1, depth=0, sort_path="", author=author, body_md=clean_body(body_md),
                created_at=now, subject=subjects.new_subject("post"))
    cook_post(post, users)
    db.session.add_all([thread, post])
    db.session.flush()
    _record_mentions(post, users)
    db.session.execute(update(ForumCategory).where(ForumCategory.id == category.id).values(
        thread_count=ForumCategory.thread_count + 1, post_count=ForumCategory.post_count + 1,
        last_posted_at=now))
    gate.settle(verdict, post.subject)  # moderation acts on the opening post, which takes its thread along
    send_after_commit(signals.thread_created, thread)
    _announce(post, users)
    return thread


@use_case
def reply(author: User, thread: Thread, body_md: str, *, to: Post | None = None,
          stance: Stance | None = None) -> Post:
    """Add a reply to `thread`, or to post `to`; deeper than three levels it attaches at level three.

    Numbers the post and moves the thread's and category's counters in the same transaction.
    Passes the write gate first (app.trust.gate: its text may be changed, held or reported once saved).
    Raises ThreadLocked, NotAllowed (also for a thread or post moderation hid from the author), TooManyMentions,
    ReplyToDeleted, gate.Refused (past a write limit, app.trust), or ValueError (a stance outside a subject's
    discussion, or `to` from another thread); a held reply waits for review. Sends post_created and
    user_mentioned after the commit.
    """
    if not policy.can_reply(author, thread):
        raise ThreadLocked if thread.locked and author is not None and author.is_authenticated else NotAllowed
    if stance is not None and not thread.has_stances:
        raise ValueError("stances belong to discussions about a subject")
    if to is not None and to.thread_id != thread.id:
        raise ValueError("the post replied to is in another thread")
    if to is not None and to.is_deleted:
        raise ReplyToDeleted(to.id)
    if to is not None and hidden_from(author, to.subject, to.author_id):
        raise NotAllowed
    verdict = gate.screen(author, "reply", {"body": body_md}, category=thread.category)
    body_md = verdict.texts["body"]
    users = mentioned_users(body_md)
    now = utcnow()
    number = db.session.execute(
        update(Thread).where(Thread.id == thread.id)
        .values(highest_post_number=Thread.highest_post_number + 1)
        .returning(Thread.highest_post_number)
    ).scalar_one()
    post = Post(thread_id=thread.id, number=number, author=author, body_md=clean_body(body_md), created_at=now,
                stance=stance.value if stance else None, subject=subjects.new_subject("post"))
    parent = _place(post, to)
    cook_post(post, users)
    db.session.add(post)
    db.session.flush()
    if post.depth == 1:
        post.root_id = post.id
    _record_mentions(post, users)
    _move_counters(thread, post, +1, now=now, poster=author)
    if parent is not None:
        db.session.execute(update(Post).where(Post.id == parent.id).values(child_count=Post.child_count + 1))
    gate.settle(verdict, post.subject)
    _announce(post, users)
    return post


def _place(post: Post, to: Post | None) -> Post | None:
    """Set depth, parent, root and sort path of a new reply; returns its structural parent."""
    segment = f"{post.number:08d}"
    if to is None or to.depth == 0:
        post.depth, post.sort_path = 1, segment
        return None
    parent = to if to.depth < MAX_DEPTH else db.session.get(Post, to.parent_id)
    post.depth = parent.depth + 1
    post.parent_id, post.reply_to_id, post.root_id = parent.id, to.id, parent.root_id
    post.sort_path = f"{parent.sort_path}.{segment}"
    return parent


@use_case
def edit_post(editor: User, post: Post, body_md: str, *, stance: Stance | None | str = "keep") -> PostRevision:
    """Replace a post's text, keeping the old text as a revision; a stance may change too.

    Raises NotAllowed, TooManyMentions, gate.Refused (app.trust), or ValueError (a stance outside a subject's
    discussion).
    Sends post_edited, and user_mentioned for newly mentioned users after the commit; when the author edits their
    own post while moderation hides it, also app.moderation's hidden_content_edited (it goes back to review).
    """
    if not policy.can_edit(editor, post):
        raise NotAllowed
    if stance not in ("keep", None) and (not post.thread.has_stances or post.is_opening):
        raise ValueError("stances belong to replies in discussions about a subject")
    verdict = gate.screen(editor, "edit", {"body": body_md}, category=post.thread.category,
                          edit_of="thread" if post.is_opening else "reply")
    body_md = verdict.texts["body"]
    users = mentioned_users(body_md)
    already = set(db.session.execute(select(PostMention.user_id).where(PostMention.post_id == post.id)).scalars())
    revision = PostRevision(post_id=post.id, number=post.revision_count + 1, body_md=post.body_md, editor=editor)
    db.session.add(revision)
    post.body_md, post.edited_at, post.revision_count = clean_body(body_md), utcnow(), post.revision_count + 1
    cook_post(post, users)
    if stance != "keep":
        _change_stance(post, stance)
    db.session.execute(delete(PostMention).where(PostMention.post_id == post.id))
    _record_mentions(post, users)
    gate.settle(verdict, post.subject)
    if editor.id != post.author_id:  # a moderator's edit of someone else's post
        audit.record(editor, "post.edit", obj=post, before={"body": revision.body_md}, after={"body": post.body_md})
    send_after_commit(signals.post_edited, post, revision=revision, editor=editor)
    if post.subject.is_hidden and editor.id == post.author_id:
        send_after_commit(hidden_content_edited, post.subject, editor=editor)
    _announce(post, [user for user in users if user.id not in already], created=False)
    return revision


@use_case
def delete_post(actor: User, post: Post) -> None:
    """Delete a reply softly: it leaves a placeholder while it has replies. Moves the counters back.

    Raises NotAllowed. Sends post_deleted after the commit.
    """
    if not policy.can_delete(actor, post):
        raise NotAllowed
    post.deleted_at, post.deleted_by_id = utcnow(), actor.id
    if actor.id != post.author_id:  # a moderator's deletion of someone else's post
        audit.record(actor, "post.delete", obj=post, before={"body": post.body_md})
    if not post.subject.is_hidden:  # a hidden reply left the counters when it was hidden (forums.moderation)
        _move_counters(post.thread, post, -1)
    if post.parent_id is not None:  # child_count counts live replies: the flat view keeps placeholders by it
        db.session.execute(update(Post).where(Post.id == post.parent_id).values(child_count=Post.child_count - 1))
    send_after_commit(signals.post_deleted, post, actor=actor)


@use_case
def set_locked(actor: User, thread: Thread, locked: bool) -> None:
    """Lock or unlock a thread. Raises NotAllowed. Sends thread_state_changed after the commit."""
    if not policy.can_lock(actor, thread):
        raise NotAllowed
    if thread.locked != locked:
        audit.record(actor, "thread.lock" if locked else "thread.unlock", obj=thread,
                     before={"locked": thread.locked}, after={"locked": locked})
    thread.locked = locked
    send_after_commit(signals.thread_state_changed, thread, actor=actor, change="locked" if locked else "unlocked")


@use_case
def set_pinned(actor: User, thread: Thread, pinned: bool) -> None:
    """Pin a thread to the top of its category, or unpin it. Raises NotAllowed. Sends thread_state_changed after the commit."""
    if not policy.can_pin(actor, thread):
        raise NotAllowed
    if thread.pinned != pinned:
        audit.record(actor, "thread.pin" if pinned else "thread.unpin", obj=thread,
                     before={"pinned": thread.pinned}, after={"pinned": pinned})
    thread.pinned = pinned
    send_after_commit(signals.thread_state_changed, thread, actor=actor, change="pinned" if pinned else "unpinned")


def _change_stance(post: Post, stance: Stance | None) -> None:
    old = post.stance
    new = stance.value if stance else None
    if old == new:
        return
    values = {}
    if old:
        values[f"{old}_count"] = getattr(Thread, f"{old}_count") - 1
    if new:
        values[f"{new}_count"] = getattr(Thread, f"{new}_count") + 1
    post.stance = new
    db.session.execute(update(Thread).where(Thread.id == post.thread_id).values(**values))


def count_reply(post: Post, step: int) -> None:
    """Move the reply, stance and category counters of `post`'s thread by `step` (+1 or -1), as a new or deleted
    reply does: moderation takes a hidden reply out of them and puts it back when it is shown again. A step of a
    use case: flushes nothing itself, sends nothing."""
    _move_counters(post.thread, post, step)


def _move_counters(thread: Thread, post: Post, step: int, *, now=None, poster: User | None = None) -> None:
    """Reply, stance and category counters by `step`; a new post also moves the last activity. A thread hidden by
    moderation is out of its category's counters (forums.moderation), so they stay as they are."""
    values = {"reply_count": Thread.reply_count + step}
    if post.stance:
        values[f"{post.stance}_count"] = getattr(Thread, f"{post.stance}_count") + step
    if now is not None:
        values.update(last_posted_at=now, last_poster_id=poster.id if poster else None)
    db.session.execute(update(Thread).where(Thread.id == thread.id).values(**values))
    if thread.category_id is not None and not thread.subject.is_hidden:
        category_values = {"post_count": ForumCategory.post_count + step}
        if now is not None:
            category_values["last_posted_at"] = now
        db.session.execute(update(ForumCategory).where(ForumCategory.id == thread.category_id)
                           .values(**category_values))


def _record_mentions(post: Post, users: list[User]) -> None:
    db.session.add_all(PostMention(post_id=post.id, user_id=user.id) for user in users)


def _announce(post: Post, users: list[User], *, created: bool = True) -> None:
    if created:
        send_after_commit(signals.post_created, post)
    others = [user.id for user in users if user.id != post.author_id]
    if others:
        send_after_commit(signals.user_mentioned, post, user_ids=others)
