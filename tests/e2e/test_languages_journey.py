"""Turkish and Arabic by keyboard alone: a newcomer registers, confirms by e-mail, logs in, proposes an idea,
then supports another idea and replies to it, every page in their language (right to left in Arabic).

The browser asks for the language (Accept-Language); only Tab, Shift+Tab, typing and Enter are pressed."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from browsing import check_whole_page, focused_element, follow, is_focused, key_to, tab_once_to, tab_to
from factories import make_idea, make_idea_category, make_user

PASSWORD = "lantern orchard pebble"
PEOPLE = {
    "tr": {"username": "IŞIL_demir", "stored": "ışıl_demir", "name": "Işıl Demir", "email": "isil@example.org",
           "title": "Parklarda ücretsiz internet", "body": "Parklarda **ücretsiz** kablosuz internet olsun.",
           "reply": "Katılıyorum, bu çok işe yarar."},
    "ar": {"username": "layla_m", "stored": "layla_m", "name": "ليلى منصور", "email": "layla@example.org",
           "title": "إنترنت مجاني في الحدائق", "body": "نريد **إنترنت** لاسلكيًا مجانيًا في الحدائق العامة.",
           "reply": "أوافق، هذه فكرة مفيدة جدًا."},
}
OTHER_TITLE = "Termine im Bürgeramt online buchen"


@pytest.fixture(params=["tr", "ar"])
def lang(request) -> str:
    return request.param


@pytest.fixture
def other_idea(app) -> int:
    with app.app_context():
        category = make_idea_category("digitales-rathaus", name="Digitales Rathaus", threshold=3)
        return make_idea(make_user("frieda", display_name="Frieda Krause"), category, title=OTHER_TITLE,
                         body="Bisher geht das nur am Telefon.", language="de").id


def test_register_propose_support_and_reply_by_keyboard(page: Page, say, say_count, smtp_server, lang,
                                                         assert_accessible, other_idea):
    person = PEOPLE[lang]
    direction = "rtl" if lang == "ar" else "ltr"
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("html")).to_have_attribute("dir", direction)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name=say(lang, "Skip to main content"))
    assert is_focused(skip), f"the first Tab stop is {focused_element(page)}"

    # Register.
    tab_to(page, page.get_by_role("main").get_by_role("link", name=say(lang, "Register")))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(say(lang, "Create an account"))
    tab_to(page, page.get_by_label(say(lang, "Username")))
    page.keyboard.type(person["username"])
    tab_once_to(page, page.get_by_label(say(lang, "Display name")))
    page.keyboard.type(person["name"])
    tab_once_to(page, page.get_by_label(say(lang, "E-mail address")))
    page.keyboard.type(person["email"])
    tab_once_to(page, page.get_by_label(say(lang, "Password"), exact=True))
    page.keyboard.type(PASSWORD)
    tab_once_to(page, page.get_by_role("button", name=say(lang, "Create account")))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(say(lang, "Check your e-mail"))

    # The confirmation e-mail is in the person's language and direction.
    [message] = smtp_server.wait_for(person["email"])
    assert message["Subject"] == say(lang, "Please confirm your e-mail address for WerkSTADT")
    html = message.get_body(("html",)).get_content()
    assert f'lang="{lang}" dir="{direction}"' in html
    link = re.search(r"http://127\.0\.0\.1:\d+/confirm/\S+", message.get_body(("plain",)).get_content())
    # The link signs in the browser that registered; log out and in with the name as typed (Turkish capitals
    # are lower-cased the Turkish way).
    page.goto(link.group(0))
    name = f"\u2068{person['name']}\u2069" if lang == "ar" else person["name"]  # isolated in a right-to-left text
    expect(page.get_by_role("status")).to_contain_text(say(lang, "Thank you, your e-mail address is confirmed."))
    expect(page.get_by_role("status")).to_contain_text(say(lang, "Welcome, %(name)s: you are logged in.", name=name))
    tab_to(page, page.get_by_role("banner").get_by_role("button", name=say(lang, "Log out")))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(say(lang, "You are logged out."))
    page.goto("/login")
    tab_to(page, page.get_by_label(say(lang, "E-mail address or username")))
    page.keyboard.type(person["stored"])
    tab_once_to(page, page.get_by_label(say(lang, "Password"), exact=True))
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(say(lang, "Welcome back, %(name)s.", name=name))

    # Propose an idea in the person's language.
    main_nav = page.get_by_role("navigation", name=say(lang, "Main"))
    follow(page, main_nav.get_by_role("link", name=say(lang, "Ideas")), focus_visible=True)
    follow(page, page.get_by_role("main").get_by_role("link", name=say(lang, "Propose an idea")), focus_visible=True)
    expect(page.get_by_role("heading", level=1)).to_have_text(say(lang, "Propose an idea"))
    key_to(page, page.get_by_label(say(lang, "Title")))
    page.keyboard.type(person["title"])
    tab_once_to(page, page.get_by_label(say(lang, "Description")))
    page.keyboard.type(person["body"])
    tab_once_to(page, page.get_by_label(say(lang, "Category")))
    language = page.get_by_label(say(lang, "Language of your text"))
    tab_once_to(page, language)
    expect(language).to_have_value(lang)
    tab_once_to(page, page.get_by_role("button", name=say(lang, "Publish the idea")))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(say(lang, "Your idea has been published."))
    expect(page.get_by_role("heading", level=1)).to_have_text(person["title"])
    check_whole_page(page, lang, assert_accessible, "the new idea")

    # Support another idea and reply to it.
    follow(page, main_nav.get_by_role("link", name=say(lang, "Ideas")), focus_visible=True)
    follow(page, page.get_by_role("main").get_by_role("link", name=OTHER_TITLE, exact=True), focus_visible=True)
    expect(page.get_by_role("heading", level=1)).to_have_text(OTHER_TITLE)
    supports = page.get_by_role("region", name=say(lang, "Supports"))
    follow(page, supports.get_by_role("button", name=say(lang, "Support this idea")), focus_visible=True)
    expect(page.get_by_role("status")).to_contain_text(say(lang, "Thank you: you support this idea."))
    expect(supports).to_contain_text(say_count(lang, "%(num)s person supports this idea.",
                                               "%(num)s people support this idea.", 1))
    discussion = page.get_by_role("region", name=say(lang, "Discussion"))
    form = discussion.get_by_role("region", name=say(lang, "Reply to this thread")).locator("form")
    key_to(page, form.get_by_role("textbox", name=say(lang, "Your reply")))
    page.keyboard.type(person["reply"])
    tab_to(page, form.get_by_role("button", name=say(lang, "Publish reply")))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(say(lang, "Your reply has been published."))
    expect(page.get_by_role("main")).to_contain_text(person["reply"])
    check_whole_page(page, lang, assert_accessible, "the idea with the reply")
