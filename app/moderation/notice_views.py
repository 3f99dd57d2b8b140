"""The notice of illegal content (`/notice`, open to everyone, rate-limited) and its status page
(`/notice/<token>`, the secret link the notifier gets by e-mail)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.extensions import db, limiter
from app.i18n import current_language
from app.models import Subject
from app.moderation import bp, notices, reports
from app.moderation.report_forms import NoticeForm
from app.urls import safe_next
from app.web import parse_id, viewer


@bp.route("/notice", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def notice():
    user = viewer()
    subject, title, location = _named_subject(user)
    form = NoticeForm()
    if request.method == "GET":
        form.location.data = location or safe_next(request.args.get("location"), "")
        if user is not None:
            form.name.data, form.email.data = user.display_name, user.email
    if form.validate_on_submit():
        sent = notices.submit(location=form.location.data, explanation=form.explanation.data,
                              name=form.name.data, email=form.email.data, good_faith=form.good_faith.data,
                              locale=current_language().code, notifier=user, subject=subject)
        flash(_("Thank you. We have received your notice and sent a confirmation to %(email)s.",
                email=sent.email), "success")
        return redirect(url_for("moderation.notice_status", token=sent.token))
    action = url_for("moderation.notice", subject=subject.id) if subject is not None else url_for("moderation.notice")
    return render_template("moderation/notice.html", form=form, title=title, action=action)


def _named_subject(user) -> tuple[Subject | None, str | None, str | None]:
    """(the Subject `?subject=` names, its title, its full address); 404 for one that cannot be reported."""
    raw = request.args.get("subject")
    if raw is None:
        return None, None, None
    subject_id = parse_id(raw)
    subject = db.session.get(Subject, subject_id) if subject_id is not None else None
    try:
        entry, owner = reports.reportable(subject, user)
    except reports.NotReportable:
        abort(404)
    return subject, entry.title(owner), request.url_root.rstrip("/") + entry.url(owner)


@bp.get("/notice/<token>")
def notice_status(token: str):
    sent = notices.by_token(token)
    if sent is None:
        abort(404)
    return render_template("moderation/notice_status.html", notice=sent, decision=notices.decision_of(sent))
