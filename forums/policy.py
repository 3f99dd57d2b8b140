"""Who may do what in the forums: pure functions of the user and the thing, used by services and templates."""
from __future__ import annotations

from app.moderation.visibility import hidden_from
from app.permissions import may_contribute, signed_in_member
from app.users.models import Role

STAFF = (Role.MODERATOR, Role.ADMIN)


def is_forum_staff(user) -> bool:
    """Moderators and administrators."""
    return signed_in_member(user) and user.has_role(*STAFF)


def can_read(user, thread) -> bool:
    """Threads are public, unless moderation hid them (with their opening post, or with the idea they discuss):
    then only their author and the moderators read them."""
    return not hidden_from(user, thread.subject, thread.author_id)


def can_see_post(user, post) -> bool:
    """Whether `user` may see the text of `post`: a hidden post is a placeholder for all but its author and the
    moderators."""
    return not hidden_from(user, post.subject, post.author_id) and can_read(user, post.thread)


def is_hidden(post) -> bool:
    """Hidden by moderation (for everyone: nobody likes it, and it is in no feed)."""
    return post.subject is not None and post.subject.is_hidden


def can_manage_categories(user) -> bool:
    return signed_in_member(user) and user.has_role(Role.ADMIN)


def can_create_thread(user, category) -> bool:
    """Any confirmed member who is not silenced may open a thread in a category."""
    return may_contribute(user) and category is not None


def can_reply(user, thread) -> bool:
    """Members reply to open threads they can read; moderators and administrators also to locked ones. Not while
    silenced."""
    if not may_contribute(user) or not can_read(user, thread):
        return False
    return not thread.locked or is_forum_staff(user)


def is_author(user, post) -> bool:
    return signed_in_member(user) and post.author_id is not None and post.author_id == user.id


def can_edit(user, post) -> bool:
    """Authors edit their own live posts (not in a locked thread); moderators and administrators any live post.
    Nobody edits while silenced."""
    if post.is_deleted or not may_contribute(user):
        return False
    if is_forum_staff(user):
        return True
    return is_author(user, post) and not post.thread.locked


def can_delete(user, post) -> bool:
    """Authors delete their own posts (not in a locked thread); moderators and administrators any post.

    The opening post stays, so the thread keeps its question.
    """
    if post.is_deleted or post.is_opening:
        return False
    if is_forum_staff(user):
        return True
    return is_author(user, post) and not post.thread.locked


def can_see_history(user, post) -> bool:
    """The author and moderators see earlier versions of an edited post."""
    return is_author(user, post) or is_forum_staff(user)


def can_lock(user, thread) -> bool:
    return is_forum_staff(user)


def can_pin(user, thread) -> bool:
    """Pinning orders a category's list, so it only applies to threads in a category."""
    return is_forum_staff(user) and thread.category_id is not None
