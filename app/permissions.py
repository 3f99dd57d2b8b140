"""Refusing an action: one NotAllowed for every package, and the one test of being signed in that policies share.

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
