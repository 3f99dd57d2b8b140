"""The moderation pages: the review queue (with bulk decisions), one item, acting on content directly, and the
statement of reasons. Every page but the statement is for moderators and administrators only
(`@moderators_only`, which logs refusals); the statement is for the affected person and moderators."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from app import subjects
from app.extensions import db
from app.i18n import current_language
from app.models import Subject, utcnow
from app.moderation import actions, appeals, bp, review
from app.moderation.audit import record_refusal
from app.moderation.decisions import StatementIncomplete
from app.moderation.decision_forms import (ACT_VERDICTS, BULK_VERDICTS, CONTENT_LABELS, ITEM_VERDICTS,
                                           SANCTION_LABELS, VERDICT_LABELS, DecisionForm, redaction_fields)
from app.moderation.guard import moderators_only
from app.moderation.models import REASON_LABELS, Action, Decision, ItemStatus, Reason, ReviewItem, SanctionKind
from app.moderation.policy import is_moderator
from app.moderation.statements import ACTION_LABELS, statement_of
from app.web import acting_user, page_number, parse_id, refuse, viewer

REPORT_STATUS_LABELS = {"open": _l("open"), "upheld": _l("upheld"), "rejected": _l("rejected"),
                        "ignored": _l("ignored")}


@bp.context_processor
def _labels() -> dict:
    return dict(content_labels=CONTENT_LABELS, action_labels=ACTION_LABELS, report_status_labels=REPORT_STATUS_LABELS)


def _form(verdicts, redact_keys=(), content=None) -> DecisionForm:
    from app.moderation.rules import rule_choices

    form = DecisionForm(verdicts=verdicts, rules=rule_choices(current_language().code), redact_keys=redact_keys)
    form.redacted = redaction_fields(form, content or {}, request.form if request.method == "POST" else None)
    return form


def _statement(form: DecisionForm) -> actions.Statement:
    return actions.Statement(reason=Reason(form.reason.data) if form.reason.data else None, facts=form.facts.data or "",
                             rule_number=form.rule_number,
                             legal_ground=form.legal_ground.data or "" if form.rule.data == "legal" else "")


def _sanction(form: DecisionForm) -> actions.SanctionOrder | None:
    if not form.sanction.data:
        return None
    return actions.SanctionOrder(SanctionKind(form.sanction.data), form.sanction_days or 1)


def _check_redaction(form: DecisionForm, content: dict[str, str]) -> bool:
    if form.verdict.data == "redact" and form.redacted == {key: content.get(key, "") for key in form.redact_keys}:
        form.verdict.errors.append(_("To redact, change at least one of the texts below."))
        return False
    return True


def _queue_context(filters: review.QueueFilters, form: DecisionForm, selected: set[int]):
    page = page_number()
    shown = review.queue(filters, page)
    if page > shown.pages:
        abort(404)
    return dict(shown=shown, filters=filters, form=form, selected=selected, categories=review.categories(),
                kinds=subjects.kinds("reportable"), reasons=list(Reason), reason_labels=REASON_LABELS,
                statuses=list(ItemStatus), now=utcnow(), format_timedelta=format_timedelta,
                sanction_labels=SANCTION_LABELS)


@bp.get("/moderation")
@moderators_only
def queue():
    filters = review.QueueFilters.from_args(request.args)
    return render_template("moderation/queue.html", **_queue_context(filters, _form(BULK_VERDICTS), set()))


@bp.post("/moderation/bulk")
@moderators_only
def bulk():
    form = _form(BULK_VERDICTS)
    ids = [number for number in map(parse_id, request.form.getlist("item_ids")) if number is not None]
    items = review.pending_items(ids)
    valid = form.validate_on_submit()
    if not items:
        form.verdict.errors.append(_("Please select at least one item in the queue."))
        valid = False
    if valid:
        try:
            done = actions.decide_many(acting_user(), items, Action(form.verdict.data), _statement(form),
                                       _sanction(form))
        except StatementIncomplete:
            form.statement_errors()
        else:
            flash(ngettext("%(num)d item decided.", "%(num)d items decided.", len(done)), "success")
            return redirect(url_for("moderation.queue"))
    filters = review.QueueFilters.from_args(request.args)
    return render_template("moderation/queue.html", **_queue_context(filters, form, set(ids)))


@bp.route("/moderation/items/<int:item_id>", methods=["GET", "POST"])
@moderators_only
def item(item_id: int):
    found = db.session.get(ReviewItem, item_id) or abort(404)
    shown = review.item_view(found)
    verdicts = tuple(v for v in ITEM_VERDICTS if v != "delete" or shown.can_delete)
    if shown.owner is None:
        verdicts = ("keep", "ignore")
    form = _form(verdicts, tuple(shown.now), shown.now)
    if request.method == "POST":
        if found.status is not ItemStatus.PENDING:
            flash(_("This item has been decided already."), "error")
            return redirect(url_for("moderation.item", item_id=item_id))
        if form.validate_on_submit() and _check_redaction(form, shown.now):
            try:
                _decide_item(found, form)
            except StatementIncomplete:
                form.statement_errors()
            except actions.AlreadyResolved:
                flash(_("This item has been decided already."), "error")
                return redirect(url_for("moderation.item", item_id=item_id))
            else:
                flash(_("The decision has been recorded."), "success")
                return redirect(url_for("moderation.queue"))
    return render_template("moderation/item.html", shown=shown, form=form, now=utcnow(),
                           format_timedelta=format_timedelta, reason_labels=REASON_LABELS)


def _decide_item(found: ReviewItem, form: DecisionForm):
    moderator, statement, sanction = acting_user(), _statement(form), _sanction(form)
    verdict = form.verdict.data
    if verdict == "hide":
        return actions.agree_and_hide(moderator, found, statement, sanction)
    if verdict == "keep":
        return actions.disagree_and_keep(moderator, found, statement, sanction)
    if verdict == "ignore":
        return actions.ignore(moderator, found, statement, sanction)
    if verdict == "redact":
        return actions.redact(moderator, found, form.redacted, statement, sanction)
    return actions.delete(moderator, found, statement, sanction)


@bp.route("/moderation/subjects/<int:subject_id>/act", methods=["GET", "POST"])
@moderators_only
def act(subject_id: int):
    subject = db.session.get(Subject, subject_id) or abort(404)
    if subject.kind not in subjects.kinds("reportable"):
        abort(404)
    entry = subjects.get(subject.kind)
    owner = subjects.resolve(subject) or abort(404)
    content = entry.moderation.content(owner)
    verdicts = tuple(v for v in ACT_VERDICTS if v != "delete" or entry.moderation.delete is not None)
    form = _form(verdicts, tuple(content), content)
    if form.validate_on_submit() and _check_redaction(form, content):
        try:
            actions.act(acting_user(), subject, Action(form.verdict.data), _statement(form),
                        fields=form.redacted, sanction=_sanction(form))
        except StatementIncomplete:
            form.statement_errors()
        else:
            flash(_("The decision has been recorded."), "success")
            return redirect(url_for("moderation.queue"))
    return render_template("moderation/act.html", subject=subject, owner=owner, content=content, form=form,
                           title=subjects.title_of(owner), url=subjects.url_of(owner))


@bp.get("/moderation/decisions/<int:decision_id>")
def statement(decision_id: int):
    user = viewer()
    if user is None:
        refuse()
    decision = db.session.get(Decision, decision_id)
    if decision is None or not (is_moderator(user) or decision.affected_id == user.id):
        record_refusal(user, "refused.moderation.statement", path=request.path)
        abort(404)
    return render_template("moderation/statement.html", statement=statement_of(decision, current_language().code),
                           for_moderator=is_moderator(user) and decision.affected_id != user.id,
                           may_appeal=appeals.may_appeal(user, decision) and appeals.open_appeal(
                               decision, appellant_id=user.id) is None,
                           verdict_labels=VERDICT_LABELS, current_user=current_user)
