"""The design system in the browser (docs/design.md): every page family in the dark theme passes axe-core and fits
320 px in German and English (light is walked in four languages by test_right_to_left), no control is smaller than
24 × 24 px (WCAG 2.5.8); the phone menu and the filters fold and open by keyboard without JavaScript; the theme
switch works without JavaScript; and screenshots of the main pages go to ci-results/screenshots/ for reviewers."""
from __future__ import annotations

import struct
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browsing import NARROW, assert_fits_320, check_whole_page, is_focused, visit
from page_families import ADMIN, demo, families  # noqa: F401 (demo is a fixture)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "ci-results" / "screenshots"
DARK_BACKGROUND = "rgb(18, 21, 25)"  # --bg of the dark theme
LIGHT_BACKGROUND = "rgb(245, 247, 250)"  # --bg of the light theme
SMALL_TARGETS = """() => [...document.querySelectorAll(
    'button, summary, select, textarea, input:not([type=hidden]), a.button, nav a, .pagination a, .tabs a,'
    + ' .post-actions a, .content-actions a, .row-actions a')]
  .filter(e => { const r = e.getBoundingClientRect();
    return e.checkVisibility({visibilityProperty: true}) && r.bottom > 0 && !e.closest('.visually-hidden')
      && (r.width < 24 || r.height < 24); })
  .slice(0, 5).map(e => `<${e.tagName.toLowerCase()} class="${e.className}">${e.textContent.trim().slice(0, 30)}: `
    + `${Math.round(e.getBoundingClientRect().width)}×${Math.round(e.getBoundingClientRect().height)}`)"""


@pytest.fixture(params=["de", "en"])
def lang(request) -> str:
    return request.param


def background(page: Page) -> str:
    return page.evaluate("() => getComputedStyle(document.body).backgroundColor")


class TestDarkTheme:
    @pytest.fixture
    def browser_context_args(self, browser_context_args: dict) -> dict:
        return {**browser_context_args, "color_scheme": "dark"}

    def test_every_page_family_is_accessible_fits_320_and_has_targets_of_24_px(
            self, page: Page, log_in, assert_accessible, demo, lang):
        log_in(ADMIN, "Rana Admin")
        for name, path in families(demo, lang).items():
            visit(page, path, lang)
            assert background(page) == DARK_BACKGROUND, name
            check_whole_page(page, lang, assert_accessible, name)
            assert page.evaluate(SMALL_TARGETS) == [], f"{name}: controls below 24 × 24 px"


@pytest.mark.parametrize("lang", ["en"], indirect=True)
def test_light_pages_have_targets_of_24_px_for_visitors_too(page: Page, demo, lang):
    for name in ("home", "ideas", "idea", "solutions", "solution", "forums", "thread", "search", "transparency"):
        visit(page, families(demo, lang)[name], lang)
        assert background(page) == LIGHT_BACKGROUND
        assert page.evaluate(SMALL_TARGETS) == [], f"{name}: controls below 24 × 24 px"
        page.set_viewport_size(NARROW)
        assert page.evaluate(SMALL_TARGETS) == [], f"{name} at 320 px: controls below 24 × 24 px"
        page.set_viewport_size({"width": 1280, "height": 720})


@pytest.mark.parametrize("javascript", [False])
@pytest.mark.parametrize("lang", ["en"], indirect=True)
def test_on_a_phone_the_menu_folds_behind_one_button_that_opens_by_keyboard(page: Page, say, lang):
    page.set_viewport_size(NARROW)
    page.goto("/ideas")
    menu = page.get_by_text(say(lang, "Menu"), exact=True)
    ideas_link = page.get_by_role("navigation", name=say(lang, "Main")).get_by_role("link", name=say(lang, "Ideas"))
    expect(menu).to_be_visible()
    expect(ideas_link).to_be_hidden()
    assert_fits_320(page, "the ideas list with the menu closed")

    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand
    page.keyboard.press("Tab")
    assert is_focused(page.locator(".site-menu > summary"))
    page.keyboard.press("Enter")
    expect(ideas_link).to_be_visible()
    page.keyboard.press("Tab")
    assert is_focused(page.get_by_role("searchbox").first)
    assert_fits_320(page, "the ideas list with the menu open")


@pytest.mark.parametrize("lang", ["en"], indirect=True)
def test_on_a_wide_screen_the_menu_stands_open_without_its_button(page: Page, say, lang):
    page.goto("/ideas")
    expect(page.locator(".site-menu > summary")).to_be_hidden()
    expect(page.get_by_role("navigation", name=say(lang, "Main")).get_by_role("link", name=say(lang, "Ideas"))
           ).to_be_visible()
    for _ in range(3):  # the skip link, the brand, then the header's search field
        page.keyboard.press("Tab")
    assert is_focused(page.locator("#site-search-q"))


@pytest.mark.parametrize("javascript", [False])
@pytest.mark.parametrize("lang", ["en"], indirect=True)
def test_filters_fold_on_a_phone_and_stand_open_on_a_wide_screen(page: Page, say, lang):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/ideas?category=&status=new")
    sort = page.get_by_label(say(lang, "Sort by"))
    toggle = page.locator(".filter-panel > summary")
    expect(sort).to_be_hidden()
    expect(toggle).to_contain_text(say(lang, "Sort and filter"))
    expect(toggle).to_contain_text("1")  # one filter in use
    toggle.focus()
    page.keyboard.press("Enter")
    expect(sort).to_be_visible()

    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto("/ideas")
    expect(page.get_by_label(say(lang, "Sort by"))).to_be_visible()
    expect(page.locator(".filter-panel > summary")).to_be_hidden()


@pytest.mark.parametrize("javascript", [False])
@pytest.mark.parametrize("lang", ["en"], indirect=True)
def test_the_theme_switch_works_without_javascript(page: Page, say, lang):
    page.goto("/ideas")
    assert background(page) == LIGHT_BACKGROUND
    page.get_by_role("button", name=say(lang, "Dark")).click()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    assert page.url.endswith("/ideas") and background(page) == DARK_BACKGROUND
    expect(page.get_by_role("button", name=say(lang, "Dark"))).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name=say(lang, "As on this device")).click()
    assert page.locator("html").get_attribute("data-theme") is None and background(page) == LIGHT_BACKGROUND


def png_size(path: Path) -> tuple[int, int]:
    with path.open("rb") as png:
        header = png.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


@pytest.mark.parametrize("lang", ["de"], indirect=True)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_the_main_pages_for_reviewers(page: Page, demo, lang, scheme):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.emulate_media(color_scheme=scheme)
    try:
        for name in ("home", "ideas", "idea"):
            for width in (1280, 390):
                page.set_viewport_size({"width": width, "height": 900})
                visit(page, families(demo, lang)[name], lang)
                assert background(page) == (DARK_BACKGROUND if scheme == "dark" else LIGHT_BACKGROUND)
                assert page.evaluate("() => document.documentElement.scrollWidth") <= width
                shot = SCREENSHOTS / f"{name}-{width}-{scheme}.png"
                page.screenshot(path=str(shot), full_page=True)
                assert png_size(shot)[0] == width
    finally:
        page.emulate_media(color_scheme="light")
        page.set_viewport_size({"width": 1280, "height": 720})


@pytest.mark.parametrize("lang", ["en"], indirect=True)
def test_idea_and_solution_pages_print_as_documents(page: Page, log_in, demo, lang):
    log_in(ADMIN, "Rana Admin")
    page.emulate_media(media="print")
    try:
        for name in ("idea", "solution"):
            page.goto(families(demo, lang)[name])
            expect(page.locator(".site-header")).to_be_hidden()
            expect(page.locator(".site-footer")).to_be_hidden()
            expect(page.locator("main form").first).to_be_hidden()
            expect(page.locator(".print-brand")).to_be_visible()
            expect(page.locator("h1")).to_be_visible()
            assert background(page) in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), name
            assert page.evaluate("() => getComputedStyle(document.body).color") == "rgb(0, 0, 0)", name
    finally:
        page.emulate_media(media="screen")
