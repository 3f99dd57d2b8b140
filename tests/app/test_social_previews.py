"""Social previews: idea, solution and thread pages carry Open Graph and Twitter card tags with their title, a
short description in plain words and their address, and point at no other host (no image)."""
from __future__ import annotations

import pytest
from factories import make_idea, make_thread, make_user
from helpers import soup

from app.users.models import Role


def meta(page, key: str) -> str | None:
    tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


@pytest.fixture
def pages(app, db):
    from ideas.solutions.services import SolutionInput, create_solution

    idea = make_idea(make_user("ada"), title="Book appointments online",
                     body="Citizens book their **appointments** online, *at any hour*.", language="en")
    staff = make_user("clara", roles=(Role.CITY_STAFF,))
    solution = create_solution(staff, SolutionInput(title="Online booking", summary="Book online.",
                                                    description_md="A **booking** service.", language="en"))
    thread = make_thread(title="Bike racks at the station", body="We need **more** racks.")
    return {"idea": (f"/ideas/{idea.id}", "Book appointments online",
                     "Citizens book their appointments online, at any hour."),
            "solution": (f"/solutions/{solution.id}", "Online booking", "A booking service."),
            "thread": (f"/t/{thread.id}", "Bike racks at the station", "We need more racks.")}


@pytest.mark.parametrize("kind", ["idea", "solution", "thread"])
def test_a_shared_page_previews_its_title_and_words(client, pages, kind):
    path, title, description = pages[kind]

    page = soup(client.get(path, headers={"Accept-Language": "en"}))

    assert meta(page, "og:title") == meta(page, "twitter:title") == title
    assert meta(page, "og:description") == meta(page, "twitter:description") == description
    assert meta(page, "og:url") == f"http://localhost{path}" and meta(page, "og:site_name") == "WerkSTADT"
    assert meta(page, "twitter:card") == "summary" and meta(page, "og:image") is None


def test_a_long_description_is_cut_at_a_word(client, db):
    idea = make_idea(make_user("ada"), title="A long idea", body="word " * 100, language="en")

    description = meta(soup(client.get(f"/ideas/{idea.id}")), "og:description")

    assert len(description) <= 200 and description.endswith("…") and "word word" in description
