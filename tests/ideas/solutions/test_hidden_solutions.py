"""A hidden solution: out of the list and the idea page, its page, feeds and writes a 404 for others; its owner
and the moderators see it marked. A hidden profile: 404 for others."""
from __future__ import annotations

import pytest
from factories import make_user
from helpers import page_text
from solution_scene import cast_in_database, fresh, solution_text

from app.extensions import db
from app.moderation import hiding
from app.moderation.models import Reason
from app.moderation import profiles
from app.users.models import Role, User
from ideas.solutions import services
from ideas.solutions.models import Solution
from ideas.moderation import SOLUTION_HOOKS

EN = {"Accept-Language": "en"}


def login(client, username: str) -> None:
    assert client.post("/login", data={"login": username, "password": "correct horse battery"}).status_code == 302


@pytest.fixture
def cast(db):
    cast = cast_in_database()
    make_user("mia", roles=(Role.MODERATOR,), locale="en")
    hiding.hide(fresh(Solution, cast.solution).subject, Reason.OFF_TOPIC)
    db.session.commit()
    return cast


def test_others_find_it_nowhere(client, cast):
    for path in ("/solutions", f"/ideas/{cast.idea}"):
        assert "Online appointments" not in client.get(path).get_data(as_text=True), path
    for path in (f"/solutions/{cast.solution}", f"/solutions/{cast.solution}/feed.atom",
                 f"/solutions/{cast.solution}/calendar.ics"):
        assert client.get(path).status_code == 404, path
    login(client, "bob")
    assert client.get(f"/solutions/{cast.solution}").status_code == 404


@pytest.mark.parametrize("who", ["olga", "mia"])
def test_its_owner_and_the_moderators_see_it_marked(client, cast, who):
    owner = db.session.get(Solution, cast.solution).owner.username
    login(client, owner if who == "olga" else who)
    response = client.get(f"/solutions/{cast.solution}", headers=EN)
    assert response.status_code == 200
    assert "Hidden by moderation: Off-topic or does not belong here." in page_text(response)


def test_the_hooks(db, cast):
    solution = fresh(Solution, cast.solution)
    mia = db.session.query(User).filter_by(username="mia").one()
    assert SOLUTION_HOOKS.content(solution) == {"title": "Online appointments",
                                                "summary": "Book the citizens' office online.",
                                                "body": "A **booking** service."}
    assert SOLUTION_HOOKS.category(solution) is None
    assert SOLUTION_HOOKS.author_id(solution) == solution.owner_id
    assert [s.kind for s in SOLUTION_HOOKS.hidden_with(solution)] == ["thread"]
    SOLUTION_HOOKS.redact(solution, mia, {"summary": "[removed]"})
    db.session.commit()
    assert solution.summary == "[removed]"
    assert services.redact_text is SOLUTION_HOOKS.redact
    assert solution_text  # the scene's helper stays importable


def test_a_hidden_profile_is_404_for_others_and_marked_for_its_owner(client, db):
    bob = make_user("bob", locale="en")
    make_user("carl")
    hiding.hide(profiles.subject_of(bob), Reason.INSULTING)
    db.session.commit()
    assert client.get("/u/bob").status_code == 404
    login(client, "carl")
    assert client.get("/u/bob").status_code == 404
    client.post("/logout")
    login(client, "bob")
    response = client.get("/u/bob", headers=EN)
    assert response.status_code == 200
    assert "Hidden by moderation: Insulting or harassing. Only you and the moderators see this." in page_text(response)
