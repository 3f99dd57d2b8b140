"""A profile lists what its person wrote and works on (issue 20, point 4): their ideas, their replies in forums
and discussions, the solutions they lead or help with, and, for themselves alone, their drafts; hidden content
stays out, and the page costs the same statements with 3 or 30 of each."""
from __future__ import annotations

import pytest
from factories import make_category, make_idea, make_idea_category, make_reply, make_thread, make_user
from helpers import page_text, soup
from sqlalchemy import insert, select

from app.extensions import db
from app.moderation import hiding
from app.moderation.models import Reason
from app.users.models import Role, User
from forums.models import Post
from ideas.models import Idea
from ideas.solutions import services as solution_services
from ideas.solutions.models import Role as HelpRole
from ideas.solutions.models import Solution
from ideas.solutions.services import SolutionInput

EN = {"Accept-Language": "en"}


def user(username: str) -> User:
    return db.session.execute(select(User).where(User.username == username)).scalar_one()


def section(response, key: str):
    """The profile's section `key`, or None."""
    heading = soup(response).find(id=f"profile-{key}-title")
    return heading.find_parent("section") if heading else None


def titles(response, key: str) -> list[str]:
    found = section(response, key)
    assert found is not None, f"no section {key}"
    return [li.find("a").get_text(strip=True) for li in found.select("ul.profile-list > li")]


def hide(obj) -> None:
    hiding.hide(obj.subject, Reason.SPAM)
    db.session.commit()


def solution_text(title: str) -> SolutionInput:
    return SolutionInput(title=title, summary="Short.", description_md="Long.", language="en")


@pytest.fixture
def scene(app):
    """Nina proposed two ideas (one drafted too), replied in a forum thread and in an idea's discussion, leads a
    solution and helps with another in public; Mia moderates, Ada administers, Bob is a member."""
    with app.app_context():
        nina = make_user("nina", locale="en", display_name="Nina Nowak")
        make_user("bob", locale="en")
        make_user("mia", locale="en", roles=(Role.MODERATOR,))
        make_user("ada", locale="en", roles=(Role.ADMIN,))
        staff = make_user("clara", locale="en", roles=(Role.CITY_STAFF,))
        category = make_idea_category("city")
        first = make_idea(nina, category, title="Benches by the river")
        make_idea(nina, category, title="Free wifi in libraries")
        make_idea(nina, category, title="My secret plan", publish=False)
        make_idea(make_user("otto", locale="en"), category, title="Someone else's idea")
        thread = make_thread(make_user("tom", locale="en"), make_category("talk"), title="Parks")
        make_reply(thread, nina, "More trees, please.")
        make_reply(first.discussion, nina, "Thank you for the support!")
        solution_services.create_solution(staff, solution_text("River benches app"), owner=nina)
        helped = solution_services.create_solution(staff, solution_text("Library portal"))
        offer = solution_services.volunteer(nina, helped, role=HelpRole.TESTING, public=True)
        solution_services.decide_volunteer(staff, offer, accept=True)
        quiet = solution_services.create_solution(staff, solution_text("Quiet helper"))
        solution_services.decide_volunteer(
            staff, solution_services.volunteer(nina, quiet, role=HelpRole.DESIGN, public=False), accept=True)
        solution_services.volunteer(nina, solution_services.create_solution(staff, solution_text("Pending")),
                                    role=HelpRole.DESIGN, public=True)
    return app


def test_a_profile_lists_ideas_replies_and_solutions_newest_first(scene, client):
    response = client.get("/u/nina", headers=EN)

    assert response.status_code == 200
    assert titles(response, "ideas") == ["Free wifi in libraries", "Benches by the river"]
    assert titles(response, "posts") == ["Benches by the river", "Parks"]
    assert "Thank you for the support!" in section(response, "posts").get_text()
    assert titles(response, "solutions") == ["Library portal", "River benches app"]
    text = " ".join(section(response, "solutions").get_text(" ").split())
    assert "Leads the solution." in text and "Helps: Testing." in text
    assert section(response, "drafts") is None  # not signed in


def test_the_links_lead_to_the_idea_the_reply_and_the_solution(scene, client):
    with scene.app_context():
        idea = db.session.execute(select(Idea).where(Idea.title == "Free wifi in libraries")).scalar_one()
        post = db.session.execute(select(Post).where(Post.body_md == "More trees, please.")).scalar_one()
        solution = db.session.execute(select(Solution).where(Solution.title == "Library portal")).scalar_one()
        expected = {f"/ideas/{idea.id}", f"/t/{post.thread_id}/p/{post.id}", f"/solutions/{solution.id}"}
    links = {a["href"] for a in soup(client.get("/u/nina", headers=EN)).select(".profile-list a")}
    assert expected <= links


def test_drafts_are_listed_to_their_author_alone(scene, client, auth):
    auth.login("nina")
    mine = client.get("/u/nina", headers=EN)
    assert titles(mine, "drafts") == ["My secret plan"]
    with scene.app_context():
        draft = db.session.execute(select(Idea).where(Idea.title == "My secret plan")).scalar_one()
    edit = section(mine, "drafts").find("a", href=f"/ideas/{draft.id}/edit")
    assert edit is not None and "Continue editing" in edit.get_text()
    assert "My secret plan" not in titles(mine, "ideas")

    for other in ("bob", "mia", "ada"):
        auth.logout()
        auth.login(other)
        response = client.get("/u/nina", headers=EN)
        assert response.status_code == 200
        assert section(response, "drafts") is None, other
        assert "My secret plan" not in page_text(response), other


def test_a_profile_without_drafts_says_so_to_its_owner(scene, client, auth):
    auth.login("bob")
    response = client.get("/u/bob", headers=EN)
    assert "You have no drafts." in section(response, "drafts").get_text()
    assert "has not proposed any ideas yet" in section(response, "ideas").get_text()


def test_hidden_content_is_left_out_for_everyone(scene, client, auth):
    with scene.app_context():
        hide(db.session.execute(select(Idea).where(Idea.title == "Benches by the river")).scalar_one())
        hide(db.session.execute(select(Post).where(Post.body_md == "More trees, please.")).scalar_one())
        hide(db.session.execute(select(Solution).where(Solution.title == "Library portal")).scalar_one())

    for who in (None, "bob", "mia"):
        if who:
            auth.login(who)
        response = client.get("/u/nina", headers=EN)
        assert titles(response, "ideas") == ["Free wifi in libraries"], who
        # the reply in the hidden idea's discussion goes with it
        assert titles(response, "posts") == [], who
        assert titles(response, "solutions") == ["River benches app"], who
        auth.logout()


def test_an_opening_post_is_listed_as_one(scene, client):
    with scene.app_context():
        make_thread(user("nina"), make_category("ideas-talk"), title="Who wants to help?", body="Let us meet.")
    newest = section(client.get("/u/nina", headers=EN), "posts").select("ul.profile-list > li")[0]
    assert newest.find("a").get_text(strip=True) == "Who wants to help?"
    assert "Opening post" in newest.get_text() and "Let us meet." in newest.get_text()


def test_deleted_posts_are_left_out(scene, client):
    with scene.app_context():
        from forums import services as forum_services

        post = db.session.execute(select(Post).where(Post.body_md == "More trees, please.")).scalar_one()
        forum_services.delete_post(user("nina"), post)
    assert titles(client.get("/u/nina", headers=EN), "posts") == ["Benches by the river"]


def test_a_closed_account_has_no_profile_as_before(scene, client):
    with scene.app_context():
        user("nina").is_active_account = False
        db.session.commit()
    assert client.get("/u/nina").status_code == 404


def test_each_list_shows_the_newest_five(scene, client):
    with scene.app_context():
        nina, category = user("nina"), make_idea_category("more")
        for n in range(7):
            make_idea(nina, category, title=f"Extra idea {n}")
    assert titles(client.get("/u/nina", headers=EN), "ideas") == [f"Extra idea {n}" for n in range(6, 1, -1)]


# --- statements --------------------------------------------------------------------------------------------

def grow(username: str, count: int) -> None:
    """`count` more of everything by `username`: ideas, drafts, forum replies, solutions led."""
    person = user(username)
    category = make_idea_category(f"grow{count}")
    thread = make_thread(make_user(f"starter{count}"), make_category(f"talk{count}"))
    staff = make_user(f"staff{count}", roles=(Role.CITY_STAFF,))
    for n in range(count):
        make_idea(person, category, title=f"Idea {count}-{n}")
        make_idea(person, category, title=f"Draft {count}-{n}", publish=False)
        make_reply(thread, person, f"Reply {count}-{n}")
        solution_services.create_solution(staff, solution_text(f"Solution {count}-{n}"), owner=person)


# Measured on SQLite: anonymous 5 (the person, and one query per section: ideas, replies, solutions, and what the
# moderation and trust parts of the profile ask); signed in 7 (the session's user, the header's unread count; the
# owner's drafts take the place of a question the page asks only of others). One to spare.
MOST = {None: 6, "bob": 8, "nina": 8}


@pytest.mark.parametrize("who", [None, "bob", "nina"])
def test_a_profile_costs_the_same_statements_with_3_or_30_of_everything(app, client, auth, count_queries, who):
    with app.app_context():
        make_user("nina", locale="en")
        make_user("bob", locale="en")
        grow("nina", 3)
    if who:
        auth.login(who)
    counts = []
    for step in ("small", "big"):
        if step == "big":
            with app.app_context():
                grow("nina", 27)
        client.get("/u/nina", headers=EN)  # warm up after the change
        with count_queries() as counter:
            response = client.get("/u/nina", headers=EN)
        assert response.status_code == 200
        assert len(titles(response, "ideas")) == (3 if step == "small" else 5)
        counts.append(counter.count)
    assert counts[0] == counts[1], counts
    assert counts[1] <= MOST[who], counts


# --- a section's own page ------------------------------------------------------------------------------------

def many_ideas(count: int) -> None:
    nina, category = user("nina"), make_idea_category(f"many{count}")
    for n in range(count):
        make_idea(nina, category, title=f"Extra idea {n}")


def show_all(response, key: str):
    return section(response, key).find("a", href=f"/u/nina/{key}")


def test_show_all_appears_when_there_are_more_than_the_profile_shows(scene, client):
    assert show_all(client.get("/u/nina", headers=EN), "ideas") is None  # two ideas
    with scene.app_context():
        many_ideas(4)  # six in all
    link = show_all(client.get("/u/nina", headers=EN), "ideas")
    assert link is not None and "Show all" in link.get_text()


def test_a_sections_page_lists_everything_page_by_page(scene, client):
    with scene.app_context():
        many_ideas(23)  # 25 in all: 20 and 5

    first = client.get("/u/nina/ideas", headers=EN)
    assert first.status_code == 200
    assert soup(first).h1.get_text(strip=True) == "Ideas"
    assert titles(first, "ideas")[:2] == ["Extra idea 22", "Extra idea 21"] and len(titles(first, "ideas")) == 20
    assert soup(first).select_one(".breadcrumbs a")["href"] == "/u/nina"
    second = client.get("/u/nina/ideas?page=2", headers=EN)
    assert titles(second, "ideas")[-2:] == ["Free wifi in libraries", "Benches by the river"]
    assert len(titles(second, "ideas")) == 5
    for wrong in ("3", "0", "abc"):
        assert client.get(f"/u/nina/ideas?page={wrong}").status_code == 404, wrong


def test_a_sections_page_leaves_out_hidden_content(scene, client):
    with scene.app_context():
        hide(db.session.execute(select(Idea).where(Idea.title == "Benches by the river")).scalar_one())
    assert titles(client.get("/u/nina/ideas", headers=EN), "ideas") == ["Free wifi in libraries"]
    assert titles(client.get("/u/nina/solutions", headers=EN), "solutions") == ["Library portal", "River benches app"]
    assert titles(client.get("/u/nina/posts", headers=EN), "posts") == ["Parks"]


def test_the_drafts_page_is_the_owners_alone(scene, client, auth):
    assert client.get("/u/nina/drafts").status_code == 404
    for other in ("bob", "mia", "ada"):
        auth.login(other)
        assert client.get("/u/nina/drafts").status_code == 404, other
        auth.logout()
    auth.login("nina")
    assert titles(client.get("/u/nina/drafts", headers=EN), "drafts") == ["My secret plan"]


def test_an_unknown_section_or_person_is_404(scene, client):
    assert client.get("/u/nina/nothing").status_code == 404
    assert client.get("/u/nobody/ideas").status_code == 404


@pytest.mark.parametrize("key", ["ideas", "posts", "solutions", "drafts"])
def test_a_sections_page_costs_the_same_statements_with_3_or_30(app, client, auth, count_queries, key):
    with app.app_context():
        make_user("nina", locale="en")
        grow("nina", 3)
    auth.login("nina")
    counts = []
    for step in ("small", "big"):
        if step == "big":
            with app.app_context():
                grow("nina", 27)
        client.get(f"/u/nina/{key}", headers=EN)
        with count_queries() as counter:
            response = client.get(f"/u/nina/{key}", headers=EN)
        assert response.status_code == 200
        assert len(titles(response, key)) == (3 if step == "small" else 20)
        counts.append(counter.count)
    assert counts[0] == counts[1], counts
    # the session's user, the header's unread count, the person, the count and the page of the section
    assert counts[1] <= 6, counts
