"""What the author and the moderators see on a hidden page: the reason, that only they see it, whether the author
may edit it, and the statement of reasons of the latest decision that hid it (one query, only on hidden pages)."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.models import Subject
from app.moderation.hiding import HELD
from app.moderation.models import Action, Decision, Reason
from app.moderation.visibility import may_see_hidden

HELD_LABEL = _l("Waiting for review")


@dataclass(frozen=True)
class HiddenBanner:
    """The banner over a hidden page: `reason` (a label in the reader's language), whether the reader is the
    author, whether hiding was automatic, and the path of the statement of reasons (None while there is none)."""

    reason: str
    by_author: bool
    automatically: bool
    statement_path: str | None
    held: bool = False  # held for review before anyone else saw it (app.trust): "Waiting for review"


def reason_label(value: str | None) -> str:
    """The reason category of a hidden Subject in the reader's language ("Spam", "Waiting for review")."""
    if value == HELD:
        return str(HELD_LABEL)
    try:
        return Reason(value).label
    except ValueError:
        return Reason.OTHER.label


def latest_hide_decision_id(subject_id: int) -> int | None:
    """The id of the newest decision that hid the Subject and was not reversed (one query)."""
    return db.session.execute(
        select(Decision.id).where(Decision.subject_id == subject_id, Decision.action == Action.HIDE,
                                  Decision.reversed_at.is_(None))
        .order_by(Decision.created_at.desc(), Decision.id.desc()).limit(1)).scalar_one_or_none()


def hide_decisions(subject_ids: list[int]) -> dict[int, int]:
    """subject id -> the newest unreversed decision that hid it, for many Subjects at once (one query; none for
    an empty list): a thread page links the statement of every hidden post it shows its author."""
    if not subject_ids:
        return {}
    rows = db.session.execute(
        select(Decision.subject_id, Decision.id).where(Decision.subject_id.in_(subject_ids),
                                                       Decision.action == Action.HIDE, Decision.reversed_at.is_(None))
        .order_by(Decision.created_at, Decision.id)).all()
    return {subject_id: decision_id for subject_id, decision_id in rows}  # the newest wins


def statement_path(decision_id: int | None) -> str | None:
    """The path of a decision's statement of reasons (the page app.moderation shows), or None."""
    return f"/moderation/decisions/{decision_id}" if decision_id is not None else None


def hidden_banner(viewer, subject: Subject | None, author_id: int | None) -> HiddenBanner | None:
    """The banner for `viewer` on the page of `subject`: None unless it is hidden and the viewer may see it."""
    if subject is None or not subject.is_hidden or not may_see_hidden(viewer, author_id):
        return None
    decision_id = latest_hide_decision_id(subject.id)
    return HiddenBanner(
        reason=reason_label(subject.hidden_reason),
        by_author=author_id is not None and viewer.id == author_id,
        automatically=bool(subject.hidden_automatically),
        statement_path=statement_path(decision_id),
        held=subject.hidden_reason == HELD)
