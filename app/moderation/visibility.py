"""Hidden means hidden everywhere: the one rule, as SQL for lists and as a test for single pages.

A Subject is hidden while `Subject.hidden_reason` is set. Lists, feeds, counts, notifications and e-mails leave
hidden Subjects out for everyone (moderators find them through the review queue and the log); the page of a hidden
Subject shows it to its author (with the reason and the way to appeal) and to moderators, and is a 404 for
everyone else (a hidden reply leaves a placeholder in its thread instead, so the replies to it stay readable).
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, exists
from sqlalchemy.orm import aliased

from app.models import Subject
from app.moderation.policy import is_moderator


def not_hidden(subject_id_column) -> ColumnElement[bool]:
    """A WHERE clause: the row's Subject (`Model.subject_id`) is not hidden; a row without a Subject counts as
    shown. Uses the index on hidden_reason."""
    hidden = aliased(Subject)
    return ~exists().where(hidden.id == subject_id_column, hidden.hidden_reason.is_not(None))


def may_see_hidden(viewer, author_id: int | None) -> bool:
    """Whether `viewer` may see a hidden Subject written by `author_id`: its author and moderators."""
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return False
    return (author_id is not None and viewer.id == author_id) or is_moderator(viewer)


def hidden_from(viewer, subject: Subject | None, author_id: int | None) -> bool:
    """Whether the Subject is hidden and `viewer` may not see it (the page answers 404, a thread a placeholder)."""
    return subject is not None and subject.is_hidden and not may_see_hidden(viewer, author_id)
