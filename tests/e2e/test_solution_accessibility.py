"""axe-core finds zero WCAG 2.2 AA and best-practice violations on the solution pages, in German and English.

The browser asks for `lang` (Accept-Language) and every account reads in `lang`. The scene holds a live solution
(its idea implemented, milestones done, late and planned, an update, a team, ratings and a discussion) and a
solution in development without ratings. Each page is checked signed in and not, and must have exactly one h1,
`<html lang>` in the reader's language and no id twice. By keyboard alone, a solution opens from the list.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from app.users.models import Role
from browsing import LANGUAGES, check_page, tab_to, visit
from factories import add_supporters, make_idea, make_idea_category, make_reply, make_user
from snapshots import loaded_once

VIEWERS = ["member", "anonymous"]
MEMBER, MEMBER_NAME = "carla", "Carla Nowak"
STAFF, STAFF_NAME = "sven", "Sven Amtmann"
CATEGORY = "digitales-rathaus"
LIVE_TITLE = "Online-Terminbuchung im Bürgeramt"
DEVELOPMENT_TITLE = "Barrierefreie Stadtwebsite"
MAX_TABS = 60


@dataclass(frozen=True)
class SolutionScene:
    live: int  # live, 1 of 3 milestones done and one late, an update, a team, two ratings, a discussion
    development: int  # in development, one planned milestone, no ratings, another category


@pytest.fixture
def scene(app, lang) -> SolutionScene:
    from app.extensions import db
    from app.models import utcnow
    from forums.embedded import thread_about
    from ideas.models import Status
    from ideas.services import change_status as change_idea_status
    from ideas.solutions import services
    from ideas.solutions.models import Role as HelpRole
    from ideas.solutions.models import SolutionStatus
    from ideas.solutions.services import SolutionInput

    def build() -> SolutionScene:
        staff = make_user(STAFF, display_name=STAFF_NAME, roles=(Role.CITY_STAFF,), locale=lang)
        member = make_user(MEMBER, display_name=MEMBER_NAME, locale=lang)
        town_hall = make_idea_category(CATEGORY, name="Digitales Rathaus", threshold=2)
        web = make_idea_category("stadtportal", name="Stadtportal", threshold=2)
        idea = make_idea(make_user("frieda", locale=lang), town_hall, title="Termine online buchen", language="de")
        fans = add_supporters(idea, 2)
        change_idea_status(staff, idea, Status.ACCEPTED, "Ja.")

        live = services.create_solution(staff, SolutionInput(
            title=LIVE_TITLE, summary="Termine rund um die Uhr buchen und absagen.",
            description_md="Ein **Buchungsdienst** mit:\n\n- Erinnerung per E-Mail\n- Absage mit einem Klick",
            language="de", category=town_hall), ideas=(idea,), explanation_md="Wir bauen es.")
        today = utcnow().date()
        done = services.add_milestone(staff, live, title="Prototyp", planned_on=today - timedelta(days=30))
        services.set_milestone_done(staff, done, True, on=today - timedelta(days=28))
        services.add_milestone(staff, live, title="Pilot in zwei Ämtern", planned_on=today - timedelta(days=2),
                               description_md="Im *Bürgeramt* und im Standesamt.")
        services.add_milestone(staff, live, title="Für alle", planned_on=today + timedelta(days=20))
        offer = services.volunteer(fans[0], live, role=HelpRole.TESTING, public=True)
        services.decide_volunteer(staff, offer, accept=True)
        services.post_update(fans[0], live, "Mit **NVDA** und VoiceOver getestet.")
        services.change_status(staff, live, SolutionStatus.LIVE, "Online.")
        services.rate(fans[0], live, 5)
        services.rate(fans[1], live, 2)
        make_reply(thread_about(live.subject_id), member, "Funktioniert prima!")

        development = services.create_solution(staff, SolutionInput(
            title=DEVELOPMENT_TITLE, summary="Die Stadtwebsite für alle lesbar machen.",
            description_md="Nach **WCAG 2.2** AA.", language="de", category=web))
        services.add_milestone(staff, development, title="Prüfbericht", planned_on=today + timedelta(days=40))
        services.change_status(staff, development, SolutionStatus.IN_DEVELOPMENT)
        db.session.commit()
        return SolutionScene(live=live.id, development=development.id)

    with app.app_context():  # built once per test process and language, copied back for each test
        return loaded_once(("solution accessibility scene", lang), build)


@pytest.fixture
def as_member(log_in, scene: SolutionScene) -> Page:
    return log_in(MEMBER, MEMBER_NAME)


def sign_in_as(request, viewer: str) -> None:
    if viewer == "member":
        request.getfixturevalue("as_member")


def milestone_progress(say_count, lang: str, percent: int, done: int, num: int) -> str:
    from babel.numbers import format_percent

    return say_count(lang, "%(percent)s done: %(done)s of %(num)s milestone",
                     "%(percent)s done: %(done)s of %(num)s milestones", num,
                     percent=format_percent(percent / 100, locale=lang), done=done)


# --- the list --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_solution_list_is_accessible_most_recently_updated_first(request, page: Page, say, say_count,
                                                                     assert_accessible, scene, lang, viewer):
    sign_in_as(request, viewer)
    visit(page, "/solutions", lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(say(lang, "Solutions"))
    titles = page.get_by_role("main").locator("ol.solution-list .idea-title")
    expect(titles).to_have_text([DEVELOPMENT_TITLE, LIVE_TITLE])  # the most recently updated first
    expect(page.get_by_role("heading", level=2, name=say_count(lang, "%(num)s solution", "%(num)s solutions",
                                                               2))).to_be_visible()
    expect(page.get_by_role("progressbar")).to_have_count(2)
    assert_accessible(page, f"solution list, {viewer}")


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_solution_list_filtered_is_accessible(request, page: Page, say, assert_accessible, scene, lang, viewer):
    sign_in_as(request, viewer)
    visit(page, f"/solutions?status=live&category={CATEGORY}", lang)
    filters = page.get_by_role("form", name=say(lang, "Filter"))
    expect(filters.get_by_label(say(lang, "Status"))).to_have_value("live")
    expect(filters.get_by_label(say(lang, "Category"))).to_have_value(CATEGORY)
    entries = page.get_by_role("main").locator("ol.solution-list > li")
    expect(entries).to_have_count(1)
    expect(entries.first.locator(".solution-status")).to_contain_text(say(lang, "Live"))
    assert_accessible(page, f"solution list filtered, {viewer}")


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_solution_list_with_no_match_is_accessible(request, page: Page, say, assert_accessible, scene, lang,
                                                       viewer):
    sign_in_as(request, viewer)
    visit(page, "/solutions?status=discontinued", lang)
    expect(page.get_by_role("main").locator("ol.solution-list")).to_have_count(0)
    expect(page.get_by_text(say(lang, "No solution matches these filters."))).to_be_visible()
    assert_accessible(page, f"solution list, empty, {viewer}")


# --- one solution ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_live_solution_with_milestones_and_ratings_is_accessible(request, page: Page, say, say_count,
                                                                   assert_accessible, scene, lang, viewer):
    sign_in_as(request, viewer)
    visit(page, f"/solutions/{scene.live}", lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(LIVE_TITLE)
    expect(page.locator(".idea-header .solution-status")).to_contain_text(say(lang, "Live"))
    led_by = say(lang, "Led by %(name)s.", name=STAFF_NAME)  # then a space: the sentences do not run together
    expect(page.locator(".idea-header .idea-meta")).to_contain_text(
        f"{led_by} {say(lang, 'Category: %(category)s', category='Digitales Rathaus')}.")
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "33")
    milestones = page.get_by_role("region", name=say(lang, "Milestones")).locator("ol.milestones > li")
    expect(milestones).to_have_count(3)
    expect(milestones.nth(1)).to_have_class("milestone milestone-late")
    late = say(lang, "Late: planned for %(date)s, not done yet", date="\0").split("\0")[0]
    expect(milestones.nth(1).locator("strong")).to_contain_text(late)  # said in words, not only by colour
    ratings = page.get_by_role("region", name=say(lang, "Does it meet the need?"))
    table = ratings.get_by_role("table", name=say(lang, "Answers by rating"))
    expect(table.locator("tbody tr")).to_have_count(5)
    expect(ratings).to_contain_text(say(lang, "Average: %(average)s of 5.", average="3,5" if lang == "de" else "3.5"))
    expect(page.get_by_role("region", name=say(lang, "Discussion"))).to_contain_text("Funktioniert prima!")
    assert_accessible(page, f"live solution, {viewer}")


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_solution_in_development_without_ratings_is_accessible(request, page: Page, say, assert_accessible, scene,
                                                                 lang, viewer):
    sign_in_as(request, viewer)
    visit(page, f"/solutions/{scene.development}", lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(DEVELOPMENT_TITLE)
    expect(page.locator(".idea-header .solution-status")).to_contain_text(say(lang, "In development"))
    expect(page.get_by_role("region", name=say(lang, "Does it meet the need?"))).to_have_count(0)
    expect(page.get_by_role("table")).to_have_count(0)
    expect(page.get_by_text(say(lang, "No idea is linked yet."))).to_be_visible()
    assert_accessible(page, f"solution in development, {viewer}")


# --- by keyboard alone -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_open_a_solution_from_the_list_by_keyboard(page: Page, say, say_count, scene, lang):
    visit(page, "/solutions", lang)
    link = page.get_by_role("main").get_by_role("link", name=LIVE_TITLE, exact=True)
    tab_to(page, link, MAX_TABS)  # fails after MAX_TABS presses
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{page.url.split('/solutions')[0]}/solutions/{scene.live}")
    check_page(page, lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(LIVE_TITLE)
    bar = page.get_by_role("progressbar", name=say(lang, "Progress"), exact=True)
    expect(bar).to_have_count(1)
    text = milestone_progress(say_count, lang, 33, 1, 3)
    expect(bar).to_have_accessible_description(text)
    expect(page.locator(".idea-header .solution-progress")).to_contain_text(text)
