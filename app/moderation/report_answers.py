"""Telling members whose reports a decision rejected (the content was kept) what was decided and how to contest
it, by e-mail in their language (a background job per decision)."""
from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from app import jobs, subjects
from app.extensions import db
from app.mail import send_templated
from app.moderation.models import Action, Decision, Report, ReportStatus
from app.moderation.policy import APPEAL_PERIOD
from app.moderation.signals import decision_made
from app.urls import path_for
from app.users.models import User


def connect() -> None:
    decision_made.connect(_on_decision, weak=False)


def _on_decision(decision: Decision, **_) -> None:
    if decision.action is Action.KEEP:
        jobs.enqueue(send_report_answers, decision.id)


def send_report_answers(decision_id: int) -> None:
    """The job: e-mail each reporter whose report `decision_id` rejected. Raises MailError when the server fails."""
    decision = db.session.get(Decision, decision_id)
    if decision is None:
        return
    reporters = db.session.execute(select(User).join(Report, Report.reporter_id == User.id).where(
        Report.decision_id == decision.id, Report.status == ReportStatus.REJECTED)).scalars().unique().all()
    owner = subjects.resolve(decision.subject) if decision.subject is not None else None
    title = subjects.title_of(owner) if owner is not None else None
    link = current_app.config["PUBLIC_URL"].rstrip("/") + path_for("moderation.appeal", decision_id=decision.id)
    for reporter in reporters:
        send_templated(reporter.email, "moderation/email/report_rejected", reporter.locale, name=reporter.display_name,
                       title=title, decision=decision, link=link, appeal_until=decision.created_at + APPEAL_PERIOD)
