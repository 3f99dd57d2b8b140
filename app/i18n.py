"""Languages: which ones we offer, how a request's locale is chosen, and which way its text runs."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from flask import Flask, has_request_context, request, session
from flask_babel import format_date, format_datetime, format_decimal, format_percent, get_locale
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
    "tr": Language("tr", "Türkçe"),
    "ar": Language("ar", "العربية", "rtl"),
}
DEFAULT_LOCALE = "de"


def is_supported(code: str | None) -> bool:
    return bool(code) and code in LANGUAGES


def select_locale() -> str:
    """The user's preference, then the session's choice, then Accept-Language, then German (outside a request,
    in a job or a command that did not choose one with force_locale)."""
    if not has_request_context():
        return DEFAULT_LOCALE
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


RIGHT_TO_LEFT_CLASSES = frozenset({"R", "AL"})
FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


def needs_isolation(text: str) -> bool:
    """Whether `text` (a name, a title) must be isolated inside a translated sentence: always on a right-to-left
    page, and on a left-to-right one when the text holds right-to-left letters. Latin text in a German or
    English sentence cannot disturb it, so it stays as it is."""
    return current_language().direction == "rtl" or any(
        unicodedata.bidirectional(char) in RIGHT_TO_LEFT_CLASSES for char in text)


def isolate(text: str) -> str:
    """`text` between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE where it needs isolation: for plain text
    (e-mail subjects and bodies, notification sentences), where <bdi> is not available."""
    text = str(text)
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}" if needs_isolation(text) else text


def bdi(text: str) -> Markup:
    """`text` (escaped) in <bdi> where it needs isolation, so that a Latin name in an Arabic sentence (and the
    reverse) keeps its place and its punctuation (Unicode bidirectional algorithm, HTML's <bdi>)."""
    return Markup("<bdi>{}</bdi>").format(text) if needs_isolation(str(text)) else escape(text)


def in_language(text: str, code: str | None) -> Markup:
    """`text` (escaped) marked up with its language and direction when it is not the page's language, so that a
    user's title quoted inside a translated sentence is read in its own language (WCAG 3.1.2), and isolated
    (<bdi>) from the sentence around it."""
    attributes = language_attributes(code)
    return Markup("<bdi{}>{}</bdi>").format(attributes, text) if attributes else bdi(text)


def language_name(code: str) -> str:
    """A language of the site by its own name ("Türkçe"); any other code as it is."""
    language = LANGUAGES.get(code)
    return language.native_name if language else code


def forward_arrow() -> str:
    """An arrow from what comes first to what follows, in the reading direction: "→", or "←" right to left
    (arrows are not mirrored by the bidirectional algorithm, unlike brackets and "›")."""
    return "←" if current_language().direction == "rtl" else "→"


def percent(whole_percent: float) -> str:
    """A share given in percent (0-100), written the locale's way: "26 %", "26%", "%26"."""
    return format_percent(whole_percent / 100)


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
        isolate=isolate,
        language_attributes=language_attributes,
        languages=LANGUAGES,
        format_date=format_date,
        format_datetime=format_datetime,
        format_decimal=format_decimal,
        percent=percent,
        forward_arrow=forward_arrow,
        language_name=language_name,
    )
    app.jinja_env.filters.update(bdi=bdi, isolate=isolate)
