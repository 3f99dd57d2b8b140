"""Languages: which ones we offer, how a request's locale is chosen, and which way its text runs."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, request, session
from flask_babel import format_date, format_datetime, format_decimal, get_locale
from flask_login import current_user
from markupsafe import Markup, escape

from app.extensions import babel

SESSION_KEY = "locale"


@dataclass(frozen=True)
class Language:
    """A language of the interface: its code, its own name, and its text direction."""

    code: str
    native_name: str
    direction: str = "ltr"


LANGUAGES: dict[str, Language] = {
    "de": Language("de", "Deutsch"),
    "en": Language("en", "English"),
}
DEFAULT_LOCALE = "de"


def is_supported(code: str | None) -> bool:
    return bool(code) and code in LANGUAGES


def select_locale() -> str:
    """The user's preference, then the session's choice, then Accept-Language, then German."""
    if current_user and current_user.is_authenticated and is_supported(current_user.locale):
        return current_user.locale
    return anonymous_locale()


def anonymous_locale() -> str:
    """The locale without looking at the user: the session's choice, then Accept-Language, then German."""
    chosen = session.get(SESSION_KEY)
    if is_supported(chosen):
        return chosen
    return browser_locale() or DEFAULT_LOCALE


def browser_locale() -> str | None:
    """The language the browser prefers most among ours; "de-AT" counts as "de", q=0 as a refusal."""
    for value, quality in request.accept_languages:  # highest quality first
        code = value.replace("_", "-").split("-")[0].lower()
        if quality > 0 and is_supported(code):
            return code
    return None


def current_language() -> Language:
    """The Language of the active locale (German outside a request)."""
    locale = get_locale()
    return LANGUAGES.get(str(locale.language) if locale else DEFAULT_LOCALE, LANGUAGES[DEFAULT_LOCALE])


def text_direction(code: str | None = None) -> str:
    """"rtl" or "ltr" for `code`, or for the active locale when no code is given."""
    language = LANGUAGES.get(code) if code else current_language()
    return language.direction if language else "ltr"


def language_attributes(code: str | None) -> Markup:
    """` lang="…" dir="…"` for an element whose text is in `code`, when that is not the page's language; nothing
    otherwise (WCAG 3.1.2: a user's text in another language is read in its own)."""
    if not code or code == current_language().code:
        return Markup("")
    return Markup(' lang="{}" dir="{}"').format(code, text_direction(code))


def in_language(text: str, code: str | None) -> Markup:
    """`text` (escaped) marked up with its language and direction when it is not the page's language, so that a
    user's title quoted inside a translated sentence is read in its own language (WCAG 3.1.2)."""
    attributes = language_attributes(code)
    return Markup("<span{}>{}</span>").format(attributes, text) if attributes else escape(text)


def language_choices() -> list[tuple[str, str]]:
    """(code, native name) pairs for select fields, in the order we offer them."""
    return [(lang.code, lang.native_name) for lang in LANGUAGES.values()]


def init_app(app: Flask) -> None:
    """Bind Flask-Babel with our locale selector and give templates the locale helpers."""
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals.update(
        current_language=current_language,
        text_direction=text_direction,
        in_language=in_language,
        language_attributes=language_attributes,
        languages=LANGUAGES,
        format_date=format_date,
        format_datetime=format_datetime,
        format_decimal=format_decimal,
    )
