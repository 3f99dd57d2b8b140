"""What ideas give the public transparency page (app/transparency): the supports of ideas staff set aside."""
from __future__ import annotations

from sqlalchemy import Select, select

from app.models import Subject
from voting.models import Vote


def set_aside_supports() -> Select:
    """When each support of an idea was set aside (one `at` column), for `app.transparency.sources`."""
    return (select(Vote.set_aside_at.label("at")).join(Subject, Subject.id == Vote.subject_id)
            .where(Subject.kind == "idea", Vote.set_aside_at.is_not(None)))
