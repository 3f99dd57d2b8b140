"""Per-account write limits and the caps on links and mentions, at the HTTP level: a fresh account posting past a
limit gets the error next to the field with everything typed kept, and nothing is written; an established one
does not."""
from __future__ import annotations

from datetime import timedelta

import pytest
from factories import PASSWORD, make_category, make_idea_category, make_thread, make_user
from helpers import field_error, soup, summary_links
from sqlalchemy import func, select

from app.extensions import db
from app.text import count_links
from app.trust import gate, limits
from forums import services as forum_services
from forums.models import Post, Thread
from ideas.models import Idea
from ideas.services import IdeaInput, create_idea

ENGLISH = {"Accept-Language": "en"}


@pytest.fixture(autouse=True)
def stay_in_the_sandbox(db):
    """Sandboxed accounts stay there however much they write in these tests, and (but in the test of the pause)
    write as fast as a test does."""
    from app.trust import sandbox, settings

    settings.change(make_user("operator", roles=()), {sandbox.LEAVE_AFTER_ACCEPTED.name: 1000,
                                                      limits.PAUSE_SANDBOX.name: 0, limits.PAUSE_EVERYONE.name: 0})


@pytest.mark.parametrize("trust_level, pause", [(0, 60), (1, 5)])
def test_a_second_reply_at_once_waits_for_the_pause(client, db, trust_level, pause):
    from app.trust import settings

    settings.change(make_user("operator2", roles=()), {limits.PAUSE_SANDBOX.name: 60, limits.PAUSE_EVERYONE.name: 5})
    thread = make_thread()
    author = make_user("nina", trust_level=trust_level, locale="en")
    forum_services.reply(author, thread, "First reply")
    sign_in(client, "nina")

    response = client.post(f"/t/{thread.id}/reply", data={"body": "Second, *at once*"}, headers=ENGLISH)

    assert response.status_code == 200
    error = field_error(response, "body")
    assert f"one of your replies every {pause} seconds" in error and "your text stays here" in error
    assert typed_body(response).strip() == "Second, *at once*"
    assert count(Post) == 2  # the opening post and the first reply

    for post in db.session.execute(select(Post)).scalars():
        post.created_at -= timedelta(seconds=pause)
    db.session.commit()
    assert client.post(f"/t/{thread.id}/reply", data={"body": "Second, later"}, headers=ENGLISH).status_code == 302
    assert count(Post) == 3


@pytest.fixture
def app_overrides() -> dict:
    return {"WRITE_LIMITS_ENABLED": True}


def count(model) -> int:
    db.session.rollback()
    return db.session.execute(select(func.count()).select_from(model)).scalar_one()


def sign_in(client, username: str) -> None:
    client.post("/login", data={"login": username, "password": PASSWORD})


def typed_body(response) -> str:
    return soup(response).find("textarea", id="body").get_text()


@pytest.mark.parametrize("trust_level, refused", [(0, True), (1, False)])
def test_threads_past_the_hourly_limit(client, db, trust_level, refused):
    author = make_user("nina", trust_level=trust_level, locale="en")
    category = make_category("mobility")
    for n in range(3):  # the sandbox allows 3 threads an hour
        forum_services.create_thread(author, category, title=f"Thread {n}", body_md="Text")
    sign_in(client, "nina")

    response = client.post("/forums/mobility/new", data={"title": "One more", "body": "My *fourth* thread"},
                           headers=ENGLISH)

    if refused:
        assert response.status_code == 200
        error = field_error(response, "body")
        assert "at most 3 threads per hour" in error and "write again from" in error
        assert "body" in summary_links(response)
        assert typed_body(response).strip() == "My *fourth* thread"
        assert soup(response).find("input", id="title")["value"] == "One more"
        assert count(Thread) == 3
    else:
        assert response.status_code == 302
        assert count(Thread) == 4


@pytest.mark.parametrize("trust_level, refused", [(0, True), (1, False)])
def test_replies_past_the_hourly_limit(client, db, trust_level, refused):
    thread = make_thread()
    author = make_user("nina", trust_level=trust_level, locale="en")
    for n in range(10):  # the sandbox allows 10 replies an hour
        forum_services.reply(author, thread, f"Reply {n}")
    sign_in(client, "nina")

    response = client.post(f"/t/{thread.id}/reply", data={"body": "Eleventh reply"}, headers=ENGLISH)

    if refused:
        assert "at most 10 replies per hour" in field_error(response, "body")
        assert typed_body(response).strip() == "Eleventh reply"
        assert count(Post) == 11  # the opening post and ten replies
    else:
        assert response.status_code == 302
        assert count(Post) == 12


def test_ideas_past_the_limit_keep_what_was_typed(client, db):
    category = make_idea_category("administration")
    author = make_user("nina", trust_level=0, locale="en")
    for n in range(2):  # the sandbox allows 2 ideas an hour, 3 a day
        create_idea(author, IdeaInput(f"Idea {n}", "Text", category, "en"), publish=True)
    sign_in(client, "nina")

    response = client.post("/ideas/new", data={"title": "Third idea", "body": "Please **more** benches",
                                               "category": "administration", "language": "en",
                                               "action": "publish"}, headers=ENGLISH)

    assert response.status_code == 200
    assert "at most 2 ideas per hour" in field_error(response, "body")
    assert "Please **more** benches" in typed_body(response)
    assert count(Idea) == 2


def test_the_daily_limit_counts_the_last_day(app, db):
    category = make_idea_category()
    author = make_user("nina", trust_level=0, locale="en")
    earlier = []
    app.config["WRITE_LIMITS_ENABLED"] = False
    for n in range(3):
        earlier.append(create_idea(author, IdeaInput(f"Idea {n}", "Text", category, "en"), publish=True))
    app.config["WRITE_LIMITS_ENABLED"] = True
    from datetime import timedelta

    from app.models import utcnow
    for idea in earlier:  # written two hours ago: the hourly limit is free again, the daily one is not
        idea.created_at = utcnow() - timedelta(hours=2)
    db.session.commit()

    with pytest.raises(gate.Refused) as refused:
        create_idea(author, IdeaInput("Fourth", "Text", category, "en"), publish=True)

    assert refused.value.field == "body" and "per day" in refused.value.message
    assert count(Idea) == 3


def test_the_limits_are_off_when_the_config_says_so(app, db):
    app.config["WRITE_LIMITS_ENABLED"] = False
    thread = make_thread()
    author = make_user("nina", trust_level=0)
    for n in range(12):
        forum_services.reply(author, thread, f"Reply {n} https://a.example https://b.example https://c.example")
    assert count(Post) == 13


# --- caps on links and mentions ----------------------------------------------------------------------------

def test_links_are_counted_as_the_pipeline_makes_them():
    text = "[a](https://a.example) <https://b.example> https://c.example `https://code.example`"
    assert count_links(text) == 3
    assert count_links("[ref][1]\n\n[1]: https://e.example") == 1
    assert count_links("@someone and plain text") == 0


@pytest.mark.parametrize("trust_level, links, refused", [(0, 2, False), (0, 3, True), (1, 10, False),
                                                         (1, 11, True)])
def test_links_per_post(client, db, trust_level, links, refused):
    thread = make_thread()
    make_user("nina", trust_level=trust_level, locale="en")
    sign_in(client, "nina")
    body = " ".join(f"https://site{n}.example" for n in range(links))

    response = client.post(f"/t/{thread.id}/reply", data={"body": body}, headers=ENGLISH)

    if refused:
        cap = 2 if trust_level == 0 else 10
        assert field_error(response, "body") == f"Error: You can put at most {cap} links in one post."
        assert typed_body(response).strip() == body
        assert count(Post) == 1
    else:
        assert response.status_code == 302


@pytest.mark.parametrize("trust_level, mentions, refused", [(0, 2, False), (0, 3, True), (1, 10, False)])
def test_mentions_per_post(client, db, trust_level, mentions, refused):
    names = [make_user(f"person{n}").username for n in range(mentions)]
    thread = make_thread()
    make_user("nina", trust_level=trust_level, locale="en")
    sign_in(client, "nina")
    body = " ".join(f"@{name}" for name in names) + " @ghost1 @ghost2 @ghost3"  # unknown names do not count

    response = client.post(f"/t/{thread.id}/reply", data={"body": body}, headers=ENGLISH)

    if refused:
        assert field_error(response, "body") == "Error: You can mention at most 2 people in one post."
        assert count(Post) == 1
    else:
        assert response.status_code == 302


def test_an_edit_past_the_cap_changes_nothing(client, db):
    thread = make_thread()
    author = make_user("nina", trust_level=0, locale="en")
    post = forum_services.reply(author, thread, "Before")
    sign_in(client, "nina")

    response = client.post(f"/posts/{post.id}/edit", data={"body": "https://a.example https://b.example "
                                                                     "https://c.example"}, headers=ENGLISH)

    assert "at most 2 links" in field_error(response, "body")
    db.session.rollback()
    assert db.session.get(Post, post.id).body_md == "Before"


def test_the_mention_cap_for_everyone_is_a_setting(db):
    from app.trust import settings

    admin = make_user("ada")
    settings.change(admin, {limits.MENTIONS_EVERYONE.name: 3})
    names = [make_user(f"person{n}").username for n in range(4)]

    with pytest.raises(gate.Refused):
        make_thread(body=" ".join(f"@{name}" for name in names))


def test_a_refused_solution_and_update_write_nothing(db):
    from ideas.solutions import services as solution_services
    from ideas.solutions.models import ProgressUpdate, Solution
    from ideas.solutions.services import SolutionInput

    from app.users.models import Role
    staff = make_user("clara", roles=(Role.CITY_STAFF,), locale="en")
    text = SolutionInput(title="Online", summary="Book online.", description_md="A **service**.", language="en")
    solution = solution_services.create_solution(staff, text)
    with pytest.raises(gate.Refused) as refused:
        solution_services.create_solution(staff, SolutionInput(
            title="Links", summary="Many", description_md=" ".join(f"https://s{n}.example" for n in range(11)),
            language="en"))
    assert refused.value.field == "description"
    for n in range(20):  # everyone may post 20 progress updates an hour
        solution_services.post_update(staff, solution, f"Update {n}")
    with pytest.raises(gate.Refused) as refused:
        solution_services.post_update(staff, solution, "One too many")

    assert "per hour" in refused.value.message
    assert count(Solution) == 1 and count(ProgressUpdate) == 20


def test_the_demo_loads_with_the_limits_off_and_leaves_them_on(app, db, monkeypatch):
    """The demo writes dozens of posts a second through the services: every part of it loads with the limits off,
    and they are on again afterwards. (tests/demo loads the real demo; here each part only says what it saw.)"""
    import demo
    from demo import forums, ideas, moderation, pages, solutions, trust, users

    seen = []
    parts = (users, pages, forums, ideas, solutions, moderation, trust)
    for part in parts:
        monkeypatch.setattr(part, "load", lambda part=part: seen.append((part.__name__, limits.enabled())) or [])

    demo.load_all()

    assert seen == [(part.__name__, False) for part in parts]
    assert limits.enabled() and app.config["WRITE_LIMITS_ENABLED"] is True
