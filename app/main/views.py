"""Home page, and the language and colour-theme switches that work without JavaScript."""
from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, session, url_for
from flask_login import current_user

from app.extensions import csrf
from app.i18n import SESSION_KEY, is_supported
from app.page_cache import cache_for_anonymous, changes_no_page
from app.themes import choose_theme, is_theme
from app.main import bp
from app.main.home_reading import home_for
from app.urls import next_from_request
from app.users.services import set_locale
from app.web import viewer


@bp.get("/")
@cache_for_anonymous
def home():
    """The welcome text, the signed-in person's own sections (drafts, supports, news of what they follow), and
    what happens on the platform for everyone; cached for visitors like the lists it shows (app.page_cache)."""
    home = home_for(viewer())
    return render_template("main/home.html", home=home)


@bp.post("/language")
@csrf.exempt
@changes_no_page
def switch_language():
    """Remember the chosen language for this session, and as the preference of a signed-in user.

    Only a signed-in user's switch needs a CSRF token (it changes their stored preference): a forged switch
    for an anonymous visitor changes nothing but the display language, and leaving the token out of the
    anonymous layout keeps anonymous pages free of per-session data, so app.page_cache can share them.
    Raises CSRFError (400) for a signed-in user without a valid token.
    """
    _protect_if_signed_in()
    locale = request.form.get("locale", "")
    if not is_supported(locale):
        abort(400)
    session[SESSION_KEY] = locale
    if current_user.is_authenticated:
        set_locale(current_user, locale)
    return redirect(next_from_request(url_for("main.home")))


@bp.post("/theme")
@csrf.exempt
@changes_no_page
def switch_theme():
    """Remember the chosen colour theme (light, dark, or the device's) for this session, and go back.

    Like the language switch, only a signed-in user's switch needs a CSRF token, so anonymous pages stay
    cacheable; a forged switch changes nothing but colours. Raises CSRFError (400) for a signed-in user without a
    valid token, and answers 400 for an unknown theme.
    """
    _protect_if_signed_in()
    theme = request.form.get("theme", "")
    if not is_theme(theme):
        abort(400)
    choose_theme(theme)
    return redirect(next_from_request(url_for("main.home")))


def _protect_if_signed_in() -> None:
    """The display switches' CSRF rule: a signed-in person's switch needs its token (raises CSRFError, 400)."""
    if current_user.is_authenticated and current_app.config["WTF_CSRF_ENABLED"]:
        csrf.protect()
