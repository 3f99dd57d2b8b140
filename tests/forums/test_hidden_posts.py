"""Hidden means hidden in the forums: a hidden reply is a placeholder for others and keeps its replies readable, a
hidden opening post takes its thread out of lists, counters and feeds (404 for others); the moderation hooks."""
from __future__ import annotations

import pytest
from factories import make_category, make_reply, make_thread, make_user
from helpers import page_text, soup
from sqlalchemy import select

from app.extensions import db
from app.models import Subject
from app.moderation import decisions, hiding
from app.moderation.models import Action, Reason, Source
from app.moderation.signals import hidden_content_edited
from app.users.models import Role, User
from forums import services
from forums.models import ForumCategory, Post, PostRevision, Thread
from forums.moderation import HOOKS

EN = {"Accept-Language": "en"}


def login(client, username: str) -> None:
    assert client.post("/login", data={"login": username, "password": "correct horse battery"}).status_code == 302


@pytest.fixture
def scene(db):
    """A thread by alice in "talk"; bob's rude reply, and carl's reply to it. Mia moderates."""
    alice, bob, carl = (make_user(name, locale="en") for name in ("alice", "bob", "carl"))
    make_user("mia", roles=(Role.MODERATOR,), locale="en")
    thread = make_thread(alice, make_category("talk"), title="Benches in the park", body="Where do we need them?")
    rude = make_reply(thread, bob, "You are all idiots.")
    answer = make_reply(thread, carl, "Please stay friendly.", to=rude)
    return {"thread": thread.id, "rude": rude.id, "answer": answer.id}


def user_named(username: str) -> User:
    return db.session.execute(select(User).where(User.username == username)).scalar_one()


def hide(model, ident, reason=Reason.SPAM) -> Subject:
    obj = db.session.get(model, ident)
    hiding.hide(obj.subject, reason)
    db.session.commit()
    return obj.subject


def test_a_hidden_reply_is_a_placeholder_for_others_and_its_replies_stay_readable(client, scene):
    hide(Post, scene["rude"], Reason.INSULTING)
    for who in (None, "carl"):
        if who:
            login(client, who)
        for view in ("nested", "flat"):
            response = client.get(f"/t/{scene['thread']}?view={view}&page=1", headers=EN)
            text = page_text(response)
            assert response.status_code == 200
            assert "You are all idiots." not in text
            assert "Hidden by moderation: Insulting or harassing" in text
            assert "Please stay friendly." in text
    assert client.post(f"/posts/{scene['rude']}/like").status_code == 404  # carl may not like it
    assert client.get(f"/t/{scene['thread']}/reply?to={scene['rude']}").status_code == 404


@pytest.mark.parametrize("who", ["bob", "mia"])
def test_its_author_and_the_moderators_see_a_hidden_reply_marked(client, scene, who):
    subject = hide(Post, scene["rude"])
    decision = decisions.record(make_user("lea", roles=(Role.MODERATOR,)), Action.HIDE, source=Source.REPORT,
                                subject=subject, reason=Reason.SPAM, facts="Insults.", rule_number=1)
    db.session.commit()
    login(client, who)
    response = client.get(f"/t/{scene['thread']}?page=1", headers=EN)
    post = soup(response).find("article", id=f"post-{scene['rude']}")
    assert "You are all idiots." in post.get_text()
    assert "Hidden by moderation: Spam." in post.get_text()
    expected = "Only you and the moderators see this." if who == "bob" else "Only its author and the moderators"
    assert expected in " ".join(post.get_text().split())
    assert post.find("a", href=f"/moderation/decisions/{decision.id}") is not None


def test_a_hidden_opening_post_hides_its_thread_from_lists_counters_and_feeds(client, scene):
    category = db.session.execute(select(ForumCategory)).scalar_one()
    before = (category.thread_count, category.post_count)
    opening = db.session.execute(select(Post).where(Post.thread_id == scene["thread"], Post.number == 1)).scalar_one()
    hide(Post, opening.id)
    thread = db.session.get(Thread, scene["thread"])
    assert thread.subject.is_hidden
    db.session.refresh(category)
    assert (category.thread_count, category.post_count) == (before[0] - 1, before[1] - 3)
    assert "Benches in the park" not in page_text(client.get("/forums/talk"))
    assert "Benches in the park" not in page_text(client.get("/forums"))
    assert client.get(f"/t/{scene['thread']}").status_code == 404
    assert client.get(f"/t/{scene['thread']}/feed.atom").status_code == 404
    assert client.get(f"/t/{scene['thread']}/p/{scene['answer']}").status_code == 404
    login(client, "carl")
    assert client.get(f"/t/{scene['thread']}?page=1").status_code == 404
    assert client.post(f"/t/{scene['thread']}/reply", data={"body": "Still here?"}).status_code == 404
    assert db.session.execute(select(Post).where(Post.body_md == "Still here?")).first() is None

    hiding.show(opening.subject)
    db.session.commit()
    db.session.refresh(category)
    assert (category.thread_count, category.post_count) == before
    assert "Benches in the park" in page_text(client.get("/forums/talk"))


@pytest.mark.parametrize("who", ["alice", "mia"])
def test_the_author_and_moderators_open_a_hidden_thread_with_its_banner(client, scene, who):
    opening = db.session.execute(select(Post).where(Post.thread_id == scene["thread"], Post.number == 1)).scalar_one()
    hide(Post, opening.id)
    login(client, who)
    response = client.get(f"/t/{scene['thread']}?page=1", headers=EN)
    assert response.status_code == 200
    assert "Hidden by moderation: Spam." in page_text(response)


def test_the_thread_feed_leaves_hidden_posts_out(client, scene):
    hide(Post, scene["rude"])
    feed = client.get(f"/t/{scene['thread']}/feed.atom").get_data(as_text=True)
    assert "idiots" not in feed and "Please stay friendly." in feed


def test_the_author_editing_a_hidden_post_sends_it_back_to_review(db, scene):
    subject = hide(Post, scene["rude"])
    received = []

    def receiver(sender, **kwargs):
        received.append((sender.id, kwargs["editor"].username))

    hidden_content_edited.connect(receiver)
    try:
        post = db.session.get(Post, scene["rude"])
        services.edit_post(post.author, post, "Sorry, I was angry.")
        services.edit_post(user_named("mia"), post, "Sorry.")  # a moderator's edit sends nothing
    finally:
        hidden_content_edited.disconnect(receiver)
    assert received == [(subject.id, "bob")]


def test_the_hooks_redact_as_a_moderator_edit_and_delete_softly(db, scene):
    moderator = user_named("mia")
    post = db.session.get(Post, scene["rude"])
    assert HOOKS.author_id(post) == post.author_id
    assert HOOKS.content(post) == {"body": "You are all idiots."}
    assert HOOKS.category(post) == "forum:talk"
    assert HOOKS.hidden_with(post) == []
    HOOKS.redact(post, moderator, {"body": "[removed]"})
    db.session.commit()
    revision = db.session.execute(select(PostRevision).where(PostRevision.post_id == post.id)).scalar_one()
    assert (post.body_md, revision.body_md, revision.editor_id) == ("[removed]", "You are all idiots.", moderator.id)
    HOOKS.delete(post, moderator)
    db.session.commit()
    assert post.is_deleted and post.deleted_by_id == moderator.id
    opening = db.session.execute(select(Post).where(Post.thread_id == scene["thread"], Post.number == 1)).scalar_one()
    assert HOOKS.hidden_with(opening) == [opening.thread.subject]
    assert HOOKS.content(opening)["title"] == "Benches in the park"


def test_a_thread_page_with_hidden_replies_costs_the_same_statements(client, scene, count_queries):
    thread = db.session.get(Thread, scene["thread"])
    login(client, "mia")

    def measure() -> int:
        client.get(f"/t/{thread.id}?page=1")
        with count_queries() as counter:
            assert client.get(f"/t/{thread.id}?page=1").status_code == 200
        return counter.count

    hide(Post, scene["rude"])
    few = measure()
    for n in range(6):
        reply = make_reply(db.session.get(Thread, scene["thread"]), make_user(), f"Spam {n}")
        hide(Post, reply.id)
    assert measure() == few


def test_a_hidden_reply_leaves_the_counters_like_a_deleted_one_and_comes_back(db):
    author, other = make_user("ann"), make_user("ben")
    moderator = make_user("mia", roles=(Role.MODERATOR,))
    thread = make_thread(author, make_category("verkehr"))
    first = make_reply(thread, other, "A fair point.")
    second = make_reply(thread, other, "You are all idiots.")
    db.session.commit()

    def counters() -> tuple[int, int]:
        db.session.expire_all()
        return thread.reply_count, thread.category.post_count

    assert counters() == (2, 3)
    hiding.hide(second.subject, Reason.INSULTING)
    db.session.commit()
    assert counters() == (1, 2)
    hiding.show(second.subject)
    db.session.commit()
    assert counters() == (2, 3)

    hiding.hide(second.subject, Reason.INSULTING)
    services.delete_post(moderator, second)  # deleting a hidden reply does not count it out twice
    db.session.commit()
    assert counters() == (1, 2)
    hiding.show(second.subject)  # nor does showing a deleted one count it back in
    db.session.commit()
    assert counters() == (1, 2)
    services.delete_post(moderator, first)
    db.session.commit()
    assert counters() == (0, 1)
