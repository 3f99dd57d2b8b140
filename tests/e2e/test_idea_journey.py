"""Ideas by keyboard alone, in German: propose one, support it and take the support back, discuss it with a stance,
and answer it as the city.

Each journey runs once with JavaScript (the error summary takes focus) and once without (every page works on its
own). Only Tab, Shift+Tab, typing, Enter and, inside a radio group, an arrow key are pressed; nothing is clicked,
and `locator.focus()` is never called. Where a step is not the point of a test, factories set the scene.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from app.users.models import Role
from browsing import assert_focus_visible, follow, is_focused, key_to, tab_once_to
from factories import add_supporters, make_idea, make_idea_category, make_reply, make_user

AUTHOR, AUTHOR_NAME = "frieda", "Frieda Krause"
MEMBER, MEMBER_NAME = "carla", "Carla Nowak"
STAFF, STAFF_NAME = "stadt", "Sven Amtmann"
SHORT_TITLE = "WLAN"  # one character too short
TITLE = "Freies WLAN im Bürgeramt"
BODY = "Im **Bürgeramt** gibt es kein freies WLAN.\nWer wartet, könnte Formulare online ausfüllen."
IDEA_TITLE = "Termine im Bürgeramt online buchen"
IDEA_BODY = "Bisher geht das nur am Telefon. Eine **Online-Buchung** spart allen Zeit."
REPLY = "Unbedingt, ich habe letzte Woche eine Stunde in der Warteschleife verbracht."
EXPLANATION = "Wir bauen die **Online-Buchung** bis zum Sommer. Der Stadtrat hat das Geld bewilligt."


pytestmark = pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])


@pytest.fixture
def idea_id(app) -> int:
    """A published idea by Frieda in a category that asks for 3 supports; Carla and Sven have accounts."""
    with app.app_context():
        author = make_user(AUTHOR, display_name=AUTHOR_NAME)
        make_user(MEMBER, display_name=MEMBER_NAME)
        make_user(STAFF, display_name=STAFF_NAME, roles=(Role.CITY_STAFF,))
        category = make_idea_category("digitales-rathaus", name="Digitales Rathaus", threshold=3)
        return make_idea(author, category, title=IDEA_TITLE, body=IDEA_BODY, language="de").id


def main_nav(page: Page, say, name: str) -> Locator:
    return page.get_by_role("navigation", name=say("de", "Main")).get_by_role("link", name=say("de", name))


def open_idea_from_list(page: Page, say, title: str) -> None:
    """Ideas (main navigation) → the idea's title in the list."""
    follow(page, main_nav(page, say, "Ideas"), focus_visible=True)
    expect(page.get_by_role("heading", level=1)).to_have_text(say("de", "Ideas"))
    follow(page, page.get_by_role("main").get_by_role("link", name=title, exact=True), focus_visible=True)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page).to_have_url(re.compile(r"/ideas/\d+$"))


# --- a. propose ------------------------------------------------------------------------------------------------

def test_propose_an_idea_with_an_error_and_a_preview_by_keyboard(app, page: Page, log_in, say, javascript):
    with app.app_context():
        make_user(AUTHOR, display_name=AUTHOR_NAME)
        make_idea_category("digitales-rathaus", name="Digitales Rathaus")
        make_idea_category("mobilitaet", name="Mobilität")
    log_in(AUTHOR, AUTHOR_NAME, by_keyboard=True)

    # Ideas (main navigation) → Propose an idea.
    follow(page, main_nav(page, say, "Ideas"), focus_visible=True)
    expect(page.get_by_role("heading", level=1)).to_have_text(say("de", "Ideas"))
    follow(page, page.get_by_role("main").get_by_role("link", name=say("de", "Propose an idea")), focus_visible=True)
    expect(page.get_by_role("heading", level=1)).to_have_text(say("de", "Propose an idea"))

    # A title that is too short, the description, a category chosen by typing its first letters; Publish.
    title = page.get_by_label(say("de", "Title"))
    body = page.get_by_label(say("de", "Description"))
    category = page.get_by_label(say("de", "Category"))
    language = page.get_by_label(say("de", "Language of your text"))
    publish = page.get_by_role("button", name=say("de", "Publish the idea"))
    key_to(page, title)
    page.keyboard.type(SHORT_TITLE)
    tab_once_to(page, body)
    page.keyboard.type(BODY)
    tab_once_to(page, category)
    page.keyboard.type("Mob")  # a closed select picks the option its typed letters begin
    expect(category).to_have_value("mobilitaet")
    tab_once_to(page, language)
    expect(language).to_have_value("de")
    tab_once_to(page, publish)
    page.keyboard.press("Enter")

    # The error summary links to the title; the error stands next to it; everything typed is kept.
    expect(page.get_by_role("heading", level=1)).to_have_text(say("de", "Propose an idea"))
    too_short = say("de", "Please use between %(min)d and %(max)d characters.", min=5, max=150)
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(too_short)
    expect(summary.get_by_role("link")).to_have_count(1)
    expect(summary.get_by_role("link")).to_have_attribute("href", "#title")
    if javascript:
        expect(summary).to_be_focused()
    expect(page.locator("#title-error")).to_contain_text(too_short)
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(title).to_have_attribute("aria-describedby", re.compile(r"(^| )title-error( |$)"))
    expect(title).to_have_value(SHORT_TITLE)
    expect(body).to_have_value(BODY)
    expect(category).to_have_value("mobilitaet")
    expect(language).to_have_value("de")
    expect(page.get_by_role("region", name=say("de", "Preview"))).to_have_count(0)

    # The summary's link leads to the title; fix it (moving into a text field with Tab or Shift+Tab selects its
    # text, so typing replaces it), then Preview.
    follow(page, summary.get_by_role("link"), focus_visible=True)
    expect(title).to_be_focused()
    tab_once_to(page, body)
    page.keyboard.press("Shift+Tab")
    expect(title).to_be_focused()
    page.keyboard.type(TITLE)
    expect(title).to_have_value(TITLE)
    follow(page, page.get_by_role("button", name=say("de", "Preview")), focus_visible=True)
    preview = page.get_by_role("region", name=say("de", "Preview"))
    expect(preview.locator("strong")).to_have_text("Bürgeramt")
    expect(preview).to_contain_text("Wer wartet, könnte Formulare online ausfüllen.")
    expect(preview).not_to_contain_text("**")
    expect(page.get_by_role("alert")).to_have_count(0)  # the title is fine now
    expect(title).to_have_value(TITLE)
    expect(body).to_have_value(BODY)
    expect(category).to_have_value("mobilitaet")

    # Publish: the idea's page, with its title as the heading, the message, and the rendered text.
    follow(page, page.get_by_role("button", name=say("de", "Publish the idea")), focus_visible=True)
    expect(page.get_by_role("status")).to_contain_text(say("de", "Your idea has been published."))
    expect(page).to_have_url(re.compile(r"/ideas/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    description = page.get_by_role("region", name=say("de", "Description"))
    expect(description.locator("strong")).to_have_text("Bürgeramt")
    expect(page.locator(".idea-header .idea-status")).to_contain_text(say("de", "New"))
    breadcrumbs = page.get_by_role("navigation", name=say("de", "You are here"))
    expect(breadcrumbs.get_by_role("link", name="Mobilität")).to_be_visible()


# --- b. and c. support, withdraw the support, reply with a stance ----------------------------------------------

def test_support_withdraw_and_reply_with_a_stance_by_keyboard(page: Page, log_in, say, say_count, idea_id,
                                                              javascript):
    log_in(MEMBER, MEMBER_NAME, by_keyboard=True)
    open_idea_from_list(page, say, IDEA_TITLE)

    supports = page.get_by_role("region", name=say("de", "Supports"))
    progress = supports.get_by_role("progressbar")
    one, many = "%(num)s person supports this idea.", "%(num)s people support this idea."
    expect(supports).to_contain_text(say_count("de", one, many, 0))
    expect(progress).to_have_attribute("value", "0")
    expect(progress).to_have_attribute("max", "3")

    # Support: the page thanks, says so, and the count and the bar move to 1.
    follow(page, supports.get_by_role("button", name=say("de", "Support this idea")), focus_visible=True)
    expect(page.get_by_role("status")).to_contain_text(say("de", "Thank you: you support this idea."))
    expect(page).to_have_url(re.compile(rf"/ideas/{idea_id}#supports$"))
    expect(supports).to_contain_text(say("de", "You support this idea."))
    expect(supports).to_contain_text(say_count("de", one, many, 1))
    expect(supports).to_contain_text(say("de", "%(count)s of %(threshold)s supports needed for an answer.",
                                         count=1, threshold=3))
    expect(progress).to_have_attribute("value", "1")
    expect(supports.get_by_role("button", name=say("de", "Support this idea"))).to_have_count(0)

    # Withdraw it: back to 0.
    follow(page, supports.get_by_role("button", name=say("de", "Withdraw my support")), focus_visible=True)
    expect(page.get_by_role("status")).to_contain_text(say("de", "You no longer support this idea."))
    expect(supports).to_contain_text(say_count("de", one, many, 0))
    expect(supports).not_to_contain_text(say("de", "You support this idea."))
    expect(progress).to_have_attribute("value", "0")
    expect(supports.get_by_role("button", name=say("de", "Withdraw my support"))).to_have_count(0)
    expect(supports.get_by_role("button", name=say("de", "Support this idea"))).to_be_visible()

    # Reply in the discussion, "For" picked in the stance radio group with an arrow key.
    discussion = page.get_by_role("region", name=say("de", "Discussion"))
    counts = discussion.get_by_role("list", name=say("de", "Stances in this discussion"))
    expect(counts).to_contain_text(say("de", "For") + ": 0")
    form = discussion.get_by_role("region", name=say("de", "Reply to this thread")).locator("form")
    key_to(page, form.get_by_role("textbox", name=say("de", "Your reply")))
    page.keyboard.type(REPLY)
    stances = form.get_by_role("group", name=say("de", "Your stance"))
    no_stance = stances.get_by_role("radio", name=say("de", "No stance"))
    in_favour = stances.get_by_role("radio", name=say("de", "For"), exact=True)
    tab_once_to(page, no_stance)  # Tab enters a radio group at its checked button
    expect(no_stance).to_be_checked()
    page.keyboard.press("ArrowDown")
    assert is_focused(in_favour)
    assert_focus_visible(page)
    expect(in_favour).to_be_checked()
    tab_once_to(page, form.get_by_role("button", name=say("de", "Publish reply")))
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text(say("de", "Your reply has been published."))
    found = re.search(rf"/ideas/{idea_id}\?page=1#post-(\d+)$", page.url)
    assert found, f"not back at the idea's discussion: {page.url}"
    expect(page.get_by_role("heading", level=1)).to_have_text(IDEA_TITLE)
    reply = page.locator(f"article#post-{found.group(1)}")
    expect(reply).to_contain_text(REPLY)
    expect(reply).to_contain_text(MEMBER_NAME)
    expect(reply.locator(".badge.stance")).to_have_text(f'{say("de", "Stance:")} {say("de", "For")}')
    counts = page.get_by_role("region", name=say("de", "Discussion")).get_by_role(
        "list", name=say("de", "Stances in this discussion"))
    expect(counts).to_contain_text(say("de", "For") + ": 1")
    expect(counts).to_contain_text(say("de", "Against") + ": 0")
    expect(page.get_by_role("heading", name=say_count("de", "%(num)s reply", "%(num)s replies", 1))
           ).to_be_visible()


# --- d. the city's answer --------------------------------------------------------------------------------------

def test_city_staff_accept_an_idea_with_an_official_answer_by_keyboard(app, page: Page, log_in, say, idea_id,
                                                                        javascript):
    with app.app_context():
        from app.extensions import db
        from forums.models import Stance
        from ideas.models import Idea

        idea = db.session.get(Idea, idea_id)
        add_supporters(idea, 3)  # the threshold: the answer is now due
        make_reply(idea.discussion, idea.author, "Danke fürs Mitmachen!", stance=Stance.FOR)
    log_in(STAFF, STAFF_NAME, by_keyboard=True)

    # Dashboard (main navigation) → the idea, among those awaiting the city's answer.
    follow(page, main_nav(page, say, "Dashboard"), focus_visible=True)
    expect(page.get_by_role("heading", level=1)).to_have_text(say("de", "Dashboard"))
    awaiting = page.get_by_role("region", name=say("de", "Awaiting the city's answer"))
    follow(page, awaiting.get_by_role("link", name=IDEA_TITLE, exact=True), focus_visible=True)
    expect(page.get_by_role("heading", level=1)).to_have_text(IDEA_TITLE)
    expect(page.get_by_role("region", name=say("de", "The city's answer"))).to_have_count(0)

    # Change status or answer → "Accepted", typed into the closed select; the explanation; the button.
    follow(page, page.get_by_role("link", name=say("de", "Change status or answer")), focus_visible=True)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        say("de", "Change the status of “%(title)s”", title=IDEA_TITLE))
    status = page.get_by_label(say("de", "New status"))
    official = page.get_by_label(say("de", "This is the city's official answer"))
    key_to(page, status)
    page.keyboard.type(say("de", "Accepted"))
    expect(status).to_have_value("accepted")
    tab_once_to(page, page.get_by_label(say("de", "Public explanation")))
    page.keyboard.type(EXPLANATION)
    tab_once_to(page, official)
    expect(official).to_be_checked()  # not answered yet: this step is the official answer
    expect(page.get_by_label(say("de", "Number of the original idea"))).to_be_hidden()  # only for duplicates
    tab_once_to(page, page.get_by_role("button", name=say("de", "Change status")))
    page.keyboard.press("Enter")

    # Back on the idea: the status in words, the official answer with the explanation, and the history.
    accepted = say("de", "Accepted")
    expect(page.get_by_role("status")).to_contain_text(
        say("de", "The status has been changed to “%(status)s”.", status=accepted))
    expect(page).to_have_url(re.compile(rf"/ideas/{idea_id}#history$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(IDEA_TITLE)
    expect(page.locator(".idea-header .idea-status")).to_contain_text(accepted)
    answer = page.get_by_role("region", name=say("de", "The city's answer"))
    expect(answer).to_contain_text(accepted)
    expect(answer).to_contain_text(STAFF_NAME)
    expect(answer).to_contain_text("Der Stadtrat hat das Geld bewilligt.")
    expect(answer.locator("strong")).to_have_text("Online-Buchung")
    expect(page.locator("#promise .promise-kept")).to_be_visible()  # answered before the due date

    steps = page.get_by_role("region", name=say("de", "History")).get_by_role("listitem")
    expect(steps).to_have_count(2)
    expect(steps.first).to_contain_text(say("de", "Published by %(author)s.", author=AUTHOR_NAME))
    expect(steps.last).to_contain_text(
        say("de", "%(author)s changed the status to %(status)s.", author=STAFF_NAME, status=accepted))
    expect(steps.last).to_contain_text(say("de", "Official answer."))
    expect(steps.last).not_to_contain_text("Der Stadtrat hat das Geld bewilligt.")  # printed once, above
    expect(steps.last.get_by_role("link", name=say("de", "Read the city's answer above"))).to_have_attribute(
        "href", "#answer")
