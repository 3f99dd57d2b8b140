"""The report form: `/report/<subject_id>` for any reportable Subject, `/report/user/<username>` for a profile
(which gets its Subject only when the report is sent, so looking at the form writes nothing)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from app import subjects
from app.extensions import db
from app.models import Subject
from app.moderation import bp, reports
from app.moderation.report_forms import ReportForm
from app.moderation.models import Reason
from app.moderation.policy import can_report
from app.moderation.visibility import hidden_from
from app.users.services import find_by_username
from app.web import refuse, viewer


@bp.route("/report/<int:subject_id>", methods=["GET", "POST"])
def report(subject_id: int):
    user = viewer()
    try:
        entry, owner = reports.reportable(db.session.get(Subject, subject_id), user)
    except reports.NotReportable:
        abort(404)
    if not can_report(user, entry.moderation.author_id(owner)):
        refuse()
    return _report_page(user, entry, owner, subject_id,
                        lambda form: reports.report(user, db.session.get(Subject, subject_id),
                                                    Reason(form.reason.data), form.note.data or ""))


@bp.route("/report/user/<username>", methods=["GET", "POST"])
def report_profile(username: str):
    user = viewer()
    target = find_by_username(username)
    if target is None or not target.is_active or hidden_from(user, target.subject, target.id):
        abort(404)
    if not can_report(user, target.id):
        refuse()
    entry = subjects.get("user")
    return _report_page(user, entry, target, target.subject_id,
                        lambda form: reports.report_profile(user, target, Reason(form.reason.data),
                                                            form.note.data or ""))


def _report_page(user, entry, owner, subject_id, send):
    title, back = entry.title(owner), entry.url(owner)
    existing = reports.open_report(user, subject_id)
    form = ReportForm()
    if existing is None and form.validate_on_submit():
        filed = send(form)
        if not filed.already_open:
            flash(_("Thank you. Moderators will look at it."), "success")
            return redirect(back)
        existing = filed
    return render_template("moderation/report.html", form=form, title=title, back=back, existing=existing,
                           action=_action(entry, owner, subject_id))


def _action(entry, owner, subject_id) -> str:
    if entry.kind == "user":
        return url_for("moderation.report_profile", username=owner.username)
    return url_for("moderation.report", subject_id=subject_id)
