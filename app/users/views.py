"""Public profiles and the settings pages of the signed-in user."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user

from app.auth import services as auth_services
from app.auth.passwords import verify_password
from app.moderation.visibility import hidden_from
from app.page_cache import cache_for_anonymous
from app.users import bp, profile_sections, services
from app.users.forms import EmailChangeForm, PasswordChangeForm, ProfileForm
from app.web import requested_page


def _profile_or_404(username: str):
    """The person whose profile `username` names; 404 for an unknown or closed account, and for a profile
    moderation hid (but for its owner and the moderators, who see it marked)."""
    user = services.find_by_username(username)
    if user is None or not user.is_active_account or hidden_from(current_user, user.subject, user.id):
        abort(404)
    return user


@bp.get("/u/<username>")
@cache_for_anonymous
def profile(username: str):
    """A member's public profile (404 as `_profile_or_404` says). It lists the newest of what the person wrote
    and works on, as the feature packages registered it (app.users.profile_sections)."""
    user = _profile_or_404(username)
    return render_template("users/profile.html", user=user,
                           sections=profile_sections.shown(user, current_user))


@bp.get("/u/<username>/<key>")
@cache_for_anonymous
def profile_list(username: str, key: str):
    """Everything of one section of a profile, page by page; 404 for a section the viewer may not see (someone
    else's drafts), an unknown one, or a page past the last."""
    user = _profile_or_404(username)
    section = profile_sections.find(key)
    if section is None:
        abort(404)

    def load(page: int):
        found = profile_sections.page_of(section, user, current_user, page)
        if found is None:
            abort(404)
        return found

    items, page, pages = requested_page(load)
    return render_template("users/profile_list.html", user=user, section=section, items=items, page=page,
                           pages=pages)


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings_profile():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        services.update_profile(current_user, display_name=form.display_name.data,
                                bio_md=form.bio_md.data or "", locale=form.locale.data)
        flash(_("Your profile has been saved."), "success")
        return redirect(url_for("users.settings_profile"))
    return render_template("users/settings_profile.html", form=form)


@bp.route("/settings/email", methods=["GET", "POST"])
@login_required
def settings_email():
    form = EmailChangeForm(current_user)
    if form.validate_on_submit():
        if not verify_password(current_user.password_hash, form.current_password.data):
            form.current_password.errors.append(_("This is not your current password."))
        else:
            auth_services.request_email_change(current_user, form.email.data)
            if current_user.pending_email:
                flash(_("We have sent a confirmation link to %(email)s.", email=current_user.pending_email), "success")
            return redirect(url_for("users.settings_email"))
    return render_template("users/settings_email.html", form=form)


@bp.route("/settings/password", methods=["GET", "POST"])
@login_required
def settings_password():
    form = PasswordChangeForm(current_user)
    if form.validate_on_submit():
        remember = request.cookies.get(current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")) is not None
        if auth_services.change_password(current_user, form.current_password.data, form.new_password.data):
            login_user(current_user._get_current_object(), remember=remember)  # keep this session; all others have ended
            flash(_("Your password has been changed. You were logged out everywhere else."), "success")
            return redirect(url_for("users.settings_password"))
        form.current_password.errors.append(_("This is not your current password."))
    return render_template("users/settings_password.html", form=form)
