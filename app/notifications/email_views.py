"""/settings/notifications (how each kind is e-mailed) and the signed unsubscribe link, which needs no login."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.extensions import csrf
from app.notifications import bp, email_settings, kinds
from app.notifications.forms import notification_settings_form


@bp.route("/settings/notifications", methods=["GET", "POST"])
@login_required
def settings_notifications():
    """One choice per kind of notification: immediately, daily digest, weekly digest, or never."""
    registered = kinds.all_kinds()
    current = email_settings.deliveries(current_user)
    form = notification_settings_form(registered, data=None if request.method == "POST" else {
        f"kind_{name}": delivery for name, delivery in current.items()})
    if form.validate_on_submit():
        email_settings.save_deliveries(current_user, {
            kind.name: form[f"kind_{kind.name}"].data for kind in registered})
        flash(_("Your choices have been saved."), "success")
        return redirect(url_for("notifications.settings_notifications"))
    return render_template("notifications/settings_notifications.html", form=form,
                           fields=[form[f"kind_{kind.name}"] for kind in registered])


@bp.route("/notifications/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # the signed token is the proof; mail clients send RFC 8058 one-click POSTs without a session
def unsubscribe(token: str):
    """GET asks for the one click (link checkers in mail systems open links); POST unsubscribes."""
    found = email_settings.read_unsubscribe_token(token)
    if found is None:
        abort(404)
    user, scope = found
    if request.method == "POST":
        email_settings.unsubscribe(user, scope)
        return render_template("notifications/unsubscribed.html", scope=scope, scope_label=_scope_label(scope),
                               user=user)
    return render_template("notifications/unsubscribe.html", token=token, scope=scope,
                           scope_label=_scope_label(scope), user=user)


def _scope_label(scope: str) -> str:
    if scope == email_settings.ALL:
        return _("all e-mails about notifications")
    if scope == "daily":
        return _("the daily digest")
    if scope == "weekly":
        return _("the weekly digest")
    return _("e-mails about “%(kind)s”", kind=kinds.get(scope).label)
