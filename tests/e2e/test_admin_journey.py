"""The admin area by keyboard alone, in a German browser: an administrator opens /admin, goes to People, finds a
member by search, opens their page and makes them a moderator, then watches a word ("block", all languages). A
member, in a browser of their own, writes a forum reply with the word hidden by a Unicode trick (upper case and a
zero-width space inside) and is refused next to the field with everything typed kept; and the new moderator's
session, open since before the grant, shows "Moderation" in the main navigation on its next page.

Only Tab, Shift+Tab, typing, Space and Enter are pressed; nothing is clicked, and `locator.focus()` is never called.
At the end the database agrees with what the pages said.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import func, select

from browsing import key_to, tab_once_to
from factories import make_category, make_thread, make_user

ADMIN, ADMIN_NAME = "adele", "Adele Verwaltung"
MEMBER, MEMBER_NAME = "max", "Max Mitglied"
CHOSEN, CHOSEN_NAME = "moritz", "Moritz Mitte"  # becomes a moderator
OTHERS = {"mona": "Monika Moser", "morten": "Morten Meier"}  # other accounts the search must leave out
WORD = "Pfusch"
TRICK = "PF\u200bUSCH"  # upper case, a zero-width space inside
REPLY = f"Das ist doch {TRICK} am Bau, und die **Bügel** fehlen auch."
THREAD = "Fahrradbügel am Rathaus"


@pytest.fixture
def scene(app) -> dict[str, int]:
    from app.users.models import Role

    with app.app_context():
        admin = make_user(ADMIN, display_name=ADMIN_NAME, roles=(Role.ADMIN,))
        make_user(MEMBER, display_name=MEMBER_NAME)
        make_user(CHOSEN, display_name=CHOSEN_NAME)
        for username, name in OTHERS.items():
            make_user(username, display_name=name)
        thread = make_thread(admin, make_category("radverkehr", name="Radverkehr"), title=THREAD,
                             body="Wo fehlen **Bügel**?")
        return {"thread": thread.id}


@pytest.fixture
def browser_of(browser: Browser, browser_context_args: dict, log_in) -> Iterator[Callable[[str, str], Page]]:
    """`browser_of("max", "Max Mitglied")`: a browser of their own, signed in."""
    contexts = []

    def open_as(username: str, name: str) -> Page:
        context = browser.new_context(**browser_context_args)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return log_in(username, name, on=context.new_page())

    yield open_as
    for context in contexts:
        context.close()


def press(page: Page, control) -> None:
    key_to(page, control)
    page.keyboard.press("Enter")


def test_grant_a_role_and_watch_a_word_by_keyboard(app, page: Page, log_in, browser_of, say, say_count, scene):
    main_nav = lambda p: p.get_by_role("navigation", name=say("de", "Main"))  # noqa: E731
    moderation = lambda p: main_nav(p).get_by_role("link", name=say("de", "Moderation"), exact=True)  # noqa: E731

    # Moritz is signed in before anything happens: a member, no moderation in his navigation.
    moritz = browser_of(CHOSEN, CHOSEN_NAME)
    expect(main_nav(moritz)).to_be_visible()
    expect(moderation(moritz)).to_have_count(0)

    # Adele opens the admin area and goes to People.
    log_in(ADMIN, ADMIN_NAME)
    page.goto("/admin")
    expect(page.get_by_role("heading", level=1)).to_have_text(say("de", "Administration"))
    admin_menu = page.get_by_role("navigation", name=say("de", "Administration"))
    press(page, admin_menu.get_by_role("link", name=say("de", "People"), exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(say("de", "People"))

    # She searches for him by part of his name; only he is found.
    key_to(page, page.get_by_label(say("de", "Search"), exact=True))
    page.keyboard.type("Mitte")
    page.keyboard.press("Enter")
    expect(page.get_by_role("main").locator("p[role=status]")).to_have_text(
        say_count("de", "%(num)d person found", "%(num)d people found", 1))
    results = page.locator("table.admin-table tbody tr")
    expect(results).to_have_count(1)
    press(page, results.get_by_role("link", name=CHOSEN_NAME))
    expect(page.get_by_role("heading", level=1)).to_have_text(CHOSEN_NAME)

    # She ticks "Moderator" and saves; the page confirms and the box stays ticked.
    box = page.get_by_role("checkbox", name=say("de", "Moderator"), exact=True)
    key_to(page, box)
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    press(page, page.get_by_role("button", name=say("de", "Save roles")))
    expect(page.get_by_role("status").first).to_contain_text(say("de", "The roles have been saved."))
    expect(page.get_by_role("checkbox", name=say("de", "Moderator"), exact=True)).to_be_checked()

    # She watches a word: block, all languages (the form's defaults, checked here).
    admin_menu = page.get_by_role("navigation", name=say("de", "Administration"))
    press(page, admin_menu.get_by_role("link", name=say("de", "Watched words"), exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(say("de", "Watched words"))
    press(page, page.get_by_role("main").get_by_role("link", name=say("de", "Watch a word"), exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(say("de", "Watch a word"))
    key_to(page, page.get_by_label(say("de", "Word or phrase")))
    page.keyboard.type(WORD)
    language = page.get_by_label(say("de", "Language"), exact=True)
    tab_once_to(page, language)
    expect(language.locator("option:checked")).to_have_text(say("de", "All languages"))
    block = page.get_by_role("radio", name=say("de", "Block the post"))
    tab_once_to(page, block)  # the checked radio of the group takes the focus
    expect(block).to_be_checked()
    press(page, page.get_by_role("button", name=say("de", "Save"), exact=True))
    expect(page.get_by_role("status").first).to_contain_text(say("de", "The word is watched now."))
    expect(page.get_by_role("main").locator("table")).to_contain_text(WORD)

    # Max, in his own browser, replies with the word in disguise: refused next to the field, his text kept.
    max_ = browser_of(MEMBER, MEMBER_NAME)
    max_.goto(f"/t/{scene['thread']}")
    form = max_.get_by_role("main").get_by_role("region", name=say("de", "Reply to this thread")).locator("form")
    field = form.get_by_role("textbox", name=say("de", "Your reply"))
    key_to(max_, field)
    max_.keyboard.type(REPLY)
    tab_once_to(max_, form.get_by_role("button", name=say("de", "Publish reply")))
    max_.keyboard.press("Enter")
    refusal = say("de", "Your text contains “%(word)s”, which is not allowed here. Please rephrase it; "
                        "everything else you wrote is kept.", word=TRICK)
    kept = max_.get_by_role("main").get_by_role("textbox", name=say("de", "Your reply"))
    field_id = kept.get_attribute("id")
    expect(max_.locator(f"#{field_id}-error")).to_contain_text(refusal)
    expect(kept).to_have_attribute("aria-describedby", re.compile(rf"(^| ){field_id}-error( |$)"))
    expect(kept).to_have_value(REPLY)
    expect(max_.locator(".error-summary")).to_contain_text(refusal)

    # Moritz's open session: on his next page, the navigation offers Moderation, and it opens the queue.
    moritz.reload()
    expect(moderation(moritz)).to_be_visible()
    press(moritz, moderation(moritz))
    expect(moritz.get_by_role("heading", level=1)).to_have_text(say("de", "Review queue"))

    # The database agrees: his roles, the word, and no reply written.
    from app.extensions import db
    from app.trust.models import WatchedWord, WordAction
    from app.users.models import Role, User
    from forums.models import Post

    with app.app_context():
        chosen = db.session.execute(select(User).where(User.username == CHOSEN)).scalar_one()
        assert chosen.has_role(Role.MODERATOR) and not chosen.has_role(Role.ADMIN)
        [word] = db.session.execute(select(WatchedWord)).scalars()
        assert (word.word, word.locale, word.action) == (WORD, "", WordAction.BLOCK)
        assert db.session.execute(select(func.count(Post.id))).scalar_one() == 1  # the opening post only
