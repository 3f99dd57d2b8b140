"""Appeals: who may appeal what and until when, a second moderator decides, and reversing undoes the decision."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import utcnow
from app.moderation import appeals, decisions, hiding, profiles, reversal, sanctions
from app.moderation.models import (Action, AppealStatus, AuditEntry, Notice, NoticeStatus, Reason, Report,
                                   ReportStatus, SanctionKind, Source)
from app.moderation.signals import appeal_decided, appeal_filed
from app.permissions import NotAllowed
from app.users.models import Role
from factories import make_user


@pytest.fixture
def people(db):
    return {"author": make_user("max", display_name="Max"), "reporter": make_user("rita"),
            "first": make_user("mia", roles=(Role.MODERATOR,)), "second": make_user("moritz", roles=(Role.MODERATOR,)),
            "other": make_user("olga")}


def hidden_profile(people) -> tuple:
    """Max's profile, hidden by Mia for spam, with its statement of reasons."""
    author, moderator = people["author"], people["first"]
    subject = profiles.subject_of(author)
    decision = decisions.record(moderator, Action.HIDE, source=Source.REPORT, subject=subject, affected_id=author.id,
                                reason=Reason.SPAM, facts="Links to a shop in the bio.", rule_number=2,
                                content_before=profiles.content(author))
    hiding.hide(subject, Reason.SPAM)
    db.session.commit()
    return subject, decision


def test_the_affected_person_appeals_and_a_second_moderator_reverses_it(people):
    subject, decision = hidden_profile(people)
    heard: list[str] = []
    appeal_filed.connect(lambda appeal: heard.append("filed"), weak=False)
    appeal_decided.connect(lambda appeal: heard.append(appeal.status.value), weak=False)
    try:
        appeal = appeals.file_appeal(people["author"], decision, "  The link is to my own repair café.  ")
        assert heard == ["filed"] and appeal.text == "The link is to my own repair café."
        with pytest.raises(NotAllowed):  # not the moderator who decided
            appeals.decide_appeal(people["first"], appeal, reverse=True, response="Fine.")
        db.session.rollback()
        appeals.decide_appeal(people["second"], appeal, reverse=True, response="A neighbourhood project, not spam.")
    finally:
        appeal_filed.receivers.clear()
        appeal_decided.receivers.clear()
    assert heard == ["filed", "reversed"]
    assert subject.hidden_reason is None and decision.reversed_at is not None
    assert (appeal.status, appeal.handler_id) == (AppealStatus.REVERSED, people["second"].id)
    actions = db.session.execute(select(AuditEntry.action).order_by(AuditEntry.id)).scalars().all()
    assert actions == ["decision.hide", "appeal.reversed"]


def test_an_upheld_appeal_changes_nothing_but_its_own_state(people):
    subject, decision = hidden_profile(people)
    appeal = appeals.file_appeal(people["author"], decision, "Please look again.")
    appeals.decide_appeal(people["second"], appeal, reverse=False, response="The bio advertises a shop.")
    assert appeal.status is AppealStatus.UPHELD and subject.hidden_reason == "spam" and decision.reversed_at is None


def test_only_the_affected_person_appeals_once_within_six_months_with_a_text(people):
    _, decision = hidden_profile(people)
    for outsider in (people["other"], people["reporter"], people["second"]):
        with pytest.raises(NotAllowed):
            appeals.file_appeal(outsider, decision, "Unfair.")
    with pytest.raises(ValueError):
        appeals.file_appeal(people["author"], decision, "   ")
    appeals.file_appeal(people["author"], decision, "Unfair.")
    with pytest.raises(appeals.AppealOpen):
        appeals.file_appeal(people["author"], decision, "Unfair, again.")
    db.session.rollback()
    decision.created_at = utcnow() - timedelta(days=184)
    db.session.commit()
    assert not appeals.may_appeal(people["author"], decision)


def test_reversing_a_redaction_restores_the_text(people):
    author = people["author"]
    author.bio_md = "Call 0176 1234567 for cheap pills"
    subject = profiles.subject_of(author)
    before = profiles.content(author)
    profiles.redact(author, people["first"], {"bio": "[removed]"})
    decision = decisions.record(people["first"], Action.REDACT, source=Source.OWN_INITIATIVE, subject=subject,
                                affected_id=author.id, reason=Reason.SPAM, facts="A phone number for pills.",
                                legal_ground="§ 7 UWG", content_before=before, content_after=profiles.content(author))
    db.session.commit()
    appeal = appeals.file_appeal(author, decision, "It was my number for the repair café.")
    appeals.decide_appeal(people["second"], appeal, reverse=True, response="Restored.")
    assert author.bio_md == "Call 0176 1234567 for cheap pills"


def test_reversing_a_suspension_lifts_it(people):
    author, moderator = people["author"], people["first"]
    decision = decisions.record(moderator, Action.SUSPEND, source=Source.OWN_INITIATIVE, affected_id=author.id,
                                reason=Reason.INSULTING, facts="Insulted three members.", rule_number=1,
                                ends_at=utcnow() + timedelta(days=7))
    sanctions.impose(moderator, author, SanctionKind.SUSPEND, ends_at=decision.ends_at, reason=decision.facts,
                     decision_id=decision.id)
    db.session.commit()
    assert author.is_suspended
    appeal = appeals.file_appeal(author, decision, "Someone used my account.")
    appeals.decide_appeal(people["second"], appeal, reverse=True, response="We believe you.")
    assert not author.is_suspended and author.is_active


def test_a_rejected_reporter_contests_a_keep_and_the_reversal_hides_with_a_statement(people):
    author, reporter = people["author"], people["reporter"]
    subject = profiles.subject_of(author)
    decision = decisions.record(people["first"], Action.KEEP, source=Source.REPORT, subject=subject,
                                reason=Reason.INSULTING)
    db.session.add(Report(subject_id=subject.id, reporter_id=reporter.id, reason=Reason.INSULTING,
                          status=ReportStatus.REJECTED, decision_id=decision.id))
    db.session.commit()
    with pytest.raises(NotAllowed):  # the author was not restricted: nothing for them to appeal
        appeals.file_appeal(author, decision, "Keep it.")
    appeal = appeals.file_appeal(reporter, decision, "The bio insults a named neighbour.")
    with pytest.raises(decisions.StatementIncomplete):
        appeals.decide_appeal(people["second"], appeal, reverse=True, response="You are right.")
    db.session.rollback()
    appeals.decide_appeal(people["second"], appeal, reverse=True, response="You are right.",
                          facts="The bio calls a named neighbour a criminal.", rule_number=1)
    assert subject.hidden_reason == "insulting" and decision.reversed_at is not None
    hide = db.session.execute(select(AuditEntry.action).where(AuditEntry.action == "decision.hide")).scalar_one()
    assert hide == "decision.hide"


def test_a_notifier_contests_a_rejected_notice_without_an_account(people):
    subject = profiles.subject_of(people["author"])
    decision = decisions.record(people["first"], Action.KEEP, source=Source.NOTICE, subject=subject,
                                reason=Reason.ILLEGAL)
    notice = Notice(subject_id=subject.id, location="/u/max", explanation="Defames me by name.", name="Nina",
                    email="nina@example.org", good_faith=True, token="t" * 40, status=NoticeStatus.REJECTED,
                    decision_id=decision.id)
    db.session.add(notice)
    db.session.commit()
    appeal = appeals.file_notice_appeal(notice, "It names me and my street.")
    assert (appeal.notice_id, appeal.appellant_id, appeal.status) == (notice.id, None, AppealStatus.OPEN)
    with pytest.raises(appeals.AppealOpen):
        appeals.file_notice_appeal(notice, "Again.")


def test_a_deletion_its_kind_cannot_restore_is_not_reversed(people):
    subject = profiles.subject_of(people["author"])
    decision = decisions.record(people["first"], Action.DELETE, source=Source.REPORT, subject=subject,
                                affected_id=people["author"].id, reason=Reason.SPAM, facts="Spam.", rule_number=2)
    db.session.commit()
    appeal = appeals.file_appeal(people["author"], decision, "Bring it back.")
    with pytest.raises(reversal.CannotRestore):
        appeals.decide_appeal(people["second"], appeal, reverse=True, response="Restored.")
    db.session.rollback()
    assert appeal.status is AppealStatus.OPEN and decision.reversed_at is None
