"""The status form shows the field for the original idea only while "duplicate" is chosen: by style alone, so it
works without JavaScript, and the field looks like every other input."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from app.users.models import Role
from browsing import tab_to
from factories import make_idea, make_idea_category, make_user


@pytest.mark.parametrize("javascript", [False], ids=["no-javascript"])
def test_the_original_is_asked_for_only_for_a_duplicate(app, page: Page, log_in, say, javascript):
    with app.app_context():
        make_user("sven", display_name="Sven Amtmann", roles=(Role.CITY_STAFF,))
        idea_id = make_idea(make_user("frieda"), make_idea_category(threshold=3), language="de").id
    log_in("sven", "Sven Amtmann", then=f"/ideas/{idea_id}/status")

    status = page.get_by_label(say("de", "New status"))
    original = page.get_by_label(say("de", "Number of the original idea"))
    expect(original).to_be_hidden()
    tab_to(page, status)
    page.keyboard.type(say("de", "Duplicate")[:4])  # a closed select picks the option its typed letters begin
    expect(status).to_have_value("duplicate")
    expect(original).to_be_visible()
    styles = [locator.evaluate("e => [getComputedStyle(e).borderTopWidth, getComputedStyle(e).paddingTop]")
              for locator in (original, page.get_by_label(say("de", "Public explanation")))]
    assert styles[0] == styles[1]
