"""Telling both sides how an appeal ended, by e-mail in each reader's language (a background job per appeal):
the appellant (an account, or a notifier's address), and when a restriction that followed reports is reversed,
the reporters whose reports it had upheld."""
from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from app import jobs, subjects
from app.extensions import db
from app.mail import send_templated
from app.moderation.models import Appeal, AppealStatus, Notice, Report, ReportStatus
from app.moderation.signals import appeal_decided
from app.urls import path_for
from app.users.models import User


def connect() -> None:
    appeal_decided.connect(_on_decided, weak=False)


def _on_decided(appeal: Appeal, **_) -> None:
    jobs.enqueue(send_appeal_outcome, appeal.id)


def send_appeal_outcome(appeal_id: int) -> None:
    """The job: e-mail the appellant the outcome and the answer, and the reporters of a reversed restriction that
    the content is back. Raises MailError when the server fails."""
    appeal = db.session.get(Appeal, appeal_id)
    if appeal is None or appeal.status is AppealStatus.OPEN:
        return
    decision = appeal.decision
    owner = subjects.resolve(decision.subject) if decision.subject is not None else None
    title = subjects.title_of(owner) if owner is not None else None
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    link = base + path_for("moderation.appeal", decision_id=decision.id)
    if appeal.appellant is not None:
        send_templated(appeal.appellant.email, "moderation/email/appeal_decided", appeal.appellant.locale,
                       appeal=appeal, decision=decision, title=title, link=link, name=appeal.appellant.display_name)
    elif appeal.notice_id is not None:
        notice = db.session.get(Notice, appeal.notice_id)
        if notice is not None:
            send_templated(notice.email, "moderation/email/appeal_decided", notice.locale, appeal=appeal,
                           decision=decision, title=title, name=notice.name,
                           link=base + path_for("moderation.notice_status", token=notice.token))
    if appeal.status is AppealStatus.REVERSED and decision.action.restricts:
        reporters = db.session.execute(select(User).join(Report, Report.reporter_id == User.id).where(
            Report.decision_id == decision.id, Report.status == ReportStatus.UPHELD)).scalars().unique().all()
        for reporter in reporters:
            send_templated(reporter.email, "moderation/email/appeal_restored", reporter.locale, title=title,
                           name=reporter.display_name, response=appeal.response)
