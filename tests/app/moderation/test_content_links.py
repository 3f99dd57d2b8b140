"""The "Report" and "Report illegal content" links under ideas and forum posts, once their kinds have moderation
hooks (the features register them; here the test adds stand-in hooks), and none while they have none."""
from __future__ import annotations

import pytest
from helpers import soup
from moderation_members import member

from app import subjects
from app.subjects import Moderation
from app.moderation.links import moderation_links
from factories import PASSWORD, make_idea, make_idea_category, make_reply, make_thread

KINDS = ("idea", "post")


def author_of(obj):
    return getattr(obj, "author_id", None)


@pytest.fixture
def hooked(app):
    """Stand-in moderation hooks on ideas and posts for one test."""
    saved = {kind: subjects.get(kind) for kind in KINDS}
    for kind, entry in saved.items():
        subjects.register(kind, entry.model, title=entry.title, url=entry.url, visible=entry.visible,
                          moderation=Moderation(author_id=author_of, content=lambda obj: {},
                                                redact=lambda obj, actor, fields: None),
                          **{capability: True for capability in entry.capabilities})
    yield
    for kind, entry in saved.items():
        subjects.register(kind, entry.model, title=entry.title, url=entry.url, visible=entry.visible,
                          moderation=entry.moderation, **{capability: True for capability in entry.capabilities})


def links(response) -> list[str]:
    return [a["href"] for a in soup(response).select(".content-actions a, .post-actions a[rel=nofollow]")]


def test_every_post_of_a_thread_gets_its_links(client, db, hooked):
    ann, ben = member("ann"), member("ben")
    thread = make_thread(ann)
    reply = make_reply(thread, ben, "A reply.")
    db.session.commit()
    client.post("/login", data={"login": "ben", "password": PASSWORD})
    found = links(client.get(f"/t/{thread.id}"))
    reports = [href for href in found if href.startswith("/report/")]
    notices = [href for href in found if href.startswith("/notice")]
    assert len(notices) == 2 and f"/notice?subject={reply.subject_id}" in notices
    assert len(reports) == 1 and f"/report/{reply.subject_id}" not in reports  # not his own reply
    assert reports[0].removeprefix("/report/") in notices[0] + notices[1]  # Ann's opening post


def test_the_idea_page_links_both_forms_for_a_member(client, db, hooked):
    idea = make_idea(member("ann"))
    member("ben")
    db.session.commit()
    client.post("/login", data={"login": "ben", "password": PASSWORD})
    assert links(client.get(f"/ideas/{idea.id}")) == [f"/report/{idea.subject_id}",
                                                      f"/notice?subject={idea.subject_id}"]


def test_kinds_without_hooks_show_no_links(app, db):
    category = make_idea_category("verkehr")
    with app.test_request_context("/"):
        assert moderation_links(category.subject, None) is None  # categories are not reportable
        assert moderation_links(category.subject_id, None, "no-such-kind") is None


