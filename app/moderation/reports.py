"""Members' reports: one open report per person and Subject, kept with the content as it was reported, and taken
into the review queue (app.moderation.intake) in the same transaction.

Only kinds registered with `moderation` hooks are reportable (app.subjects); a profile gets its Subject on its
first report (app.moderation.profiles).
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import subjects
from app.extensions import db
from app.models import Subject
from app.moderation import intake, profiles
from app.moderation.models import Reason, Report, ReportStatus
from app.moderation.policy import can_report
from app.moderation.signals import report_filed
from app.moderation.visibility import hidden_from
from app.permissions import NotAllowed
from app.unit_of_work import send_after_commit, use_case
from app.users.models import User

NOTE_MAX = 1000


class NotReportable(LookupError):
    """The Subject is unknown, of a kind nobody can report, gone, or hidden from the person asking (a 404)."""


def reportable(subject: Subject | None, viewer=None) -> tuple[subjects.SubjectKind, Any]:
    """(the kind's registration, the owning object) of a Subject `viewer` may report.

    Raises NotReportable for a missing Subject, a kind without moderation hooks, an owner that is gone or that
    `viewer` may not see (a draft, hidden content).
    """
    if subject is None:
        raise NotReportable()
    try:
        entry = subjects.get(subject.kind)
    except subjects.UnknownKind:
        raise NotReportable() from None
    if entry.moderation is None:
        raise NotReportable()
    owner = subjects.resolve(subject)
    if owner is None or not entry.visible(viewer, owner):
        raise NotReportable()
    if hidden_from(viewer, subject, entry.moderation.author_id(owner)):
        raise NotReportable()
    return entry, owner


def open_report(user, subject_id: int | None) -> Report | None:
    """`user`'s open report on the Subject, if any."""
    if user is None or subject_id is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.execute(select(Report).where(
        Report.reporter_id == user.id, Report.subject_id == subject_id,
        Report.status == ReportStatus.OPEN.value)).scalar_one_or_none()


@use_case
def report(user: User, subject: Subject, reason: Reason, note: str = "") -> Report:
    """File `user`'s report of `subject` for `reason` with an optional `note`, keep the content as it is now
    (`snapshot`), and open or update the Subject's review item (which may hide it automatically).

    A second report by the same person while the first is open returns the first (its `already_open` is True),
    also when both arrive at once. Raises NotReportable (see `reportable`), NotAllowed when the policy refuses
    (anonymous, silenced, their own content). Sends `report_filed` after the commit.
    """
    entry, owner = reportable(subject, user)
    if not can_report(user, entry.moderation.author_id(owner)):
        raise NotAllowed()
    existing = open_report(user, subject.id)
    if existing is not None:
        existing.already_open = True
        return existing
    filed = Report(subject_id=subject.id, reporter_id=user.id, reason=Reason(reason), note=note.strip()[:NOTE_MAX],
                   status=ReportStatus.OPEN, snapshot=entry.moderation.content(owner))
    try:
        with db.session.begin_nested():
            db.session.add(filed)
    except IntegrityError:  # the same person's report arrived at the same moment
        existing = open_report(user, subject.id)
        if existing is None:  # pragma: no cover - it was closed in between
            raise
        existing.already_open = True
        return existing
    filed.already_open = False
    intake.take_report(filed, owner)
    send_after_commit(report_filed, filed)
    return filed


@use_case
def report_profile(user: User, target: User, reason: Reason, note: str = "") -> Report:
    """Report `target`'s profile: gives the profile its Subject first when it has none (see `report`)."""
    if target.subject_id is None:
        if not can_report(user, target.id):  # refuse before anything is written
            raise NotAllowed()
        try:
            with db.session.begin_nested():
                profiles.subject_of(target)
        except IntegrityError:  # pragma: no cover - another first report made it at the same moment
            db.session.refresh(target)
    return report(user, target.subject, reason, note)
