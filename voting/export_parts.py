"""What a data export holds of votes (app.exports.parts): every support of an idea and like of a post, with
whether moderation set it aside."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.exports import parts
from app.extensions import db
from app.models import Subject
from voting.models import Vote

COLUMNS = ("kind", "subject_id", "created_at", "set_aside_at", "set_aside_reason")


def _votes(user_id: int) -> list[parts.Row]:
    query = (select(Subject.kind, Vote.subject_id, Vote.created_at, Vote.set_aside_at, Vote.set_aside_reason)
             .join(Subject, Subject.id == Vote.subject_id).where(Vote.voter_id == user_id).order_by(Vote.id))
    return [dict(zip(COLUMNS, map(parts.plain, row))) for row in db.session.execute(query).all()]


def register() -> None:
    """Add the votes to every export."""
    parts.register(parts.Part(
        "supports_and_likes", _l("Your supports of ideas and likes of posts (kind \"idea\" or \"post\" and its "
                                 "subject number), when, and whether moderation set one aside and why."),
        COLUMNS, _votes, (("vote", "voter_id"),)))
