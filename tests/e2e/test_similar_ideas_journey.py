"""Proposing an idea that exists already, by keyboard, in German: with JavaScript the similar idea appears while
the title is typed (an aria-live region), without it the preview lists it; either way "Support this idea instead"
supports it. The page with the list passes axe-core and fits 320 px (checked where the browser runs JavaScript,
which axe-core needs; the list is the same fragment either way)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from app.search import indexer
from browsing import check_whole_page, flashed, key_to
from factories import make_idea, make_idea_category, make_user

AUTHOR, MEMBER, MEMBER_NAME = "frieda", "carla", "Carla Nowak"
EXISTING = "Termine im Bürgeramt online buchen"

pytestmark = pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])


@pytest.fixture
def app_overrides(tmp_path) -> dict:
    return {"WTF_CSRF_ENABLED": True, "SEARCH_INDEX_DIR": str(tmp_path / "index")}


@pytest.fixture
def existing_id(app) -> int:
    with app.app_context():
        make_user(MEMBER, display_name=MEMBER_NAME)
        category = make_idea_category("digitales-rathaus", name="Digitales Rathaus", threshold=3)
        idea_id = make_idea(make_user(AUTHOR), category, title=EXISTING, language="de").id
        indexer.rebuild()
        return idea_id


def test_a_similar_idea_is_offered_and_supported_instead(app, page: Page, log_in, say, javascript, existing_id,
                                                         assert_accessible):
    log_in(MEMBER, MEMBER_NAME, then="/ideas/new")
    key_to(page, page.get_by_label(say("de", "Title")))
    page.keyboard.type("Termine online buchen")
    region = page.locator("#similar-ideas")
    if javascript:
        expect(region.get_by_role("link", name=EXISTING)).to_be_visible()
        expect(region).to_have_attribute("aria-live", "polite")
    else:
        expect(region.get_by_role("link")).to_have_count(0)
        key_to(page, page.get_by_role("button", name=say("de", "Preview"), exact=True))
        page.keyboard.press("Enter")
        expect(region.get_by_role("link", name=EXISTING)).to_be_visible()
        expect(page.get_by_label(say("de", "Title"))).to_have_value("Termine online buchen")
    expect(region).to_contain_text(say("de", "New"))
    if javascript:  # axe-core runs in the page: a browser without JavaScript cannot run it (and would wait forever)
        check_whole_page(page, "de", assert_accessible, "a new idea with a similar one")

    key_to(page, region.get_by_role("button", name=re.compile(say("de", "Support this idea instead"))))
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(rf"/ideas/{existing_id}#supports$"))
    flashed(page, say("de", "Thank you: you support this idea."))
