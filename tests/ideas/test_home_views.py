"""The home page as visitors and members see it: every block with its heading and the link to its full list,
friendly sentences when a block is empty, drafts for their author alone, supported ideas and news of what one
follows, translated titles, and hidden ideas nowhere."""
from __future__ import annotations

from datetime import timedelta

import pytest
from factories import PASSWORD, make_idea, make_idea_category, make_user
from helpers import page_text, soup
from sqlalchemy import select, update

from app.content_translations import services as translations
from app.content_translations.services import TranslationInput
from app.extensions import db
from app.models import utcnow
from app.moderation import hiding
from app.moderation.models import Reason
from app.notifications.models import Notification
from app.notifications.services import follow
from app.users.models import Role, User
from ideas.models import Idea, Status
from ideas.services import change_status, support
from ideas.solutions.models import SolutionStatus
from ideas.solutions.services import SolutionInput, add_milestone, create_solution, set_milestone_done
from ideas.solutions.services import change_status as change_solution_status

EN = {"Accept-Language": "en"}
BLOCKS = {  # heading id -> the link to the full list
    "attention-title": ["/ideas?sort=supported", "/ideas/awaiting-answer"],
    "newest-title": ["/ideas"],
    "in-progress-title": ["/solutions"],
    "answers-title": ["/ideas?sort=answered"],
    "figures-title": ["/transparency"],
}


def log_in(app, username: str):
    client = app.test_client()
    assert client.post("/login", data={"login": username, "password": PASSWORD}).status_code == 302
    return client


def block(response, title_id: str):
    """The <section> a heading id labels."""
    found = soup(response).find("section", attrs={"aria-labelledby": title_id})
    assert found is not None, f"no section {title_id}"
    return found


def more_links(section) -> list[str]:
    return [p.find("a")["href"] for p in section.find_all("p", class_="home-more")]


def user_named(username: str) -> User:
    return db.session.execute(select(User).where(User.username == username)).scalar_one()


@pytest.fixture
def site(db):
    """Ida's ideas: one close to its threshold, one overdue, one answered, a hidden one, two drafts; a solution
    in development with one of two milestones done; Max supports and follows an idea that then moves."""
    staff = make_user("clara", roles=(Role.CITY_STAFF,), locale="en")
    ida, max_ = make_user("ida", locale="en"), make_user("max", locale="en")
    category = make_idea_category("city", threshold=4, name="City")
    close = make_idea(ida, category, title="Benches in every park")
    db.session.execute(update(Idea).where(Idea.id == close.id).values(support_count=2))  # Max makes it 3 of 4
    overdue = make_idea(ida, category, title="Open data on bike parking")
    db.session.execute(update(Idea).where(Idea.id == overdue.id).values(
        support_count=4, threshold_reached_at=utcnow() - timedelta(days=40), answer_due_at=utcnow() - timedelta(days=3)))
    db.session.commit()
    answered = make_idea(ida, category, title="Book appointments online")
    change_status(staff, answered, Status.ACCEPTED, "We do it by June.", official=True)
    hidden = make_idea(ida, category, title="Cheap pills online")
    hiding.hide(hidden.subject, Reason.SPAM)
    db.session.commit()
    make_idea(ida, category, title="My first draft", publish=False)
    make_idea(ida, category, title="My second draft", publish=False)
    solution = create_solution(staff, SolutionInput("Appointment service", "Book online.", "Text.", "en"))
    change_solution_status(staff, solution, SolutionStatus.IN_DEVELOPMENT)
    first = add_milestone(staff, solution, title="Prototype", planned_on=utcnow().date())
    add_milestone(staff, solution, title="Launch", planned_on=utcnow().date() + timedelta(days=30))
    set_milestone_done(staff, first, True)
    support(max_, db.session.get(Idea, close.id))
    follow(max_, answered)
    change_status(staff, answered, Status.IN_DEVELOPMENT, "We build it.")
    return {"close": close.id, "overdue": overdue.id, "answered": answered.id, "hidden": hidden.id}


def test_a_visitor_sees_every_block_with_its_full_list(app, site):
    response = app.test_client().get("/", headers=EN)
    assert response.status_code == 200

    for title_id, links in BLOCKS.items():
        assert more_links(block(response, title_id)) == links
    attention = block(response, "attention-title")
    assert [a.get_text() for a in attention.select("ol.idea-list h4 a")] == [
        "Benches in every park", "Open data on bike parking"]
    assert "Overdue since" in attention.get_text()
    newest = block(response, "newest-title")
    assert "Book appointments online" in newest.get_text() and "Cheap pills" not in page_text(response)
    assert "Book appointments online" in block(response, "answers-title").get_text()
    solutions = block(response, "in-progress-title")
    assert "Appointment service" in solutions.get_text() and "1 of 2 milestones" in solutions.get_text()
    assert solutions.find("progress")["value"] == "50"
    figures = block(response, "figures-title").find("dl").get_text(" ")
    assert "Ideas proposed 3" in " ".join(figures.split())  # the hidden one and the drafts are not counted
    assert block(response, "take-part-title").find("a", class_="button")["href"] == "/register"
    text = page_text(response)
    assert "draft" not in text.lower() and "Your ideas" not in text and "What changed" not in text


def test_an_empty_site_says_so_in_every_block(app, db):
    response = app.test_client().get("/", headers=EN)
    text = page_text(response)
    for sentence in ("No idea is close to its support threshold right now.",
                     "No answer is due in the next seven days, and none is overdue.",
                     "Nobody has proposed an idea yet. Yours could be the first.",
                     "No solution is being built or piloted right now.",
                     "The city has not answered an idea yet."):
        assert sentence in text
    assert "no answer yet" in block(response, "figures-title").get_text()
    assert not soup(response).select("main ol")


def test_the_author_sees_their_drafts_to_go_on_writing_them_and_nobody_else_does(app, site):
    page = log_in(app, "ida").get("/", headers=EN)

    mine = block(page, "your-ideas-title")
    assert mine.find("a", class_="button", href="/ideas/new").get_text() == "Propose an idea"
    assert "You have 2 drafts." in mine.get_text()
    drafts = soup(str(mine)).find("ul", class_="home-drafts").find_all("a")
    assert sorted(a.get_text() for a in drafts) == ["My first draft", "My second draft"]
    assert all(a["href"].startswith("/ideas/") and a["href"].endswith("/edit") for a in drafts)
    assert "Cheap pills" not in page_text(page)  # hidden from every list, its author's too
    for other in (log_in(app, "max"), app.test_client()):
        assert "draft" not in page_text(other.get("/", headers=EN)).lower()


def test_a_member_sees_what_they_support_and_what_changed_in_what_they_follow(app, site):
    page = log_in(app, "max").get("/", headers=EN)

    mine = block(page, "your-ideas-title")
    assert [a.get_text() for a in mine.select("ol.idea-list h4 a")] == ["Benches in every park"]
    assert more_links(mine) == ["/ideas?supported=1"]
    assert "You have" not in mine.get_text()  # no drafts, no count
    news = block(page, "following-news-title")
    notification_id = db.session.execute(select(Notification.id).where(
        Notification.user_id == user_named("max").id)).scalar_one()
    link = news.find("ol", class_="notification-list").find("a")
    assert link["href"] == f"/notifications/{notification_id}" and "Book appointments online" in link.get_text()
    assert more_links(news) == ["/notifications"]
    headings = [h2["id"] for h2 in soup(page).find("main").find_all("h2")]
    assert headings.index("your-ideas-title") < headings.index("following-news-title") < headings.index(
        "attention-title")


def test_read_notifications_leave_the_home_page(app, site):
    client = log_in(app, "max")
    db.session.execute(update(Notification).values(read_at=utcnow()))
    db.session.commit()
    news = block(client.get("/", headers=EN), "following-news-title")
    assert "Nothing new in what you follow." in news.get_text() and not news.find("ol")


def test_a_member_without_supports_is_invited_to_browse(app, site):
    mine = block(log_in(app, "clara").get("/", headers=EN), "your-ideas-title")
    assert "You do not support an idea yet." in mine.get_text()


def test_titles_come_in_the_readers_language(app, db):
    author = make_user("ayse", locale="de")
    idea = make_idea(author, title="Termine online buchen", language="de")
    translations.translate(author, idea, TranslationInput("en", "Book appointments online", "Citizens book."))

    english = block(app.test_client().get("/", headers=EN), "newest-title").find("h3").find("a")
    german = block(app.test_client().get("/"), "newest-title").find("h3").find("a")

    assert english.get_text() == "Book appointments online"
    assert german.get_text() == "Termine online buchen"
