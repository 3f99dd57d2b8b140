"""The idea and solution pages show their author's or owner's avatar beside the byline (app/users/avatars.py)."""
from __future__ import annotations

from factories import make_idea, make_user
from helpers import soup

from app.users import avatars
from app.users.models import Role
from ideas.solutions import services
from ideas.solutions.services import SolutionInput

EN = {"Accept-Language": "en"}


def byline_avatar(response):
    meta = soup(response).select_one(".idea-meta")
    return meta, meta.select_one(".avatar")


def test_the_idea_page_shows_the_authors_avatar(app, client):
    with app.app_context():
        idea_id = make_idea(make_user("nina", display_name="Nina Nowak", locale="en")).id

    meta, avatar = byline_avatar(client.get(f"/ideas/{idea_id}", headers=EN))

    assert avatar.get_text() == "NN" and avatar["aria-hidden"] == "true"
    assert f"avatar-colour-{avatars.colour('nina')}" in avatar["class"]
    assert "Proposed by Nina Nowak" in " ".join(meta.get_text(" ").split())


def test_the_solution_page_shows_the_owners_avatar(app, client):
    with app.app_context():
        staff = make_user("clara", display_name="Clara Stadt", roles=(Role.CITY_STAFF,), locale="en")
        solution = services.create_solution(staff, SolutionInput("Portal", "Short.", "Long.", "en"))
        solution_id = solution.id

    meta, avatar = byline_avatar(client.get(f"/solutions/{solution_id}", headers=EN))

    assert avatar.get_text() == "CS" and avatar["aria-hidden"] == "true"
    assert "Led by Clara Stadt." in " ".join(meta.get_text().split())
