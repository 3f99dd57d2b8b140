"""The solution list and page: filters, 404s, every section, constant statements as the data grows."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from factories import add_supporters, make_idea, make_idea_category, make_reply, make_user
from helpers import page_text, soup

from app.extensions import db
from app.models import utcnow
from app.users.models import Role
from ideas.models import Status
from ideas.services import change_status as change_idea_status
from ideas.solutions import services
from ideas.solutions.models import Role as HelpRole
from ideas.solutions.models import Solution, SolutionStatus
from ideas.solutions.reading import SOLUTIONS_PER_PAGE
from ideas.solutions.services import SolutionInput

ENGLISH = {"Accept-Language": "en"}


def text(title: str = "Online appointments", category=None) -> SolutionInput:
    return SolutionInput(title=title, summary=f"Summary of {title}.", description_md="A **booking** service.",
                         language="en", category=category)


@pytest.fixture
def built(db):
    """A live solution from an accepted idea with milestones (one late), an update, a team and ratings."""
    staff = make_user("staff", roles=(Role.CITY_STAFF,), display_name="Sven Staff")
    category = make_idea_category("city", threshold=2, name="City services")
    idea = make_idea(make_user("author"), category, title="Book appointments online")
    fans = add_supporters(idea, 3)
    change_idea_status(staff, idea, Status.ACCEPTED, "Yes.")
    solution = services.create_solution(staff, text(category=category), ideas=(idea,), explanation_md="Built.")
    today = utcnow().date()
    done = services.add_milestone(staff, solution, title="Prototype", planned_on=today - timedelta(days=30))
    services.set_milestone_done(staff, done, True, on=today - timedelta(days=28))
    services.add_milestone(staff, solution, title="Pilot <i>two</i>", planned_on=today - timedelta(days=2),
                           description_md="In *two* offices.")
    services.add_milestone(staff, solution, title="For everyone", planned_on=today + timedelta(days=20))
    offer = services.volunteer(fans[0], solution, role=HelpRole.TESTING, public=True)
    services.decide_volunteer(staff, offer, accept=True)
    hidden = services.volunteer(fans[1], solution, role=HelpRole.DESIGN, public=False)
    services.decide_volunteer(staff, hidden, accept=True)
    services.post_update(fans[0], solution, "Tested with **NVDA** <script>alert(1)</script>.")
    services.change_status(staff, solution, SolutionStatus.LIVE, "Online.")
    services.rate(fans[0], solution, 5)
    services.rate(fans[1], solution, 2)
    return {"id": solution.id, "idea": idea.id, "fans": [f.display_name for f in fans]}


def test_the_page_shows_every_part(client, built):
    page = soup(client.get(f"/solutions/{built['id']}", headers=ENGLISH))
    words = page.get_text(" ", strip=True)
    assert page.find("h1").get_text(strip=True) == "Online appointments"
    assert "Status: Live" in words and "Led by Sven Staff" in words
    bar = page.find("progress")
    assert bar["value"] == "33" and bar["aria-describedby"] == "solution-progress-text"
    assert page.find(id="solution-progress-text").get_text(strip=True) == "33% done: 1 of 3 milestones"
    assert page.find("a", href=f"/ideas/{built['idea']}").get_text(strip=True) == "Book appointments online"
    milestones = [li.get_text(" ", strip=True) for li in page.select("ol.milestones > li")]
    assert milestones[0].startswith("Prototype Done on")
    assert milestones[1].startswith("Pilot <i>two</i> Late: planned for")  # late in words; a title is text
    assert "Planned for" in milestones[2]
    assert "<strong>NVDA</strong>" in str(page.select_one("ol.solution-updates")) and "<script>" not in str(page)
    team = page.select_one("ul.solution-team").get_text(" ", strip=True)
    assert built["fans"][0] in team and "Testing" in team and built["fans"][1] not in team  # no consent, not listed
    assert "2 supporters of its ideas answered." in words and "Average: 3.5 of 5." in words
    rows = {tr.th.get_text(strip=True): tr.td.get_text(strip=True) for tr in page.select("table tbody tr")}
    assert rows == {"5 of 5": "1", "4 of 5": "0", "3 of 5": "0", "2 of 5": "1", "1 of 5": "0"}
    assert page.find(id="discussion") is not None
    feed = page.find("link", rel="alternate", type="application/atom+xml")
    assert feed["href"] == f"/solutions/{built['id']}/feed.atom"
    assert page.find("a", href=f"/solutions/{built['id']}/milestones.ics") is not None


def test_unknown_solution_category_and_page_are_404(client, built):
    assert client.get("/solutions/999").status_code == 404
    assert client.get("/solutions?category=nope").status_code == 404
    assert client.get("/solutions?page=2").status_code == 404
    assert client.get("/solutions?page=x").status_code == 404
    assert client.get("/solutions?status=nonsense").status_code == 200  # ignored, as on the idea list


def test_the_list_filters_by_status_and_category_and_sorts_by_last_update(client, built, db):
    staff = make_user("staff2", roles=(Role.CITY_STAFF,))
    other = services.create_solution(staff, text("Open data portal"))
    first = [a.get_text(strip=True) for a in soup(client.get("/solutions")).select("h3.idea-title a")]
    assert first == ["Open data portal", "Online appointments"]
    services.post_update(staff, db.session.get(Solution, built["id"]), "News.")
    assert [a.get_text(strip=True) for a in soup(client.get("/solutions")).select("h3.idea-title a")][0] \
        == "Online appointments"
    live = soup(client.get("/solutions?status=live")).select("h3.idea-title a")
    assert [a.get_text(strip=True) for a in live] == ["Online appointments"]
    in_city = soup(client.get("/solutions?category=city", headers=ENGLISH))
    assert [a.get_text(strip=True) for a in in_city.select("h3.idea-title a")] == ["Online appointments"]
    assert "1 solution" in page_text(client.get("/solutions?category=city", headers=ENGLISH))


def test_pages_of_twenty(client, db):
    staff = make_user("staff", roles=(Role.CITY_STAFF,))
    for n in range(SOLUTIONS_PER_PAGE + 1):
        services.create_solution(staff, text(f"Solution {n}"))
    assert len(soup(client.get("/solutions")).select("h3.idea-title")) == SOLUTIONS_PER_PAGE
    assert len(soup(client.get("/solutions?page=2")).select("h3.idea-title")) == 1


def grow(staff, solution, rounds: int) -> None:
    category = make_idea_category()
    for n in range(rounds):
        idea = make_idea(make_user(), category, title=f"Idea {n}")
        services.link_idea(staff, solution, idea, "Part of it.")
        services.add_milestone(staff, solution, title=f"Step {n}", planned_on=date(2026, 1, 1) + timedelta(days=n))
        services.post_update(staff, solution, f"Update {n}")
        member = make_user()
        services.decide_volunteer(staff, services.volunteer(member, solution, role=HelpRole.OTHER, public=True), True)
        services.volunteer(make_user(), solution, role=HelpRole.TESTING, note=f"Offer {n}")  # waits for the owner
        services.create_solution(staff, text(f"Another {n}"))
    make_reply(services_thread(solution), member, "A reply.")


def services_thread(solution):
    from forums.embedded import thread_about

    return thread_about(solution.subject_id)


@pytest.mark.parametrize("reader", [None, "reader", "staff"])
def test_statements_do_not_grow_with_the_data(app, db, count_queries, reader):
    staff = make_user("staff", roles=(Role.CITY_STAFF,))
    make_user("reader")
    solution = services.create_solution(staff, text())
    counts = {}
    for size, rounds in (("small", 2), ("big", 12)):
        grow(staff, solution, rounds)
        client = app.test_client()
        if reader:
            client.post("/login", data={"login": reader, "password": "correct horse battery"})
        for path in ("/solutions", f"/solutions/{solution.id}"):
            client.get(path)
            with count_queries() as counter:
                assert client.get(path).status_code == 200
            counts[size, path] = counter.count
    for path in ("/solutions", f"/solutions/{solution.id}"):
        assert counts["small", path] == counts["big", path], counts
    # Measured on SQLite and PostgreSQL. The list: categories, COUNT, page, translated titles (4; +2 signed in:
    # the session's user, the header's unread count). The page: the solution, its ideas, milestones, updates, team,
    # ratings, its thread and that thread's posts, its community translations, the role marks of the posts'
    # authors (12; +7 signed in: the user, the
    # header, following, the liked posts, the read position, moving it on, the reader's offer to help; +1 for the
    # owner: the offers waiting). One to spare.
    signed_in = {None: 0, "reader": 7, "staff": 8}[reader]
    assert counts["big", "/solutions"] <= (7 if reader else 5), counts
    assert counts["big", f"/solutions/{solution.id}"] <= 13 + signed_in, counts
    if reader == "staff":
        offers = soup(client.get(f"/solutions/{solution.id}")).select("ul.solution-offers > li")
        assert len(offers) == 2 + 12  # every waiting offer is listed, from one statement


def test_each_idea_page_shows_its_solutions(client, built, db):
    staff = make_user("another", roles=(Role.CITY_STAFF,))
    second = services.create_solution(staff, text("Appointment reminders"))
    from ideas.models import Idea

    services.link_idea(staff, second, db.session.get(Idea, built["idea"]), "Reminders too.")
    page = soup(client.get(f"/ideas/{built['idea']}", headers=ENGLISH))
    section = page.find("section", class_="idea-solutions")
    assert section.find("h2").get_text(strip=True) == "The solutions built from it"
    assert [a.get_text(strip=True) for a in section.find_all("a")] == ["Online appointments", "Appointment reminders"]
    assert "Live, 33% done" in section.get_text(" ", strip=True)
    lonely = make_idea(make_user(), title="Nobody builds this yet")
    assert soup(client.get(f"/ideas/{lonely.id}")).find("section", class_="idea-solutions") is None
