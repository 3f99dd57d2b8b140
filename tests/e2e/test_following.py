"""Following in the browser: follow an idea by keyboard, see it on /following, unfollow it there; axe-core finds
zero violations on /following, in German and English."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from browsing import LANGUAGES, key_to
from factories import make_category, make_idea, make_idea_category, make_thread, make_user

IDEA_TITLE = "Termine im Bürgeramt online buchen"
THREAD_TITLE = "Mehr Bänke am Marktplatz"

pytestmark = pytest.mark.parametrize("lang", LANGUAGES)  # the browser and the accounts read in `lang`


@pytest.fixture
def scene(app, lang) -> dict:
    with app.app_context():
        author = make_user("frieda", display_name="Frieda Krause", locale=lang)
        make_user("carla", display_name="Carla Nowak", locale=lang)
        idea = make_idea(author, make_idea_category("rathaus", name="Digitales Rathaus"), title=IDEA_TITLE,
                         language="de")
        thread = make_thread(author, make_category("mobilitaet", name="Mobilität"), title=THREAD_TITLE)
        return {"idea": idea.id, "thread": thread.id}


def test_follow_by_keyboard_then_unfollow_on_the_following_page(page: Page, log_in, say, scene, lang,
                                                                assert_accessible):
    log_in("carla", "Carla Nowak")
    page.goto(f"/ideas/{scene['idea']}")
    key_to(page, page.get_by_role("button", name=f"{say(lang, 'Follow')} “{IDEA_TITLE}”"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(say(lang, "You follow “%(title)s” now.", title=IDEA_TITLE))
    expect(page.get_by_role("button", name=f"{say(lang, 'Unfollow')} “{IDEA_TITLE}”")).to_be_visible()

    page.goto(f"/t/{scene['thread']}")
    key_to(page, page.get_by_role("button", name=f"{say(lang, 'Follow')} “{THREAD_TITLE}”"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(say(lang, "You follow “%(title)s” now.", title=THREAD_TITLE))

    page.goto("/following")
    expect(page.get_by_role("heading", level=1)).to_have_text(say(lang, "What you follow"))
    links = page.get_by_role("main").get_by_role("listitem").get_by_role("link")
    expect(links).to_have_text([THREAD_TITLE, IDEA_TITLE])
    assert page.locator("html").get_attribute("lang") == lang
    assert_accessible(page, f"/following ({lang})")

    key_to(page, page.get_by_role("button", name=f"{say(lang, 'Unfollow')} “{IDEA_TITLE}”"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(say(lang, "You no longer follow “%(title)s”.",
                                                           title=IDEA_TITLE))
    expect(page).to_have_url(f"{page.url.split('/following')[0]}/following?page=1")
    expect(page.get_by_role("main").get_by_role("listitem").get_by_role("link")).to_have_text([THREAD_TITLE])
    assert_accessible(page, f"/following after unfollowing ({lang})")


def test_the_empty_following_page_is_accessible(page: Page, log_in, say, scene, lang, assert_accessible):
    log_in("carla", "Carla Nowak")
    page.goto("/following")
    expect(page.get_by_role("main")).to_contain_text(
        say(lang, "You do not follow anything yet. Use the “Follow” button on an idea, a discussion or a category."))
    assert_accessible(page, f"/following, empty ({lang})")


def test_the_follow_settings_work_by_keyboard_and_are_accessible(page: Page, log_in, say, scene, lang,
                                                                 assert_accessible):
    log_in("carla", "Carla Nowak")
    page.goto("/settings/following")
    expect(page.get_by_role("heading", level=2)).to_have_text(say(lang, "Following"))
    assert_accessible(page, f"/settings/following ({lang})")
    support_box = page.get_by_label(say(lang, "Follow the ideas I support"))
    expect(support_box).to_be_checked()
    key_to(page, support_box)
    page.keyboard.press("Space")
    key_to(page, page.get_by_role("main").get_by_role("button", name=say(lang, "Save")))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(say(lang, "Your choices have been saved."))
    expect(page.get_by_label(say(lang, "Follow the ideas I support"))).not_to_be_checked()
    expect(page.get_by_label(say(lang, "Follow the ideas I propose and the discussions I open"))).to_be_checked()
    assert_accessible(page, f"/settings/following after saving ({lang})")
