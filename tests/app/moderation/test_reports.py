"""Reports: who may report what, one open report per person and Subject, the content kept as reported."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.models import Subject, utcnow
from app.moderation import profiles, reports
from app.moderation.models import Reason, Report, ReviewItem
from app.permissions import NotAllowed
from factories import make_user

from moderation_members import member


def count(model) -> int:
    from app.extensions import db

    return db.session.execute(select(func.count()).select_from(model)).scalar_one()


def test_a_report_keeps_the_content_as_it_was_and_opens_a_review_item(db):
    author, reporter = member("ann", display_name="Ann", bio_md="Cheap watches!"), member("ben")
    subject = profiles.subject_of(author)
    db.session.commit()
    filed = reports.report(reporter, subject, Reason.SPAM, "  Selling watches.  ")
    author.bio_md = "Changed since"
    db.session.commit()
    assert (filed.reason, filed.note, filed.already_open) == (Reason.SPAM, "Selling watches.", False)
    assert filed.snapshot == {"name": "Ann", "bio": "Cheap watches!"}
    item = db.session.execute(select(ReviewItem)).scalar_one()
    assert (item.kind, item.author_id, item.report_count, item.top_reason) == ("user", author.id, 1, Reason.SPAM)


def test_nobody_reports_their_own_content(db):
    author = member("ann")
    subject = profiles.subject_of(author)
    db.session.commit()
    with pytest.raises(NotAllowed):
        reports.report(author, subject, Reason.SPAM)
    assert count(Report) == 0 and count(ReviewItem) == 0


def test_a_silenced_member_cannot_report(db):
    author, silenced = member("ann"), member("ben", silenced_until=utcnow() + timedelta(days=2))
    subject = profiles.subject_of(author)
    db.session.commit()
    with pytest.raises(NotAllowed):
        reports.report(silenced, subject, Reason.INSULTING)
    assert count(Report) == 0


def test_an_unconfirmed_account_cannot_report(db):
    author, fresh = member("ann"), make_user("ben", confirmed=False)
    subject = profiles.subject_of(author)
    db.session.commit()
    with pytest.raises(NotAllowed):
        reports.report(fresh, subject, Reason.SPAM)


def test_a_second_report_by_the_same_person_returns_the_first(db):
    author, reporter = member("ann"), member("ben")
    subject = profiles.subject_of(author)
    db.session.commit()
    first = reports.report(reporter, subject, Reason.SPAM)
    second = reports.report(reporter, subject, Reason.INSULTING, "again")
    assert second.id == first.id and second.already_open and second.reason is Reason.SPAM
    assert count(Report) == 1
    assert db.session.execute(select(ReviewItem.report_count)).scalar_one() == 1


def test_a_report_that_loses_the_race_to_the_unique_index_returns_the_winner(db, monkeypatch):
    """What the savepoint is for: the check found nothing, but the same person's report got in first."""
    author, reporter = member("ann"), member("ben")
    subject = profiles.subject_of(author)
    db.session.commit()
    winner = reports.report(reporter, subject, Reason.SPAM)
    real = reports.open_report
    calls = []

    def not_yet(user, subject_id):
        calls.append(subject_id)
        return None if len(calls) == 1 else real(user, subject_id)

    monkeypatch.setattr(reports, "open_report", not_yet)
    again = reports.report(reporter, subject, Reason.OTHER)
    assert again.id == winner.id and again.already_open and len(calls) == 2
    assert count(Report) == 1


def test_kinds_without_moderation_hooks_and_unknown_subjects_cannot_be_reported(db):
    reporter = member("ben")
    plain = Subject(kind="forum_category")
    db.session.add(plain)
    db.session.commit()
    with pytest.raises(reports.NotReportable):
        reports.report(reporter, plain, Reason.SPAM)
    with pytest.raises(reports.NotReportable):
        reports.report(reporter, None, Reason.SPAM)


def test_hidden_content_cannot_be_reported_by_those_it_is_hidden_from(db):
    author, reporter = member("ann"), member("ben")
    subject = profiles.subject_of(author)
    subject.hidden_reason = "spam"
    db.session.commit()
    with pytest.raises(reports.NotReportable):
        reports.report(reporter, subject, Reason.SPAM)


def test_a_profile_gets_its_subject_on_its_first_report(db):
    author, reporter = member("ann"), member("ben")
    assert author.subject_id is None
    filed = reports.report_profile(reporter, author, Reason.INSULTING, "")
    assert author.subject_id == filed.subject_id is not None


def test_reporting_ones_own_profile_writes_nothing(db):
    author = member("ann")
    with pytest.raises(NotAllowed):
        reports.report_profile(author, author, Reason.SPAM)
    db.session.rollback()
    assert author.subject_id is None and count(Subject) == 0
