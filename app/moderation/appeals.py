"""Appeals (DSA Art. 20): the person a restriction affected, a member whose report was rejected, or a notifier whose
notice was rejected contests the decision within six months; a moderator other than the one who decided upholds or
reverses it. Reversing undoes the decision (app/moderation/reversal.py). Both sides are told through the signals
`appeal_filed` and `appeal_decided` (sent after the commit)."""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import utcnow
from app.moderation import audit, reversal
from app.moderation.models import Action, Appeal, AppealStatus, Decision, Notice, NoticeStatus, Report, ReportStatus
from app.moderation.policy import APPEAL_PERIOD, can_appeal, can_handle_appeal
from app.moderation.signals import appeal_decided, appeal_filed
from app.permissions import NotAllowed
from app.unit_of_work import send_after_commit, use_case


class AppealOpen(ValueError):
    """The appellant already has an open appeal against this decision."""


def rejected_reporter(user, decision: Decision) -> bool:
    """Whether `user` reported what `decision` kept or ignored, and so may contest it."""
    if user is None or decision.action not in (Action.KEEP, Action.IGNORE):
        return False
    return db.session.execute(select(Report.id).where(
        Report.decision_id == decision.id, Report.reporter_id == user.id,
        Report.status.in_((ReportStatus.REJECTED, ReportStatus.IGNORED)))).first() is not None


def may_appeal(user, decision: Decision) -> bool:
    """The affected person of a restriction, or a reporter whose report the decision rejected, within six months."""
    if can_appeal(user, decision):
        return True
    return (rejected_reporter(user, decision) and decision.reversed_at is None
            and utcnow() - decision.created_at <= APPEAL_PERIOD)


def open_appeal(decision: Decision, *, appellant_id: int | None = None, notice_id: int | None = None) -> Appeal | None:
    return db.session.execute(select(Appeal).where(
        Appeal.decision_id == decision.id, Appeal.status == AppealStatus.OPEN,
        Appeal.appellant_id == appellant_id if appellant_id is not None else Appeal.notice_id == notice_id)
    ).scalar_one_or_none()


@use_case
def file_appeal(user, decision: Decision, text: str) -> Appeal:
    """Appeal `decision` with `text`. Raises NotAllowed (not theirs, too late, already reversed), AppealOpen, and
    ValueError for an empty text. Signals `appeal_filed`."""
    if not may_appeal(user, decision):
        raise NotAllowed()
    return _file(decision, text, appellant_id=user.id)


@use_case
def file_notice_appeal(notice: Notice, text: str) -> Appeal:
    """A notifier contests the rejection of their notice (through the link of their receipt, no account needed).
    Raises NotAllowed when the notice was not rejected or six months have passed, AppealOpen, ValueError."""
    decision = db.session.get(Decision, notice.decision_id) if notice.decision_id else None
    if (decision is None or notice.status is not NoticeStatus.REJECTED or decision.reversed_at is not None
            or utcnow() - decision.created_at > APPEAL_PERIOD):
        raise NotAllowed()
    return _file(decision, text, notice_id=notice.id)


def _file(decision: Decision, text: str, *, appellant_id: int | None = None, notice_id: int | None = None) -> Appeal:
    text = text.strip()
    if not text:
        raise ValueError("an appeal needs a text")
    if open_appeal(decision, appellant_id=appellant_id, notice_id=notice_id) is not None:
        raise AppealOpen()
    appeal = Appeal(decision_id=decision.id, appellant_id=appellant_id, notice_id=notice_id, text=text)
    db.session.add(appeal)
    db.session.flush()
    send_after_commit(appeal_filed, appeal)
    return appeal


@use_case
def decide_appeal(handler, appeal: Appeal, *, reverse: bool, response: str, facts: str = "",
                  rule_number: int | None = None, legal_ground: str = "") -> Appeal:
    """Uphold or reverse `appeal`'s decision, with `response` for the appellant. Reversing a restriction restores
    everything it changed; reversing a keep or ignore (a reporter's appeal) hides the content, which needs `facts`
    and a rule or ground like any restriction. Raises NotAllowed (not a moderator, or the one who decided),
    ValueError (already decided, empty response), StatementIncomplete. Signals `appeal_decided`."""
    if not can_handle_appeal(handler, appeal):
        raise NotAllowed()
    if appeal.status is not AppealStatus.OPEN:
        raise ValueError("the appeal was decided already")
    response = response.strip()
    if not response:
        raise ValueError("a decision on an appeal needs a response")
    decision = appeal.decision
    if reverse:
        reversal.reverse(handler, decision, reason=response, facts=facts, rule_number=rule_number,
                         legal_ground=legal_ground)
    appeal.status = AppealStatus.REVERSED if reverse else AppealStatus.UPHELD
    appeal.handler_id, appeal.response, appeal.handled_at = handler.id, response, utcnow()
    db.session.flush()
    audit.record(handler, f"appeal.{appeal.status.value}", obj=appeal, subject_id=decision.subject_id,
                 reason=response)
    send_after_commit(appeal_decided, appeal)
    return appeal
