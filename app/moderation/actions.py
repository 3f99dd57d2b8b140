"""Deciding review items and acting on content directly: each function is one use case (one transaction).

Verdicts: agree and hide, disagree and keep, ignore, redact, delete. Agreeing (hide, redact, delete) upholds the
open reports and marks notices acted on; disagreeing rejects them (it counts against the reporters' accuracy)
and shows the Subject again if reports hid it automatically; ignoring closes them without a judgement. The item is
resolved with its decision. Every restriction records its statement of reasons (app.moderation.decisions), and
any decision may add a silence or suspension of the author, recorded as a decision of its own.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update

from app import subjects
from app.extensions import db
from app.models import Subject, utcnow
from app.moderation import decisions, hiding, sanctions
from app.moderation.models import (Action, Decision, ItemStatus, Notice, NoticeStatus, Reason, Report,
                                   ReportStatus, ReviewItem, SanctionKind, Source)
from app.moderation.policy import can_review
from app.permissions import NotAllowed
from app.unit_of_work import use_case
from app.users.models import User


class AlreadyResolved(ValueError):
    """The review item was decided already (by someone else, a moment ago)."""


class NotModeratable(ValueError):
    """The Subject's kind has no moderation hooks, its object is gone, or the kind cannot do this (no delete)."""


@dataclass(frozen=True)
class Statement:
    """What the moderator states: the reason category, the facts, and a house rule or a legal ground."""

    reason: Reason | None = None
    facts: str = ""
    rule_number: int | None = None
    legal_ground: str = ""


@dataclass(frozen=True)
class SanctionOrder:
    """Silence or suspend the author for `days` days along with the decision."""

    kind: SanctionKind
    days: int


_REPORTS_AFTER = {Action.HIDE: ReportStatus.UPHELD, Action.REDACT: ReportStatus.UPHELD,
                  Action.DELETE: ReportStatus.UPHELD, Action.KEEP: ReportStatus.REJECTED,
                  Action.IGNORE: ReportStatus.IGNORED}
_NOTICES_AFTER = {Action.HIDE: NoticeStatus.ACTED, Action.REDACT: NoticeStatus.ACTED,
                  Action.DELETE: NoticeStatus.ACTED, Action.KEEP: NoticeStatus.REJECTED,
                  Action.IGNORE: NoticeStatus.REJECTED}


@use_case
def agree_and_hide(moderator: User, item: ReviewItem, statement: Statement,
                   sanction: SanctionOrder | None = None) -> Decision:
    """Hide the item's Subject (and what goes with it); reports upheld, notices acted on, the item resolved.
    Raises NotAllowed (not a moderator, or a sanction they may not impose), AlreadyResolved, StatementIncomplete;
    signals `decision_made` (and `visibility_changed`) after the commit."""
    return _decide(moderator, item, Action.HIDE, statement, sanction=sanction)


@use_case
def disagree_and_keep(moderator: User, item: ReviewItem, statement: Statement | None = None,
                      sanction: SanctionOrder | None = None) -> Decision:
    """Keep the content: shown again if reports hid it automatically; reports rejected (against the reporters'
    accuracy), notices rejected, the item resolved. Raises NotAllowed, AlreadyResolved."""
    return _decide(moderator, item, Action.KEEP, statement or Statement(), sanction=sanction)


@use_case
def ignore(moderator: User, item: ReviewItem, statement: Statement | None = None,
           sanction: SanctionOrder | None = None) -> Decision:
    """Close the item without a judgement: reports ignored (neither for nor against the reporters), notices
    answered as not acted on, the content left as it is. Raises NotAllowed, AlreadyResolved."""
    return _decide(moderator, item, Action.IGNORE, statement or Statement(), sanction=sanction)


@use_case
def redact(moderator: User, item: ReviewItem, fields: dict[str, str], statement: Statement,
           sanction: SanctionOrder | None = None) -> Decision:
    """Replace the texts in `fields` through the kind's own edit path (the decision keeps the content before and
    after; the author is told by the statement); shown again if it was hidden. Reports upheld, item resolved.
    Raises NotAllowed, AlreadyResolved, StatementIncomplete, NotModeratable."""
    return _decide(moderator, item, Action.REDACT, statement, fields=fields, sanction=sanction)


@use_case
def delete(moderator: User, item: ReviewItem, statement: Statement, sanction: SanctionOrder | None = None) -> Decision:
    """Delete the content as its package does. Reports upheld, item resolved. Raises NotAllowed, AlreadyResolved,
    StatementIncomplete, NotModeratable (the kind cannot be deleted)."""
    return _decide(moderator, item, Action.DELETE, statement, sanction=sanction)


@use_case
def decide_many(moderator: User, items: list[ReviewItem], action: Action, statement: Statement,
                sanction: SanctionOrder | None = None) -> list[Decision]:
    """Decide several items with one justification (a spam wave), all or nothing: any refusal or error leaves
    every item as it was. Redaction is not offered in bulk. Raises what the single decisions raise."""
    action = Action(action)
    if action is Action.REDACT:
        raise NotModeratable("redact")
    return [_decide(moderator, item, action, statement, sanction=sanction) for item in items]


@use_case
def act(moderator: User, subject: Subject, action: Action, statement: Statement, *,
        fields: dict[str, str] | None = None, sanction: SanctionOrder | None = None) -> Decision:
    """Hide, redact or delete a Subject on the moderators' own initiative (no report needed); a pending review
    item of it is resolved by the same decision. Raises NotAllowed, StatementIncomplete, NotModeratable."""
    if Action(action) not in (Action.HIDE, Action.REDACT, Action.DELETE):
        raise NotModeratable(str(action))
    item = db.session.execute(select(ReviewItem).where(
        ReviewItem.subject_id == subject.id, ReviewItem.status == ItemStatus.PENDING)).scalar_one_or_none()
    return _apply(moderator, subject, item, Action(action), statement, Source.OWN_INITIATIVE,
                  fields=fields, sanction=sanction)


def _decide(moderator, item: ReviewItem, action: Action, statement: Statement, *, fields=None,
            sanction=None) -> Decision:
    if not can_review(moderator):
        raise NotAllowed()
    db.session.refresh(item, with_for_update=_locking())
    if item.status is not ItemStatus.PENDING:
        raise AlreadyResolved(str(item.id))
    source = Source.NOTICE if item.notice_count and not item.report_count else Source.REPORT
    return _apply(moderator, item.subject, item, action, statement, source, fields=fields, sanction=sanction)


def _locking() -> bool | None:
    return True if db.session.get_bind().dialect.name == "postgresql" else None


def _apply(moderator, subject: Subject, item: ReviewItem | None, action: Action, statement: Statement,
           source: Source, *, fields=None, sanction=None) -> Decision:
    if not can_review(moderator):
        raise NotAllowed()
    entry = subjects.get(subject.kind)
    hooks = entry.moderation
    owner = subjects.resolve(subject) if hooks is not None else None
    if hooks is None or owner is None:
        raise NotModeratable(subject.kind)
    if action is Action.DELETE and hooks.delete is None:
        raise NotModeratable("delete")
    author_id = hooks.author_id(owner)
    before = hooks.content(owner)
    after: dict[str, str] = {}
    if action is Action.HIDE:
        hiding.hide(subject, statement.reason or Reason.OTHER)
    elif action is Action.KEEP and subject.is_hidden and subject.hidden_automatically:
        hiding.show(subject)
    elif action is Action.REDACT:
        hooks.redact(owner, moderator, dict(fields or {}))
        after = hooks.content(owner)
        if subject.is_hidden:
            hiding.show(subject)
    decision = decisions.record(
        moderator, action, source=source, subject=subject, affected_id=author_id, reason=statement.reason,
        facts=statement.facts, rule_number=statement.rule_number, legal_ground=statement.legal_ground,
        content_before=before, content_after=after)
    if item is not None:
        _close(item, decision)
    if sanction is not None:
        _sanction(moderator, author_id, subject, source, statement, sanction)
    if action is Action.DELETE:  # last: a kind may remove the Subject row with its object
        hooks.delete(owner, moderator)
        db.session.flush()
    return decision


def _close(item: ReviewItem, decision: Decision) -> None:
    now = utcnow()
    db.session.execute(update(Report).where(Report.subject_id == item.subject_id, Report.status == ReportStatus.OPEN)
                       .values(status=_REPORTS_AFTER[decision.action], decision_id=decision.id))
    db.session.execute(update(Notice).where(Notice.subject_id == item.subject_id, Notice.status == NoticeStatus.OPEN)
                       .values(status=_NOTICES_AFTER[decision.action], decision_id=decision.id))
    item.status, item.resolved_at, item.updated_at, item.decision_id = ItemStatus.RESOLVED, now, now, decision.id
    db.session.flush()


def _sanction(moderator, author_id: int | None, subject: Subject, source: Source, statement: Statement,
              order: SanctionOrder) -> None:
    author = db.session.get(User, author_id) if author_id is not None else None
    if author is None:
        raise NotAllowed()
    kind = SanctionKind(order.kind)
    ends_at = utcnow() + timedelta(days=order.days)
    action = Action.SILENCE if kind is SanctionKind.SILENCE else Action.SUSPEND
    decision = decisions.record(
        moderator, action, source=source, subject=subject, affected_id=author.id, reason=statement.reason,
        facts=statement.facts, rule_number=statement.rule_number, legal_ground=statement.legal_ground,
        ends_at=ends_at)
    sanctions.impose(moderator, author, kind, ends_at=ends_at, reason=statement.facts, decision_id=decision.id)
