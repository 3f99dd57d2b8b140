"""What a person does in the browser, for every browser test: move by keyboard, open and check a page, send a form.

Plain functions on a Playwright `Page`; the fixtures (the live server, `lang`, `say`, `log_in`, axe-core) are in
tests/e2e/conftest.py. A new browser test imports what it needs from here, never from another test file.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import ElementHandle, Locator, Page, expect

LANGUAGES = ["de", "en"]
ACCEPT_LANGUAGE = {"de": "de-DE", "en": "en-GB", "tr": "tr-TR", "ar": "ar"}  # what a browser reading `lang` asks for
MAX_TABS = 40  # tab_to: forward only, on short pages
MAX_PRESSES = 80  # key_to: either way, on long pages


# --- focus and the keyboard ------------------------------------------------------------------------------------

HAS_FOCUS = "element => element === document.activeElement"


def is_focused(locator: Locator) -> bool:
    return locator.evaluate(HAS_FOCUS)


@contextmanager
def element_of(target: Locator) -> Iterator[ElementHandle]:
    """The one element `target` stands for, found once: a loop of key presses asks it whether it has focus after
    each press, instead of finding it again by role and name in the whole page every time (20 ms a press)."""
    element = target.element_handle()
    try:
        yield element
    finally:
        element.dispose()


def focused_element(page: Page) -> str:
    """A short description of the focused element, for assertion messages."""
    return page.evaluate(
        "() => { const e = document.activeElement; if (!e) return 'nothing';"
        " const id = e.id ? ` id=${e.id}` : '', cls = e.className ? ` class=${e.className}` : '';"
        " return `<${e.tagName.toLowerCase()}${id}${cls}> ` + (e.textContent || e.value || '').trim().slice(0, 40); }"
    )


def tab_to(page: Page, target: Locator, most: int = MAX_TABS) -> int:
    """Press Tab (at `most` times) until `target` has focus; returns how many presses it took."""
    expect(target).to_be_visible()
    with element_of(target) as element:
        for presses in range(1, most + 1):
            page.keyboard.press("Tab")
            if element.evaluate(HAS_FOCUS):
                return presses
    raise AssertionError(f"{most} Tab presses never reached {target}; focus is on {focused_element(page)}")


def tab_once_to(page: Page, target: Locator) -> None:
    """One Tab press must move focus to `target` (a logical order inside a form)."""
    page.keyboard.press("Tab")
    assert is_focused(target), f"after one Tab, focus is on {focused_element(page)}, not on {target}"


def key_to(page: Page, target: Locator) -> int:
    """Press Tab (or Shift+Tab, if `target` comes before the focused element) until `target` has focus."""
    expect(target).to_be_visible()
    with element_of(target) as element:
        direction = element.evaluate(
            "target => { const here = document.activeElement;"
            " if (!here || here === document.body) return 'Tab';"
            " return here.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING ? 'Shift+Tab' : 'Tab'; }")
        for presses in range(1, MAX_PRESSES + 1):
            page.keyboard.press(direction)
            if element.evaluate(HAS_FOCUS):
                return presses
    raise AssertionError(f"{MAX_PRESSES} × {direction} never reached {target}; focus is on {focused_element(page)}")


def assert_focus_visible(page: Page) -> None:
    """The focused element is drawn with an outline (the site's focus style), not left unmarked."""
    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
    assert outline[0] != "none" and outline[1] >= 2, f"no visible focus on {focused_element(page)}: {outline}"


def follow(page: Page, control: Locator, *, focus_visible: bool = False) -> None:
    """Tab (or Shift+Tab) to a link or button, press Enter; with `focus_visible`, first see that its focus shows."""
    key_to(page, control)
    if focus_visible:
        assert_focus_visible(page)
    page.keyboard.press("Enter")


# --- pages -----------------------------------------------------------------------------------------------------

def check_page(page: Page, lang: str) -> None:
    """The page is in `lang`, has one h1, and no id twice (labels and aria-describedby rely on them)."""
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("h1")).to_have_count(1)
    repeated = page.evaluate(
        "() => { const seen = {}; document.querySelectorAll('[id]').forEach(e => seen[e.id] = (seen[e.id] || 0) + 1);"
        " return Object.keys(seen).filter(id => seen[id] > 1); }")
    assert not repeated, f"ids used more than once on {page.url}: {repeated}"


def open_page(page: Page, path: str) -> None:
    """Go to `path`, which must answer 200."""
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path} answered {response and response.status}"


def visit(page: Page, path: str, lang: str) -> None:
    """Open `path` (200), then check_page: in `lang`, one h1, no id twice."""
    open_page(page, path)
    check_page(page, lang)


def landed(page: Page, lang: str, heading: str) -> None:
    """The page is in `lang`, has one h1 and it says `heading`, and no id twice."""
    check_page(page, lang)
    expect(page.locator("h1")).to_have_text(heading)


def flashed(page: Page, text: str) -> None:
    """The page shows `text` in its status message (a flashed message)."""
    expect(page.get_by_role("status")).to_contain_text(text)


def submit(page: Page, button: str) -> None:
    """Click the form button in main named exactly `button`, then wait for the answer (errors or a preview)."""
    page.get_by_role("main").get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()


# --- a page state, checked whole ---------------------------------------------------------------------------------

NARROW = {"width": 320, "height": 800}


def assert_fits_320(page: Page, what: str) -> None:
    """At 320 CSS px wide the page does not scroll sideways (WCAG 1.4.10 Reflow)."""
    page.set_viewport_size(NARROW)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > NARROW["width"]:
        wide = page.evaluate(
            "() => { const clipped = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)"
            " if (getComputedStyle(a).overflowX !== 'visible') return true; return false; };"
            " return [...document.querySelectorAll('body *')]"
            ".filter(e => e.getBoundingClientRect().right > 320 && !clipped(e)).slice(0, 5)"
            ".map(e => `<${e.tagName.toLowerCase()} class=${e.className}> ${e.getBoundingClientRect().right}`); }")
        raise AssertionError(f"{what} ({page.url}) is {width} px wide at 320 px: {wide}")


def check_whole_page(page: Page, lang: str, assert_accessible, what: str) -> None:
    """The page as it is now: in `lang`, one h1, no id twice, no axe violation, and it fits 320 px (after which
    the viewport is wide again)."""
    check_page(page, lang)
    assert_accessible(page, what)
    size = page.viewport_size
    assert_fits_320(page, what)
    page.set_viewport_size(size)
