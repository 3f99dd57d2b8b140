"""An idea's discussion is one thread: shown on the idea's page, which links to it in the forums, listed under
"Discussions of ideas and solutions" and on the forum index, each time marked "Discussion of the idea ‹title›" with
a link back to the idea (forums.discussions)."""
from __future__ import annotations

from factories import PASSWORD, make_category, make_idea, make_idea_category, make_reply, make_thread, make_user
from helpers import soup, translated, words
from sqlalchemy import select

from app.extensions import db
from app.moderation.hiding import hide
from app.moderation.models import Reason
from app.users.models import Role
from forums import reading
from forums.embedded import thread_about
from forums.models import ForumCategory
from ideas.solutions import services as solution_services
from ideas.solutions.services import SolutionInput

ENGLISH = {"Accept-Language": "en"}


def discussed_idea(title: str = "Book appointments online", replies: int = 1, category=None):
    idea = make_idea(title=title, category=category)
    for _ in range(replies):
        make_reply(idea.discussion)
    return idea


def row_of(page, thread_id: int):
    link = page.find("a", class_="thread-title", href=lambda href: href and href.startswith(f"/t/{thread_id}/"))
    return link.find_parent("tr") if link else None


def test_the_idea_page_shows_its_discussion_and_links_to_it_in_the_forums(client, db):
    idea = discussed_idea()
    thread = idea.discussion

    page = soup(client.get(f"/ideas/{idea.id}", headers=ENGLISH))

    section = page.find("section", id="discussion")
    assert section.find("article") is not None  # the reply is shown on the idea's page
    link = section.find("p", class_="discussion-in-forums").find("a")
    assert link["href"] == f"/t/{thread.id}/{thread.slug}" and link.get_text() == "This discussion in the forums"
    assert client.get(link["href"]).status_code == 200


def test_the_thread_page_says_whose_discussion_it_is_and_links_back(client, db):
    idea = discussed_idea("Free Wi-Fi in libraries")

    page = soup(client.get(f"/t/{idea.discussion.id}", headers=ENGLISH))

    marker = page.find("p", class_="discussion-of")
    assert words(marker.get_text(" ")) == "Discussion of the idea Free Wi-Fi in libraries"
    assert marker.find("a")["href"] == f"/ideas/{idea.id}"
    crumbs = [a["href"] for a in page.find("nav", class_="breadcrumbs").find_all("a")]
    assert crumbs == ["/forums", "/forums/discussions", f"/ideas/{idea.id}"]


def test_the_forums_list_the_discussions_marked_with_their_idea_and_solution(client, db):
    staff = make_user(roles=(Role.CITY_STAFF,))
    idea = discussed_idea("Open data on bike parking")
    solution = solution_services.create_solution(staff, SolutionInput("Bike map", "A map.", "A **map**.", "en"))
    make_reply(make_thread(category=make_category("talk"), title="Open data on bike parking"))  # a forum thread

    page = soup(client.get("/forums/discussions", headers=ENGLISH))

    assert page.h1.get_text() == "Discussions of ideas and solutions"
    row = row_of(page, idea.discussion.id)
    marker = row.find(class_="discussion-of")
    assert words(marker.get_text(" ")) == "Discussion of the idea Open data on bike parking"
    assert marker.find("a")["href"] == f"/ideas/{idea.id}"
    markers = {words(m.get_text(" ")): m.find("a")["href"] for m in page.find_all(class_="discussion-of")}
    assert markers == {"Discussion of the idea Open data on bike parking": f"/ideas/{idea.id}",
                       "Discussion of the solution Bike map": f"/solutions/{solution.id}"}  # not the forum thread


def test_the_forum_index_shows_the_discussions_with_their_latest(client, db):
    make_category("talk")
    discussed_idea("Older idea")
    latest = discussed_idea("Newest idea")

    page = soup(client.get("/forums", headers=ENGLISH))

    card = page.find("section", class_="forum-discussions")
    assert card.find("h2").find("a")["href"] == "/forums/discussions"
    assert "2 discussions" in words(card.get_text(" "))
    assert card.find("a", href=f"/t/{latest.discussion.id}/{latest.discussion.slug}") is not None


def test_a_discussion_hidden_with_its_idea_is_not_listed(client, db):
    shown, hidden = discussed_idea("Shown idea"), discussed_idea("Hidden idea")
    hide(hidden.subject, Reason.SPAM)
    db.session.commit()

    page = soup(client.get("/forums/discussions", headers=ENGLISH))

    assert row_of(page, shown.discussion.id) is not None and row_of(page, hidden.discussion.id) is None


def test_the_discussions_are_paginated_most_recently_active_first(client, db):
    category = make_idea_category()
    ideas = [discussed_idea(f"Idea {number}", category=category) for number in range(reading.THREADS_PER_PAGE + 1)]

    first = soup(client.get("/forums/discussions", headers=ENGLISH))
    second = soup(client.get("/forums/discussions?page=2", headers=ENGLISH))

    assert len(first.find("tbody").find_all("tr")) == reading.THREADS_PER_PAGE
    assert row_of(first, ideas[-1].discussion.id) is not None  # the latest reply first
    assert row_of(second, ideas[0].discussion.id) is not None
    assert client.get("/forums/discussions?page=3").status_code == 404


def test_no_forum_category_may_take_the_address_of_the_discussions(app, client, db):
    make_user("ada", roles=(Role.ADMIN,))
    client.post("/login", data={"login": "ada", "password": PASSWORD})
    data = {"slug": "discussions", "name_de": "Diskussionen", "name_en": "Discussions", "color": "#0b4f8a"}

    response = client.post("/admin/categories/forums/new", data=data, headers=ENGLISH)

    assert response.status_code == 200
    error = translated(app, "de", "Another page of the forums uses this address. Please choose another.")
    assert error in words(soup(response).find(id="slug").find_parent().get_text(" "))  # next to the field
    assert db.session.execute(select(ForumCategory).where(ForumCategory.slug == "discussions")).first() is None


def test_the_discussions_page_takes_the_same_few_statements_with_3_or_25_discussions(app, db, count_queries):
    staff = make_user(roles=(Role.CITY_STAFF,))
    reader = make_user("reader")
    category = make_idea_category()
    solution = solution_services.create_solution(staff, SolutionInput("Bike map", "A map.", "A **map**.", "en"))
    for number in range(3):
        discussed_idea(f"First {number}", category=category)
    reading.mark_read(reader, discussed_idea("Read one", category=category).discussion, 1)
    signed_in = app.test_client()
    assert signed_in.post("/login", data={"login": "reader", "password": PASSWORD}).status_code == 302
    counts = {}
    for size in ("few", "many"):
        if size == "many":
            for number in range(22):
                discussed_idea(f"More {number}", replies=2, category=category)
            make_reply(thread_about(solution.subject_id))  # both kinds on the first page, as before
        for who, client in (("anonymous", app.test_client()), ("reader", signed_in)):
            for path in ("/forums/discussions", "/forums"):
                for _ in range(2):  # the first request warms up
                    with count_queries() as counter:
                        assert client.get(path).status_code == 200
                counts[size, who, path] = counter.count
    for who in ("anonymous", "reader"):
        for path in ("/forums/discussions", "/forums"):
            assert counts["many", who, path] == counts["few", who, path], counts
    # the count, the page with read positions, the owners' Subjects, the ideas, the solutions (+ the signed-in
    # reader and the header's unread notifications); the index: categories, their latest, the discussions' summary
    assert counts["few", "anonymous", "/forums/discussions"] <= 5 and counts["few", "anonymous", "/forums"] <= 3
