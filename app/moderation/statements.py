"""Statements of reasons (DSA Art. 17): what the statement page and the e-mails say about a decision, and the
e-mails themselves. On `decision_made`, a restriction's statement goes to the affected person in their language,
and the notifiers whose notices the decision answered are told the outcome and how to contest it; both leave as
background jobs (app.jobs)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import Flask
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import subjects
from app.extensions import db
from app.jobs import enqueue
from app.mail import send_templated
from app.moderation.appeal_links import appeal_url
from app.moderation.models import REASON_LABELS, Action, Decision, Notice, Source
from app.moderation.policy import APPEAL_PERIOD
from app.moderation.rules import rule_as_of
from app.moderation.signals import decision_made
from app.urls import path_for
from app.users.models import User

ACTION_LABELS = {
    Action.HIDE: _l("Your content was hidden"),
    Action.KEEP: _l("The content was kept"),
    Action.IGNORE: _l("The reports were closed without a judgement"),
    Action.REDACT: _l("Your content was edited to remove parts of it"),
    Action.DELETE: _l("Your content was deleted"),
    Action.SILENCE: _l("Your account was silenced: you may read, but not write"),
    Action.SUSPEND: _l("Your account was suspended: you may not log in"),
}
OUTCOME_LABELS = {  # what a notifier is told was done
    Action.HIDE: _l("it was hidden"),
    Action.REDACT: _l("parts of it were removed"),
    Action.DELETE: _l("it was deleted"),
}
SOURCE_LABELS = {
    Source.REPORT: _l("The decision followed reports by members."),
    Source.NOTICE: _l("The decision followed a notice of illegal content."),
    Source.OWN_INITIATIVE: _l("The moderators acted on their own initiative, without a report."),
    Source.AUTOMATIC: _l("Reports by several members hid the content automatically, before anyone reviewed it."),
}


@dataclass
class StatementView:
    """A decision's statement of reasons in one language."""

    decision: Decision
    restriction: str
    ends_at: datetime | None
    facts: str
    source: str
    automated: bool
    reason: str | None
    rule_number: int | None
    rule_text: str | None
    legal_ground: str
    appeal_until: datetime
    content_title: str | None
    content_url: str | None
    page_path: str


def statement_of(decision: Decision, locale: str) -> StatementView:
    """The statement of `decision` in `locale`: the house rule is quoted from the house rules page as it was in
    that language (else German) when the decision was made."""
    rule_text = (rule_as_of(decision.rule_number, locale, decision.created_at)
                 if decision.rule_number is not None else None)
    owner = subjects.resolve(decision.subject) if decision.subject is not None else None
    title = url = None
    if owner is not None and decision.subject.kind in subjects.kinds():
        title, url = subjects.title_of(owner), subjects.url_of(owner)
    return StatementView(
        decision=decision, restriction=str(ACTION_LABELS[decision.action]), ends_at=decision.ends_at,
        facts=decision.facts, source=str(SOURCE_LABELS[decision.source]), automated=decision.automated,
        reason=str(REASON_LABELS[decision.reason]) if decision.reason is not None else None,
        rule_number=decision.rule_number, rule_text=rule_text, legal_ground=decision.legal_ground,
        appeal_until=decision.created_at + APPEAL_PERIOD, content_title=title, content_url=url,
        page_path=path_for("moderation.statement", decision_id=decision.id))


def on_decision(decision: Decision, **_: object) -> None:
    """Receiver of `decision_made`: queue the statement for the affected person and the answers to notifiers."""
    if decision.action.restricts and decision.affected_id is not None:
        enqueue(send_statement, decision.id)
    notice_ids = db.session.execute(select(Notice.id).where(Notice.decision_id == decision.id)).scalars().all()
    for notice_id in notice_ids:
        enqueue(send_notice_answer, notice_id)


def send_statement(decision_id: int) -> None:
    """The job: e-mail the statement of reasons of `decision_id` to the affected person, in their language.
    Raises MailError when the server fails (the job runner logs it)."""
    decision = db.session.get(Decision, decision_id)
    person = db.session.get(User, decision.affected_id) if decision and decision.affected_id else None
    if person is None:
        return
    from app.notifications.emails import absolute, public_context

    with public_context(), force_locale(person.locale):
        statement = statement_of(decision, person.locale)
        send_templated(person.email, "moderation/email/statement", person.locale, person=person,
                       statement=statement, link=absolute(statement.page_path),
                       appeal_link=appeal_url(decision.id, person.id),
                       content_link=absolute(statement.content_url) if statement.content_url else None)


def send_notice_answer(notice_id: int) -> None:
    """The job: tell a notifier what was decided on their notice and how to contest it, in the notice's language.
    Raises MailError when the server fails."""
    notice = db.session.get(Notice, notice_id)
    decision = db.session.get(Decision, notice.decision_id) if notice and notice.decision_id else None
    if decision is None:
        return
    from app.notifications.emails import absolute, public_context

    with public_context(), force_locale(notice.locale):
        send_templated(notice.email, "moderation/email/notice_answer", notice.locale, notice=notice,
                       decision=decision, acted=decision.action.restricts,
                       outcome=str(OUTCOME_LABELS.get(decision.action, "")),
                       reason=str(REASON_LABELS[decision.reason]) if decision.reason is not None else None,
                       appeal_until=decision.created_at + APPEAL_PERIOD, link=absolute(notice_path(notice.token)))


def notice_path(token: str) -> str:
    """The notifier's page of their notice (app/moderation/notice_views.py)."""
    return path_for("moderation.notice_status", token=token)


def register(app: Flask) -> None:
    """Subscribe to `decision_made` (once per process; the receiver looks nothing up at import time)."""
    decision_made.connect(on_decision, weak=False)
