"""SQL statements on an idea page stay few and do not grow with the number of ideas or replies (house rule 10)."""
from __future__ import annotations

import pytest
from factories import add_replies, add_supporters, make_idea, make_idea_category, make_reply, make_user
from sqlalchemy import insert

from app.extensions import db
from app.models import Subject, utcnow
from app.text import PIPELINE_VERSION
from app.users.models import Role
from ideas.models import Idea, Status
from ideas.services import change_status

# Measured on SQLite and PostgreSQL: anonymous 6 (flat) or 8 (nested), each with the solutions built from the
# idea and the role marks of the repliers (one query for the page); a returning reader with unread replies 14 or
# 16 (the session's user, the unread notifications in the header, the read position, the first unread reply, the
# support, the liked posts, marking read, and what the idea page adds besides). One to spare.
MOST_STATEMENTS = 17


def more_ideas(category, author, count: int) -> None:
    """`count` published ideas inserted in bulk, so the table is big without a slow set-up."""
    subjects = db.session.execute(insert(Subject).returning(Subject.id), [{"kind": "idea"}] * count).scalars().all()
    now = utcnow()
    db.session.execute(insert(Idea), [
        {"subject_id": subject_id, "author_id": author.id, "category_id": category.id, "title": f"Idea {n}",
         "body_md": "Text", "body_html": "<p>Text</p>", "cooked_version": PIPELINE_VERSION, "language": "de",
         "status": Status.NEW.value, "support_count": 0, "created_at": now, "updated_at": now, "published_at": now}
        for n, subject_id in enumerate(subjects)])
    db.session.commit()


def scene() -> int:
    """An answered idea with supporters, 5 replies and 10 ideas besides; its id."""
    category = make_idea_category("administration", threshold=2)
    author = make_user("alice")
    idea = make_idea(author, category)
    add_supporters(idea, 3)
    change_status(make_user("clara", roles=(Role.CITY_STAFF,)), idea, Status.ACCEPTED, "Yes, we do it.")
    add_replies(idea.discussion, 5, [make_user(f"writer{n}") for n in range(3)])
    more_ideas(category, author, 10)
    make_user("reader")
    return idea.id


def grow(idea_id: int) -> None:
    """990 more ideas and 495 more replies: 1,000 ideas and 500 replies in all."""
    idea = db.session.get(Idea, idea_id)
    add_replies(idea.discussion, 495, [make_user(f"later{n}") for n in range(3)])
    more_ideas(idea.category, idea.author, 990)


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
@pytest.mark.parametrize("view", ["nested", "flat"])
def test_an_idea_page_costs_the_same_few_statements_however_big_the_data(app, client, auth, count_queries,
                                                                         signed_in, view):
    with app.app_context():
        idea_id = scene()
    if signed_in:
        auth.login("reader")
    client.get(f"/ideas/{idea_id}")  # a returning reader: the read position exists, and new replies follow
    with app.app_context():
        make_reply(db.session.get(Idea, idea_id).discussion, body="One more since the last visit.")
    counts = []
    for step in ("small", "big"):
        if step == "big":
            with app.app_context():
                grow(idea_id)
        with count_queries() as counter:
            response = client.get(f"/ideas/{idea_id}?view={view}&page=1")
        assert response.status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1], counts
    assert counts[1] <= MOST_STATEMENTS, counts
