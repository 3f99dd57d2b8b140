"""The registry of what members write: counts per kind in a window and accepted contributions, each one
statement however much was written; the gate's screens keep a constant number of statements too; the review
queue shows a held item."""
from __future__ import annotations

from datetime import timedelta

import pytest
from factories import PASSWORD, add_replies, make_category, make_idea, make_thread, make_user
from sqlalchemy import select, update

from app.extensions import db
from app.models import utcnow
from app.moderation.models import ReviewItem
from app.trust import activity, gate, limits, settings
from app.users.models import Role
from forums import services as forum_services
from forums.models import Post


@pytest.fixture
def app_overrides() -> dict:
    return {"WRITE_LIMITS_ENABLED": True}


def test_every_feature_registers_its_writes(db):
    assert activity.kinds() == ["idea", "reply", "solution", "thread", "update"]


def test_counts_per_kind_and_window(db):
    settings.change(make_user("operator"), {limits.PAUSE_EVERYONE.name: 0})  # three replies in a row
    nina = make_user("nina")
    thread = make_thread(nina)
    replies = [forum_services.reply(nina, thread, f"Reply {n}") for n in range(3)]
    replies[0].created_at = utcnow() - timedelta(hours=2)
    replies[1].created_at = utcnow() - timedelta(days=2)
    forum_services.reply(make_user("bob"), thread, "Not hers")
    db.session.commit()
    now = utcnow()

    found = activity.window(nina.id, "reply", now - timedelta(days=1), now - timedelta(hours=1))
    assert (found.day, found.hour) == (2, 1)
    assert found.first_in_day <= found.first_in_hour <= found.last == replies[2].created_at
    assert activity.window(nina.id, "thread", now - timedelta(days=1), now - timedelta(hours=1)).day == 1
    make_idea(nina)
    assert activity.accepted(nina.id) == 5  # a thread, three replies, an idea


@pytest.mark.parametrize("size", [1, 40])
def test_one_statement_each_as_data_grows(db, count_queries, size):
    nina = make_user("nina", trust_level=0)
    thread = make_thread(nina)
    add_replies(thread, size, nina)
    db.session.commit()
    now, nina_id = utcnow(), nina.id

    with count_queries() as counter:
        activity.window(nina_id, "reply", now - timedelta(days=1), now - timedelta(hours=1))
        activity.accepted(nina_id)
    assert len(counter.statements) == 2


def test_the_gate_costs_the_same_however_much_was_written(db, count_queries):
    counts = []
    for size in (2, 25):
        author = make_user(trust_level=0)
        thread = make_thread(make_user())
        add_replies(thread, size, author)
        db.session.execute(update(Post).where(Post.author_id == author.id).values(
            created_at=utcnow() - timedelta(hours=2)))  # within the day, not the hour
        db.session.commit()
        author.trust_level  # loaded, as the signed-in user of a request is

        with count_queries() as counter:
            gate.screen(author, "reply", {"body": "Hello @nobody https://a.example"}, category=thread.category)
        counts.append(len(counter.statements))
        db.session.rollback()
    assert counts[0] == counts[1]


def test_a_held_item_shows_in_the_review_queue(app, db):
    category = make_category("mobility")
    category.premoderated = True
    db.session.commit()
    thread = make_thread(category=category)
    forum_services.reply(make_user("nina", trust_level=0), thread, "Please review me")
    make_user("mona", roles=(Role.MODERATOR,), locale="en")
    item_id = db.session.execute(select(ReviewItem.id)).scalar_one()
    client = app.test_client()
    client.post("/login", data={"login": "mona", "password": PASSWORD})

    queue = client.get("/moderation", headers={"Accept-Language": "en"})
    page = client.get(f"/moderation/items/{item_id}", headers={"Accept-Language": "en"})

    assert queue.status_code == 200 and f"/moderation/items/{item_id}" in queue.text
    assert page.status_code == 200 and "Please review me" in page.text and "Waiting for review" in page.text
