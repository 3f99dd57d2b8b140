"""The /search page in each of its states passes the whole-page check in German and English: in the reader's
language, one h1, no id twice, zero axe-core violations (WCAG 2.2 AA and best practice), and no sideways scroll at
320 px. The states: before a search, with results (highlighted words, kind tabs, pagination, the filters open), with
no results (and the suggestions that lift filters), with an error in the form (an end date before the start date),
and with the index missing (German) or corrupt (English), when search is briefly unavailable.

German is read by a moderator, who also sees a hidden idea marked as hidden; English by a visitor. The Nu Html
Checker part is in tests/app/search/test_search_page_html.py.
"""
from __future__ import annotations

import os
import re
import shutil

import pytest
from playwright.sync_api import Page, expect

from app.search import indexer
from app.users.models import Role
from browsing import LANGUAGES, check_whole_page, visit
from factories import make_category, make_idea, make_idea_category, make_reply, make_thread, make_user

MODERATOR, MODERATOR_NAME = "ada", "Ada Lovelace"
PER_PAGE = 20  # app.search.views.PER_PAGE: one more idea than this makes a second page
WORD = {"de": "Radweg", "en": "cycle"}
TEXTS = {  # an idea's title and body, the hidden idea's title and body, a thread's title and body, a reply
    "de": ("Radweg {n} <b>jetzt</b>", "Der **Radweg** an der Straße {n} braucht eine Markierung & mehr Licht.",
           "Radweg-Werbung mit Rabatt", "Billige Räder für jeden Radweg.", "Radweg im Winter", "Wer räumt den Radweg?",
           "Der Radweg wird als Erstes geräumt."),
    "en": ("Cycle lane {n} <b>now</b>", "The **cycle** lane on street {n} needs paint & more light.",
           "Cycle shop discount", "Cheap bikes for every cycle lane.", "Cycle lanes in winter",
           "Who clears the cycle lanes?", "They are cleared first."),
}


@pytest.fixture
def app_overrides(tmp_path) -> dict:
    """Real CSRF tokens (the browser sends real forms) and a Whoosh index of this test's own."""
    return {"WTF_CSRF_ENABLED": True, "SEARCH_INDEX_DIR": str(tmp_path / "index")}


@pytest.fixture
def scene(app, lang) -> None:
    """In the reader's language: a page and more of ideas with the word, one of them hidden by moderation, a
    thread and a reply with it; a moderator; all indexed."""
    from app.extensions import db
    from app.moderation import hiding
    from app.moderation.models import Reason

    title, body, hidden_title, hidden_body, thread_title, thread_body, reply = TEXTS[lang]
    with app.app_context():
        author = make_user("frieda", display_name="Frieda <Krause>", locale=lang)
        make_user(MODERATOR, display_name=MODERATOR_NAME, roles=(Role.MODERATOR,), locale=lang)
        mobility = make_idea_category("mobilitaet", name="Mobilität")
        for number in range(PER_PAGE):
            make_idea(author, mobility, title=title.format(n=number), body=body.format(n=number), language=lang)
        spam = make_idea(author, mobility, title=hidden_title, body=hidden_body, language=lang)
        hiding.hide(spam.subject, Reason.SPAM)
        db.session.commit()
        thread = make_thread(author, make_category("verkehr", name="Verkehr"), title=thread_title, body=thread_body)
        make_reply(thread, author, reply)
        indexer.rebuild()


def damage(index_dir: str, lang: str) -> None:
    """German: the index directory is gone; English: every file in it is overwritten with garbage."""
    if lang == "de":
        shutil.rmtree(index_dir)
        return
    for folder, _, files in os.walk(index_dir):
        for name in files:
            path = os.path.join(folder, name)
            size = os.path.getsize(path)
            with open(path, "r+b") as handle:
                handle.write(b"\x00garbage\xff" * max(1, size // 10))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_search_page_in_every_state_passes_the_whole_page_check(app, page: Page, scene, log_in, say, say_count,
                                                                     assert_accessible, lang):
    word = WORD[lang]
    if lang == "de":
        log_in(MODERATOR, MODERATOR_NAME)
    main = page.get_by_role("main")

    # Before a search: what can be searched, and how.
    visit(page, "/search", lang)
    expect(main.get_by_role("heading", level=2, name=say(lang, "How to search"))).to_be_visible()
    check_whole_page(page, lang, assert_accessible, "search before a search")

    # With results, newest first (so the filters are open): the words highlighted, the kinds with their counts, a
    # second page.
    visit(page, f"/search?q={word}&sort=newest", lang)
    total = PER_PAGE + 2 + (1 if lang == "de" else 0)  # ideas, thread and reply; the hidden idea for the moderator
    expect(main.locator("#search-results-title")).to_have_text(
        say_count(lang, "%(num)s result", "%(num)s results", total))
    expect(main.locator(".search-result")).to_have_count(PER_PAGE)
    expect(main.locator(".search-result-title mark").first).to_have_text(re.compile(word, re.IGNORECASE))
    expect(main.locator(".search-snippet mark").first).to_have_text(re.compile(word, re.IGNORECASE))
    expect(main.get_by_role("link", name=TEXTS[lang][0].format(n=PER_PAGE - 1), exact=True)).to_be_visible()  # escaped
    expect(main.get_by_role("navigation", name=say(lang, "Pages of results"))).to_be_visible()
    hidden = main.locator(".search-result-hidden")
    if lang == "de":
        expect(hidden).to_have_count(1)
        expect(hidden.locator(".badge-hidden")).to_have_text(say(lang, "Hidden by moderation"))
    else:
        expect(hidden).to_have_count(0)
    expect(main.locator("details.search-filters")).to_have_attribute("open", "")
    check_whole_page(page, lang, assert_accessible, "search with results")

    # With no results, narrowed to ideas: what to try instead, with links that lift the filter.
    visit(page, "/search?q=Zeppelinhangar&kind=idea", lang)
    expect(main.locator("#search-results-title")).to_have_text(say_count(lang, "%(num)s result", "%(num)s results", 0))
    expect(main.get_by_role("link", name=say(lang, "search everything, not only some kinds"))).to_be_visible()
    check_whole_page(page, lang, assert_accessible, "search with no results")

    # With an error: the period ends before it starts; the summary and the field say so, nothing is searched.
    visit(page, f"/search?q={word}&since=2027-03-10&until=2027-03-01", lang)
    expect(page.get_by_role("alert")).to_be_visible()
    expect(main.locator("#until-error")).to_be_visible()
    expect(main.get_by_label(say(lang, "Until"))).to_have_attribute("aria-invalid", "true")
    expect(main.locator(".search-result")).to_have_count(0)
    check_whole_page(page, lang, assert_accessible, "search with an error")

    # Unavailable: the index is missing or corrupt; the page still answers and says so.
    damage(app.config["SEARCH_INDEX_DIR"], lang)
    visit(page, f"/search?q={word}", lang)
    expect(main.get_by_role("status").filter(
        has_text=say(lang, "Search is briefly unavailable. Please try again in a few minutes."))).to_be_visible()
    expect(main.locator(".search-result")).to_have_count(0)
    check_whole_page(page, lang, assert_accessible, "search unavailable")
