"""/settings/data: ask for an archive of one's data, see how far it is, and download it (its owner only)."""
from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.exports import bp, services
from app.exports.services import EXPIRY


@bp.get("/settings/data")
@login_required
def settings_data():
    """The latest export of the signed-in person and what it is doing; the button to ask for a new one."""
    return render_template("exports/settings_data.html", export=services.latest(current_user), days=EXPIRY.days)


@bp.post("/settings/data")
@login_required
def request_data():
    """Ask for an archive (the one being made stays the one)."""
    services.request_export(current_user)
    flash(_("We are putting your data together. We will tell you here and by e-mail when it is ready."), "success")
    return redirect(url_for("exports.settings_data"))


@bp.get("/settings/data/<token>/werkstadt-data.zip")
@login_required
def download(token: str):
    """The archive, to its owner only while it lasts; 404 for anyone and anything else."""
    export = services.download(current_user, token)
    if export is None:
        abort(404)
    return Response(export.archive, mimetype="application/zip", headers={
        "Content-Disposition": "attachment; filename=werkstadt-data.zip", "Cache-Control": "private, no-store"})
