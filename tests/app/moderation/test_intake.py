"""The queue's intake: one pending item per Subject, its priority score, and automatic hiding by established
members' reports."""
from __future__ import annotations

from datetime import timedelta

from moderation_members import member
from sqlalchemy import select

from app.models import utcnow
from app.moderation import intake, profiles, reports
from app.moderation.models import (
    Action, Decision, ItemStatus, Reason, Report, ReportStatus, ReviewItem, Source,
)
from app.moderation.signals import hidden_content_edited


def profile(db, name: str, **fields):
    author = member(name, **fields)
    subject = profiles.subject_of(author)
    db.session.commit()
    return author, subject


def queue(db) -> list[int]:
    """Subject ids of the pending items, first first."""
    return db.session.execute(select(ReviewItem.subject_id).where(ReviewItem.status == ItemStatus.PENDING.value)
                              .order_by(ReviewItem.score.desc())).scalars().all()


def test_reports_on_one_subject_share_one_item_with_counts_and_the_most_frequent_reason(db):
    _, subject = profile(db, "ann")
    for name, reason in (("r1", Reason.INSULTING), ("r2", Reason.SPAM), ("r3", Reason.INSULTING)):
        reports.report(member(name, days=1), subject, reason)
    item = db.session.execute(select(ReviewItem)).scalar_one()
    assert (item.report_count, item.notice_count, item.top_reason) == (3, 0, Reason.INSULTING)


def test_more_reports_rank_higher(db):
    _, one = profile(db, "ann")
    _, two = profile(db, "bea")
    reports.report(member("r1"), one, Reason.SPAM)
    reports.report(member("r2"), two, Reason.SPAM)
    reports.report(member("r3"), two, Reason.SPAM)
    assert queue(db) == [two.id, one.id]


def test_older_items_rank_higher_at_the_same_weight(db, monkeypatch):
    _, old = profile(db, "ann")
    _, new = profile(db, "bea")
    monkeypatch.setattr(intake, "utcnow", lambda: utcnow() - timedelta(days=2))
    reports.report(member("r1"), old, Reason.SPAM)
    monkeypatch.undo()
    reports.report(member("r2"), new, Reason.SPAM)
    assert queue(db) == [old.id, new.id]


def test_the_stored_score_orders_as_weight_plus_waiting_time_at_any_moment():
    now = utcnow()
    items = [(1.0, now - timedelta(hours=30)), (2.0, now), (1.5, now - timedelta(hours=5)), (3.0, now)]
    for later in (timedelta(0), timedelta(days=3), timedelta(days=400)):
        moment = now + later
        by_score = sorted(items, key=lambda item: -intake.score(*item))
        by_waiting = sorted(items, key=lambda item: -(item[0] + intake.AGE_RATE *
                                                      (moment - item[1]).total_seconds() / 3600))
        assert by_score == by_waiting


def past_reports(db, reporter, status: ReportStatus, count: int) -> None:
    for number in range(count):
        _, subject = profile(db, f"{reporter.username}-{status.value}{number}")
        db.session.add(Report(subject_id=subject.id, reporter_id=reporter.id, reason=Reason.SPAM, status=status))
    db.session.commit()


def test_reports_by_members_whose_reports_were_upheld_rank_higher(db):
    accurate, careless = member("accurate"), member("careless")
    past_reports(db, accurate, ReportStatus.UPHELD, 3)
    past_reports(db, careless, ReportStatus.REJECTED, 3)
    past_reports(db, careless, ReportStatus.IGNORED, 2)  # neither for nor against
    _, first = profile(db, "ann")
    _, second = profile(db, "bea")
    reports.report(careless, first, Reason.SPAM)
    reports.report(accurate, second, Reason.SPAM)
    assert intake.accuracy([accurate.id, careless.id]) == {accurate.id: 0.8, careless.id: 0.2}
    assert queue(db)[:2] == [second.id, first.id]


def test_a_newcomer_counts_half_accurate(db):
    newcomer = member("newcomer")
    assert intake.accuracy([newcomer.id]) == {newcomer.id: 0.5}


def test_three_established_members_hide_it_at_once_and_not_before(db):
    author, subject = profile(db, "ann", bio_md="Buy now")
    reports.report(member("r1"), subject, Reason.SPAM)
    reports.report(member("r2"), subject, Reason.INSULTING)
    assert not subject.is_hidden
    reports.report(member("r3"), subject, Reason.SPAM)
    db.session.refresh(subject)
    assert (subject.hidden_reason, subject.hidden_automatically) == ("spam", True)
    decision = db.session.execute(select(Decision)).scalar_one()
    assert (decision.action, decision.source, decision.automated, decision.moderator_id) == (
        Action.HIDE, Source.AUTOMATIC, True, None)
    assert (decision.affected_id, decision.reason, decision.subject_id) == (author.id, Reason.SPAM, subject.id)
    assert decision.content_before == {"name": "Ann", "bio": "Buy now"}
    assert db.session.execute(select(ReviewItem.status)).scalar_one() == ItemStatus.PENDING


def test_fresh_accounts_do_not_hide_anything(db):
    _, subject = profile(db, "ann")
    reports.report(member("r1"), subject, Reason.SPAM)
    reports.report(member("r2"), subject, Reason.SPAM)
    for number in range(3):
        reports.report(member(f"fresh{number}", days=1), subject, Reason.SPAM)
    db.session.refresh(subject)
    assert not subject.is_hidden
    assert db.session.execute(select(Decision)).first() is None


def test_the_threshold_is_a_setting(app, db):
    app.config["MODERATION_AUTO_HIDE_REPORTS"] = 1
    _, subject = profile(db, "ann")
    reports.report(member("r1"), subject, Reason.OFF_TOPIC)
    db.session.refresh(subject)
    assert subject.hidden_reason == "off_topic"


def test_editing_hidden_content_sends_it_back_to_the_queue_marked_as_edited(app, db):
    app.config["MODERATION_AUTO_HIDE_REPORTS"] = 1
    _, subject = profile(db, "ann")
    reports.report(member("r1"), subject, Reason.SPAM)
    item = db.session.execute(select(ReviewItem)).scalar_one()
    item.status, item.resolved_at = ItemStatus.RESOLVED, utcnow()  # a moderator decided (another part's work)
    db.session.execute(Report.__table__.update().values(status="upheld"))
    db.session.commit()

    hidden_content_edited.send(subject, editor=None)

    items = db.session.execute(select(ReviewItem).order_by(ReviewItem.id)).scalars().all()
    assert [i.status for i in items] == [ItemStatus.RESOLVED, ItemStatus.PENDING]
    assert items[1].edited_at is not None and items[1].report_count == 0 and items[1].author_id is not None


def test_editing_content_that_is_not_hidden_changes_nothing(db):
    _, subject = profile(db, "ann")
    hidden_content_edited.send(subject, editor=None)
    assert db.session.execute(select(ReviewItem)).first() is None
