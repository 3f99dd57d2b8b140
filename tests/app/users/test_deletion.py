"""Deleting one's account: confirmed with the password, at once; contributions stay by "Deleted participant",
personal rows go, supports, likes and ratings leave their counters exact; staff must be demoted first."""
from __future__ import annotations

import pytest
from factories import PASSWORD, make_category, make_idea, make_reply, make_thread, make_user
from helpers import field_error, is_logged_in, page_text, soup, translated
from sqlalchemy import func, select

from app.extensions import db
from app.notifications.models import Follow
from app.users import deletion
from app.users.models import Role, User, UserSession
from forums.likes import like_post
from forums.models import Post, Thread
from ideas.models import Idea
from ideas.services import support
from voting.models import Vote

EN = {"Accept-Language": "en"}


def signed_in(app, username: str):
    client = app.test_client()
    assert client.post("/login", data={"login": username, "password": PASSWORD}).status_code == 302
    return client


def count(model, *where) -> int:
    db.session.rollback()
    return db.session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


@pytest.fixture
def scene(db):
    """Nina proposed an idea, opened a thread, replied, supported Otto's idea and liked Otto's reply."""
    nina = make_user("nina", locale="en", display_name="Nina Neu")
    otto = make_user("otto", locale="en")
    idea = make_idea(nina, title="Benches in every park")
    ottos_idea = make_idea(otto, title="Trees on every street")
    thread = make_thread(nina, make_category("talk"), title="Benches", body="More benches, please.")
    make_reply(thread, nina, "And shade.")
    ottos_reply = make_reply(thread, otto, "Yes!")
    support(nina, ottos_idea)
    like_post(nina, ottos_reply)
    return {"nina": nina.id, "otto": otto.id, "idea": idea.id, "ottos_idea": ottos_idea.id, "thread": thread.id,
            "ottos_reply": ottos_reply.id}


def test_the_account_goes_its_contributions_stay_and_the_counters_stay_exact(app, scene):
    client = signed_in(app, "nina")

    response = client.post("/settings/delete", data={"password": PASSWORD, "understood": "y"})

    assert response.status_code == 302 and response.location == "/"
    assert not is_logged_in(client)
    assert db.session.get(User, scene["nina"]) is None
    assert db.session.get(Idea, scene["idea"]).author_id is None
    assert count(Post, Post.thread_id == scene["thread"], Post.author_id.is_(None)) == 2
    assert db.session.get(Idea, scene["ottos_idea"]).support_count == 0
    assert db.session.get(Post, scene["ottos_reply"]).like_count == 0
    assert count(Vote, Vote.voter_id == scene["nina"]) == 0
    assert count(UserSession, UserSession.user_id == scene["nina"]) == 0
    assert count(Follow, Follow.user_id == scene["nina"]) == 0
    page = page_text(app.test_client().get(f"/t/{scene['thread']}", headers=EN))
    assert "Deleted participant" in page and "Nina Neu" not in page
    assert "Deleted participant" in page_text(app.test_client().get(f"/ideas/{scene['idea']}", headers=EN))
    assert app.test_client().post("/login", data={"login": "nina", "password": PASSWORD}).status_code == 200


def test_a_wrong_password_or_no_confirmation_changes_nothing(app, scene):
    client = signed_in(app, "nina")

    wrong = client.post("/settings/delete", data={"password": "not my password", "understood": "y"}, headers=EN)
    unconfirmed = client.post("/settings/delete", data={"password": PASSWORD}, headers=EN)

    assert wrong.status_code == 200 and "This is not your password." in field_error(wrong, "password")
    assert unconfirmed.status_code == 200 and field_error(unconfirmed, "understood")
    assert db.session.get(User, scene["nina"]) is not None
    assert db.session.get(Idea, scene["ottos_idea"]).support_count == 1
    assert is_logged_in(client)


@pytest.mark.parametrize("role", [Role.CITY_STAFF, Role.MODERATOR, Role.ADMIN])
def test_staff_must_be_demoted_first(app, db, role):
    make_user("sam", roles=(role,), locale="en")
    client = signed_in(app, "sam")

    page = client.get("/settings/delete", headers=EN)
    refused = client.post("/settings/delete", data={"password": PASSWORD, "understood": "y"})

    with app.test_request_context(headers=EN):
        demote_first = str(deletion.DEMOTE_FIRST)
    assert demote_first in page_text(page) and soup(page).find("form", action="/settings/delete") is None
    assert refused.status_code == 403
    assert count(User, User.username == "sam") == 1


def test_a_set_aside_support_leaves_the_counter_alone(app, scene):
    db.session.execute(Vote.__table__.update().where(Vote.voter_id == scene["nina"]).values(
        set_aside_at=func.now(), set_aside_reason="burst"))
    db.session.execute(Idea.__table__.update().where(Idea.id == scene["ottos_idea"]).values(support_count=0))
    db.session.execute(Post.__table__.update().where(Post.id == scene["ottos_reply"]).values(like_count=0))
    db.session.commit()

    deletion.delete_account(db.session.get(User, scene["nina"]), PASSWORD)

    assert db.session.get(Idea, scene["ottos_idea"]).support_count == 0
    assert db.session.get(Post, scene["ottos_reply"]).like_count == 0
    assert count(Vote) == 0


def test_a_rating_leaves_the_solutions_figures_exact(app, db):
    from ideas.solutions import services as solutions
    from ideas.solutions.models import Solution
    from ideas.solutions.services import SolutionInput

    staff = make_user("staff", roles=(Role.CITY_STAFF,))
    nina, otto = make_user("nina"), make_user("otto")
    solution = solutions.create_solution(staff, SolutionInput(title="Park benches", summary="Benches.",
                                                              description_md="Benches.", language="en"))
    db.session.execute(Solution.__table__.update().where(Solution.id == solution.id).values(status="live"))
    db.session.commit()
    for person, score in ((nina, 2), (otto, 5)):
        db.session.add(solutions.Rating(solution_id=solution.id, user_id=person.id, score=score, comment_md="",
                                        comment_html=""))
    db.session.execute(Solution.__table__.update().where(Solution.id == solution.id).values(rating_count=2,
                                                                                             rating_sum=7))
    db.session.commit()

    deletion.delete_account(db.session.get(User, nina.id), PASSWORD)

    db.session.rollback()
    solution = db.session.get(Solution, solution.id)
    assert (solution.rating_count, solution.rating_sum) == (1, 5)


def test_a_visitor_is_sent_to_log_in(client, db):
    assert client.get("/settings/delete").location.startswith("/login")
    assert client.post("/settings/delete", data={"password": PASSWORD, "understood": "y"}).location.startswith("/login")


def test_the_persons_search_document_is_marked_for_removal(app, scene):
    from app.search.models import SearchOutbox

    queued = (SearchOutbox.kind == "person", SearchOutbox.object_id == scene["nina"])
    before = count(SearchOutbox, *queued)

    deletion.delete_account(db.session.get(User, scene["nina"]), PASSWORD)

    assert count(SearchOutbox, *queued) == before + 1  # the indexer finds the account gone and drops its document
