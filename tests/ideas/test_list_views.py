"""Idea listing pages: /ideas with its filter form, the awaiting-answer list, the staff dashboard, the navigation."""
from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from factories import PASSWORD, add_supporters, make_idea, make_idea_category, make_reply, make_user
from helpers import page_text, soup, words
from sqlalchemy import update

from app.extensions import db
from app.models import utcnow
from app.page_cache import MARK
from app.users.models import Role
from ideas import list_views
from ideas.categories import CategoryInput, save_category
from ideas.models import Idea, Status
from ideas.reading import IDEAS_PER_PAGE
from ideas.services import change_status, support

ENGLISH = {"Accept-Language": "en"}
GERMAN = {"Accept-Language": "de"}


def login(client, username: str) -> None:
    response = client.post("/login", data={"login": username, "password": PASSWORD})
    assert response.status_code == 302, f"{username} could not log in"


def assert_outline(response) -> None:
    """One h1, first; no heading more than one level below the one before it."""
    levels = [int(tag.name[1]) for tag in soup(response).find_all(re.compile(r"^h[1-6]$"))]
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"heading level skipped: {levels}"


def entries(response) -> list:
    return soup(response).select("ol.idea-list > li > article")


def entry_titles(response) -> list[str]:
    return [words(article.find(re.compile(r"^h[2-6]$")).get_text()) for article in entries(response)]


def entry(response, title: str):
    for article in entries(response):
        if words(article.find(re.compile(r"^h[2-6]$")).get_text()) == title:
            return article
    raise AssertionError(f"{title!r} is not listed")


@pytest.fixture
def site(db):
    """alice (English) proposes "Online appointments" (German text) and "Open data"; bob supports the first.

    The category is "Verwaltung" in German and "Administration" in English; staff, admin and carol exist.
    """
    alice = make_user("alice", locale="en")
    bob = make_user("bob", locale="en")
    make_user("carol", locale="en")
    make_user("staff", roles=(Role.CITY_STAFF,), locale="en")
    make_user("admin", roles=(Role.ADMIN,), locale="en")
    category = save_category(None, CategoryInput(
        slug="admin", names={"de": "Verwaltung", "en": "Administration"}, descriptions={}, support_threshold=50))
    appointments = make_idea(alice, category, title="Online appointments", language="de")
    make_idea(alice, category, title="Open data")
    make_idea(alice, category, title="Hidden draft", publish=False)
    support(bob, appointments)
    make_reply(appointments.discussion, bob, "Yes, please.")
    return {"category": category.id, "appointments": appointments.id}


# --- /ideas --------------------------------------------------------------------------------------------------

def test_the_list_shows_published_ideas_with_their_facts(client, site):
    response = client.get("/ideas", headers=ENGLISH)

    assert response.status_code == 200
    assert_outline(response)
    assert entry_titles(response) == ["Open data", "Online appointments"]  # never the draft
    card = entry(response, "Online appointments")
    text = words(card.get_text(" "))
    assert card.find("a", href=f"/ideas/{site['appointments']}") is not None
    assert "Status: New" in text  # the status in words, not by colour
    assert card.find(class_="idea-status").get_text(" ", strip=True) == "Status: New"
    assert "Administration" in text and "Verwaltung" not in text
    assert "1 of 50 supports needed for an answer." in text and "1 reply" in text
    assert card.find("progress")["value"] == "1" and card.find("progress")["max"] == "50"
    assert card.find("a", href="/u/alice").get_text() == "Alice"
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", card.find("time")["datetime"])
    assert "2 ideas" in page_text(response)


def test_the_title_carries_the_content_language_when_it_differs(client, site):
    english_page = client.get("/ideas", headers=ENGLISH)
    assert entry(english_page, "Online appointments").find("a", string="Online appointments")["lang"] == "de"
    assert entry(english_page, "Open data").find("a", string="Open data").get("lang") is None

    german_page = client.get("/ideas", headers=GERMAN)
    assert entry(german_page, "Online appointments").find("a", string="Online appointments").get("lang") is None
    assert entry(german_page, "Open data").find("a", string="Open data")["lang"] == "en"
    assert "Verwaltung" in words(entry(german_page, "Open data").get_text(" "))


def test_you_support_this_only_for_the_supporter(client, site):
    assert "You support this" not in page_text(client.get("/ideas", headers=ENGLISH))

    login(client, "bob")
    response = client.get("/ideas")
    assert "You support this" in words(entry(response, "Online appointments").get_text(" "))
    assert "You support this" not in words(entry(response, "Open data").get_text(" "))

    client.post("/logout")
    login(client, "carol")
    assert "You support this" not in page_text(client.get("/ideas"))


def test_the_page_links_to_proposing_and_to_the_awaiting_list(client, site):
    main = soup(client.get("/ideas", headers=ENGLISH)).find("main")

    assert main.find("a", href="/ideas/new").get_text(strip=True) == "Propose an idea"
    assert main.find("a", href="/ideas/awaiting-answer") is not None


def test_the_filter_form_is_a_labelled_get_form_with_the_current_choices(client, site):
    response = client.get("/ideas?sort=supported&status=new&category=admin", headers=ENGLISH)
    form = soup(response).find("form", class_="idea-filters")

    assert form["method"] == "get" and form["action"] == "/ideas"
    for name in ("sort", "status", "category"):
        select = form.find("select", attrs={"name": name})
        assert form.find("label", attrs={"for": select["id"]}) is not None
    assert form.find("select", attrs={"name": "sort"}).find("option", selected=True)["value"] == "supported"
    assert form.find("select", attrs={"name": "status"}).find("option", selected=True)["value"] == "new"
    assert form.find("select", attrs={"name": "category"}).find("option", selected=True)["value"] == "admin"
    assert form.find("select", attrs={"name": "category"}).find("option", selected=True).get_text() == "Administration"
    assert [o["value"] for o in form.find("select", attrs={"name": "status"}).find_all("option")][:2] == ["", "new"]
    assert "draft" not in [o["value"] for o in form.find_all("option")]
    assert form.find("button", type="submit") is not None
    assert form.find("input", attrs={"name": "mine"}) is None  # anonymous: no "mine" or "supported"
    assert form.find("input", attrs={"name": "supported"}) is None


def test_signed_in_members_filter_their_own_and_their_supported_ideas(client, site):
    login(client, "bob")
    page = soup(client.get("/ideas?supported=1"))
    form = page.find("form", class_="idea-filters")
    for name in ("mine", "supported"):
        box = form.find("input", attrs={"name": name, "type": "checkbox"})
        assert form.find("label", attrs={"for": box["id"]}) is not None
    assert form.find("input", attrs={"name": "supported"}).has_attr("checked")
    assert not form.find("input", attrs={"name": "mine"}).has_attr("checked")
    assert [words(h.get_text()) for h in page.select("ol.idea-list h3")] == ["Online appointments"]

    assert entry_titles(client.get("/ideas?mine=1")) == []  # bob proposed nothing
    client.post("/logout")
    login(client, "alice")
    assert entry_titles(client.get("/ideas?mine=1&sort=discussed")) == ["Online appointments", "Open data"]


def test_anonymous_visitors_get_the_whole_list_for_mine_and_supported(client, site):
    assert entry_titles(client.get("/ideas?mine=1&supported=1")) == ["Open data", "Online appointments"]


def test_filters_combine_in_the_url(client, site):
    staff = make_user("reviewer", roles=(Role.CITY_STAFF,))
    change_status(staff, db.session.get(Idea, site["appointments"]), Status.UNDER_REVIEW, "We look at it.")
    other = make_idea_category("other", threshold=50)
    make_idea(category=other, title="Elsewhere")

    assert entry_titles(client.get("/ideas?status=under_review")) == ["Online appointments"]
    assert entry_titles(client.get("/ideas?category=other")) == ["Elsewhere"]
    assert entry_titles(client.get("/ideas?category=admin&status=new")) == ["Open data"]
    assert entry_titles(client.get("/ideas?category=other&status=under_review")) == []
    assert entry_titles(client.get("/ideas?sort=supported&category=admin")) == ["Online appointments", "Open data"]


def test_filters_stay_in_the_pagination_links(client, site):
    author = make_user("prolific")
    category = db.session.get(Idea, site["appointments"]).category
    for index in range(IDEAS_PER_PAGE + 1):
        make_idea(author, category, title=f"Idea {index}")
    make_idea(author, make_idea_category("other", threshold=50), title="Not in the category")

    response = client.get("/ideas?sort=supported&status=new&category=admin", headers=ENGLISH)
    nav = soup(response).find("nav", class_="pagination")
    next_link = nav.find("a", rel="next")
    query = parse_qs(urlsplit(next_link["href"]).query)

    assert urlsplit(next_link["href"]).path == "/ideas"
    assert query == {"sort": ["supported"], "status": ["new"], "category": ["admin"], "page": ["2"]}
    second = client.get(next_link["href"], headers=ENGLISH)
    assert second.status_code == 200
    assert len(entries(second)) == 3  # 23 ideas in "admin": 20 on page 1, 3 here, none from "other"
    assert "Not in the category" not in entry_titles(second)
    assert soup(second).find("select", attrs={"name": "sort"}).find("option", selected=True)["value"] == "supported"


@pytest.mark.parametrize("query", ["sort=loudest", "status=draft", "status=nonsense", "sort=", "status="])
def test_unknown_sorts_and_statuses_are_ignored(client, site, query):
    response = client.get(f"/ideas?{query}", headers=ENGLISH)

    assert response.status_code == 200
    assert entry_titles(response) == ["Open data", "Online appointments"]


@pytest.mark.parametrize("query", ["category=nowhere", "page=2", "page=0", "page=-1", "page=two"])
def test_unknown_categories_and_pages_past_the_end_are_not_found(client, site, query):
    assert client.get(f"/ideas?{query}").status_code == 404


def test_an_empty_list_says_so(client, db):
    response = client.get("/ideas", headers=ENGLISH)

    assert response.status_code == 200
    assert entries(response) == []
    assert "No ideas yet" in page_text(response)
    assert soup(response).find("nav", class_="pagination") is None


def test_an_empty_filtered_list_offers_the_whole_list(client, site):
    response = client.get("/ideas?status=implemented&page=1", headers=ENGLISH)

    assert response.status_code == 200
    assert "No ideas match these filters." in page_text(response)
    assert soup(response).find("main").find("a", string="Show all ideas")["href"] == "/ideas"


# --- /ideas/awaiting-answer ----------------------------------------------------------------------------------

@pytest.fixture
def waiting(db):
    """Two ideas past their threshold: "Late" was due two days ago, "On time" is due in 20 days."""
    category = make_idea_category("city", threshold=1, answer_days=30)
    late, on_time = make_idea(category=category, title="Late"), make_idea(category=category, title="On time")
    add_supporters(late, 1)
    add_supporters(on_time, 1)
    now = utcnow()
    for idea, due in ((late, now - timedelta(days=2)), (on_time, now + timedelta(days=20))):
        db.session.execute(update(Idea).where(Idea.id == idea.id).values(answer_due_at=due))
    make_idea(category=category, title="Quiet")
    db.session.commit()


def test_the_awaiting_list_says_when_the_city_answers(client, waiting):
    response = client.get("/ideas/awaiting-answer", headers=ENGLISH)

    assert response.status_code == 200
    assert_outline(response)
    assert entry_titles(response) == ["Late", "On time"]
    late, on_time = (words(entry(response, title).get_text(" ")) for title in ("Late", "On time"))
    assert "Overdue since" in late and "The city answers by" not in late
    assert "The city answers by" in on_time and "Overdue" not in on_time
    assert "2 ideas await an answer" in page_text(response)


def test_the_awaiting_list_is_empty_without_ideas_past_their_threshold(client, site):
    response = client.get("/ideas/awaiting-answer", headers=ENGLISH)

    assert response.status_code == 200
    assert entries(response) == []
    assert "No idea is waiting for an answer right now." in page_text(response)
    assert client.get("/ideas/awaiting-answer?page=2").status_code == 404


# --- /ideas/dashboard ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("username", "status"), [(None, 302), ("carol", 403), ("staff", 200), ("admin", 200)])
def test_the_dashboard_is_for_city_staff_and_administrators(client, site, username, status):
    if username:
        login(client, username)

    response = client.get("/ideas/dashboard")

    assert response.status_code == status
    if username is None:
        assert urlsplit(response.location).path == "/login"
        assert parse_qs(urlsplit(response.location).query)["next"] == ["/ideas/dashboard"]


def test_the_dashboard_shows_what_awaits_an_answer_and_what_awaits_triage(client, waiting):
    make_user("staff", roles=(Role.CITY_STAFF,), locale="en")
    login(client, "staff")

    response = client.get("/ideas/dashboard")

    assert_outline(response)
    page = soup(response)
    awaiting, triage = page.find_all("section")
    assert [words(h.get_text()) for h in awaiting.select("article h3")] == ["Late", "On time"]
    assert "Overdue since" in words(awaiting.get_text(" "))
    assert [words(h.get_text()) for h in triage.select("article h3")] == ["Quiet", "On time", "Late"]
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), "an idea in both lists must not repeat an element id"


# --- the navigation and the anonymous cache ------------------------------------------------------------------

def main_nav(response):
    return soup(response).find("nav", class_="main-nav")


def test_the_main_navigation_has_ideas_before_forums(client, site):
    nav = main_nav(client.get("/ideas"))
    hrefs = [a["href"] for a in nav.find_all("a")]

    assert hrefs.index("/ideas") < hrefs.index("/forums")
    assert nav.find("a", href="/ideas")["aria-current"] == "page"
    awaiting_nav = main_nav(client.get("/ideas/awaiting-answer")).find("a", href="/ideas")
    assert awaiting_nav.get("aria-current") is None and "current-section" in awaiting_nav["class"]
    assert "current-section" not in (main_nav(client.get("/forums")).find("a", href="/ideas").get("class") or [])


@pytest.mark.parametrize(("username", "shown"), [(None, False), ("carol", False), ("staff", True), ("admin", True)])
def test_only_city_staff_and_administrators_see_the_dashboard_link(client, site, username, shown):
    if username:
        login(client, username)

    link = main_nav(client.get("/forums")).find("a", href="/ideas/dashboard")

    assert (link is not None) is shown
    if shown:
        dashboard_link = main_nav(client.get("/ideas/dashboard")).find("a", href="/ideas/dashboard")
        assert dashboard_link["aria-current"] == "page"


def test_only_the_public_lists_are_cached_for_anonymous_visitors():
    assert getattr(list_views.index, MARK, False) and getattr(list_views.awaiting, MARK, False)
    assert not getattr(list_views.dashboard, MARK, False)


@pytest.mark.parametrize("app_overrides", [{"ANONYMOUS_PAGE_CACHE_SECONDS": 60}])
def test_the_anonymous_list_is_stored_and_signed_in_members_still_get_their_own(client, site, count_queries):
    first = client.get("/ideas?sort=supported", headers=ENGLISH)
    with count_queries() as counter:
        second = client.get("/ideas?sort=supported", headers=ENGLISH)
    assert counter.count == 0 and second.data == first.data  # nothing personal in it: it could be stored

    login(client, "bob")
    mine = client.get("/ideas?sort=supported", headers=ENGLISH)
    assert "You support this" in page_text(mine)
