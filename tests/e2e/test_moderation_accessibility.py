"""axe-core finds zero WCAG 2.2 AA and best-practice violations on the moderation pages, in German and English,
and none of them scrolls sideways at 320 CSS px.

One scene (tests/moderation_pages_scene.py) and three tests per language, one per person: the reporter (the
report form and the notice form, empty and with errors), the author (the statement of reasons and the appeal
form, empty and with errors) and a second moderator (the queue with items, an item, the direct action form, the
statement, the open appeals, the appeal decision page, the sanction form and the log). Every page must have one
h1, `<html lang>` in the reader's language and no id twice.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from browsing import LANGUAGES, check_whole_page, submit, visit
from moderation_pages_scene import (AUTHOR, AUTHOR_NAME, REPORTER, REPORTER_NAME, SECOND, SECOND_NAME,
                                    build_moderation_scene)



@pytest.fixture
def scene(app, lang):
    with app.app_context():
        return build_moderation_scene(lang)


def errors_shown(page: Page, say, lang: str) -> None:
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator(".error-summary h2")).to_contain_text(say(lang, "Please correct %(num)d entry", num=1)
                                                              .split()[0])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_report_and_notice_forms_are_accessible(page: Page, log_in, say, assert_accessible, scene, lang):
    log_in(REPORTER, REPORTER_NAME)
    pages = scene.member_pages()
    visit(page, pages["report"], lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(say(lang, "Report content"))
    check_whole_page(page, lang, assert_accessible, "report form")
    submit(page, say(lang, "Send report"))
    errors_shown(page, say, lang)
    check_whole_page(page, lang, assert_accessible, "report form with errors")

    visit(page, pages["notice"], lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(say(lang, "Report illegal content"))
    check_whole_page(page, lang, assert_accessible, "notice form")
    page.get_by_label(say(lang, "Your name")).fill("")
    submit(page, say(lang, "Send notice"))
    errors_shown(page, say, lang)
    check_whole_page(page, lang, assert_accessible, "notice form with errors")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_statement_and_the_appeal_form_are_accessible(page: Page, log_in, say, assert_accessible, scene, lang):
    log_in(AUTHOR, AUTHOR_NAME)
    pages = scene.author_pages()
    visit(page, pages["statement"], lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(say(lang, "Statement of reasons"))
    expect(page.locator("blockquote")).to_contain_text("Be kind." if lang == "en" else "Sei freundlich.")
    check_whole_page(page, lang, assert_accessible, "statement of reasons")

    visit(page, pages["appeal"], lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(say(lang, "Appeal a moderation decision"))
    check_whole_page(page, lang, assert_accessible, "appeal form")
    submit(page, say(lang, "Send the appeal"))
    errors_shown(page, say, lang)
    check_whole_page(page, lang, assert_accessible, "appeal form with errors")

    visit(page, pages["appealed"], lang)
    appeal = page.get_by_role("main").locator("blockquote")
    expect(appeal.locator("p")).to_have_count(2)  # the appellant's paragraphs are kept
    expect(appeal.get_by_role("link")).to_have_text(re.compile(r"^https://example\.org/a-very-long-address"))
    check_whole_page(page, lang, assert_accessible, "appeal waiting for a moderator")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_moderators_pages_are_accessible(page: Page, log_in, say, assert_accessible, scene, lang):
    log_in(SECOND, SECOND_NAME)
    for name, path in scene.moderator_pages().items():
        visit(page, path, lang)
        if name == "queue":
            expect(page.locator("table.admin-table tbody tr")).to_have_count(1)
        check_whole_page(page, lang, assert_accessible, name)
        if name in ("item", "act", "appeal-review", "sanction"):  # the same form with its errors
            button = {"item": "Record the decision", "act": "Record the decision",
                      "appeal-review": "Save the decision", "sanction": "Impose the sanction"}[name]
            submit(page, say(lang, button))
            errors_shown(page, say, lang)
            check_whole_page(page, lang, assert_accessible, f"{name} with errors")
