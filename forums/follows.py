"""Who follows a thread without pressing the button: its author, and everyone who replies in it."""
from __future__ import annotations

from app.notifications import services as follows
from forums import signals


def _author_follows_thread(thread, **_) -> None:
    if thread.author is not None:
        follows.auto_follow(thread.author, thread, "create")


def _replier_follows_thread(post, **_) -> None:
    if post.author is not None and not post.is_opening:
        follows.auto_follow(post.author, post.thread, "reply")


def connect() -> None:
    """Subscribe to the forum signals (idempotent: blinker keeps one connection per receiver)."""
    signals.thread_created.connect(_author_follows_thread)
    signals.post_created.connect(_replier_follows_thread)
