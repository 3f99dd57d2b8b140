"""/settings/delete: delete one's own account, confirmed with the password (app.users.deletion)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from app.users import bp, deletion
from app.users.forms import AccountDeletionForm


@bp.route("/settings/delete", methods=["GET", "POST"])
@login_required
def settings_delete():
    """What deleting the account means, and the form that does it (staff: why they cannot, and no form)."""
    staff = bool(current_user.role_names & deletion.STAFF_ROLES)
    form = AccountDeletionForm()
    if form.validate_on_submit():
        if staff:
            abort(403)
        try:
            deletion.delete_account(current_user._get_current_object(), form.password.data)
        except deletion.WrongPassword:
            form.password.errors.append(_("This is not your password."))
        else:
            logout_user()
            flash(_("Your account is deleted. Thank you for taking part."), "success")
            return redirect(url_for("main.home"))
    elif staff and form.is_submitted():
        abort(403)
    return render_template("users/settings_delete.html", form=form, staff=staff, demote_first=deletion.DEMOTE_FIRST)
