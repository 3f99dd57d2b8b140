"""The queue's intake: every report and notice opens or updates its Subject's pending review item, ranks it, and
hides the Subject at once when enough established members reported it (docs/moderation.md, "The review queue").

Priority: `score = weight - AGE_RATE * hours_since_epoch(item.created_at)`, where `weight` sums, over the item's
open reports, 1 + the reporter's accuracy (upheld / (upheld + rejected) of their earlier reports, smoothed so
that a newcomer counts 0.5), plus NOTICE_WEIGHT per open notice and EDITED_WEIGHT once the author edited it.
Ordering by `score DESC` equals ordering by `weight + AGE_RATE * hours waiting` at any moment, so the stored
score never has to be recomputed as time passes.

Steps of a use case (they flush); `reopen_edited` is a use case of its own, run on `hidden_content_edited`.
"""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, or_, select
from sqlalchemy.exc import IntegrityError

from app import subjects
from app.extensions import db
from app.models import Subject, utcnow
from app.moderation import decisions, hiding
from app.moderation.models import (
    Action, ItemStatus, Notice, NoticeStatus, Reason, Report, ReportStatus, ReviewItem, Source,
)
from app.moderation.signals import hidden_content_edited
from app.trust import settings
from app.unit_of_work import use_case
from app.users.models import User

EPOCH = datetime(2024, 1, 1, tzinfo=timezone.utc)
AGE_RATE = 0.05  # score per hour waiting: a day in the queue weighs as much as 1.2 reports of unknown reporters
NOTICE_WEIGHT = 1.0  # a notice of illegal content (its sender's accuracy is not known)
EDITED_WEIGHT = 1.0  # the author edited the hidden content: someone should look again

AUTO_HIDE_REPORTS = settings.define(
    "moderation.auto_hide_reports", 3, config_key="MODERATION_AUTO_HIDE_REPORTS", minimum=1, maximum=100,
    label=_l("Reports that hide content at once"), group=_l("Moderation"),
    description=_l("When this many established members have reported the same content, it is hidden until a "
                   "moderator decides."))
HELD_WEIGHT = 1.0  # held for review before anyone saw it: its author waits (app.trust)
PRIOR_UPHELD, PRIOR_TOTAL = 1, 2  # a reporter without history counts as 50 % accurate


def hours_since_epoch(moment: datetime) -> float:
    """Hours from EPOCH to `moment` (the age part of the score)."""
    return (moment - EPOCH).total_seconds() / 3600


def score(weight: float, created_at: datetime) -> float:
    """The stored priority of an item of `weight` that opened at `created_at` (higher first)."""
    return weight - AGE_RATE * hours_since_epoch(created_at)


def accuracy(reporter_ids: list[int]) -> dict[int, float]:
    """Reporter id -> upheld / (upheld + rejected) of their reports, smoothed (one query for all of them)."""
    if not reporter_ids:
        return {}
    upheld = func.sum(case((Report.status == ReportStatus.UPHELD.value, 1), else_=0))
    judged = func.sum(case((Report.status.in_([ReportStatus.UPHELD.value, ReportStatus.REJECTED.value]), 1),
                           else_=0))
    rows = db.session.execute(select(Report.reporter_id, upheld, judged).where(
        Report.reporter_id.in_(reporter_ids)).group_by(Report.reporter_id)).all()
    found = {reporter: (int(up or 0), int(total or 0)) for reporter, up, total in rows}
    return {reporter: (found.get(reporter, (0, 0))[0] + PRIOR_UPHELD) / (found.get(reporter, (0, 0))[1] + PRIOR_TOTAL)
            for reporter in reporter_ids}


def take_report(report: Report, owner) -> ReviewItem:
    """Open or update the pending item of `report`'s Subject, then hide the Subject when enough established
    members reported it (an automatic decision, `decision_made` after the commit)."""
    item = _pending_item(report.subject, owner)
    _refresh(item)
    _auto_hide(item, owner)
    return item


def take_notice(notice: Notice, owner) -> ReviewItem:
    """Open or update the pending item of `notice`'s Subject (a notice never hides anything by itself)."""
    item = _pending_item(notice.subject, owner)
    _refresh(item)
    return item


def take_held(subject: Subject, owner) -> ReviewItem:
    """Open (or find) the pending item of a Subject held for review before anyone saw it (app.trust: a sandboxed
    author in a pre-moderated category, a watched word). The Subject is hidden already; a moderator's "keep"
    publishes it, since it was hidden automatically."""
    item = _pending_item(subject, owner)
    _refresh(item)
    item.score += HELD_WEIGHT
    db.session.flush()
    return item


@use_case
def reopen_edited(subject: Subject) -> ReviewItem | None:
    """The author edited their hidden content: its pending item (or a new one) goes to the queue again, marked
    as edited. Does nothing for a Subject that is not hidden or whose owner is gone."""
    if not subject.is_hidden:
        return None
    owner = subjects.resolve(subject)
    if owner is None:
        return None
    item = _pending_item(subject, owner)
    item.edited_at = utcnow()
    _refresh(item)
    return item


def _pending_item(subject: Subject, owner) -> ReviewItem:
    """The Subject's pending item, made when there is none; two requests at once make one (a savepoint, and the
    partial unique index uq_review_item_pending)."""
    item = _find_pending(subject.id)
    if item is not None:
        return item
    hooks = subjects.get(subject.kind).moderation
    item = ReviewItem(subject_id=subject.id, kind=subject.kind, status=ItemStatus.PENDING,
                      category=hooks.category(owner) if hooks is not None else None,
                      author_id=hooks.author_id(owner) if hooks is not None else None, created_at=utcnow())
    try:
        with db.session.begin_nested():
            db.session.add(item)
    except IntegrityError:
        item = _find_pending(subject.id)
        if item is None:  # pragma: no cover - the other one was resolved in between
            raise
    return item


def _find_pending(subject_id: int) -> ReviewItem | None:
    return db.session.execute(select(ReviewItem).where(
        ReviewItem.subject_id == subject_id, ReviewItem.status == ItemStatus.PENDING.value)
        .with_for_update()).scalar_one_or_none()


def _refresh(item: ReviewItem) -> None:
    """Counts, the most frequent reason and the score, from the Subject's open reports and notices."""
    reports = db.session.execute(select(Report.reporter_id, Report.reason).where(
        Report.subject_id == item.subject_id, Report.status == ReportStatus.OPEN.value)).all()
    notices = db.session.execute(select(func.count()).select_from(Notice).where(
        Notice.subject_id == item.subject_id, Notice.status == NoticeStatus.OPEN.value)).scalar_one()
    weights = accuracy(sorted({reporter for reporter, _ in reports if reporter is not None}))
    weight = sum(1 + weights.get(reporter, PRIOR_UPHELD / PRIOR_TOTAL) for reporter, _ in reports)
    weight += NOTICE_WEIGHT * notices + (EDITED_WEIGHT if item.edited_at is not None else 0)
    item.report_count, item.notice_count = len(reports), notices
    item.top_reason = top_reason([reason for _, reason in reports] + [Reason.ILLEGAL] * notices)
    item.score = score(weight, item.created_at)
    item.updated_at = utcnow()
    db.session.flush()


def top_reason(reasons: list[Reason]) -> Reason | None:
    """The most frequent reason; a tie goes to the one listed first in Reason."""
    if not reasons:
        return None
    counted = Counter(Reason(reason) for reason in reasons)
    return max(Reason, key=lambda reason: (counted[reason], -list(Reason).index(reason)))


def established_reporters(subject_id: int) -> int:
    """How many distinct established members (confirmed, older than MODERATION_ESTABLISHED_DAYS, not silenced)
    have an open report on the Subject."""
    now = utcnow()
    since = now - timedelta(days=current_app.config["MODERATION_ESTABLISHED_DAYS"])
    return db.session.execute(select(func.count(func.distinct(Report.reporter_id))).join(
        User, User.id == Report.reporter_id).where(
        Report.subject_id == subject_id, Report.status == ReportStatus.OPEN.value,
        User.email_confirmed_at.is_not(None), User.created_at <= since,
        or_(User.silenced_until.is_(None), User.silenced_until <= now))).scalar_one()


def _auto_hide(item: ReviewItem, owner) -> None:
    subject = item.subject
    db.session.refresh(subject)  # another request may have hidden it meanwhile (the item's row lock waited)
    if subject.is_hidden:
        return
    if established_reporters(item.subject_id) < settings.value(AUTO_HIDE_REPORTS):
        return
    reason = item.top_reason or Reason.OTHER
    hooks = subjects.get(subject.kind).moderation
    hiding.hide(subject, reason, automatically=True)
    decisions.record(None, Action.HIDE, source=Source.AUTOMATIC, automated=True, subject=subject,
                     affected_id=item.author_id, reason=reason,
                     content_before=hooks.content(owner) if hooks is not None else {})


def register() -> None:
    """Send a Subject back to the queue when its author edits it while hidden."""
    hidden_content_edited.connect(_on_hidden_content_edited, weak=False)


def _on_hidden_content_edited(subject: Subject, **extra) -> None:
    reopen_edited(subject)
