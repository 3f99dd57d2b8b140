"""Following a forum category: its Subject, the button on the category page, and /following."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from factories import make_user
from helpers import page_text, soup
from sqlalchemy import func, select

from app import subjects
from app.extensions import db
from app.models import Subject
from app.notifications.models import Follow
from app.users.models import User
from forums.categories import CategoryInput, find_category, save_category
from forums.models import ForumCategory

ENGLISH = {"Accept-Language": "en"}


def follows_of(name: str) -> set[int]:
    db.session.rollback()
    return set(db.session.execute(select(Follow.subject_id).join(User, User.id == Follow.user_id)
                                  .where(User.username == name)).scalars())


def category_subjects_are_their_own() -> None:
    """Every forum category owns a Subject of kind "forum_category", made when the category was."""
    db.session.rollback()
    categories = db.session.execute(select(ForumCategory)).scalars().all()
    assert categories
    assert {category.subject.kind for category in categories} == {"forum_category"}
    assert all(category.subject.created_at == category.created_at for category in categories)
    kind_count = select(func.count(Subject.id)).where(Subject.kind == "forum_category")
    assert db.session.execute(kind_count).scalar_one() == len(categories)


@pytest.fixture
def scene(db):
    """bob (English) and carla (German) are members; the category "mobility" has a German and an English name."""
    make_user("bob", locale="en")
    make_user("carla", locale="de")
    category = save_category(None, CategoryInput("mobility", {"de": "Mobilität", "en": "Mobility"},
                                                 {"de": "Wege in der Stadt", "en": "Getting around"}, "#0b4f8a"))
    return {"subject": category.subject_id, "id": category.id}


def test_a_category_saved_by_the_service_owns_a_subject(scene):
    category_subjects_are_their_own()
    category = find_category("mobility")
    assert subjects.kind_of(category).can("followable")
    assert subjects.url_of(category) == "/forums/mobility"
    save_category(None, CategoryInput("mobility", {"de": "Mobil"}, {}, "#0b4f8a"), category)  # a change keeps it
    assert find_category("mobility").subject_id == scene["subject"]


def test_the_button_follows_and_unfollows_the_category(client, auth, scene):
    auth.login("bob")
    page = soup(client.get("/forums/mobility"))
    form = page.find("form", action=f"/follow/{scene['subject']}")
    assert form["method"] == "post"
    assert form.find("button").get_text(" ", strip=True) == "Follow “Mobility”"
    assert form.find("input", attrs={"name": "next"})["value"] == "/forums/mobility"

    response = client.post(f"/follow/{scene['subject']}", data={"next": "/forums/mobility"})
    assert response.status_code == 302 and response.location == "/forums/mobility"
    assert follows_of("bob") == {scene["subject"]}
    page = client.get("/forums/mobility")
    assert "You follow “Mobility” now." in page_text(page)
    assert soup(page).find("form", action=f"/unfollow/{scene['subject']}") is not None

    client.post(f"/unfollow/{scene['subject']}", data={"next": "/forums/mobility"})
    assert follows_of("bob") == set()
    assert soup(client.get("/forums/mobility")).find("form", action=f"/follow/{scene['subject']}") is not None


def test_anonymous_visitors_get_a_login_link_and_no_form(client, scene):
    response = client.get("/forums/mobility", headers=ENGLISH)
    page = soup(response)
    assert page.find("form", action=f"/follow/{scene['subject']}") is None
    assert page.find("input", attrs={"name": "csrf_token"}) is None  # the page may be cached for everyone
    link = page.find("a", class_="follow-login")
    assert urlsplit(link["href"]).path == "/login"
    assert parse_qs(urlsplit(link["href"]).query) == {"next": ["/forums/mobility"]}
    assert link.get_text(" ", strip=True) == "Log in to follow “Mobility”"
    response = client.post(f"/follow/{scene['subject']}")
    assert response.status_code == 302 and "/login" in response.location
    assert db.session.execute(select(func.count(Follow.id))).scalar_one() == 0


def test_a_followed_category_is_on_following_as_a_forum_category(client, auth, scene):
    auth.login("bob")
    client.post(f"/follow/{scene['subject']}")
    items = soup(client.get("/following")).find("ul", class_="following-list").find_all("li")
    assert len(items) == 1
    assert items[0].find("a")["href"] == "/forums/mobility"
    assert items[0].find("a").get_text(strip=True) == "Mobility"
    assert items[0].find(class_="following-kind").get_text(strip=True) == "(forum category)"
    assert items[0].find("form", action=f"/unfollow/{scene['subject']}") is not None


def test_the_category_is_named_in_the_readers_language(client, auth, scene):
    auth.login("carla")
    client.post(f"/follow/{scene['subject']}")
    item = soup(client.get("/following")).find("ul", class_="following-list").find("li")
    assert item.find("a").get_text(strip=True) == "Mobilität"


def test_demo_categories_own_subjects(demo_loaded):
    category_subjects_are_their_own()


def test_data_set_categories_own_subjects_and_lose_them_on_reset(app, db, small_spec):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["bench", "load-dataset", "--spec", small_spec, "--limit-posts", "100"])
    assert result.exit_code == 0, result.output
    category_subjects_are_their_own()

    again = runner.invoke(args=["bench", "load-dataset", "--spec", small_spec, "--limit-posts", "100", "--reset"])
    assert again.exit_code == 0, again.output
    category_subjects_are_their_own()  # the old categories' Subjects went with them
    assert save_category(None, CategoryInput("after-the-load", {"de": "Danach"}, {}, "#0b4f8a")).subject_id
