"""The ideas' search sources: published ideas with their official answer, never drafts or ideas withdrawn before
publication; hidden ideas and their discussions; idea categories; a fixed number of statements."""
from __future__ import annotations

import pytest
from factories import make_idea, make_idea_category, make_reply, make_user
from flask_babel import force_locale
from search_helpers import ANONYMOUS, document, documents, shown, statements
from sqlalchemy import select

from app.extensions import db
from app.moderation import hiding
from app.moderation.models import Reason
from app.search import sources
from app.urls import path_for
from app.users.models import Role, User
from ideas import services
from ideas.models import Idea, Status


@pytest.fixture
def scene(db):
    """alice's published idea in "mobility" (English), a draft of hers; clara is city staff, mia moderates."""
    alice, bob = make_user("alice", locale="en"), make_user("bob", locale="en")
    make_user("clara", roles=(Role.CITY_STAFF,), locale="en")
    make_user("mia", roles=(Role.MODERATOR,), locale="en")
    category = make_idea_category("mobility", name="Mobility")
    idea = make_idea(alice, category, title="Night buses on weekends", body="Run **buses** after midnight.")
    draft = make_idea(alice, category, title="Secret draft plan", publish=False)
    return {"alice": alice, "bob": bob, "idea": idea.id, "draft": draft.id, "category": category,
            "clara": user("clara"), "mia": user("mia")}


def user(username: str) -> User:
    return db.session.execute(select(User).where(User.username == username)).scalar_one()


def test_a_published_idea_is_its_title_description_status_category_and_language(scene):
    found = document("idea", scene["idea"])
    idea = db.session.get(Idea, scene["idea"])
    assert (found.title, found.body) == ("Night buses on weekends", "Run buses after midnight.")
    assert (found.language, found.status, found.category) == ("en", "new", "idea:mobility")
    assert found.author_id == scene["alice"].id and found.created_at == idea.published_at
    assert not found.hidden


def test_the_official_answer_is_searched_with_the_idea(scene):
    services.change_status(scene["clara"], db.session.get(Idea, scene["idea"]), Status.ACCEPTED,
                           "We start a **pilot** on line 7.")
    found = document("idea", scene["idea"])
    assert found.body == "Run buses after midnight. We start a pilot on line 7."
    assert found.status == "accepted"


def test_drafts_and_ideas_withdrawn_before_publication_have_no_document(scene):
    found, removed = documents(("idea", scene["draft"]))
    assert found == {} and removed == {("idea", scene["draft"])}
    draft = db.session.get(Idea, scene["draft"])
    draft.status = Status.WITHDRAWN.value  # withdrawn without ever being published
    db.session.commit()
    assert document("idea", scene["draft"]) is None
    assert scene["draft"] not in set(db.session.scalars(sources.get("idea").all_ids()))
    for viewer in (ANONYMOUS, scene["alice"], scene["mia"]):
        assert shown("idea", scene["draft"], viewer) is None


def test_a_published_idea_withdrawn_by_its_author_stays_findable(scene):
    services.withdraw_idea(scene["alice"], db.session.get(Idea, scene["idea"]), "Someone else does it.")
    assert document("idea", scene["idea"]).status == "withdrawn"
    assert shown("idea", scene["idea"], ANONYMOUS) is not None


def test_a_hidden_idea_and_its_discussion_are_found_by_its_author_and_moderators_only(scene):
    idea = db.session.get(Idea, scene["idea"])
    reply = make_reply(idea.discussion, scene["bob"], "Yes, buses until 3 am.")
    hiding.hide(idea.subject, Reason.SPAM)  # takes the discussion along
    db.session.commit()
    found, _ = documents(("@subject", idea.subject_id), ("@subject", idea.discussion.subject_id))
    assert found[("idea", scene["idea"])].hidden
    assert found[("idea", scene["idea"])].visible_to == frozenset({scene["alice"].id})
    assert found[("post", reply.id)].hidden  # the reply came along with its thread
    assert found[("post", reply.id)].visible_to == frozenset({scene["alice"].id})
    for viewer in (ANONYMOUS, scene["bob"], scene["clara"]):
        assert shown("idea", scene["idea"], viewer) is None
        assert shown("post", reply.id, viewer) is None
    assert shown("idea", scene["idea"], scene["alice"]).hidden
    assert shown("idea", scene["idea"], scene["mia"]).hidden
    hiding.show(db.session.get(Idea, scene["idea"]).subject)
    db.session.commit()
    idea = db.session.get(Idea, scene["idea"])
    found, _ = documents(("@subject", idea.subject_id), ("@subject", idea.discussion.subject_id))
    assert not found[("idea", scene["idea"])].hidden and not found[("post", reply.id)].hidden
    assert shown("idea", scene["idea"], ANONYMOUS).hidden is False
    assert shown("post", reply.id, scene["bob"]) is not None


def test_replies_in_an_ideas_discussion_file_under_its_category(scene):
    idea = db.session.get(Idea, scene["idea"])
    reply = make_reply(idea.discussion, scene["bob"], "Good for night shifts.")
    found, removed = documents(("thread", idea.discussion.id))
    assert ("thread", idea.discussion.id) in removed  # the idea is the document, not its discussion
    assert found[("post", reply.id)].category == "idea:mobility"
    assert found[("post", reply.id)].title == "Night buses on weekends"


def test_shown_ideas_carry_supports_status_and_category(scene):
    with force_locale("en"):
        found = shown("idea", scene["idea"], ANONYMOUS)
    assert found.title == "Night buses on weekends"
    assert found.url == path_for("ideas.show", idea_id=scene["idea"])
    assert found.facts[:3] == ("0 supports", "New", "Mobility")
    with force_locale("de"):
        assert shown("idea", scene["idea"], ANONYMOUS).facts[:2] == ("0 Unterstützungen", "Neu")


def test_an_idea_category_is_found_by_its_names_and_descriptions_in_every_language(scene):
    category = scene["category"]
    category.names = {"de": "Verkehr", "en": "Mobility"}
    category.descriptions = {"de": "Busse und Bahnen", "en": "Buses and trains"}
    db.session.commit()
    found = document("idea_category", category.id)
    assert found.title == "Verkehr · Mobility" and found.body == "Busse und Bahnen · Buses and trains"
    assert found.category == "idea:mobility"
    with force_locale("en"):
        result = shown("idea_category", category.id, ANONYMOUS)
    assert result.title == "Mobility" and result.url == path_for("ideas.index", category="mobility")
    assert result.facts == ("Idea category", "1 idea")


def test_load_and_show_send_a_fixed_number_of_statements(scene, count_queries):
    category = scene["category"]
    many = [scene["idea"]] + [make_idea(make_user(), category, title=f"Idea {n}").id for n in range(6)]
    services.change_status(scene["clara"], db.session.get(Idea, many[1]), Status.ACCEPTED, "Yes.")
    other = make_idea_category("culture")
    for kind, few, more in (("idea", many[:1], many), ("idea_category", [category.id], [category.id, other.id])):
        source = sources.get(kind)
        assert statements(count_queries, lambda: source.load(few)) == \
            statements(count_queries, lambda: source.load(more))
        for viewer in (ANONYMOUS, scene["alice"], scene["mia"]):
            assert statements(count_queries, lambda: source.show(few, viewer)) == \
                statements(count_queries, lambda: source.show(more, viewer))
