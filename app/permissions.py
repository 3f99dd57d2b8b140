"""Refusing an action: one NotAllowed for every package, and the one test of being signed in that policies share.

`may_contribute` is `signed_in_member` for every write of content (ideas, threads, replies, edits, supports, likes,
reports, help offers, ratings): a silenced member (app/moderation/sanctions.py) may sign in and read, not write.
Following, notification and account settings only need `signed_in_member`.

Policies stay pure functions in each package; services raise NotAllowed (or a package's subclass of it) when a
policy says no, and views let it propagate: app.errors answers with the translated 403 page, or sends an
anonymous visitor to log in first.
"""
from __future__ import annotations


class NotAllowed(PermissionError):
    """Raised when a policy refuses an action; `message` (translated) replaces the 403 page's general text."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message)
        self.message = message


def signed_in_member(user) -> bool:
    """Whether `user` is signed in as an active member whose e-mail address is confirmed: who may take part."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_confirmed)


def may_contribute(user) -> bool:
    """Whether `user` may write content: a signed-in member who is not silenced right now."""
    return signed_in_member(user) and not user.is_silenced


def is_silenced_member(user) -> bool:
    """Whether `user` is a signed-in member who may not write because they are silenced right now."""
    return signed_in_member(user) and user.is_silenced
