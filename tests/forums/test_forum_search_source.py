"""The forums' search sources: threads (title and opening post), replies (under the thread's title), forum
categories; deleted and hidden posts; who still finds a hidden one; a fixed number of statements."""
from __future__ import annotations

import pytest
from flask_babel import force_locale
from factories import add_replies, make_category, make_discussion, make_reply, make_thread, make_user
from search_helpers import ANONYMOUS, document, documents, shown, statements

from app.extensions import db
from app.moderation import hiding
from app.moderation.models import Reason
from app.search import sources
from app.urls import path_for
from app.users.models import Role, User
from forums import services
from forums.models import Post, Thread


@pytest.fixture
def scene(db):
    """alice's thread in "mobility", bob's reply to it and carl's; mia moderates."""
    alice, bob, carl = (make_user(name, locale="en") for name in ("alice", "bob", "carl"))
    make_user("mia", roles=(Role.MODERATOR,), locale="en")
    category = make_category("mobility", name="Mobility")
    thread = make_thread(alice, category, title="Bike lanes downtown", body="We need **safer** lanes & crossings.")
    reply_bob = make_reply(thread, bob, "Protected lanes work in Utrecht.")
    reply_carl = make_reply(thread, carl, "Agreed, and more racks.")
    opening = db.session.execute(db.select(Post).where(Post.thread_id == thread.id, Post.depth == 0)).scalar_one()
    mia = db.session.execute(db.select(User).where(User.username == "mia")).scalar_one()
    return {"alice": alice, "bob": bob, "carl": carl, "mia": mia, "thread": thread.id, "bob_reply": reply_bob.id, "carl_reply": reply_carl.id, "opening": opening.id}


def test_a_thread_is_its_title_and_opening_post_and_a_reply_carries_the_thread_title(scene):
    thread = document("thread", scene["thread"])
    assert thread.title == "Bike lanes downtown"
    assert thread.body == "We need safer lanes & crossings."
    assert (thread.category, thread.author_id, thread.hidden) == ("forum:mobility", scene["alice"].id, False)
    assert thread.language == "en"  # alice reads and writes English: her thread is in English
    reply = document("post", scene["bob_reply"])
    assert (reply.title, reply.body, reply.category) == ("Bike lanes downtown", "Protected lanes work in Utrecht.",
                                                         "forum:mobility")
    assert reply.language == "en"  # a reply is in its thread's language
    assert reply.author_id == scene["bob"].id
    assert document("post", scene["opening"]) is None  # the opening post is the thread's body


def test_a_deleted_reply_has_no_document_and_is_not_shown(scene):
    post = db.session.get(Post, scene["bob_reply"])
    services.delete_post(scene["bob"], post)
    found, removed = documents(("post", scene["bob_reply"]))
    assert found == {} and removed == {("post", scene["bob_reply"])}
    for viewer in (ANONYMOUS, scene["bob"], scene["mia"]):
        assert shown("post", scene["bob_reply"], viewer) is None


def test_a_hidden_reply_is_found_by_its_author_and_moderators_only_and_again_by_all_once_shown(scene):
    post = db.session.get(Post, scene["bob_reply"])
    hiding.hide(post.subject, Reason.SPAM)
    db.session.commit()
    hidden = document("post", scene["bob_reply"])
    assert hidden.hidden and hidden.visible_to == frozenset({scene["bob"].id})
    assert shown("post", scene["bob_reply"], ANONYMOUS) is None
    assert shown("post", scene["bob_reply"], scene["carl"]) is None
    assert shown("post", scene["bob_reply"], scene["bob"]).hidden
    assert shown("post", scene["bob_reply"], scene["mia"]).hidden
    assert not document("post", scene["carl_reply"]).hidden  # its neighbours stay as they were
    hiding.show(db.session.get(Post, scene["bob_reply"]).subject)
    db.session.commit()
    again = document("post", scene["bob_reply"])
    assert not again.hidden and again.visible_to == frozenset()
    assert shown("post", scene["bob_reply"], ANONYMOUS).hidden is False


def test_a_hidden_thread_hides_its_replies_with_it_for_all_but_the_thread_author(scene):
    opening = db.session.get(Post, scene["opening"])
    hiding.hide(opening.subject, Reason.SPAM)  # the opening post takes its thread along
    db.session.commit()
    thread_subject = db.session.get(Thread, scene["thread"]).subject_id
    found, _ = documents(("@subject", thread_subject))  # what the outbox records for the thread's Subject
    assert set(found) == {("thread", scene["thread"]), ("post", scene["bob_reply"]), ("post", scene["carl_reply"])}
    assert all(document.hidden for document in found.values())
    assert found[("thread", scene["thread"])].visible_to == frozenset({scene["alice"].id})
    assert found[("post", scene["bob_reply"])].visible_to == frozenset({scene["alice"].id})  # not bob: can_see_post
    for viewer in (ANONYMOUS, scene["bob"], scene["carl"]):
        assert shown("thread", scene["thread"], viewer) is None
        assert shown("post", scene["bob_reply"], viewer) is None
    assert shown("thread", scene["thread"], scene["alice"]).hidden
    assert shown("post", scene["carl_reply"], scene["alice"]).hidden
    assert shown("post", scene["carl_reply"], scene["mia"]).hidden
    hiding.show(db.session.get(Post, scene["opening"]).subject)
    db.session.commit()
    found, _ = documents(("@subject", thread_subject))
    assert not any(document.hidden for document in found.values())
    assert shown("post", scene["carl_reply"], ANONYMOUS) is not None


def test_a_hidden_reply_in_a_hidden_thread_is_seen_by_nobody_but_moderators_unless_one_wrote_both(scene):
    hiding.hide(db.session.get(Post, scene["bob_reply"]).subject, Reason.SPAM)
    hiding.hide(db.session.get(Post, scene["opening"]).subject, Reason.SPAM)
    own = make_reply(db.session.get(Thread, scene["thread"]), scene["alice"], "My own reply.")
    hiding.hide(own.subject, Reason.SPAM)
    db.session.commit()
    assert document("post", scene["bob_reply"]).visible_to == frozenset()
    assert shown("post", scene["bob_reply"], scene["bob"]) is None
    assert shown("post", scene["bob_reply"], scene["alice"]) is None
    assert document("post", own.id).visible_to == frozenset({scene["alice"].id})
    assert shown("post", own.id, scene["alice"]).hidden


def test_a_discussion_has_no_thread_document_and_its_replies_file_under_no_forum(db):
    thread = make_discussion(make_user(), title="About the new library")
    post = make_reply(thread, make_user(), "Open on Sundays, please.")
    found, removed = documents(("thread", thread.id), ("post", post.id))
    assert ("thread", thread.id) in removed
    assert found[("post", post.id)].category is None
    assert found[("post", post.id)].title == "About the new library"
    assert found[("post", post.id)].language == "de"  # a discussion opened without a language: the site's


def test_a_thread_in_german_and_its_replies_are_indexed_in_german_whoever_replies(scene):
    german = services.create_thread(scene["alice"], db.session.get(Thread, scene["thread"]).category,
                                    title="Radwege in der Innenstadt", body_md="Sichere Radwege", language="de")
    reply = make_reply(german, scene["bob"], "Mehr Abstellplätze.")
    assert document("thread", german.id).language == "de"
    assert document("post", reply.id).language == "de"


def test_shown_results_carry_title_link_and_translated_facts(scene, app):
    with force_locale("en"):
        thread = shown("thread", scene["thread"], ANONYMOUS)
        reply = shown("post", scene["bob_reply"], ANONYMOUS)
    assert thread.title == "Bike lanes downtown"
    assert thread.url == path_for("forums.thread", thread_id=scene["thread"], slug="bike-lanes-downtown")
    assert thread.facts[:3] == ("Forum: Mobility", "2 replies", "by Alice")
    assert reply.url == path_for("forums.permalink", thread_id=scene["thread"], post_id=scene["bob_reply"])
    assert reply.facts[:2] == ("Forum: Mobility", "Reply by Bob")
    with force_locale("de"):
        assert shown("thread", scene["thread"], ANONYMOUS).facts[:3] == ("Forum: Mobility", "2 Antworten", "von Alice")


def test_load_and_show_send_a_fixed_number_of_statements(scene, count_queries):
    thread = db.session.get(Thread, scene["thread"])
    add_replies(thread, 30, [scene["bob"], scene["carl"]])
    more = [make_thread(scene["alice"], thread.category, title=f"Thread {n}").id for n in range(5)]
    replies = list(db.session.execute(db.select(Post.id).where(Post.depth > 0)).scalars())
    for kind, few, many in (("thread", [scene["thread"]], [scene["thread"], *more]),
                            ("post", replies[:1], replies)):
        source = sources.get(kind)
        for viewer in (ANONYMOUS, scene["mia"]):
            assert statements(count_queries, lambda: source.show(few, viewer)) == \
                statements(count_queries, lambda: source.show(many, viewer))
        assert statements(count_queries, lambda: source.load(few)) == \
            statements(count_queries, lambda: source.load(many))
    related = statements(count_queries, lambda: sources.get("thread").related([scene["thread"]]))
    assert related == statements(count_queries, lambda: sources.get("thread").related([scene["thread"], *more]))
