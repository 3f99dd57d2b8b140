"""The settings page of the admin area: every setting the packages define, in one form, grouped."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from app.admin import bp
from app.admin.guard import admins_only
from app.admin.settings_forms import SettingsForm
from app.trust import settings
from app.web import acting_user


@bp.route("/settings", methods=["GET", "POST"])
@admins_only
def settings_page():
    """Show the settings; store the changed ones (each audited). A value out of bounds: error next to its field,
    nothing stored."""
    form = SettingsForm.build()
    if form.validate_on_submit():
        changed = settings.change(acting_user(), form.values())
        flash(ngettext("%(num)d setting changed.", "%(num)d settings changed.", len(changed)) if changed
              else _("Nothing changed."), "success")
        return redirect(url_for("admin.settings_page"))
    return render_template("admin/settings.html", form=form)

