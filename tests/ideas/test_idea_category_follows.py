"""Following an idea category: its Subject, the button on the idea list filtered by it, and /following."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from factories import make_idea, make_user
from helpers import page_text, soup
from sqlalchemy import func, select

from app import subjects
from app.extensions import db
from app.models import Subject
from app.notifications.models import Follow
from app.users.models import User
from ideas.categories import CategoryInput, find_category, save_category
from ideas.models import IdeaCategory

ENGLISH = {"Accept-Language": "en"}
LIST = "/ideas?category=city"


def follows_of(name: str) -> set[int]:
    db.session.rollback()
    return set(db.session.execute(select(Follow.subject_id).join(User, User.id == Follow.user_id)
                                  .where(User.username == name)).scalars())


def category_subjects_are_their_own() -> None:
    """Every idea category owns a Subject of kind "idea_category", made when the category was."""
    db.session.rollback()
    categories = db.session.execute(select(IdeaCategory)).scalars().all()
    assert categories
    assert {category.subject.kind for category in categories} == {"idea_category"}
    assert all(category.subject.created_at == category.created_at for category in categories)
    kind_count = select(func.count(Subject.id)).where(Subject.kind == "idea_category")
    assert db.session.execute(kind_count).scalar_one() == len(categories)


@pytest.fixture
def scene(db):
    """bob (English) and carla (German) are members; the category "city" has a German and an English name and an
    idea, "school" has none."""
    make_user("bob", locale="en")
    make_user("carla", locale="de")
    city = save_category(None, CategoryInput("city", {"de": "Stadtverwaltung", "en": "City administration"},
                                             {"de": "Ämter online", "en": "Offices online"}, support_threshold=3))
    save_category(None, CategoryInput("school", {"de": "Schule", "en": "School"}, {}, support_threshold=3))
    make_idea(category=city, title="Book appointments online")
    return {"subject": city.subject_id, "id": city.id}


def test_a_category_saved_by_the_service_owns_a_subject(scene):
    category_subjects_are_their_own()
    category = find_category("city")
    assert subjects.kind_of(category).can("followable")
    assert subjects.url_of(category) == LIST
    save_category(None, CategoryInput("city", {"de": "Stadt"}, {}, support_threshold=5), category)  # keeps it
    assert find_category("city").subject_id == scene["subject"]


def test_the_list_filtered_by_one_category_follows_and_unfollows_it(client, auth, scene):
    auth.login("bob")
    page = soup(client.get(LIST))
    form = page.find("form", action=f"/follow/{scene['subject']}")
    assert form["method"] == "post"
    assert form.find("button").get_text(" ", strip=True) == "Follow “City administration”"
    assert form.find("input", attrs={"name": "next"})["value"] == LIST
    assert "Category: City administration" in page_text(client.get(LIST))

    response = client.post(f"/follow/{scene['subject']}", data={"next": LIST})
    assert response.status_code == 302 and response.location == LIST
    assert follows_of("bob") == {scene["subject"]}
    page = client.get(LIST)
    assert "You follow “City administration” now." in page_text(page)
    assert soup(page).find("form", action=f"/unfollow/{scene['subject']}") is not None

    client.post(f"/unfollow/{scene['subject']}", data={"next": LIST})
    assert follows_of("bob") == set()


def test_the_button_is_there_for_an_empty_category_and_other_filters_too(client, auth, scene):
    auth.login("bob")
    school = find_category("school").subject_id
    assert soup(client.get("/ideas?category=school")).find("form", action=f"/follow/{school}") is not None
    filtered = soup(client.get("/ideas?category=city&sort=supported&status=new&mine=1"))
    assert filtered.find("form", action=f"/follow/{scene['subject']}") is not None


def test_the_unfiltered_list_has_no_category_button(client, auth, scene):
    auth.login("bob")
    page = soup(client.get("/ideas"))
    assert page.find("div", class_="category-follow") is None
    assert page.find("form", action=f"/follow/{scene['subject']}") is None


def test_anonymous_visitors_get_a_login_link_and_no_form(client, scene):
    page = soup(client.get(LIST, headers=ENGLISH))
    assert page.find("form", action=f"/follow/{scene['subject']}") is None
    assert page.find("input", attrs={"name": "csrf_token"}) is None  # the page may be cached for everyone
    link = page.find("div", class_="category-follow").find("a", class_="follow-login")
    assert urlsplit(link["href"]).path == "/login"
    assert parse_qs(urlsplit(link["href"]).query) == {"next": [LIST]}
    assert link.get_text(" ", strip=True) == "Log in to follow “City administration”"
    response = client.post(f"/follow/{scene['subject']}")
    assert response.status_code == 302 and "/login" in response.location
    assert scene["subject"] not in set(db.session.execute(select(Follow.subject_id)).scalars())


def test_a_followed_category_is_on_following_as_an_idea_category(client, auth, scene):
    auth.login("bob")
    client.post(f"/follow/{scene['subject']}")
    items = soup(client.get("/following")).find("ul", class_="following-list").find_all("li")
    assert len(items) == 1
    link = items[0].find("a")
    assert (link["href"], link.get_text(strip=True)) == (LIST, "City administration")
    assert items[0].find(class_="following-kind").get_text(strip=True) == "(idea category)"
    assert items[0].find("form", action=f"/unfollow/{scene['subject']}") is not None
    assert "Book appointments online" in page_text(client.get(link["href"]))  # the link is the filtered list


def test_the_category_is_named_in_the_readers_language(client, auth, scene):
    auth.login("carla")
    client.post(f"/follow/{scene['subject']}")
    item = soup(client.get("/following")).find("ul", class_="following-list").find("li")
    assert item.find("a").get_text(strip=True) == "Stadtverwaltung"


def test_demo_categories_own_subjects(demo_loaded):
    category_subjects_are_their_own()


def test_data_set_categories_own_subjects_and_lose_them_on_reset(app, db, small_spec):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["bench", "load-dataset", "--spec", small_spec, "--limit-posts", "300"])
    assert result.exit_code == 0, result.output
    category_subjects_are_their_own()

    again = runner.invoke(args=["bench", "load-dataset", "--spec", small_spec, "--limit-posts", "300", "--reset"])
    assert again.exit_code == 0, again.output
    category_subjects_are_their_own()  # the old categories' Subjects went with them
    assert save_category(None, CategoryInput("after-the-load", {"de": "Danach"}, {})).subject_id
