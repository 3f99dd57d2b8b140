"""Every page family in all four languages, on the demo's content: zero axe-core violations, one h1, no id twice,
no sideways scrolling at 320 px; and in Arabic the page runs right to left: the direction, the skip link first and
at the start (right) edge, the header read from the right, the replies indented from the right, the error summary
and forms in order."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.extensions import db
from app.users.models import Role
from browsing import check_whole_page, focused_element, is_focused, visit
from factories import make_user

ADMIN = "rtl_admin"  # an administrator and moderator of the test's own, with the tests' password


@pytest.fixture(params=["de", "en", "tr", "ar"])
def lang(request) -> str:
    return request.param


@pytest.fixture
def demo(app, demo_loaded, lang) -> dict[str, str]:
    """The demo, plus an administrator who moderates; the paths of one page of each family."""
    from forums.models import Thread
    from ideas.models import Idea
    from ideas.solutions.models import Solution

    make_user(ADMIN, display_name="Rana Admin", roles=(Role.ADMIN, Role.MODERATOR), locale=lang)
    idea = db.session.execute(select(Idea).where(Idea.title == "Termine im Bürgerbüro online buchen")).scalar_one()
    thread = db.session.execute(select(Thread).where(Thread.about_subject_id.is_(None))
                                .order_by(Thread.id)).scalars().first()
    solution = db.session.execute(select(Solution).order_by(Solution.id)).scalars().first()
    return {"idea": f"/ideas/{idea.id}", "idea-subject": str(idea.subject_id), "thread": f"/t/{thread.id}",
            "solution": f"/solutions/{solution.id}", "profile": f"/u/{idea.author.username}"}


def families(demo: dict[str, str], lang: str) -> dict[str, str]:
    target = "en"  # the demo idea is German, translated into Turkish and Arabic by the community
    return {
        "home": "/", "ideas": "/ideas", "idea": demo["idea"], "idea-original": demo["idea"] + "?original=1",
        "ideas-by-language": "/ideas?language=ar", "propose": "/ideas/new", "solutions": "/solutions",
        "solution": demo["solution"], "forums": "/forums", "thread": demo["thread"], "search": "/search?q=internet",
        "notifications": "/notifications", "settings": "/settings", "sessions": "/settings/sessions",
        "moderation": "/moderation", "moderation-log": "/moderation/log", "appeals": "/moderation/appeals",
        "administration": "/admin", "people": "/admin/people", "site-settings": "/admin/settings",
        "watched-words": "/admin/words", "content-pages": "/admin/pages", "transparency": "/transparency",
        "leichte-sprache": "/pages/leichte-sprache", "translate": f"/translations/{demo['idea-subject']}/{target}",
        "plain-summary": demo["idea"] + "/plain-summary", "profile": demo["profile"], "own-profile": f"/u/{ADMIN}",
        "profile-ideas": demo["profile"] + "/ideas",
    }


def test_every_page_family_is_accessible_and_fits_320(page: Page, log_in, assert_accessible, demo, lang):
    log_in(ADMIN, "\u2068Rana Admin\u2069" if lang == "ar" else "Rana Admin")  # isolated in a right-to-left text
    for name, path in families(demo, lang).items():
        visit(page, path, lang)
        expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
        check_whole_page(page, lang, assert_accessible, name)


def rect(page: Page, selector: str) -> dict:
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().toJSON()")


@pytest.mark.parametrize("lang", ["ar"], indirect=True)
def test_arabic_pages_run_right_to_left(page: Page, say, demo, lang):
    page.goto(demo["idea"])
    assert page.evaluate("() => getComputedStyle(document.body).direction") == "rtl"
    width = page.viewport_size["width"]

    # The skip link is the first Tab stop, shown at the start of the line: the right edge.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name=say(lang, "Skip to main content"))
    assert is_focused(skip), focused_element(page)
    assert width - rect(page, ".skip-link")["right"] < 40

    # The header reads from the right: the name of the site, then the search box to its left.
    brand, search = rect(page, ".brand"), rect(page, ".site-search")
    assert brand["right"] > search["right"]
    page.keyboard.press("Tab")
    assert is_focused(page.locator(".brand")), focused_element(page)

    # Replies to replies are indented from the right, with their line on the right.
    nested = page.locator(".replies-nested .replies-nested").first
    outer = nested.evaluate("e => e.parentElement.closest('.replies-nested').getBoundingClientRect().toJSON()")
    inner = nested.evaluate("e => e.getBoundingClientRect().toJSON()")
    assert inner["right"] < outer["right"] and abs(inner["left"] - outer["left"]) < 2
    assert nested.evaluate("e => getComputedStyle(e).borderRightWidth") != "0px"

    # A form with errors: the summary and each field's error start at the right.
    page.goto("/register")
    page.get_by_role("button", name=say(lang, "Create account")).click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    heading = summary.locator("h2").evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e);"
        " return [r.getBoundingClientRect().right, e.getBoundingClientRect().right]; }")
    assert heading[1] - heading[0] < 2, heading  # the text ends at the right edge of its box
    assert page.locator(".field-has-error").first.evaluate("e => getComputedStyle(e).borderRightWidth") != "0px"
