"""Idea models: status labels and final states, and the rules the database itself keeps on both engines."""
from __future__ import annotations

import pytest
from factories import make_idea, make_idea_category
from flask_babel import force_locale
from flask_babel.speaklater import LazyString
from helpers import translated
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ideas.models import FINAL, STATUS_LABELS, Idea, IdeaCategory, Status

MSGIDS = {
    Status.DRAFT: "Draft",
    Status.NEW: "New",
    Status.UNDER_REVIEW: "Under review",
    Status.ACCEPTED: "Accepted",
    Status.DECLINED: "Declined",
    Status.DUPLICATE: "Duplicate",
    Status.IN_DEVELOPMENT: "In development",
    Status.IMPLEMENTED: "Implemented",
    Status.WITHDRAWN: "Withdrawn",
}


def test_every_status_has_a_lazily_translated_label():
    assert set(STATUS_LABELS) == set(Status) == set(MSGIDS)
    assert all(isinstance(label, LazyString) for label in STATUS_LABELS.values())


@pytest.mark.parametrize("locale", ["en", "de"])
def test_status_labels_render_in_the_current_language(app, locale):
    with app.test_request_context(), force_locale(locale):
        labels = {status: status.label for status in Status}

    assert labels == {status: translated(app, locale, msgid) for status, msgid in MSGIDS.items()}
    assert all(isinstance(label, str) and label.strip() for label in labels.values())
    assert len(set(labels.values())) == len(Status)


def test_declined_duplicate_implemented_and_withdrawn_are_the_final_states():
    assert FINAL == {Status.DECLINED, Status.DUPLICATE, Status.IMPLEMENTED, Status.WITHDRAWN}
    assert [status for status in Status if status.is_final] == [
        Status.DECLINED, Status.DUPLICATE, Status.IMPLEMENTED, Status.WITHDRAWN]


def set_column(idea: Idea, **values) -> None:
    """Write straight to the table, past the services, so only the database can object."""
    from app.extensions import db

    db.session.execute(update(Idea).where(Idea.id == idea.id).values(**values)
                       .execution_options(synchronize_session=False))
    db.session.commit()


def stored(db, idea: Idea, column: str):
    db.session.expire_all()
    return db.session.execute(select(getattr(Idea, column)).where(Idea.id == idea.id)).scalar_one()


def test_the_database_accepts_every_known_status(db):
    idea = make_idea()

    for status in Status:
        set_column(idea, status=status.value)
        assert stored(db, idea, "status") == status.value


@pytest.mark.parametrize("value", ["emperor", "NEW", ""])
def test_the_database_refuses_an_unknown_status(db, value):
    idea = make_idea()

    with pytest.raises(IntegrityError):
        set_column(idea, status=value)
    db.session.rollback()

    assert stored(db, idea, "status") == Status.NEW.value


def test_support_count_cannot_go_negative(db):
    idea = make_idea()

    with pytest.raises(IntegrityError):
        set_column(idea, support_count=-1)
    db.session.rollback()

    assert stored(db, idea, "support_count") == 0
    set_column(idea, support_count=0)  # zero itself is fine


@pytest.mark.parametrize("column", ["support_threshold", "answer_days"])
def test_a_category_promises_at_least_one_support_and_one_day(db, column):
    category = make_idea_category()

    with pytest.raises(IntegrityError):
        db.session.execute(update(IdeaCategory).where(IdeaCategory.id == category.id).values({column: 0})
                           .execution_options(synchronize_session=False))
        db.session.commit()
    db.session.rollback()

    db.session.expire_all()
    assert getattr(db.session.get(IdeaCategory, category.id), column) >= 1
