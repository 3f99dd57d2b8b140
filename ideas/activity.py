"""What idea authors and solution teams write, for the trust sandbox and write limits (`app.trust.activity`):
ideas (drafts left out), solutions, and progress updates (which have no Subject of their own)."""
from __future__ import annotations

from sqlalchemy import Integer, Select, literal, select

from app.trust import activity
from ideas.models import Idea, Status
from ideas.solutions.models import ProgressUpdate, Solution


def ideas() -> Select:
    return select(Idea.author_id.label("author_id"), Idea.created_at.label("created_at"),
                  Idea.subject_id.label("subject_id")).where(Idea.status != Status.DRAFT.value)


def solutions() -> Select:
    return select(Solution.owner_id.label("author_id"), Solution.created_at.label("created_at"),
                  Solution.subject_id.label("subject_id"))


def updates() -> Select:
    return select(ProgressUpdate.author_id.label("author_id"), ProgressUpdate.created_at.label("created_at"),
                  literal(None, Integer).label("subject_id"))


def register() -> None:
    activity.register("idea", ideas)
    activity.register("solution", solutions)
    activity.register("update", updates)
