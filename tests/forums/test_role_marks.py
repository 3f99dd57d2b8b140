"""Role marks beside the authors of posts (app/users/marks.py): "City of Munich" for city staff, "Moderator" for
moderators and administrators, "Author" for the author of the idea a discussion is about; in words, loaded in
one query for the whole page."""
from __future__ import annotations

import pytest
from factories import add_replies, make_category, make_idea, make_reply, make_thread, make_user
from helpers import soup, translated
from sqlalchemy import select

from app.extensions import db
from app.users.models import Role, User
from forums.models import Thread

EN = {"Accept-Language": "en"}


def marks_by_author(response) -> dict[str, list[str]]:
    """Author name -> the marks beside it, for every post on the page (the last post of each author counts)."""
    found = {}
    for byline in soup(response).select(".post-byline"):
        name = byline.select_one("span[id$='-by'] a")
        if name is not None:
            found[name.get_text(strip=True)] = [mark.get_text(strip=True) for mark in byline.select(".role-mark")]
    return found


@pytest.fixture
def people(app):
    with app.app_context():
        return {
            "clara": make_user("clara", display_name="Clara City", roles=(Role.CITY_STAFF,), locale="en").id,
            "mia": make_user("mia", display_name="Mia Mod", roles=(Role.MODERATOR,), locale="en").id,
            "ada": make_user("ada", display_name="Ada Admin", roles=(Role.ADMIN,), locale="en").id,
            "both": make_user("both", display_name="Bo Both", roles=(Role.CITY_STAFF, Role.MODERATOR)).id,
            "nina": make_user("nina", display_name="Nina Member", locale="en").id,
        }


def users(*names) -> list[User]:
    return [db.session.execute(select(User).where(User.username == name)).scalar_one() for name in names]


def test_a_forum_thread_marks_city_staff_and_moderators_and_no_author(app, client, people):
    with app.app_context():
        clara, mia, ada, both, nina = users("clara", "mia", "ada", "both", "nina")
        thread = make_thread(nina, make_category("talk"), title="Benches")
        for person in (clara, mia, ada, both, nina):
            make_reply(thread, person, f"Hello from {person.username}")
        thread_id = thread.id

    found = marks_by_author(client.get(f"/t/{thread_id}", headers=EN))

    assert found == {"Clara City": ["City of Munich"], "Mia Mod": ["Moderator"], "Ada Admin": ["Moderator"],
                     "Bo Both": ["City of Munich", "Moderator"], "Nina Member": []}


def test_an_idea_discussion_marks_the_idea_author(app, client, people):
    with app.app_context():
        clara, nina = users("clara", "nina")
        idea = make_idea(nina, title="Benches by the river")
        make_reply(idea.discussion, clara, "We look into it.")
        make_reply(idea.discussion, nina, "Thank you!")
        make_reply(idea.discussion, make_user("otto", display_name="Otto Other", locale="en"), "Me too.")
        idea_id = idea.id

    found = marks_by_author(client.get(f"/ideas/{idea_id}", headers=EN))

    assert found == {"Clara City": ["City of Munich"], "Nina Member": ["Author"], "Otto Other": []}


def test_a_solution_discussion_marks_its_owner_not_the_staff_member_who_opened_it(app, client, people):
    from forums.embedded import thread_about
    from ideas.solutions.services import SolutionInput, create_solution

    with app.app_context():
        clara, nina = users("clara", "nina")
        solution = create_solution(clara, SolutionInput("Bench finder", "Find benches.", "Text.", "en"), owner=nina)
        thread = thread_about(solution.subject_id)
        assert thread.author_id == clara.id  # the staff member opened the thread for Nina
        make_reply(thread, clara, "We start next week.")
        make_reply(thread, nina, "Great!")
        solution_id, thread_id = solution.id, thread.id

    for page in (f"/solutions/{solution_id}", f"/t/{thread_id}"):
        found = marks_by_author(client.get(page, headers=EN))
        assert found == {"Clara City": ["City of Munich"], "Nina Member": ["Author"]}, page


def test_the_marks_speak_the_readers_language(app, client, people):
    with app.app_context():
        thread = make_thread(users("nina")[0], make_category("talk"), title="Bänke")
        make_reply(thread, users("clara")[0], "Hallo")
        thread_id = thread.id

    found = marks_by_author(client.get(f"/t/{thread_id}", headers={"Accept-Language": "de"}))

    assert found["Clara City"] == [translated(app, "de", "City of Munich")] != ["City of Munich"]


@pytest.mark.parametrize("view", ["nested", "flat"])
def test_a_thread_page_costs_the_same_statements_with_3_or_30_marked_posts(app, client, count_queries, people, view):
    with app.app_context():
        authors = users("clara", "mia", "ada", "both", "nina")
        thread = make_thread(authors[-1], make_category("talk"), title="Benches")
        add_replies(thread, 3, authors)
        thread_id = thread.id
    counts = []
    for size in (3, 30):
        if size == 30:
            with app.app_context():
                add_replies(db.session.get(Thread, thread_id), 27, users("clara", "mia", "ada", "both", "nina"))
        client.get(f"/t/{thread_id}?view={view}")
        with count_queries() as counter:
            response = client.get(f"/t/{thread_id}?view={view}", headers=EN)
        assert response.status_code == 200
        marked = [mark for marks in marks_by_author(response).values() for mark in marks]
        assert "City of Munich" in marked and "Moderator" in marked
        counts.append(counter.count)
    assert counts[0] == counts[1], counts
