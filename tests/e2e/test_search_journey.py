"""Search by keyboard alone, in German and English: from the home page's header search field to the results, the
filters opened and chosen with the keyboard, and a result opened; and the header's search field on other pages at
320 px (it fits, it is labelled, it is among the first stops of the Tab key, and it searches).

Only Tab, Shift+Tab, typing and Enter are pressed; nothing is clicked, and `locator.focus()` is never called. The
live server searches a real Whoosh index in the test's own directory, built from the scene with `indexer.rebuild()`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from app.search import indexer
from browsing import LANGUAGES, NARROW, assert_fits_320, assert_focus_visible, check_page, follow, key_to, \
    tab_once_to, tab_to
from factories import make_category, make_idea, make_idea_category, make_reply, make_thread, make_user

HEADER_STOPS = 3  # the skip link, the brand, then the header's search field


@dataclass(frozen=True)
class Journey:
    """What a reader in one language searches for, narrows to, and opens."""

    word: str  # typed into the header's search field
    category: str  # the idea category chosen in the filters (its name; typing its first letters picks it)
    wanted: str  # the one idea of that category that the word finds
    others: tuple[str, ...]  # found by the word too, but in other kinds or categories


JOURNEYS = {
    "de": Journey("Bürgeramt", "Mobilität", "Fahrradständer vor dem Bürgeramt",
                  ("Termine im Bürgeramt online buchen", "Warteschlange im Bürgeramt")),
    "en": Journey("bus", "Digital town hall", "Bus tickets from the town hall website",
                  ("Real-time bus departures at every stop", "Night bus timetable")),
}


@pytest.fixture
def app_overrides(tmp_path) -> dict:
    """Real CSRF tokens (the browser sends real forms) and a Whoosh index of this test's own."""
    return {"WTF_CSRF_ENABLED": True, "SEARCH_INDEX_DIR": str(tmp_path / "index")}


@pytest.fixture
def scene(app) -> dict[str, int]:
    """German and English ideas in two categories and a thread in each language, indexed; the ideas' ids by title."""
    with app.app_context():
        frieda = make_user("frieda", display_name="Frieda Krause")
        make_user("carla", display_name="Carla Nowak")
        mobility = make_idea_category("mobilitaet", name="Mobilität")
        town_hall = make_idea_category("digitales-rathaus", name="Digital town hall")
        ideas = [
            make_idea(frieda, mobility, title="Fahrradständer vor dem Bürgeramt", language="de",
                      body="Vor dem **Bürgeramt** stehen die Räder auf dem Gehweg."),
            make_idea(frieda, town_hall, title="Termine im Bürgeramt online buchen", language="de",
                      body="Bisher geht das nur am Telefon."),
            make_idea(frieda, town_hall, title="Bus tickets from the town hall website", language="en",
                      body="Buy a monthly **bus** pass online."),
            make_idea(frieda, mobility, title="Real-time bus departures at every stop", language="en",
                      body="Screens at the stops show when the next buses come."),
        ]
        talk = make_category("rathaus-forum", name="Rathaus-Forum")
        queue = make_thread(frieda, talk, title="Warteschlange im Bürgeramt", body="Wie lange warten Sie?")
        make_reply(queue, frieda, "Heute eine Stunde.")
        make_thread(frieda, talk, title="Night bus timetable", body="The last bus leaves too early.")
        ids = {idea.title: idea.id for idea in ideas}
        indexer.rebuild()
        return ids


def header_search(page: Page, say, lang: str):
    return page.get_by_role("banner").get_by_role("searchbox", name=say(lang, "Search WerkSTADT"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_from_the_header_filter_and_open_a_result_by_keyboard(page: Page, scene, say, lang):
    journey = JOURNEYS[lang]
    page.goto("/")

    # The header's search field: a few Tab presses from the top, a word, Enter.
    field = header_search(page, say, lang)
    assert tab_to(page, field) <= HEADER_STOPS
    assert_focus_visible(page)
    page.keyboard.type(journey.word)
    page.keyboard.press("Enter")

    # /search shows the word kept in its own field, every kind it found, and what the filters are.
    expect(page).to_have_url(re.compile(r"/search\?q="))
    check_page(page, lang)
    expect(page.locator("h1")).to_have_text(say(lang, "Search"))
    main = page.get_by_role("main")
    expect(main.get_by_role("searchbox", name=say(lang, "Search for"))).to_have_value(journey.word)
    results = main.locator(".search-results")
    for title in (journey.wanted, *journey.others):  # a thread's reply is named by the thread's title too
        expect(results.get_by_role("link", name=title, exact=True).first).to_be_visible()
    expect(results.locator("mark").first).to_have_text(re.compile(journey.word, re.IGNORECASE))

    # The filters: the summary opens them with Enter; a kind and a category chosen by typing their first letters.
    filters = main.locator("details.search-filters")
    expect(filters).not_to_have_attribute("open", "")
    follow(page, filters.locator("summary"), focus_visible=True)
    expect(filters).to_have_attribute("open", "")
    kind = main.get_by_label(say(lang, "Search in"))
    category = main.get_by_label(say(lang, "Category"), exact=True)
    tab_once_to(page, kind)
    page.keyboard.type(say(lang, "Ideas")[:3])
    expect(kind).to_have_value("idea")
    tab_once_to(page, category)
    page.keyboard.type(journey.category[:3])
    expect(category).to_have_value(re.compile(r"^idea:"))
    follow(page, main.get_by_role("button", name=say(lang, "Apply filters")), focus_visible=True)

    # One idea is left, the filters stay open and say what was chosen; its title leads to its page.
    expect(page).to_have_url(re.compile(r"kind=idea"))
    expect(main.get_by_role("heading", level=2, name=re.compile(r"^1\b"))).to_be_visible()
    expect(main.locator(".search-result")).to_have_count(1)
    expect(filters).to_have_attribute("open", "")
    expect(kind).to_have_value("idea")
    expect(category.locator("option:checked")).to_have_text(journey.category)
    follow(page, results.get_by_role("link", name=journey.wanted, exact=True), focus_visible=True)
    expect(page).to_have_url(re.compile(rf"/ideas/{scene[journey.wanted]}$"))
    check_page(page, lang)
    expect(page.locator("h1")).to_have_text(journey.wanted)


# --- the header's search field on other pages, at 320 px ---------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_header_search_field_fits_320_px_is_labelled_and_reached_by_keyboard(app, page: Page, scene, say,
                                                                                  log_in, lang):
    """German as a signed-in member (the header holds more links), English as a visitor."""
    page.set_viewport_size(NARROW)
    if lang == "de":
        log_in("carla", "Carla Nowak")
    journey = JOURNEYS[lang]
    pages = ["/ideas", "/forums", f"/ideas/{scene[journey.wanted]}"]
    for path in pages:
        assert page.goto(path).status == 200
        field = header_search(page, say, lang)
        expect(field).to_be_hidden()  # on a phone the header's tools fold behind "Menu"
        menu = page.get_by_role("banner").get_by_text(say(lang, "Menu"), exact=True)
        assert tab_to(page, menu) <= HEADER_STOPS, path  # the skip link, the brand, the menu
        page.keyboard.press("Enter")
        expect(field).to_be_visible()
        expect(field).to_have_accessible_name(say(lang, "Search WerkSTADT"))
        expect(field).to_have_accessible_description(
            say(lang, "Up to %(num)d characters", num=int(field.get_attribute("maxlength"))))
        expect(page.get_by_role("search", name=say(lang, "Search WerkSTADT"))).to_be_visible()
        box = field.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"], f"the field sticks out on {path}: {box}"
        button = page.get_by_role("banner").get_by_role("button", name=say(lang, "Search"), exact=True)
        button_box = button.bounding_box()
        assert button_box["x"] + button_box["width"] <= NARROW["width"], f"the button sticks out on {path}"
        assert_fits_320(page, path)
        assert tab_to(page, field) == 1, path  # the first stop in the open menu
        assert_focus_visible(page)

    # On the last page, the field searches: the results page fits 320 px too.
    page.keyboard.type(journey.word)
    tab_once_to(page, page.get_by_role("banner").get_by_role("button", name=say(lang, "Search"), exact=True))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q="))
    expect(page.get_by_role("main").locator(".search-results").get_by_role("link", name=journey.wanted,
                                                                            exact=True)).to_be_visible()
    assert_fits_320(page, "search results")
