"""Staff pages: locking and pinning threads (moderators, administrators), managing categories (administrators)."""
from __future__ import annotations

import pytest
from factories import make_category, make_discussion
from forum_pages import ENGLISH, assert_novalidate, assert_outline, build_forum, login, reload
from helpers import field_error, soup, summary_links, words
from sqlalchemy import func, select

from app.extensions import db
from app.users.models import User
from forums.categories import all_categories
from forums.models import ForumCategory, Thread


@pytest.fixture
def forum(db):
    return build_forum()


def categories() -> list[tuple[str, int]]:
    db.session.rollback()
    return [(category.slug, category.position) for category in all_categories()]


# --- locks and pins ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("action, attribute", [("lock", "locked"), ("pin", "pinned")])
def test_moderators_toggle_locks_and_pins(client, forum, action, attribute):
    login(client, "mod")
    page = soup(client.get(f"/t/{forum.thread}"))
    assert page.find("form", action=f"/t/{forum.thread}/{action}") is not None

    on = client.post(f"/t/{forum.thread}/{action}", data={"value": "1", "next": f"/t/{forum.thread}?page=1"})
    assert on.status_code == 302 and on.location == f"/t/{forum.thread}?page=1"
    assert getattr(reload(Thread, forum.thread), attribute) is True

    off = client.post(f"/t/{forum.thread}/{action}", data={"value": "0"})
    assert off.status_code == 302 and off.location.startswith(f"/t/{forum.thread}/bike-lanes-downtown")
    assert getattr(reload(Thread, forum.thread), attribute) is False


def test_administrators_lock_too(client, forum):
    login(client, "admin")

    assert client.post(f"/t/{forum.thread}/lock", data={"value": "1"}).status_code == 302
    assert reload(Thread, forum.thread).locked is True


@pytest.mark.parametrize("action", ["lock", "pin"])
def test_members_may_not_lock_or_pin(client, forum, action):
    login(client, "alice")  # even the thread's author

    response = client.post(f"/t/{forum.thread}/{action}", data={"value": "1"})

    assert response.status_code == 403
    thread = reload(Thread, forum.thread)
    assert (thread.locked, thread.pinned) == (False, False)
    assert soup(client.get(f"/t/{forum.thread}")).find("form", action=f"/t/{forum.thread}/{action}") is None


@pytest.mark.parametrize("action", ["lock", "pin"])
def test_anonymous_visitors_are_sent_to_log_in(client, forum, action):
    response = client.post(f"/t/{forum.thread}/{action}", data={"value": "1"})

    assert response.status_code == 302 and response.location.startswith("/login?next=")


@pytest.mark.parametrize("value", ["", "yes", "2"])
def test_lock_needs_a_clear_value(client, forum, value):
    login(client, "mod")

    assert client.post(f"/t/{forum.thread}/lock", data={"value": value}).status_code == 400
    assert reload(Thread, forum.thread).locked is False


def test_locking_an_unknown_thread_is_404(client, forum):
    login(client, "mod")

    assert client.post("/t/999/lock", data={"value": "1"}).status_code == 404


def test_discussions_about_a_subject_cannot_be_pinned(client, forum):
    discussion = make_discussion(reload(User, forum.alice))
    login(client, "mod")

    assert client.post(f"/t/{discussion.id}/pin", data={"value": "1"}).status_code == 403
    assert soup(client.get(f"/t/{discussion.id}")).find("form", action=f"/t/{discussion.id}/pin") is None


def test_pinned_and_locked_are_said_on_the_thread_page(client, forum):
    login(client, "mod")
    client.post(f"/t/{forum.thread}/lock", data={"value": "1"})
    client.post(f"/t/{forum.thread}/pin", data={"value": "1"})

    page = soup(client.get(f"/t/{forum.thread}", headers=ENGLISH))

    assert words(page.find("p", class_="thread-state").get_text(" ")) == "Pinned Locked"
    buttons = [words(button.get_text()) for button in page.find("div", class_="thread-tools").find_all("button")]
    assert buttons == ["Unlock thread", "Unpin thread"]


# --- categories --------------------------------------------------------------------------------------------

ADMIN_PAGES = ["/admin/categories/forums", "/admin/categories/forums/new", "/admin/categories/forums/1/edit"]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_category_admin_is_unknown_to_visitors(client, forum, path):
    assert client.get(path).status_code == 404  # like an unknown address: no login page that gives it away
    assert client.post("/admin/categories/forums/1/move", data={"direction": "down"}).status_code == 404
    assert categories() == [("mobility", 1)]


@pytest.mark.parametrize("username", ["alice", "mod"])
@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_category_admin_is_for_administrators_only(client, forum, username, path):
    login(client, username)

    assert client.get(path).status_code == 404
    if path.endswith(("/new", "/edit")):
        assert client.post(path, data={"slug": "taken-over", "name_de": "X", "name_en": "X",
                                       "color": "#0b4f8a"}).status_code == 404
    assert client.post("/admin/categories/forums/1/move", data={"direction": "down"}).status_code == 404
    assert categories() == [("mobility", 1)]


def test_the_admin_list_shows_categories_in_order_with_their_actions(client, forum):
    make_category("society", name="Society", color="#5c2d91")
    login(client, "admin")

    response = client.get("/admin/categories/forums", headers=ENGLISH)

    assert response.status_code == 200
    rows = soup(response).find("tbody").find_all("tr")
    assert [row.find("code").get_text() for row in rows] == ["mobility", "society"]
    first, second = rows
    assert first.find("a", href=f"/admin/categories/forums/{forum.category}/edit") is not None
    assert [button["value"] for button in first.find_all("button")] == ["down"]
    assert [button["value"] for button in second.find_all("button")] == ["up"]
    assert "Purple" in words(second.get_text(" "))
    assert soup(client.get("/forums", headers=ENGLISH)).find("a", href="/admin/categories/forums") is not None
    assert_outline(response)


def test_administrators_create_a_category(client, forum):
    login(client, "admin")
    form = client.get("/admin/categories/forums/new")
    assert form.status_code == 200
    assert_outline(form)
    assert_novalidate(form)
    colours = [option["value"] for option in soup(form).find("select", id="color").find_all("option")]
    assert len(colours) >= 6 and all(value.startswith("#") and len(value) == 7 for value in colours)

    response = client.post("/admin/categories/forums/new", data={
        "slug": "Open-Data", "name_de": "Offene Daten", "name_en": "Open data",
        "description_de": "Daten der Stadt", "description_en": "The city's data", "color": "#5c2d91"})

    assert response.status_code == 302 and response.location == "/admin/categories/forums"
    db.session.rollback()
    category = db.session.execute(select(ForumCategory).where(ForumCategory.slug == "open-data")).scalar_one()
    assert category.names == {"de": "Offene Daten", "en": "Open data"}
    assert category.descriptions == {"de": "Daten der Stadt", "en": "The city's data"}
    assert (category.color, category.position) == ("#5c2d91", 2)
    assert client.get("/forums/open-data").status_code == 200


def test_category_errors_are_shown_next_to_the_fields_and_keep_the_input(client, forum):
    login(client, "admin")

    response = client.post("/admin/categories/forums/new", data={
        "slug": "no spaces!", "name_de": "", "name_en": "English only", "color": "#123456"})

    assert response.status_code == 200
    assert summary_links(response) == ["slug", "name_de", "color"]
    assert field_error(response, "slug") is not None and field_error(response, "name_de") is not None
    assert soup(response).find("input", id="name_en")["value"] == "English only"
    assert soup(response).find("input", id="slug")["value"] == "no spaces!"
    assert categories() == [("mobility", 1)]


def test_a_taken_slug_is_an_error_next_to_it(client, forum):
    login(client, "admin")

    response = client.post("/admin/categories/forums/new", data={
        "slug": "mobility", "name_de": "Noch einmal", "name_en": "Again", "color": "#0b4f8a"})

    assert response.status_code == 200
    assert field_error(response, "slug") == "Error: Another category uses this address. Please choose another."
    assert len(categories()) == 1


def test_administrators_edit_a_category(client, forum):
    login(client, "admin")
    page = soup(client.get(f"/admin/categories/forums/{forum.category}/edit"))
    assert page.find("input", id="slug")["value"] == "mobility"
    assert page.find("input", id="name_en")["value"] == "Mobility"
    assert page.find("select", id="color").find("option", selected=True)["value"] == "#1d6b2f"

    response = client.post(f"/admin/categories/forums/{forum.category}/edit", data={
        "slug": "mobility", "name_de": "Mobilität", "name_en": "Getting around", "description_de": "",
        "description_en": "", "color": "#00636b"})

    assert response.status_code == 302
    category = reload(ForumCategory, forum.category)
    assert category.names == {"de": "Mobilität", "en": "Getting around"}
    assert (category.descriptions, category.color, category.position) == ({}, "#00636b", 1)


def test_a_colour_outside_the_palette_is_kept_when_editing(client, forum):
    category = reload(ForumCategory, forum.category)
    category.color = "#123456"
    db.session.commit()
    login(client, "admin")

    select_field = soup(client.get(f"/admin/categories/forums/{forum.category}/edit")).find("select", id="color")

    assert select_field.find("option", selected=True)["value"] == "#123456"


def test_editing_an_unknown_category_is_404(client, forum):
    login(client, "admin")

    assert client.get("/admin/categories/forums/999/edit").status_code == 404
    assert client.post("/admin/categories/forums/999/move", data={"direction": "up"}).status_code == 404


def test_administrators_move_categories(client, forum):
    make_category("society")
    make_category("culture")
    login(client, "admin")
    society = reload(ForumCategory, 2)

    response = client.post(f"/admin/categories/forums/{society.id}/move", data={"direction": "up"})

    assert response.status_code == 302
    assert response.location == f"/admin/categories/forums#category-{society.id}"
    assert [slug for slug, _ in categories()] == ["society", "mobility", "culture"]
    client.post(f"/admin/categories/forums/{society.id}/move", data={"direction": "down"})
    client.post(f"/admin/categories/forums/{society.id}/move", data={"direction": "down"})
    assert [slug for slug, _ in categories()] == ["mobility", "culture", "society"]
    client.post(f"/admin/categories/forums/{society.id}/move", data={"direction": "down"})  # already last
    assert [slug for slug, _ in categories()] == ["mobility", "culture", "society"]
    index = soup(client.get("/forums"))
    assert [link["href"] for link in index.select(".category-card h2 a")] == [
        "/forums/mobility", "/forums/culture", "/forums/society"]


def test_moving_needs_a_direction(client, forum):
    login(client, "admin")

    assert client.post(f"/admin/categories/forums/{forum.category}/move", data={"direction": "left"}).status_code == 400


def test_the_new_category_counts_nothing_yet(client, forum):
    login(client, "admin")
    client.post("/admin/categories/forums/new", data={"slug": "empty", "name_de": "Leer", "name_en": "Empty",
                                                      "color": "#4a4a4a"})

    db.session.rollback()
    counts = db.session.execute(select(ForumCategory.thread_count, ForumCategory.post_count)
                                .where(ForumCategory.slug == "empty")).one()
    assert tuple(counts) == (0, 0)
    assert db.session.execute(select(func.count()).select_from(ForumCategory)).scalar_one() == 2


def test_only_the_german_name_is_required_as_for_idea_categories(client, forum):
    login(client, "admin")

    response = client.post("/admin/categories/forums/new", data={
        "slug": "leer", "name_de": "Nur Deutsch", "name_en": "", "color": "#4a4a4a"})

    assert response.status_code == 302
    db.session.rollback()
    category = db.session.execute(select(ForumCategory).where(ForumCategory.slug == "leer")).scalar_one()
    assert category.names == {"de": "Nur Deutsch"} and category.name("en") == "Nur Deutsch"
    hint = soup(client.get("/admin/categories/forums/new", headers=ENGLISH)).find(id="name_en-hint")
    assert words(hint.get_text()) == "Optional: without it, pages in English show the name in German."
