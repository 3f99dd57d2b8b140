"""Hidden means hidden in notifications: nothing is published about hidden content, the inbox says when a target
was removed (hidden or deleted) instead of linking to it, and e-mails and digests not yet sent leave such notifications out."""
from __future__ import annotations

import pytest
from factories import make_category, make_idea, make_idea_category, make_reply, make_thread, make_user
from helpers import page_text, soup
from sqlalchemy import func, select

from app.extensions import db
from app.moderation import hiding
from app.moderation.models import Reason
from app.notifications import delivery, digests
from app.notifications.email_settings import save_deliveries
from app.notifications.models import EmailOutbox, Notification
from app.notifications.services import follow
from app.users.models import Role
from forums import services
from ideas.models import Status
from ideas.services import change_status

EN = {"Accept-Language": "en"}


def login(client, username: str) -> None:
    assert client.post("/login", data={"login": username, "password": "correct horse battery"}).status_code == 302


@pytest.fixture
def scene(db):
    """Alice's thread, which reader follows; bob replies twice (reader hears of it at once)."""
    alice, bob, reader = make_user("alice", locale="en"), make_user("bob", locale="en"), make_user("reader", locale="en")
    thread = make_thread(alice, make_category("talk"), title="Benches")
    follow(reader, thread)
    save_deliveries(reader, {"thread_post": "immediately"})
    rude = make_reply(thread, bob, "Rude words here.")
    kind = make_reply(thread, bob, "Kind words here.")
    return {"thread": thread.id, "rude": rude.id, "kind": kind.id}


def count_notifications() -> int:
    return db.session.execute(select(func.count()).select_from(Notification)).scalar_one()


def test_e_mails_not_yet_sent_about_hidden_or_deleted_posts_are_dropped(smtp_server, scene):
    from forums.models import Post

    hiding.hide(db.session.get(Post, scene["rude"]).subject, Reason.SPAM)
    services.delete_post(db.session.get(Post, scene["kind"]).author, db.session.get(Post, scene["kind"]))
    db.session.commit()
    report = delivery.send_due()
    assert (report.sent, report.dropped) == (0, 4)  # the follower's and the thread author's, of each reply
    assert smtp_server.envelopes == []


def test_the_inbox_says_what_was_hidden_or_deleted_instead_of_linking_to_it(client, scene):
    from forums.models import Post

    hiding.hide(db.session.get(Post, scene["rude"]).subject, Reason.SPAM)
    services.delete_post(db.session.get(Post, scene["kind"]).author, db.session.get(Post, scene["kind"]))
    db.session.commit()
    login(client, "reader")
    text = page_text(client.get("/notifications", headers=EN))
    # both replies are one entry: hidden by moderation or deleted by its author, removed alike
    assert "These posts were removed." in text
    assert "Benches" not in text.split("Notifications", 2)[-1]  # neither title nor link
    for notification in db.session.execute(select(Notification)).scalars():
        assert client.get(f"/notifications/{notification.id}").status_code == 404


def test_nobody_is_told_of_what_happens_to_hidden_content(db, scene):
    from forums.models import Thread

    thread = db.session.get(Thread, scene["thread"])
    before = count_notifications()
    hiding.hide(thread.subject, Reason.SPAM)
    db.session.commit()
    make_reply(thread, thread.author, "Hello @reader and @bob.")  # its author still may; the followers hear nothing
    assert count_notifications() == before


def test_a_digest_leaves_hidden_content_out(smtp_server, db):
    alice, bob, reader = make_user("alice", locale="en"), make_user("bob", locale="en"), make_user("reader", locale="en")
    thread = make_thread(alice, make_category("talk"), title="Benches")
    follow(reader, thread)
    save_deliveries(reader, {"thread_post": "daily"})
    first, second = make_reply(thread, bob, "Rude words here."), make_reply(thread, bob, "More rude words.")
    hiding.hide(first.subject, Reason.SPAM)
    db.session.commit()
    report = digests.send_digests("daily")
    assert report.sending.sent == 1
    message, = smtp_server.to("reader@example.org")
    assert "1 new" in message.get_body(("plain",)).get_content() or "1 thing" in message.get_body(("plain",)).get_content()
    make_reply(thread, bob, "Third.")
    hiding.hide(thread.subject, Reason.SPAM)
    db.session.commit()
    assert second.subject_id  # the second went out; the third waits in a digest that is dropped at send time
    report = digests.send_digests("daily")
    assert (report.sending.sent, report.sending.dropped) == (0, 1)


def test_a_notification_about_an_idea_moderation_hid_says_the_idea_was_removed(client, db):
    fan, staff = make_user("fan", locale="de"), make_user("staff", roles=(Role.CITY_STAFF,))
    idea = make_idea(make_user("author"), make_idea_category(), title="Secret plan")
    follow(fan, idea)
    change_status(staff, idea, Status.UNDER_REVIEW, "Looking.")
    hiding.hide(idea.subject, Reason.SPAM)
    db.session.commit()
    login(client, "fan")
    item, = soup(client.get("/notifications")).select("ol.notification-list > li")
    assert item.find("a") is None and "Diese Idee wurde entfernt." in item.get_text(" ", strip=True)
    assert "Secret plan" not in item.get_text()
    notification, = db.session.execute(select(Notification).where(Notification.user_id == fan.id)).scalars()
    assert client.get(f"/notifications/{notification.id}").status_code == 404
