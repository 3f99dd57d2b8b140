"""Following ideas and threads: the button, automatic follows, /following, and what may not be followed."""
from __future__ import annotations

import pytest
from factories import add_supporters, make_category, make_idea, make_idea_category, make_reply, make_thread, make_user
from helpers import page_text, soup
from sqlalchemy import func, insert, select

from app.extensions import db
from app.models import Subject, utcnow
from app.notifications.models import Follow
from app.notifications.services import FOLLOWS_PER_PAGE
from app.users.models import User
from forums.models import Thread
from ideas.models import Idea
from ideas.services import support

ENGLISH = {"Accept-Language": "en"}


def user_named(name: str) -> User:
    return db.session.execute(select(User).where(User.username == name)).scalar_one()


def follows_of(name: str) -> set[int]:
    db.session.rollback()
    return set(db.session.execute(select(Follow.subject_id).join(User, User.id == Follow.user_id)
                                  .where(User.username == name)).scalars())


@pytest.fixture
def scene(db):
    """alice proposes an idea (published) and a draft; bob is a member; a forum thread by carla."""
    alice, _bob, carla = make_user("alice", locale="en"), make_user("bob", locale="en"), make_user("carla")
    category = make_idea_category("city", threshold=5)
    idea = make_idea(alice, category, title="Open data on bike parking")
    draft = make_idea(alice, category, title="A draft", publish=False)
    thread = make_thread(carla, make_category("mobility"), title="Benches on the market square")
    return {"idea": idea.subject_id, "idea_id": idea.id, "draft": draft.subject_id, "draft_id": draft.id,
            "thread": thread.subject_id, "thread_id": thread.id}


def test_the_button_follows_and_unfollows_without_javascript(client, auth, scene):
    auth.login("bob")
    page = soup(client.get(f"/ideas/{scene['idea_id']}", headers=ENGLISH))
    form = page.find("form", action=f"/follow/{scene['idea']}")
    assert form["method"] == "post"
    assert form.find("button").get_text(" ", strip=True) == "Follow “Open data on bike parking”"
    response = client.post(f"/follow/{scene['idea']}", data={"next": f"/ideas/{scene['idea_id']}"})
    assert response.status_code == 302 and response.location == f"/ideas/{scene['idea_id']}"
    assert follows_of("bob") == {scene["idea"]}
    page = client.get(f"/ideas/{scene['idea_id']}")
    assert "You follow “Open data on bike parking” now." in page_text(page)
    assert soup(page).find("form", action=f"/unfollow/{scene['idea']}") is not None
    client.post(f"/follow/{scene['idea']}")
    assert db.session.scalar(select(func.count(Follow.id)).where(Follow.subject_id == scene["idea"])) == 2  # bob, alice
    client.post(f"/unfollow/{scene['idea']}")
    assert follows_of("bob") == set()


def test_a_thread_has_the_button_too(client, auth, scene):
    auth.login("bob")
    page = soup(client.get(f"/t/{scene['thread_id']}"))
    assert page.find("form", action=f"/follow/{scene['thread']}") is not None
    client.post(f"/follow/{scene['thread']}")
    assert follows_of("bob") == {scene["thread"]}


def test_anonymous_visitors_get_a_login_link_and_no_form(client, scene):
    page = soup(client.get(f"/ideas/{scene['idea_id']}"))
    assert page.find("form", action=f"/follow/{scene['idea']}") is None
    assert page.find("a", class_="follow-login")["href"].startswith("/login?next=")
    response = client.post(f"/follow/{scene['idea']}")
    assert response.status_code == 302 and "/login" in response.location
    assert db.session.scalar(select(func.count(Follow.id)).where(Follow.subject_id == scene["idea"])) == 1  # alice


@pytest.mark.parametrize("target", ["draft", "unknown", "not-followable"])
def test_what_one_may_not_see_or_follow_answers_404_and_changes_nothing(client, auth, scene, target):
    if target == "draft":
        subject_id = scene["draft"]
    elif target == "unknown":
        subject_id = 999_999
    else:  # a post: a registered kind, but not followable
        subject_id = db.session.execute(select(Subject.id).where(Subject.kind == "post")).scalars().first()
    auth.login("bob")
    assert client.post(f"/follow/{subject_id}").status_code == 404
    assert follows_of("bob") == set()


def test_people_follow_what_they_create_support_or_reply_to(db, scene):
    assert scene["idea"] in follows_of("alice")  # proposed it
    assert scene["draft"] not in follows_of("alice")  # not published yet
    assert scene["thread"] in follows_of("carla")  # opened it
    idea = db.session.execute(select(Idea).where(Idea.subject_id == scene["idea"])).scalar_one()
    supporter = add_supporters(idea, 1)[0].username
    assert follows_of(supporter) == {scene["idea"]}
    make_reply(idea.discussion, user_named("bob"), "Yes, please.")
    assert follows_of("bob") == {scene["idea"], idea.discussion.subject_id}
    thread = db.session.get(Thread, scene["thread_id"])
    make_reply(thread, user_named("alice"), "Two benches would do.")
    assert scene["thread"] in follows_of("alice")


def test_following_lists_what_one_follows_with_unfollow_buttons(client, auth, scene):
    auth.login("bob")
    client.post(f"/follow/{scene['thread']}")
    client.post(f"/follow/{scene['idea']}")
    page = client.get("/following", headers=ENGLISH)
    assert page.status_code == 200
    items = soup(page).find("ul", class_="following-list").find_all("li")
    assert [item.find("a")["href"] for item in items] == [f"/ideas/{scene['idea_id']}",
                                                         f"/t/{scene['thread_id']}/benches-on-the-market-square"]
    assert items[0].find("form", action=f"/unfollow/{scene['idea']}").find("input", attrs={"name": "next"})[
        "value"] == "/following?page=1"
    client.post(f"/unfollow/{scene['idea']}", data={"next": "/following?page=1"})
    assert len(soup(client.get("/following")).find("ul", class_="following-list").find_all("li")) == 1


def test_following_needs_a_login_and_knows_its_pages(client, auth, scene):
    assert client.get("/following").status_code == 302
    auth.login("bob")
    assert "You do not follow anything yet." in page_text(client.get("/following", headers=ENGLISH))
    assert client.get("/following?page=2").status_code == 404
    assert client.get("/following?page=0").status_code == 404


def test_following_costs_the_same_statements_for_few_and_many_follows(app, client, auth, scene, count_queries):
    auth.login("bob")
    client.post(f"/follow/{scene['idea']}")
    client.post(f"/follow/{scene['thread']}")
    counts = []
    for step in ("few", "many"):
        if step == "many":
            with app.app_context():
                bob, alice = user_named("bob"), user_named("alice")
                category = db.session.get(Idea, scene["idea_id"]).category
                forum = make_category("more")
                for n in range(2 * FOLLOWS_PER_PAGE):
                    idea = make_idea(alice, category, title=f"Idea number {n}")
                    db.session.execute(insert(Follow).values(user_id=bob.id, subject_id=idea.subject_id,
                                                             created_at=utcnow()))
                    thread = make_thread(alice, forum, title=f"Thread number {n}")
                    db.session.execute(insert(Follow).values(user_id=bob.id, subject_id=thread.subject_id,
                                                             created_at=utcnow()))
                db.session.commit()
        with count_queries() as counter:
            assert client.get("/following").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1] <= 7, counts


# --- choosing the automatic follows ------------------------------------------------------------------------

def test_the_settings_page_keeps_the_choices_and_the_follows_honour_them(client, auth, db, scene):
    auth.login("bob")
    page = soup(client.get("/settings/following", headers=ENGLISH))
    assert [box.get("checked") is not None for box in page.find_all("input", type="checkbox")] == [True] * 3
    response = client.post("/settings/following", data={"on_create": "y"})  # support and reply switched off
    assert response.status_code == 302
    page = soup(client.get("/settings/following", headers=ENGLISH))
    assert "Your choices have been saved." in page.get_text()
    assert {box["name"]: box.get("checked") is not None
            for box in page.find_all("input", type="checkbox")} == {"on_create": True, "on_support": False,
                                                                    "on_reply": False}
    idea = db.session.execute(select(Idea).where(Idea.subject_id == scene["idea"])).scalar_one()
    support(user_named("bob"), idea)
    make_reply(idea.discussion, user_named("bob"), "I support it, quietly.")
    assert follows_of("bob") == set()
    make_idea(user_named("bob"), idea.category, title="Bob's own idea")
    assert len(follows_of("bob")) == 1  # what he proposes, still


def test_switching_off_keeps_what_one_follows_already(client, auth, db, scene):
    auth.login("alice")
    client.post("/settings/following", data={})
    assert scene["idea"] in follows_of("alice")


def test_the_follow_settings_need_a_login(client, scene):
    response = client.get("/settings/following")
    assert response.status_code == 302 and "/login" in response.location
