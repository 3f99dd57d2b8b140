"""Appeal pages: the appellant's form (signed in, or through the signed link of a statement e-mail when suspended),
the moderators' list of open appeals, and the page where a second moderator decides one."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app import subjects
from app.extensions import db
from app.moderation import appeal_links, appeals, bp, notices
from app.moderation.appeal_forms import AppealDecisionForm, AppealForm
from app.moderation.decisions import StatementIncomplete
from app.moderation.guard import moderators_only
from app.models import utcnow
from app.moderation.models import Appeal, AppealStatus, Decision, NoticeStatus
from app.moderation.policy import APPEAL_PERIOD, can_handle_appeal
from app.moderation.reversal import CannotRestore
from app.users.models import User
from app.web import acting_user, refuse, viewer


def _appellant(decision: Decision, key: str | None) -> User | None:
    """Who is appealing: the account of a genuine signed link, else the signed-in person, if the decision concerns
    them (the person it restricted, or a reporter it rejected)."""
    user_id = appeal_links.user_of_key(key, decision.id)
    person = db.session.get(User, user_id) if user_id is not None else viewer()
    if person is None:
        return None
    concerned = decision.affected_id == person.id or appeals.rejected_reporter(person, decision)
    return person if concerned else None


@bp.route("/moderation/decisions/<int:decision_id>/appeal", methods=["GET", "POST"])
def appeal(decision_id: int):
    decision = db.session.get(Decision, decision_id) or abort(404)
    key = request.values.get("key") or None
    appellant = _appellant(decision, key)
    if appellant is None:
        if viewer() is None and key is None:
            refuse()  # log in first
        abort(404)
    open_to_appeal = appeals.may_appeal(appellant, decision)
    form = AppealForm()
    if _took_appeal(form, open_to_appeal, lambda text: appeals.file_appeal(appellant, decision, text)):
        return redirect(url_for("moderation.appeal", decision_id=decision.id, key=key))
    earlier = db.session.execute(select(Appeal).where(
        Appeal.decision_id == decision.id, Appeal.appellant_id == appellant.id).order_by(Appeal.id)).scalars().all()
    return render_template("moderation/appeal.html", decision=decision, form=form, key=key, appeals=earlier,
                           open_to_appeal=open_to_appeal, subject_title=_title(decision),
                           action=url_for("moderation.appeal", decision_id=decision.id))


def _took_appeal(form: AppealForm, open_to_appeal: bool, file) -> bool:
    """Handle a POST of the appeal form: refuse it when the decision can no longer be appealed, keep the text
    with an error when an appeal is open already, else `file(text)` and flash the receipt. True once filed."""
    if request.method != "POST":
        return False
    if not open_to_appeal:
        refuse(_("This decision can no longer be appealed."))
    if not form.validate_on_submit():
        return False
    try:
        file(form.text.data)
    except appeals.AppealOpen:
        form.text.errors.append(_("You have already appealed this decision; a moderator will answer."))
        return False
    flash(_("Your appeal has been received. A moderator who did not take the decision will answer."), "success")
    return True


@bp.get("/moderation/appeals")
@moderators_only
def appeals_list():
    rows = db.session.execute(
        select(Appeal).where(Appeal.status == AppealStatus.OPEN).order_by(Appeal.created_at, Appeal.id)
        .options(joinedload(Appeal.decision), joinedload(Appeal.appellant))).scalars().all()
    owners = subjects.resolve_many(sorted({a.decision.subject_id for a in rows if a.decision.subject_id}))
    titles = {subject_id: subjects.title_of(owner) for subject_id, owner in owners.items()}
    return render_template("moderation/appeals.html", appeals=rows, titles=titles)


@bp.route("/moderation/appeals/<int:appeal_id>", methods=["GET", "POST"])
@moderators_only
def appeal_review(appeal_id: int):
    appeal = db.session.get(Appeal, appeal_id) or abort(404)
    allowed = can_handle_appeal(viewer(), appeal)
    form = AppealDecisionForm()
    if request.method == "POST":
        if not allowed:
            refuse(_("You took this decision; another moderator decides the appeal."))
        if form.validate_on_submit():
            try:
                appeals.decide_appeal(acting_user(), appeal, reverse=form.outcome.data == "reverse",
                                      response=form.response.data, facts=form.facts.data or "",
                                      rule_number=form.rule_number.data, legal_ground=form.legal_ground.data or "")
            except StatementIncomplete:
                form.facts.errors.append(_("Hiding needs the facts and a house rule or a legal ground."))
            except CannotRestore:
                form.outcome.errors.append(_("What was deleted cannot be restored; uphold the decision or "
                                             "explain in your answer what happens instead."))
            except ValueError:
                flash(_("This appeal was decided already."), "info")
                return redirect(url_for("moderation.appeal_review", appeal_id=appeal.id))
            else:
                flash(_("Your decision on the appeal has been saved, and the people concerned are told."), "success")
                return redirect(url_for("moderation.appeals_list"))
    return render_template("moderation/appeal_review.html", appeal=appeal, decision=appeal.decision, form=form,
                           allowed=allowed, subject_title=_title(appeal.decision))


def _title(decision: Decision) -> str | None:
    if decision.subject is None:
        return None
    owner = subjects.resolve(decision.subject)
    return subjects.title_of(owner) if owner is not None else None


@bp.route("/notice/<token>/appeal", methods=["GET", "POST"])
def notice_appeal(token: str):
    """A notifier contests the rejection of their notice through its secret link (no account needed)."""
    notice = notices.by_token(token) or abort(404)
    decision = notices.decision_of(notice)
    if decision is None or notice.status is not NoticeStatus.REJECTED:
        abort(404)
    open_to_appeal = utcnow() - decision.created_at <= APPEAL_PERIOD and decision.reversed_at is None
    form = AppealForm()
    if _took_appeal(form, open_to_appeal, lambda text: appeals.file_notice_appeal(notice, text)):
        return redirect(url_for("moderation.notice_appeal", token=token))
    earlier = db.session.execute(select(Appeal).where(Appeal.notice_id == notice.id).order_by(Appeal.id)).scalars()
    return render_template("moderation/appeal.html", decision=decision, form=form, key=None, appeals=list(earlier),
                           open_to_appeal=open_to_appeal, subject_title=_title(decision),
                           action=url_for("moderation.notice_appeal", token=token))
