"""A silenced member reads but does not write: every write route that exists answers 403 with "You are silenced
until …: …" and changes nothing, the pages show that notice instead of the forms, and following and settings stay
open. A suspended member is signed out and every write sends them to log in."""
from __future__ import annotations

from datetime import timedelta

import pytest
from factories import make_category, make_idea, make_reply, make_thread, make_user
from helpers import page_text
from snapshots import loaded_once
from solution_scene import CONTRIBUTOR, ENGLISH, SUPPORTER, cast_in_database
from sqlalchemy import func, select

from app.extensions import db
from app.models import utcnow
from app.moderation import sanctions
from app.moderation.models import SanctionKind
from app.notifications.models import Follow
from app.users.models import Role, User
from forums.models import Post, Thread
from ideas.models import Idea
from ideas.solutions import services as solution_services
from ideas.solutions.models import Solution, SolutionStatus

REASON = "Insulted other members twice."


def _counts() -> dict[str, int]:
    """Rows in every table, to show a refused write changed nothing."""
    db.session.rollback()
    return {table.name: db.session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in db.metadata.sorted_tables}


class World:
    """carl (a contributor of a planned solution) with a thread, a reply and an idea of his own, an idea and a
    thread by others, a live solution sue may rate; carl and sue silenced by a moderator."""

    def __init__(self) -> None:
        self.ids, carl_id, sue_id = loaded_once(("silenced world",), _build_world)
        self.carl, self.sue = db.session.get(User, carl_id), db.session.get(User, sue_id)
        assert self.carl.is_silenced and self.sue.is_silenced


def _build_world() -> tuple[dict, int, int]:
    """The World's rows, made through the services by this process's first test and copied back for the next ones
    (tests/snapshots.py); returns its ids and carl's and sue's."""
    cast = cast_in_database()
    carl = db.session.execute(select(User).where(User.username == CONTRIBUTOR)).scalar_one()
    sue = db.session.execute(select(User).where(User.username == SUPPORTER)).scalar_one()
    category = make_category("general")
    other = make_user("olivia", locale="en")
    thread = make_thread(other, category)
    post = db.session.execute(select(Post).where(Post.thread_id == thread.id)).scalar_one()
    own_reply = make_reply(thread, carl)
    idea = make_idea(other, title="Free wifi in the library")
    own_idea = make_idea(carl, title="Benches in the park", publish=False)
    staff = db.session.execute(select(User).where(User.username == "clara")).scalar_one()
    solution_services.change_status(staff, db.session.get(Solution, cast.solution), SolutionStatus.LIVE,
                                    explanation_md="It is live.")
    moderator = make_user("mona", roles=(Role.MODERATOR,), locale="en")
    ends = utcnow() + timedelta(days=7)
    for person in (carl, sue):
        sanctions.impose(moderator, person, SanctionKind.SILENCE, ends_at=ends, reason=REASON)
    db.session.commit()
    ids = {"thread": thread.id, "post": post.id, "own_reply": own_reply.id, "idea": idea.id, "own_idea": own_idea.id,
           "category": category.slug, "solution": cast.solution, "other": cast.other,
           "idea_category": cast.category}
    return ids, carl.id, sue.id


def _writes(ids) -> dict[str, tuple[str, dict]]:
    """Every write a member makes, for carl: (path, form data)."""
    return {
        "new thread": (f"/forums/{ids['category']}/new", {"title": "A new thread here", "body": "Hello."}),
        "reply": (f"/t/{ids['thread']}/reply", {"body": "A reply.", "to": ""}),
        "edit own reply": (f"/posts/{ids['own_reply']}/edit", {"body": "Changed."}),
        "like": (f"/posts/{ids['post']}/like", {}),
        "new idea": ("/ideas/new", {"title": "Another idea", "body": "Text.", "category": ids["idea_category"],
                                    "language": "en", "action": "publish"}),
        "edit own idea": (f"/ideas/{ids['own_idea']}/edit", {"title": "Benches", "body": "More.",
                                                              "category": ids["idea_category"], "language": "en",
                                                              "action": "draft"}),
        "publish own draft": (f"/ideas/{ids['own_idea']}/publish", {}),
        "support": (f"/ideas/{ids['idea']}/support", {}),
        "offer help": (f"/solutions/{ids['other']}/volunteer", {"role": "testing", "note": ""}),
        "post a team update": (f"/solutions/{ids['solution']}/updates/new", {"body": "We made progress."}),
    }


@pytest.fixture
def world(db) -> World:
    return World()


def _log_in(client, username: str) -> None:
    response = client.post("/login", data={"login": username, "password": "correct horse battery"},
                           headers=ENGLISH)
    assert response.status_code == 302


@pytest.mark.parametrize("write", list(_writes({k: 1 for k in ("thread", "post", "own_reply", "idea", "own_idea",
                                                               "category", "solution", "other", "idea_category")})))
def test_a_silenced_member_is_refused_every_write_with_the_reason(world, client, write):
    path, data = _writes(world.ids)[write]
    _log_in(client, CONTRIBUTOR)
    before = _counts()
    response = client.post(path, data=data, headers=ENGLISH)
    assert response.status_code == 403
    text = page_text(response)
    assert "You are silenced until" in text and REASON in text
    assert _counts() == before
    assert db.session.get(Post, world.ids["own_reply"]).body_md != "Changed."


def test_a_silenced_rater_is_refused(world, client):
    _log_in(client, SUPPORTER)
    before = _counts()
    response = client.post(f"/solutions/{world.ids['solution']}/rating", data={"score": "4", "comment": ""},
                           headers=ENGLISH)
    assert response.status_code == 403 and REASON in page_text(response)
    assert _counts() == before


def test_the_pages_show_why_instead_of_the_forms(world, client):
    _log_in(client, CONTRIBUTOR)
    thread_page = client.get(f"/t/{world.ids['thread']}", headers=ENGLISH)
    assert "You are silenced until" in page_text(thread_page)
    assert b'action="/t/%d/reply"' % world.ids["thread"] not in thread_page.data
    idea_page = client.get(f"/ideas/{world.ids['idea']}", headers=ENGLISH)
    assert REASON in page_text(idea_page) and b"/support\"" not in idea_page.data
    category_page = client.get(f"/forums/{world.ids['category']}", headers=ENGLISH)
    assert REASON in page_text(category_page)
    new_idea = client.get("/ideas/new", headers=ENGLISH)
    assert new_idea.status_code == 403 and REASON in page_text(new_idea)
    solution_page = client.get(f"/solutions/{world.ids['other']}", headers=ENGLISH)
    assert REASON in page_text(solution_page)


def test_the_notice_is_in_the_members_language(world, client):
    db.session.get(User, world.carl.id).locale = "de"
    db.session.commit()
    _log_in(client, CONTRIBUTOR)
    response = client.post(f"/ideas/{world.ids['idea']}/support")
    assert response.status_code == 403
    assert "Sie sind bis" in page_text(response) and "stummgeschaltet: " + REASON in page_text(response)


def test_following_and_settings_stay_open_to_a_silenced_member(world, client):
    _log_in(client, CONTRIBUTOR)
    idea = db.session.get(Idea, world.ids["idea"])
    response = client.post(f"/follow/{idea.subject_id}", data={"next": "/"}, headers=ENGLISH)
    assert response.status_code == 302
    assert db.session.execute(select(func.count()).select_from(Follow).where(
        Follow.user_id == world.carl.id, Follow.subject_id == idea.subject_id)).scalar_one() == 1
    assert client.get("/settings", headers=ENGLISH).status_code == 200


def test_when_the_silence_ends_the_member_writes_again(world, client, monkeypatch):
    import app.users.models as user_models

    later = utcnow() + timedelta(days=8)
    monkeypatch.setattr(user_models, "utcnow", lambda: later)
    _log_in(client, CONTRIBUTOR)
    response = client.post(f"/ideas/{world.ids['idea']}/support", headers=ENGLISH)
    assert response.status_code == 302
    db.session.rollback()
    assert db.session.get(Idea, world.ids["idea"]).support_count == 1


def test_a_suspended_member_is_sent_to_log_in_and_nothing_changes(world, client):
    _log_in(client, "olivia")
    moderator = db.session.execute(select(User).where(User.username == "mona")).scalar_one()
    olivia = db.session.execute(select(User).where(User.username == "olivia")).scalar_one()
    sanctions.impose(moderator, olivia, SanctionKind.SUSPEND, ends_at=utcnow() + timedelta(days=3), reason=REASON)
    db.session.commit()
    before = _counts()
    for path, data in _writes(world.ids).values():
        response = client.post(path, data=data, headers=ENGLISH)
        assert response.status_code == 302 and "/login" in response.headers["Location"], path
    assert _counts() == before
    assert db.session.execute(select(func.count()).select_from(Thread)).scalar_one() == before["thread"]
