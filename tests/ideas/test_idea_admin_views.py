"""Idea category administration: administrators only; create and edit with errors next to the fields."""
from __future__ import annotations

import pytest
from factories import make_idea_category, make_user
from helpers import field_error, flashes, soup, summary_links, words
from sqlalchemy import select

from app.extensions import db
from app.users.models import Role
from ideas.categories import all_categories
from ideas.models import IdeaCategory

ENGLISH = {"Accept-Language": "en"}
ROLES = {"member": (), "moderator": (Role.MODERATOR,), "city_staff": (Role.CITY_STAFF,), "admin": (Role.ADMIN,)}
VALID = {"slug": "open-data", "name_de": "Offene Daten", "name_en": "Open data",
         "description_de": "Daten der Stadt", "description_en": "The city's data",
         "support_threshold": "40", "answer_days": "21", "authors_may_support": "y", "position": ""}


@pytest.fixture
def people(db) -> dict[str, int]:
    """A user of every role (usernames = role names) and the category "mobility" (id 1): threshold 25, 30 days."""
    ids = {name: make_user(name, roles=roles, locale="en").id for name, roles in ROLES.items()}
    make_idea_category("mobility", name="Mobility", threshold=25, answer_days=30)
    return ids


def snapshot() -> list[tuple]:
    """Every category as the database holds it now (ends the test's transaction first)."""
    db.session.rollback()
    return [(c.slug, c.names, c.descriptions, c.support_threshold, c.answer_days, c.authors_may_support, c.position)
            for c in all_categories()]


def login(auth, username: str) -> None:
    assert auth.login(username).status_code == 302, f"{username} could not log in"


def value(response, field_id: str) -> str | None:
    element = soup(response).find(id=field_id)
    return element.get_text().strip() if element.name == "textarea" else element.get("value")


# --- who may ---------------------------------------------------------------------------------------------------

PAGES = ["/admin/categories/ideas", "/admin/categories/ideas/new", "/admin/categories/ideas/1/edit"]
FORMS = ["/admin/categories/ideas/new", "/admin/categories/ideas/1/edit"]


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_find_no_such_page(client, people, path):
    before = snapshot()

    assert client.get(path).status_code == 404
    if path in FORMS:
        assert client.post(path, data=VALID).status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize(("role", "allowed"), [
    ("member", False), ("moderator", False), ("city_staff", False), ("admin", True)])
@pytest.mark.parametrize("path", PAGES)
def test_only_administrators_manage_idea_categories(client, auth, people, role, allowed, path):
    login(auth, role)

    assert client.get(path).status_code == (200 if allowed else 404)


@pytest.mark.parametrize("role", ["member", "moderator", "city_staff"])
@pytest.mark.parametrize("path", FORMS)
def test_a_refused_post_changes_nothing(client, auth, people, role, path):
    before = snapshot()
    login(auth, role)

    assert client.post(path, data={**VALID, "slug": "mobility-2"}).status_code == 404
    assert snapshot() == before


# --- the list --------------------------------------------------------------------------------------------------

def test_the_list_shows_threshold_answer_period_and_edit_links(client, auth, people):
    make_idea_category("open-data", name="Open data", threshold=3, answer_days=14, authors_may_support=True)
    login(auth, "admin")

    response = client.get("/admin/categories/ideas", headers=ENGLISH)

    assert response.status_code == 200
    page = soup(response)
    assert words(page.find("h1").get_text()) == "Idea categories"
    rows = page.find("tbody").find_all("tr")
    assert [row.find("code").get_text() for row in rows] == ["mobility", "open-data"]
    cells = [[words(cell.get_text(" ")) for cell in row.find_all(["th", "td"])] for row in rows]
    assert cells[0][3:7] == ["25 supports", "30 days", "No", "0"]
    assert cells[1][3:7] == ["3 supports", "14 days", "Yes", "0"]
    assert rows[0].find("a", href="/admin/categories/ideas/1/edit") is not None
    assert page.find("a", href="/admin/categories/ideas/new") is not None


# --- creating and editing ----------------------------------------------------------------------------------------

def test_administrators_create_a_category(client, auth, people):
    login(auth, "admin")
    form = client.get("/admin/categories/ideas/new", headers=ENGLISH)
    assert form.status_code == 200
    assert value(form, "support_threshold") == "25" and value(form, "answer_days") == "30"
    assert soup(form).find("form", action="/admin/categories/ideas/new").has_attr("novalidate")
    assert soup(form).find("label", attrs={"for": "authors_may_support"}) is not None

    response = client.post("/admin/categories/ideas/new", data={**VALID, "slug": " Open-Data "})

    assert response.status_code == 302
    db.session.rollback()
    category = db.session.execute(select(IdeaCategory).where(IdeaCategory.slug == "open-data")).scalar_one()
    assert response.location == f"/admin/categories/ideas#category-{category.id}"
    assert category.names == {"de": "Offene Daten", "en": "Open data"}
    assert category.descriptions == {"de": "Daten der Stadt", "en": "The city's data"}
    assert (category.support_threshold, category.answer_days, category.authors_may_support) == (40, 21, True)
    assert category.position == 2  # empty place: last
    assert "“Open data”" in flashes(client.get("/admin/categories/ideas"))  # the admin reads English


def test_the_english_name_is_optional_and_an_unticked_box_means_no(client, auth, people):
    login(auth, "admin")
    data = {**VALID, "name_en": "", "description_en": "", "position": "1"}
    del data["authors_may_support"]

    assert client.post("/admin/categories/ideas/new", data=data).status_code == 302
    db.session.rollback()
    category = db.session.execute(select(IdeaCategory).where(IdeaCategory.slug == "open-data")).scalar_one()
    assert category.names == {"de": "Offene Daten"} and category.name("en") == "Offene Daten"
    assert (category.authors_may_support, category.position) == (False, 1)


def test_administrators_edit_a_category(client, auth, people):
    login(auth, "admin")
    form = client.get("/admin/categories/ideas/1/edit")
    assert (value(form, "slug"), value(form, "name_en"), value(form, "support_threshold"),
            value(form, "answer_days"), value(form, "position")) == ("mobility", "Mobility", "25", "30", "1")
    assert value(form, "description_de") == "Über Mobility"
    assert not soup(form).find("input", id="authors_may_support").has_attr("checked")

    response = client.post("/admin/categories/ideas/1/edit", data={
        "slug": "mobility", "name_de": "Mobilität", "name_en": "Getting around", "description_de": "",
        "description_en": "Buses and bikes", "support_threshold": "10", "answer_days": "365",
        "authors_may_support": "y", "position": "5"})

    assert response.status_code == 302 and response.location == "/admin/categories/ideas#category-1"
    assert snapshot() == [("mobility", {"de": "Mobilität", "en": "Getting around"}, {"en": "Buses and bikes"},
                           10, 365, True, 5)]


def test_editing_an_unknown_category_is_404(client, auth, people):
    login(auth, "admin")

    assert client.get("/admin/categories/ideas/999/edit").status_code == 404
    assert client.post("/admin/categories/ideas/999/edit", data=VALID).status_code == 404


# --- errors --------------------------------------------------------------------------------------------------

def test_errors_are_shown_next_to_the_fields_and_keep_the_input(client, auth, people):
    before = snapshot()
    login(auth, "admin")
    typed = {"slug": "no spaces!", "name_de": "", "name_en": "English only", "description_de": "Bleibt stehen",
             "description_en": "", "support_threshold": "0", "answer_days": "366", "position": "first",
             "authors_may_support": "y"}

    response = client.post("/admin/categories/ideas/new", data=typed, headers=ENGLISH)

    assert response.status_code == 200
    assert summary_links(response) == ["slug", "name_de", "support_threshold", "answer_days", "position"]
    assert field_error(response, "slug") == "Error: Please use only letters a–z, digits and single hyphens."
    assert field_error(response, "name_de") == "Error: Please fill in this field."
    assert field_error(response, "support_threshold") == (
        "Error: Please enter a whole number from 1 to 100,000, e.g. 25.")
    assert field_error(response, "answer_days") == "Error: Please enter a whole number from 1 to 365, e.g. 30."
    assert field_error(response, "position") == "Error: Please enter a whole number from 1 to 1,000, e.g. 1."
    assert field_error(response, "name_en") is None
    for field_id in ("slug", "name_en", "description_de", "support_threshold", "answer_days", "position"):
        assert value(response, field_id) == typed[field_id], field_id
    assert soup(response).find("input", id="authors_may_support").has_attr("checked")
    assert snapshot() == before


def test_an_empty_number_asks_to_fill_it_in(client, auth, people):
    login(auth, "admin")

    response = client.post("/admin/categories/ideas/new", data={**VALID, "support_threshold": "", "answer_days": ""})

    assert summary_links(response) == ["support_threshold", "answer_days"]
    assert field_error(response, "answer_days") == "Error: Please fill in this field."
    assert len(snapshot()) == 1


def test_a_taken_slug_is_an_error_next_to_it(client, auth, people):
    login(auth, "admin")

    response = client.post("/admin/categories/ideas/new", data={**VALID, "slug": "mobility"}, headers=ENGLISH)

    assert response.status_code == 200
    assert field_error(response, "slug") == "Error: Another category uses this address. Please choose another."
    assert summary_links(response) == ["slug"]
    assert value(response, "name_de") == "Offene Daten"
    assert [row[0] for row in snapshot()] == ["mobility"]


def test_renaming_to_a_taken_slug_changes_nothing(client, auth, people):
    make_idea_category("open-data", name="Open data")
    before = snapshot()
    login(auth, "admin")

    response = client.post("/admin/categories/ideas/1/edit", data={**VALID, "slug": "open-data"})

    assert response.status_code == 200 and field_error(response, "slug") is not None
    assert snapshot() == before


# --- the order -----------------------------------------------------------------------------------------------

def order() -> list[str]:
    return [row[0] for row in snapshot()]


def test_administrators_move_categories_up_and_down(client, auth, people):
    make_idea_category("open-data", name="Open data")
    make_idea_category("school", name="School")
    login(auth, "admin")
    page = soup(client.get("/admin/categories/ideas", headers=ENGLISH))
    rows = page.find("tbody").find_all("tr")
    assert [[button["value"] for button in row.find_all("button")] for row in rows] == [
        ["down"], ["up", "down"], ["up"]]
    assert all(form.find("input", attrs={"name": "csrf_token"}) for form in page.find("tbody").find_all("form"))
    assert words(rows[1].find("button").get_text()) == "Move up Open data"  # the hidden name says which one

    response = client.post("/admin/categories/ideas/3/move", data={"direction": "up"}, headers=ENGLISH)

    assert response.status_code == 302 and response.location == "/admin/categories/ideas#category-3"
    assert order() == ["mobility", "school", "open-data"]
    assert "The order of the categories has been saved." in flashes(client.get("/admin/categories/ideas",
                                                                               headers=ENGLISH))
    client.post("/admin/categories/ideas/1/move", data={"direction": "down"})
    client.post("/admin/categories/ideas/1/move", data={"direction": "down"})
    client.post("/admin/categories/ideas/1/move", data={"direction": "down"})  # already last
    assert order() == ["school", "open-data", "mobility"]
    assert [row[-1] for row in snapshot()] == [1, 2, 3]
    listed = soup(client.get("/ideas/new")).find("select", id="category")
    assert [option["value"] for option in listed.find_all("option") if option["value"]][:3] == [
        "school", "open-data", "mobility"]


def test_moving_needs_a_direction_and_a_known_category(client, auth, people):
    make_idea_category("open-data", name="Open data")
    login(auth, "admin")

    assert client.post("/admin/categories/ideas/1/move", data={"direction": "left"}).status_code == 400
    assert client.post("/admin/categories/ideas/1/move").status_code == 400
    assert client.post("/admin/categories/ideas/999/move", data={"direction": "up"}).status_code == 404
    assert order() == ["mobility", "open-data"]


@pytest.mark.parametrize("role", ["member", "moderator", "city_staff"])
def test_only_administrators_move_categories(client, auth, people, role):
    make_idea_category("open-data", name="Open data")
    before = snapshot()
    login(auth, role)

    assert client.post("/admin/categories/ideas/2/move", data={"direction": "up"}).status_code == 404
    assert snapshot() == before


def test_anonymous_visitors_who_move_find_no_such_page(client, people):
    before = snapshot()

    assert client.post("/admin/categories/ideas/1/move", data={"direction": "down"}).status_code == 404
    assert snapshot() == before


class TestWithCsrf:
    @pytest.fixture
    def app_overrides(self):
        return {"WTF_CSRF_ENABLED": True}

    def test_the_forms_carry_a_token_and_posts_without_one_are_refused(self, client, people):
        make_idea_category("open-data", name="Open data")
        token = soup(client.get("/login")).find("input", attrs={"name": "csrf_token"})["value"]
        client.post("/login", data={"login": "admin", "password": "correct horse battery", "csrf_token": token})
        before = snapshot()

        assert soup(client.get("/admin/categories/ideas/new")).find("input", attrs={"name": "csrf_token"})
        assert client.post("/admin/categories/ideas/2/move", data={"direction": "up"}).status_code == 400
        assert client.post("/admin/categories/ideas/new", data=VALID).status_code == 400
        assert client.post("/admin/categories/ideas/1/edit", data=VALID).status_code == 400
        assert snapshot() == before
