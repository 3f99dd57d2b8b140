"""axe-core finds zero WCAG 2.2 AA and best-practice violations on the idea pages, in German and English.

The browser asks for `lang` (Accept-Language) and every account reads in `lang`. The scene holds ideas in each
state the pages show: new with supports and a discussion with stances, accepted with the city's official answer
and its history, two awaiting the answer (one overdue, one not yet due), one in English among German ones.
Each page must also have exactly one h1 and `<html lang>` in the reader's language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from app.users.models import Role
from browsing import LANGUAGES, check_page, submit, visit
from factories import add_supporters, make_idea, make_idea_category, make_reply, make_user
from snapshots import loaded_once

MEMBER, MEMBER_NAME = "carla", "Carla Nowak"
STAFF, STAFF_NAME = "sven", "Sven Amtmann"
ADMIN, ADMIN_NAME = "ada", "Ada Admin"
AUTHOR, AUTHOR_NAME = "frieda", "Frieda Krause"
CATEGORY = "digitales-rathaus"
OPEN_TITLE = "Termine im Bürgeramt online buchen"
ANSWERED_TITLE = "Freies WLAN in der Stadtbibliothek"
OVERDUE_TITLE = "Parkausweise digital beantragen"
DUE_TITLE = "Sperrmüll online anmelden"
ENGLISH_TITLE = "Real-time bus departures at every stop"
DRAFT_TITLE = "Sitzbänke an jeder Haltestelle"
PREVIEW = """## Worum es geht

Eine *Online-Buchung* mit:

1. Erinnerung per E-Mail
2. Absage mit einem Klick

> Wartezeiten sind zu lang.

Mehr unter <https://example.org/termine>."""


@dataclass(frozen=True)
class IdeaScene:
    open: int  # new, 2 of 3 supports, replies for, against and with a question; Carla does not support it
    answered: int  # accepted with an official answer (history: published, under review, accepted)
    overdue: int  # past the threshold, the answer overdue; Carla supports it
    due: int  # past the threshold, the answer not yet due
    english: int  # written in English, in another category
    # and Carla's draft, which only she sees (on her home page)


@pytest.fixture
def scene(app, lang) -> IdeaScene:
    from app.extensions import db
    from app.models import utcnow
    from forums.models import Stance
    from ideas.models import Status
    from ideas.services import change_status, support

    def build() -> IdeaScene:
        author = make_user(AUTHOR, display_name=AUTHOR_NAME, locale=lang)
        member = make_user(MEMBER, display_name=MEMBER_NAME, locale=lang)
        staff = make_user(STAFF, display_name=STAFF_NAME, roles=(Role.CITY_STAFF,), locale=lang)
        make_user(ADMIN, display_name=ADMIN_NAME, roles=(Role.ADMIN,), locale=lang)
        town_hall = make_idea_category(CATEGORY, name="Digitales Rathaus", threshold=3, answer_days=30)
        mobility = make_idea_category("mobilitaet", name="Mobilität", threshold=2)

        open_idea = make_idea(author, town_hall, title=OPEN_TITLE, language="de",
                              body="Bisher geht das nur am **Telefon**.\n\n- Bürgeramt\n- Standesamt")
        first, _ = add_supporters(open_idea, 2)
        question = make_reply(open_idea.discussion, first, "Gilt das auch für das Standesamt?",
                              stance=Stance.QUESTION)
        make_reply(open_idea.discussion, author, "Ja, für beide Ämter.", to=question, stance=Stance.FOR)
        make_reply(open_idea.discussion, staff, "Das kostet mehr, als es spart.", stance=Stance.AGAINST)

        answered = make_idea(author, town_hall, title=ANSWERED_TITLE, language="de",
                             body="Die Bibliothek hat **kein** WLAN für Gäste.")
        add_supporters(answered, 3)
        change_status(staff, answered, Status.UNDER_REVIEW, "Wir prüfen die Kosten mit der Bibliothek.")
        change_status(staff, answered, Status.ACCEPTED,
                      "Das WLAN kommt **im Mai**.\n\n- alle Lesesäle\n- das Foyer", official=True)
        make_reply(answered.discussion, author, "Danke!", stance=Stance.FOR)

        overdue = make_idea(author, town_hall, title=OVERDUE_TITLE, language="de", body="Ohne Gang zum Amt.")
        add_supporters(overdue, 3)
        support(member, overdue)
        long_ago = utcnow() - timedelta(days=45)
        overdue.threshold_reached_at, overdue.answer_due_at = long_ago, long_ago + timedelta(days=30)

        due = make_idea(author, town_hall, title=DUE_TITLE, language="de", body="Termin und Gebühr online.")
        add_supporters(due, 3)

        english = make_idea(staff, mobility, title=ENGLISH_TITLE, language="en",
                            body="Screens at stops show when the **next bus** comes.")
        make_idea(member, mobility, title=DRAFT_TITLE, language="de", body="Zum Ausruhen.", publish=False)
        db.session.commit()
        return IdeaScene(open=open_idea.id, answered=answered.id, overdue=overdue.id, due=due.id,
                         english=english.id)

    with app.app_context():  # built once per test process and language, copied back for each test
        return loaded_once(("idea accessibility scene", lang), build)


@pytest.fixture
def as_member(log_in, scene: IdeaScene) -> Page:
    return log_in(MEMBER, MEMBER_NAME)


@pytest.fixture
def as_staff(log_in, scene: IdeaScene) -> Page:
    return log_in(STAFF, STAFF_NAME)


# --- lists -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("query", [f"sort=supported&status=new&category={CATEGORY}",
                                   f"sort=supported&status=new&category={CATEGORY}&supported=1"],
                         ids=["sorted-and-filtered", "only-supported"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_idea_list_sorted_and_filtered_is_accessible(as_member: Page, say, say_count, assert_accessible, scene,
                                                         lang, query):
    page = as_member
    visit(page, f"/ideas?{query}", lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(say(lang, "Ideas"))
    filters = page.get_by_role("form", name=say(lang, "Sort and filter"))
    expect(filters.get_by_label(say(lang, "Sort by"))).to_have_value("supported")
    expect(filters.get_by_label(say(lang, "Status"))).to_have_value("new")
    expect(filters.get_by_label(say(lang, "Category"))).to_have_value(CATEGORY)
    expect(filters.get_by_role("checkbox", name=say(lang, "Ideas I proposed"))).not_to_be_checked()
    only_supported = filters.get_by_role("checkbox", name=say(lang, "Ideas I support"))
    titles = page.get_by_role("main").locator("ol.idea-list .idea-title")
    if "supported=1" in query:
        expect(only_supported).to_be_checked()
        expect(titles).to_have_text([OVERDUE_TITLE])
    else:
        expect(only_supported).not_to_be_checked()
        expect(titles).to_have_text([OVERDUE_TITLE, DUE_TITLE, OPEN_TITLE])  # most supported first
    expect(page.get_by_role("heading", level=2, name=say_count(lang, "%(num)s idea", "%(num)s ideas",
                                                               titles.count()))).to_be_visible()
    expect(page.get_by_text(say(lang, "You support this"), exact=True)).to_have_count(1)
    assert_accessible(page, f"idea list, {query}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_idea_list_is_accessible_without_an_account(page: Page, say, assert_accessible, scene, lang):
    visit(page, "/ideas", lang)
    expect(page.get_by_role("main").locator("ol.idea-list > li")).to_have_count(5)
    # The English idea keeps its language for German readers, and the German ones for English readers.
    other = page.get_by_role("link", name=ENGLISH_TITLE if lang == "de" else OPEN_TITLE, exact=True)
    expect(other).to_have_attribute("lang", "en" if lang == "de" else "de")
    expect(page.get_by_role("checkbox")).to_have_count(0)  # "mine" and "supported" need an account
    assert_accessible(page, "idea list, not signed in")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_ideas_awaiting_an_answer_are_accessible_earliest_due_first(page: Page, say, assert_accessible, scene,
                                                                        lang):
    visit(page, "/ideas/awaiting-answer", lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(say(lang, "Awaiting the city's answer"))
    entries = page.get_by_role("main").locator("ol.idea-list > li")
    expect(entries).to_have_count(2)
    expect(entries.first).to_contain_text(OVERDUE_TITLE)  # the earliest due first
    expect(entries.first.locator(".idea-overdue")).to_be_visible()
    expect(entries.last).to_contain_text(DUE_TITLE)
    expect(entries.last.locator(".idea-due")).to_be_visible()
    expect(entries.last.locator(".idea-overdue")).to_have_count(0)
    assert_accessible(page, "ideas awaiting an answer")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_city_staff_dashboard_is_accessible(as_staff: Page, say, assert_accessible, scene, lang):
    page = as_staff
    visit(page, "/ideas/dashboard", lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(say(lang, "Dashboard"))
    awaiting = page.get_by_role("region", name=say(lang, "Awaiting the city's answer"))
    expect(awaiting.locator(".idea-title")).to_have_text([OVERDUE_TITLE, DUE_TITLE])
    expect(awaiting.locator(".idea-overdue")).to_have_count(1)
    triage = page.get_by_role("region", name=say(lang, "New ideas to triage"))
    expect(triage.locator(".idea-title")).to_have_count(4)  # all but the accepted one
    nav = page.get_by_role("navigation", name=say(lang, "Main"))
    expect(nav.get_by_role("link", name=say(lang, "Dashboard"))).to_have_attribute("aria-current", "page")
    assert_accessible(page, "city staff dashboard")


# --- the home page -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("viewer", ["member", "anonymous"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_with_ideas_is_accessible(request, page: Page, say, assert_accessible, scene, lang, viewer):
    if viewer == "member":
        request.getfixturevalue("as_member")
    visit(page, "/", lang)
    attention = page.get_by_role("region", name=say(lang, "Needs attention"))
    expect(attention.locator(".idea-title")).to_have_text([OPEN_TITLE, OVERDUE_TITLE])  # 2 of 3; overdue
    expect(attention.locator(".idea-overdue")).to_have_count(1)
    expect(attention.get_by_role("link", name=say(lang, "All ideas awaiting an answer"))).to_have_attribute(
        "href", "/ideas/awaiting-answer")
    expect(page.get_by_role("region", name=say(lang, "Newest ideas")).locator(".idea-title")).to_have_count(5)
    expect(page.get_by_role("region", name=say(lang, "Recent official answers")).locator(".idea-title")).to_have_text(
        [ANSWERED_TITLE])
    expect(page.get_by_text(say(lang, "No solution is being built or piloted right now."))).to_be_visible()
    if viewer == "member":
        yours = page.get_by_role("region", name=say(lang, "Your ideas"))
        expect(yours.get_by_role("link", name=say(lang, "Propose an idea"))).to_have_attribute("href", "/ideas/new")
        expect(yours.get_by_role("link", name=DRAFT_TITLE)).to_have_attribute("href", re.compile(r"/ideas/\d+/edit$"))
        expect(yours.locator(".idea-title")).to_have_text([OVERDUE_TITLE])  # the idea Carla supports
        expect(page.get_by_role("region", name=say(lang, "What changed in what you follow"))).to_be_visible()
    else:
        expect(page.get_by_text(DRAFT_TITLE)).to_have_count(0)
        expect(page.get_by_role("region", name=say(lang, "Take part"))).to_be_visible()
    assert_accessible(page, f"home page with ideas, {viewer}")


# --- one idea --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("viewer", ["member", "anonymous"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_idea_before_the_citys_answer_is_accessible(request, page: Page, say, assert_accessible, scene, lang,
                                                       viewer):
    if viewer == "member":
        request.getfixturevalue("as_member")
    visit(page, f"/ideas/{scene.open}", lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(OPEN_TITLE)
    supports = page.get_by_role("region", name=say(lang, "Supports"))
    expect(supports.get_by_role("progressbar")).to_have_attribute("value", "2")
    if viewer == "member":
        expect(supports.get_by_role("button", name=say(lang, "Support this idea"))).to_be_visible()
        expect(page.get_by_role("group", name=say(lang, "Your stance"))).to_be_visible()  # in the reply form
    else:
        expect(supports.get_by_role("link", name=say(lang, "Log in to support this idea"))).to_be_visible()
        expect(page.get_by_role("link", name=say(lang, "Log in to reply"))).to_be_visible()
    counts = page.get_by_role("list", name=say(lang, "Stances in this discussion"))
    for stance in ("For", "Against", "Question"):
        expect(counts).to_contain_text(f"{say(lang, stance)}: 1")
    expect(page.locator(".badge.stance")).to_have_count(3)
    expect(page.get_by_role("region", name=say(lang, "The city's answer"))).to_have_count(0)
    assert_accessible(page, f"idea before an answer, {viewer}")


@pytest.mark.parametrize("viewer", ["staff", "anonymous"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_idea_with_the_citys_answer_is_accessible(request, page: Page, say, assert_accessible, scene, lang, viewer):
    if viewer == "staff":
        request.getfixturevalue("as_staff")
    visit(page, f"/ideas/{scene.answered}", lang)
    accepted = say(lang, "Accepted")
    expect(page.locator(".idea-header .idea-status")).to_contain_text(accepted)
    answer = page.get_by_role("region", name=say(lang, "The city's answer"))
    expect(answer.locator("strong")).to_have_text("im Mai")
    expect(answer.get_by_role("listitem")).to_have_count(2)
    history = page.get_by_role("region", name=say(lang, "History")).locator("ol.timeline > li")
    expect(history).to_have_count(3)  # published, under review, accepted
    expect(history.last).to_contain_text(say(lang, "Official answer."))
    if viewer == "staff":
        expect(page.get_by_role("link", name=say(lang, "Change status or answer"))).to_be_visible()
    assert_accessible(page, f"idea after an answer, {viewer}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_idea_in_another_language_is_accessible(page: Page, say, assert_accessible, scene, lang):
    visit(page, f"/ideas/{scene.english}", lang)
    if lang == "de":
        expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "en")
    assert_accessible(page, "idea written in English")


# --- forms, with their errors ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_proposal_form_is_accessible_empty_and_with_errors(as_member: Page, say, assert_accessible, scene, lang):
    page = as_member
    visit(page, "/ideas/new", lang)
    assert_accessible(page, "proposal form")
    page.get_by_label(say(lang, "Title")).fill("Ab")
    submit(page, say(lang, "Publish the idea"))
    check_page(page, lang)
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(2)  # the title is too short, the description is missing
    expect(page.get_by_label(say(lang, "Title"))).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label(say(lang, "Description"))).to_have_attribute("aria-invalid", "true")
    assert_accessible(page, "proposal form with errors")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_proposal_form_with_a_preview_is_accessible(as_member: Page, say, assert_accessible, scene, lang):
    page = as_member
    visit(page, "/ideas/new", lang)
    page.get_by_label(say(lang, "Title")).fill("Termine online absagen")
    page.get_by_label(say(lang, "Description")).fill(PREVIEW)
    submit(page, say(lang, "Preview"))
    check_page(page, lang)
    preview = page.get_by_role("region", name=say(lang, "Preview"))
    expect(preview.get_by_role("heading", level=3)).to_have_text("Worum es geht")
    expect(preview.locator("blockquote")).to_contain_text("Wartezeiten sind zu lang.")
    assert_accessible(page, "proposal form with a preview")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_status_form_is_accessible_empty_and_with_errors(as_staff: Page, say, assert_accessible, scene, lang):
    page = as_staff
    visit(page, f"/ideas/{scene.open}/status", lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        say(lang, "Change the status of “%(title)s”", title=OPEN_TITLE))
    expect(page.get_by_label(say(lang, "This is the city's official answer"))).to_be_checked()
    assert_accessible(page, "status form")
    page.get_by_label(say(lang, "New status")).select_option("duplicate")
    submit(page, say(lang, "Change status"))
    check_page(page, lang)
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(2)  # no explanation, no original idea
    expect(summary).to_contain_text(say(lang, "Please enter the number of the original idea."))
    expect(page.get_by_label(say(lang, "New status"))).to_have_value("duplicate")
    assert_accessible(page, "status form with errors")


# --- category administration -----------------------------------------------------------------------------------

@pytest.fixture
def as_admin(log_in, scene: IdeaScene) -> Page:
    return log_in(ADMIN, ADMIN_NAME)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_admin_categories_moved_by_keyboard(as_admin: Page, say, assert_accessible, scene, lang):
    page = as_admin
    visit(page, "/admin/categories/ideas", lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(say(lang, "Idea categories"))
    assert_accessible(page, "idea category list")
    rows = page.locator("tbody tr")
    expect(rows.locator("code")).to_have_text([CATEGORY, "mobilitaet"])

    move = rows.nth(1).get_by_role("button", name=say(lang, "Move up"))  # the hidden name follows: "Move up Mobilität"
    move.focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    check_page(page, lang)
    expect(page.get_by_role("status")).to_contain_text(say(lang, "The order of the categories has been saved."))
    expect(page.locator("tbody tr code")).to_have_text(["mobilitaet", CATEGORY])
    assert_accessible(page, "idea category list after a move")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_admin_category_form_with_errors(as_admin: Page, say, assert_accessible, scene, lang):
    page = as_admin
    visit(page, "/admin/categories/ideas/new", lang)
    assert_accessible(page, "new idea category form")
    page.get_by_label(say(lang, "Address (slug)")).fill("Keine Leerzeichen!")
    page.get_by_label(say(lang, "Support threshold")).fill("0")
    submit(page, say(lang, "Save category"))
    check_page(page, lang)
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(3)  # address, German name, threshold
    expect(page.get_by_label(say(lang, "Address (slug)"))).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#name_de")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#name_en")).to_have_attribute("lang", "en")
    assert_accessible(page, "idea category form with errors")
