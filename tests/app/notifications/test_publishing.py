"""Publishing notifications: who is told of what, once, never of their own action, never of what they cannot see."""
from __future__ import annotations

import pytest
from factories import make_category, make_idea, make_idea_category, make_reply, make_thread, make_user
from sqlalchemy import select

from app.extensions import db
from app.notifications import kinds
from app.notifications.models import EmailOutbox, Notification, NotificationSetting
from app.notifications.publishing import publish
from app.notifications.services import follow
from app.users.models import Role
from ideas.models import Status
from ideas.services import change_status, support


def notes(user) -> list[tuple[str, str]]:
    db.session.expire_all()
    return [(n.kind, n.event) for n in db.session.execute(
        select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)).scalars()]


@pytest.fixture
def forum(db):
    alice, bob, carla = make_user("alice", locale="en"), make_user("bob"), make_user("carla")
    thread = make_thread(alice, make_category("mobility"), title="Benches on the market square")
    return alice, bob, carla, thread


def test_a_reply_to_a_thread_tells_its_author_once_even_as_a_follower(forum):
    alice, bob, _carla, thread = forum
    post = make_reply(thread, bob, "Good idea!")
    assert notes(alice) == [("reply", f"post:{post.id}")]  # alice follows her thread too: still one
    assert notes(bob) == []  # not of his own reply


def test_a_reply_to_a_post_tells_that_posts_author_and_the_followers(forum):
    alice, bob, carla, thread = forum
    first = make_reply(thread, bob, "First.")
    answer = make_reply(thread, carla, "An answer to bob.", to=first)
    assert notes(bob)[-1] == ("reply", f"post:{answer.id}")
    assert notes(alice)[-1] == ("thread_post", f"post:{answer.id}")
    assert notes(carla) == []  # she follows nothing here: her own reply is no news to her


def test_a_mention_counts_once_with_its_reply(forum):
    alice, bob, carla, thread = forum
    post = make_reply(thread, bob, "@carla and @alice, look.")
    assert notes(carla) == [("mention", f"post:{post.id}")]
    assert notes(alice) == [("reply", f"post:{post.id}")]  # the reply wins over the mention


def test_nobody_is_notified_of_their_own_mention(forum):
    _alice, bob, _carla, thread = forum
    make_reply(thread, bob, "Note to self, @bob.")
    assert notes(bob) == []


def test_an_edit_that_adds_a_mention_tells_only_the_newly_mentioned(forum):
    from forums.services import edit_post

    alice, bob, carla, thread = forum
    post = make_reply(thread, bob, "Hello.")
    edit_post(bob, post, "Hello @carla.")
    edit_post(bob, post, "Hello @carla!")
    assert notes(carla) == [("mention", f"post:{post.id}")]
    assert notes(alice) == [("reply", f"post:{post.id}")]


def test_status_changes_and_answers_reach_followers_not_the_staff_member(db):
    author, staff, fan = make_user("author"), make_user("staff", roles=(Role.CITY_STAFF,)), make_user("fan")
    idea = make_idea(author, make_idea_category(threshold=1))
    follow(fan, idea)
    follow(staff, idea)
    change = change_status(staff, idea, Status.UNDER_REVIEW, "We look at it.")
    answer = change_status(staff, idea, Status.ACCEPTED, "We do it.", official=True)
    assert notes(fan) == [("status_changed", f"idea-change:{change.id}"), ("answered", f"idea-change:{answer.id}")]
    assert [kind for kind, _ in notes(author)] == ["status_changed", "answered"]
    assert notes(staff) == []


def test_the_threshold_is_told_once_to_every_follower(db):
    author, first, second = make_user("author"), make_user("first"), make_user("second")
    idea = make_idea(author, make_idea_category(threshold=2))
    support(first, idea)
    support(second, idea)
    assert ("threshold", f"idea-threshold:{idea.id}") in notes(author)
    assert ("threshold", f"idea-threshold:{idea.id}") in notes(first)
    assert ("threshold", f"idea-threshold:{idea.id}") in notes(second)


def test_a_draft_never_notifies(db):
    author, fan = make_user("author"), make_user("fan")
    draft = make_idea(author, publish=False)
    publish([("status_changed", [fan.id])], event="test:draft", about=draft)
    assert notes(fan) == []


def test_inactive_users_are_left_out(forum):
    alice, bob, _carla, thread = forum
    alice.is_active_account = False
    db.session.commit()
    make_reply(thread, bob, "Anyone?")
    assert notes(alice) == []


def test_immediate_kinds_queue_one_email_each_and_digest_kinds_none(forum):
    alice, bob, carla, thread = forum
    db.session.add(NotificationSetting(user_id=carla.id, kind="thread_post", delivery="immediately"))
    db.session.commit()
    follow(carla, thread)
    post = make_reply(thread, bob, "Hello.")
    rows = db.session.execute(select(Notification).where(Notification.event == f"post:{post.id}")).scalars().all()
    assert {(n.user_id, n.delivery) for n in rows} == {(alice.id, "immediately"), (carla.id, "immediately")}
    assert all(n.email_id is not None for n in rows)
    assert {o.user_id for o in db.session.execute(select(EmailOutbox)).scalars()} == {alice.id, carla.id}


def test_an_unknown_kind_is_a_programming_error(forum):
    alice, *_ = forum
    with pytest.raises(kinds.UnknownNoticeKind):
        publish([("no-such-kind", [alice.id])], event="x", about=forum[3])
