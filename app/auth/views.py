"""Pages for registering, confirming, logging in and out, and resetting a password."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from app.auth import bp, services
from app.auth.forms import LoginForm, RegisterForm, ResendConfirmationForm, ResetPasswordForm, ResetRequestForm
from app.extensions import limiter
from app.i18n import DEFAULT_LOCALE, is_supported, isolate, select_locale
from app.moderation.standing import suspension_message
from app.urls import next_from_request
from app.users import sessions
from app.users.services import AccountExists, find_by_email

AWAITING_CONFIRMATION = "awaiting_confirmation"  # session: the account this browser registered, until confirmed


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = services.register(
                email=form.email.data, username=form.username.data, display_name=form.display_name.data,
                password=form.password.data, locale=select_locale(),
            )
        except AccountExists:
            form.username.errors.append(_("This username or e-mail address was just taken. Please try again."))
        else:
            session[AWAITING_CONFIRMATION] = user.id
            return render_template("auth/check_email.html", email=user.email)
    return render_template("auth/register.html", form=form)


@bp.get("/confirm/<token>")
def confirm(token: str):
    """Confirm an address. The browser that registered the account is signed in at once (the link opened
    anywhere else, say by a mail scanner or on another device, leads to the login form); a signed-in person who
    confirmed a new address goes back to their e-mail settings."""
    user = services.confirm_email(token)
    if user is None:
        flash(_("This confirmation link is invalid or has expired. You can ask for a new one."), "error")
        return redirect(url_for("auth.resend_confirmation"))
    flash(_("Thank you, your e-mail address is confirmed."), "success")
    if current_user.is_authenticated:
        return redirect(url_for("users.settings_email"))
    if session.pop(AWAITING_CONFIRMATION, None) == user.id and user.is_active:  # active: not suspended either
        sign_in(user)
        flash(_("Welcome, %(name)s: you are logged in.", name=isolate(user.display_name)), "success")
        return redirect(url_for("main.home"))
    return redirect(url_for("auth.login"))


@bp.route("/confirm", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def resend_confirmation():
    form = ResendConfirmationForm()
    if form.validate_on_submit():
        user = find_by_email(form.email.data)
        if user is not None and not user.is_confirmed:
            services.send_confirmation(user)
        flash(_("If an unconfirmed account uses this address, we have sent it a new link."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/resend_confirmation.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(next_from_request(url_for("main.home")))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.login.data, form.password.data)
        if user is not None and user.is_active_account and user.is_suspended:
            # Only after the right password, so the page tells strangers nothing about suspensions.
            return render_template("auth/login.html", form=form, unconfirmed=False, suspended=_suspension(user))
        if user is None or not user.is_active:
            form.password.errors.append(_("The e-mail address, username or password is not right."))
        elif not user.is_confirmed:
            form.login.errors.append(_("Please confirm your e-mail address first: follow the link we sent you."))
            return render_template("auth/login.html", form=form, unconfirmed=True), 200
        else:
            sign_in(user, remember=form.remember.data)
            flash(_("Welcome back, %(name)s.", name=isolate(user.display_name)), "success")
            return redirect(next_from_request(url_for("main.home")))
    return render_template("auth/login.html", form=form, unconfirmed=False)


def _suspension(user) -> dict:
    """Why and until when `user` is suspended, in their own language, for the login page."""
    locale = user.locale if is_supported(user.locale) else DEFAULT_LOCALE
    with force_locale(locale):
        return {"message": suspension_message(user), "locale": locale,
                "data": _("You can still ask for a copy of your data or for your account to be deleted:"),
                "privacy": _("the privacy notice"), "imprint": _("the contact in the imprint")}


def sign_in(user, *, remember: bool = False) -> None:
    """Log `user` in with a new session for this browser (app.users.sessions)."""
    sessions.start(user, user_agent=request.user_agent.string, address=request.remote_addr)
    login_user(user, remember=remember)


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        sessions.sign_out(current_user)
    logout_user()
    flash(_("You are logged out."), "success")
    return redirect(next_from_request(url_for("main.home")))


@bp.route("/reset-password", methods=["GET", "POST"])
@limiter.limit("5 per minute", methods=["POST"])
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        return render_template("auth/reset_sent.html", email=form.email.data)
    return render_template("auth/reset_request.html", form=form)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def reset_password(token: str):
    account = services.user_for_reset_token(token)
    if account is None:
        return render_template("auth/reset_invalid.html"), 400
    form = ResetPasswordForm(account)
    if form.validate_on_submit():
        user = services.reset_password(token, form.password.data)
        if user is None:
            abort(400)
        sign_in(user)
        flash(_("Your password has been changed. You are logged in."), "success")
        return redirect(url_for("main.home"))
    return render_template("auth/reset_password.html", form=form, token=token)

