"""Follow and unfollow with one button (no JavaScript needed), and /following with unfollow buttons.

An unknown Subject, one that cannot be followed, or one the user may not see answers 404.
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import subjects
from app.extensions import db
from app.i18n import isolate
from app.models import Subject
from app.notifications import bp, services
from app.notifications.forms import FollowSettingsForm
from app.web import requested_page
from app.urls import next_from_request


def _followable_or_404(subject_id: int):
    subject = db.session.get(Subject, subject_id)
    try:
        obj = subjects.resolve(subject) if subject is not None else None
    except subjects.UnknownKind:
        obj = None
    if obj is None:
        abort(404)
    entry = subjects.kind_of(obj)
    if not entry.can("followable") or not entry.visible(current_user, obj):
        abort(404)
    return obj, entry


@bp.post("/follow/<int:subject_id>")
@login_required
def follow(subject_id: int):
    obj, entry = _followable_or_404(subject_id)
    services.follow(current_user, obj)
    flash(_("You follow “%(title)s” now.", title=isolate(entry.title(obj))), "success")
    return redirect(next_from_request(entry.url(obj)))


@bp.post("/unfollow/<int:subject_id>")
@login_required
def unfollow(subject_id: int):
    obj, entry = _followable_or_404(subject_id)
    services.unfollow(current_user, obj)
    flash(_("You no longer follow “%(title)s”.", title=isolate(entry.title(obj))), "success")
    return redirect(next_from_request(entry.url(obj)))


@bp.get("/following")
@login_required
def following():
    """What the signed-in user follows, newest first, each with an unfollow button."""
    shown, page, pages = requested_page(lambda number: services.following_page(current_user, number))
    return render_template("notifications/following.html", shown=shown, page=page, pages=pages,
                           here=url_for("notifications.following", page=page))


@bp.route("/settings/following", methods=["GET", "POST"])
@login_required
def settings_following():
    """Which automatic follows the signed-in user wants; what they follow already stays."""
    chosen = services.preferences(current_user)
    form = FollowSettingsForm(data=None if request.method == "POST" else {
        "on_create": chosen.on_create, "on_support": chosen.on_support, "on_reply": chosen.on_reply})
    if form.validate_on_submit():
        services.save_preferences(current_user, on_create=form.on_create.data, on_support=form.on_support.data,
                                  on_reply=form.on_reply.data)
        flash(_("Your choices have been saved."), "success")
        return redirect(url_for("notifications.settings_following"))
    return render_template("notifications/settings_following.html", form=form)
