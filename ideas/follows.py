"""Who follows an idea without pressing the button: its author, its supporters, and who discusses it."""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.notifications import services as follows
from forums import signals as forum_signals
from ideas import signals
from ideas.models import Idea


def _author_follows(idea: Idea, **_) -> None:
    if idea.author is not None:
        follows.auto_follow(idea.author, idea, "create")


def _supporter_follows(idea: Idea, *, supporter, **_) -> None:
    follows.auto_follow(supporter, idea, "support")


def _replier_follows_idea(post, **_) -> None:
    """A reply in an idea's discussion follows the idea too (its status changes and answer)."""
    about = post.thread.about_subject_id
    if about is None or post.author is None:
        return
    idea = db.session.execute(select(Idea).where(Idea.subject_id == about)).scalar_one_or_none()
    if idea is not None:
        follows.auto_follow(post.author, idea, "reply")


def connect() -> None:
    """Subscribe to the idea and forum signals (idempotent: blinker keeps one connection per receiver)."""
    signals.idea_published.connect(_author_follows)
    signals.idea_supported.connect(_supporter_follows)
    forum_signals.post_created.connect(_replier_follows_idea)
