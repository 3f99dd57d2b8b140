"""axe-core finds zero WCAG 2.2 AA and best-practice violations on the pages of trust and administration, in German
and English, and none of them scrolls sideways at 320 CSS px.

One scene (tests/admin_pages_scene.py, the same as the Nu Html Checker's) and one test per language, to keep the
browser's time small: the administrator (also a moderator) visits the admin overview, the people list (with
filters and results, and with an error), a person's page, the settings (empty and with an error), the watched
words (list, add form empty and with errors, edit form), the pages list, the forum and idea category lists and
forms (with errors), the moderators' trust page, the support integrity overview and an idea's page with its
groups (and the set-aside form with errors), /transparency with a year of figures and a house-rules version; then
the sandboxed author reads her held reply. Every page has one h1, `<html lang>` in the reader's language and no
id twice.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from admin_pages_scene import ADMIN, ADMIN_NAME, HELD_REPLY, NEWBIE, NEWBIE_NAME, build_admin_scene
from browsing import LANGUAGES, check_whole_page, submit, visit

ERRORS_AFTER = {  # page -> (what to type where before sending, the button that sends)
    "settings": ({"#s_moderation__auto_hide_reports": "0"}, "Save settings"),
    "word-new": ({}, "Save"),
    "forum-category-edit": ({"#slug": "Kein Slug"}, "Save category"),
    "idea-category-new": ({"#slug": "Kein Slug"}, "Save category"),
    "trust": ({}, "Set the trust level"),
    "integrity-idea": ({}, "Set the chosen supports aside"),
}


@pytest.fixture
def scene(app, lang):
    with app.app_context():
        return build_admin_scene(lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_trust_and_admin_pages_are_accessible(page: Page, log_in, say, assert_accessible, scene, lang):
    log_in(ADMIN, ADMIN_NAME)
    for name, path in scene.admin_pages().items():
        visit(page, path, lang)
        if name == "people-filtered":
            expect(page.locator("table.admin-table tbody tr")).not_to_have_count(0)
        if name == "integrity-idea":
            expect(page.locator("input[type=checkbox]")).not_to_have_count(0)
        if name == "transparency":
            expect(page.locator("table").first).to_be_visible()
        if name.endswith("-errors"):
            expect(page.locator(".error-summary")).to_be_visible()
        check_whole_page(page, lang, assert_accessible, name)
        if name in ERRORS_AFTER:  # the same form with its errors
            typed, button = ERRORS_AFTER[name]
            for selector, text in typed.items():
                page.locator(selector).fill(text)
            submit(page, say(lang, button))
            expect(page.locator(".error-summary")).to_be_visible()
            check_whole_page(page, lang, assert_accessible, f"{name} with errors")

    log_in(NEWBIE, NEWBIE_NAME)
    visit(page, scene.author_pages()["held"], lang)
    expect(page.locator("article.post-hidden")).to_contain_text(HELD_REPLY.replace("**", ""))
    check_whole_page(page, lang, assert_accessible, "held reply")
