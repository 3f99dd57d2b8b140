"""/settings/sessions: the browsers signed in to one's account, and ending any or all of the others."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from app.users import bp, sessions


@bp.get("/settings/sessions")
@login_required
def settings_sessions():
    """Every session of the signed-in user, this browser's marked, the most recently seen first."""
    return render_template("users/settings_sessions.html", sessions=sessions.of(current_user),
                           current=current_user.session_key, browser_of=sessions.browser_of,
                           forget_days=current_app.config["REMEMBER_COOKIE_DURATION"] // 86400)


@bp.post("/settings/sessions/<int:session_id>/end")
@login_required
def end_session(session_id: int):
    """End one session of the signed-in user (another's, or one that is gone: 404)."""
    if not sessions.end(current_user, session_id):
        abort(404)
    flash(_("That session has ended: the browser is logged out."), "success")
    return redirect(url_for("users.settings_sessions"))


@bp.post("/settings/sessions/end-others")
@login_required
def end_other_sessions():
    """End every session of the signed-in user but this browser's."""
    ended = sessions.end_others(current_user)
    flash(ngettext("%(num)d other session has ended.", "%(num)d other sessions have ended.", ended), "success")
    return redirect(url_for("users.settings_sessions"))
