"""Languages: which locale a request gets, the no-JavaScript language switch, <html lang dir>, formats."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from flask_babel import force_locale, format_date, format_decimal
from helpers import add_user, html_lang, soup

from app.extensions import db
from app.i18n import LANGUAGES, SESSION_KEY, in_language, language_choices, select_locale, text_direction
from app.users.models import Role, User

PASSWORD = "correct horse battery"


def client_with(app, *, accept: str | None = None, session: str | None = None, user_locale: str | None = None):
    """A browser with an Accept-Language header, a language stored in its session, and a signed-in user."""
    client = app.test_client()
    if accept:
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = accept
    if user_locale:
        add_user(app, "alice", locale=user_locale)
        client.post("/login", data={"login": "alice", "password": PASSWORD})
    if session:
        with client.session_transaction() as stored:
            stored[SESSION_KEY] = session
    return client


@pytest.mark.parametrize(("user_locale", "session", "accept", "expected"), [
    (None, None, None, "de"),                     # German by default
    (None, None, "fr-FR,fr;q=0.9", "de"),         # a language we do not offer falls back to German
    (None, None, "en-US,en;q=0.8", "en"),         # the browser's language
    (None, None, "fr, en;q=0.5, de;q=0.4", "en"),  # the best one we offer
    (None, None, "en-GB", "en"),                  # a regional variant counts as its language
    (None, None, "en-US,de;q=0.5", "en"),         # ... also when a lesser choice is named exactly
    (None, None, "de-AT,en;q=0.8", "de"),
    (None, None, "en;q=0, de;q=0.1", "de"),       # q=0 means "not English"
    (None, None, "*", "de"),
    (None, "de", "en", "de"),                     # the session's choice beats the browser
    (None, "en", "de", "en"),
    (None, "xx", "en", "en"),                     # an unknown session value is ignored
    ("en", "de", "de", "en"),                     # the user's preference beats everything
    ("de", "en", "en", "de"),
])
def test_the_locale_is_the_users_then_the_sessions_then_the_browsers_then_german(app, user_locale, session, accept,
                                                                                expected):
    client = client_with(app, accept=accept, session=session, user_locale=user_locale)

    assert html_lang(client.get("/")) == (expected, "ltr")


def test_select_locale_reads_accept_language_and_defaults_to_german(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert select_locale() == "en"
    with app.test_request_context():
        assert select_locale() == "de"


def switch_buttons(form) -> list[tuple[str, str, str]]:
    """(value, lang, text) of each language button; the name is marked up in its own language."""
    found = []
    for button in form.find_all("button", attrs={"name": "locale"}):
        named = button if button.has_attr("lang") else button.find(lang=True)
        found.append((button["value"], named["lang"], named.get_text(strip=True)))
    return found


def test_the_switch_sets_the_session_and_works_as_a_plain_form_post(app):
    client = client_with(app, accept="de")

    response = client.post("/language", data={"locale": "en", "next": "/login"})

    assert response.status_code == 302 and response.location == "/login"
    with client.session_transaction() as stored:
        assert stored[SESSION_KEY] == "en"
    assert html_lang(client.get("/login")) == ("en", "ltr")


def test_every_page_offers_the_switch_as_a_form_without_javascript(app, client):
    form = soup(client.get("/register")).find("form", action="/language")

    assert form["method"] == "post"
    assert form.find("input", attrs={"name": "next"})["value"] == "/register"
    assert switch_buttons(form) == [("en", "en", "English"), ("tr", "tr", "Türkçe"), ("ar", "ar", "العربية")]


def test_the_switch_offers_the_other_languages_in_their_own_names(app):
    client = client_with(app, accept="en")

    form = soup(client.get("/")).find("form", action="/language")

    assert switch_buttons(form) == [("de", "de", "Deutsch"), ("tr", "tr", "Türkçe"), ("ar", "ar", "العربية")]


def test_the_switch_stores_the_preference_of_a_signed_in_user(app):
    client = client_with(app, user_locale="de")

    client.post("/language", data={"locale": "en"})

    with app.app_context():
        assert db.session.execute(db.select(User.locale).where(User.username == "alice")).scalar_one() == "en"
    client.post("/logout")
    fresh = app.test_client()
    fresh.post("/login", data={"login": "alice", "password": PASSWORD})
    assert html_lang(fresh.get("/")) == ("en", "ltr")  # the preference follows the user to another browser


@pytest.mark.parametrize("locale", ["fr", "", "EN", "de-DE"])
def test_an_unsupported_language_is_refused(app, client, locale):
    response = client.post("/language", data={"locale": locale})

    assert response.status_code == 400
    with client.session_transaction() as stored:
        assert SESSION_KEY not in stored


@pytest.mark.parametrize(("next_", "target"), [
    ("/u/alice?tab=2", "/u/alice?tab=2"),
    ("/", "/"),
    ("https://evil.example/", "/"),
    ("//evil.example", "/"),
    ("/\\evil.example", "/"),
    ("javascript:alert(1)", "/"),
    (None, "/"),
])
def test_the_switch_goes_back_only_to_a_same_site_next(client, next_, target):
    data = {"locale": "en"}
    if next_ is not None:
        data["next"] = next_

    response = client.post("/language", data=data)

    assert response.status_code == 302 and response.location == target


PUBLIC = ["/", "/login", "/register", "/reset-password", "/confirm", "/accessibility/report", "/u/alice",
          "/reset-password/not-a-token", "/no-such-page"]
SIGNED_IN = ["/settings", "/settings/email", "/settings/password"]


@pytest.mark.parametrize("lang", ["de", "en", "tr", "ar"])
def test_every_page_declares_its_language_and_direction(app, lang):
    client = client_with(app, accept=lang)
    add_user(app, "alice")
    add_user(app, "admin", roles=(Role.ADMIN,))

    for path in PUBLIC:
        response = client.get(path)
        assert response.status_code in (200, 400, 404), path
        assert html_lang(response) == (lang, text_direction(lang)), path
    client.post("/login", data={"login": "alice", "password": PASSWORD})
    client.post("/language", data={"locale": lang})
    for path in SIGNED_IN:
        response = client.get(path)
        assert response.status_code == 200, path
        assert html_lang(response) == (lang, text_direction(lang)), path


def test_error_pages_of_other_methods_declare_the_language_too(app):
    client = client_with(app, accept="en")

    assert html_lang(client.get("/logout")) == ("en", "ltr")  # 405


@pytest.mark.parametrize(("locale", "decimal", "date"), [
    ("de", "1.234,5", "5. März 2024"),
    ("en", "1,234.5", "March 5, 2024"),
    ("tr", "1.234,5", "5 Mart 2024"),
    ("ar", "1,234.5", "5 مارس 2024"),
])
def test_numbers_and_dates_follow_the_locale(app, locale, decimal, date):
    when = datetime(2024, 3, 5, 12, 0, tzinfo=timezone.utc)
    with app.test_request_context(), force_locale(locale):
        assert format_decimal(1234.5) == decimal
        assert format_date(when, "long") == date
    with app.test_request_context(headers={"Accept-Language": locale}):
        template = app.jinja_env.from_string("{{ format_decimal(1234.5) }}|{{ format_date(when, 'long') }}")
        assert template.render(when=when) == f"{decimal}|{date}"


def test_text_direction_and_choices():
    assert set(LANGUAGES) == {"de", "en", "tr", "ar"}
    assert language_choices() == [("de", "Deutsch"), ("en", "English"), ("tr", "Türkçe"), ("ar", "العربية")]
    assert text_direction("de") == text_direction("en") == text_direction("tr") == "ltr"
    assert text_direction("ar") == "rtl"
    assert text_direction("xx") == "ltr"


def test_a_quoted_title_in_another_language_is_marked_up_with_it(app):
    with app.test_request_context(), force_locale("en"):
        assert str(in_language("Bürger <b>amt</b>", "de")) == (
            '<bdi lang="de" dir="ltr">Bürger &lt;b&gt;amt&lt;/b&gt;</bdi>')
        assert str(in_language("Booking & more", "en")) == "Booking &amp; more"  # the page's own: text alone
        assert str(in_language("Booking", None)) == "Booking"


def test_language_attributes_mark_only_text_in_another_language_than_the_page(app):
    from app.i18n import language_attributes

    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert str(language_attributes("de")) == ' lang="de" dir="ltr"'
        assert str(language_attributes("en")) == "" and str(language_attributes(None)) == ""
        assert str(in_language("<b>Bänke</b>", "de")) == '<bdi lang="de" dir="ltr">&lt;b&gt;Bänke&lt;/b&gt;</bdi>'
        assert str(in_language("<b>x</b>", "en")) == "&lt;b&gt;x&lt;/b&gt;"


@pytest.mark.parametrize(("locale", "share", "written"), [("de", 26, "26 %"), ("en", 26, "26%"), ("tr", 26, "%26"),
                                                        ("ar", 26, "26%")])
def test_percentages_follow_the_locale(app, locale, share, written):
    from app.i18n import percent

    with app.test_request_context(), force_locale(locale):
        assert percent(share).replace("\u00a0", " ").replace("\u200e", "").replace("\u061c", "") == written


def test_names_and_titles_are_isolated_where_their_direction_could_disturb_the_sentence(app):
    from app.i18n import bdi, isolate

    with app.test_request_context(), force_locale("en"):
        assert str(bdi("Nina <3")) == "Nina &lt;3"  # Latin in a left-to-right sentence: nothing to isolate
        assert isolate("Nina") == "Nina"
        assert str(bdi("محمد")) == "<bdi>محمد</bdi>"  # Arabic in an English sentence
        assert isolate("Park für محمد") == "\u2068Park für محمد\u2069"
    with app.test_request_context(), force_locale("ar"):
        assert str(bdi("Nina <3")) == "<bdi>Nina &lt;3</bdi>"  # anything in a right-to-left sentence
        assert isolate("Nina") == "\u2068Nina\u2069"
        assert str(in_language("Bänke", "de")) == '<bdi lang="de" dir="ltr">Bänke</bdi>'
        assert str(in_language("حديقة", "ar")) == "<bdi>حديقة</bdi>"


def test_a_latin_name_in_an_arabic_page_sentence_is_isolated(app, client):
    add_user(app, "nina_k", display_name="Nina K.")
    client.post("/language", data={"locale": "ar"})

    page = soup(client.get("/u/nina_k"))

    isolated = [tag.get_text() for tag in page.find_all("bdi")]
    assert "Nina K." in isolated


def test_the_arrow_from_before_to_after_points_the_way_the_text_runs(app):
    from app.i18n import forward_arrow

    with app.test_request_context(), force_locale("de"):
        assert forward_arrow() == "→"
    with app.test_request_context(), force_locale("ar"):
        assert forward_arrow() == "←"
