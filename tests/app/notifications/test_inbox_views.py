"""/notifications: newest first, unread in words, open one at its exact place, mark one or all read; the header."""
from __future__ import annotations

import pytest
from factories import make_category, make_idea, make_reply, make_thread, make_user
from helpers import page_text, soup
from sqlalchemy import select, update

from app.extensions import db
from app.models import utcnow
from app.notifications.inbox import PER_PAGE
from app.notifications.models import Notification
from app.notifications.services import follow

ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def scene(db):
    """alice opened a thread; bob replied twice (once mentioning carla)."""
    alice, bob, carla = make_user("alice", locale="en"), make_user("bob", locale="en"), make_user("carla", locale="en")
    thread = make_thread(alice, make_category("mobility"), title="Benches on the market square")
    first = make_reply(thread, bob, "More benches, please.")
    second = make_reply(thread, bob, "And shade, @carla?")
    return {"thread": thread.id, "slug": thread.slug, "first": first.id, "second": second.id}


def ids_of(name: str) -> list[int]:
    db.session.expire_all()
    from app.users.models import User

    user = db.session.execute(select(User).where(User.username == name)).scalar_one()
    return list(db.session.execute(select(Notification.id).where(Notification.user_id == user.id)
                                   .order_by(Notification.id)).scalars())


def test_the_page_lists_newest_first_with_unread_said_in_words(client, auth, scene):
    auth.login("carla")
    page = soup(client.get("/notifications", headers=ENGLISH))
    items = page.select("ol.notification-list > li")
    assert [li.find("a").get_text(" ", strip=True) for li in items] == [
        "Bob mentioned you in “Benches on the market square”."]
    assert all("Unread" in li.get_text(" ", strip=True) for li in items)
    newest = ids_of("carla")[-1]
    assert items[0].find("a")["href"] == f"/notifications/{newest}"


def test_the_header_counts_unread_entries_with_a_text_for_screen_readers(client, auth, scene):
    auth.login("alice")
    link = soup(client.get("/forums", headers=ENGLISH)).find("a", class_="notifications-link")
    assert link["href"] == "/notifications"
    assert link.get_text(" ", strip=True) == "Notifications 1 (1 unread)"  # two replies in one thread: one entry
    assert link.find(class_="count-badge")["aria-hidden"] == "true"
    auth.logout()
    assert soup(client.get("/forums")).find("a", class_="notifications-link") is None


def test_opening_one_marks_it_read_and_lands_on_the_post(client, auth, scene):
    auth.login("alice")
    first = ids_of("alice")[0]
    response = client.get(f"/notifications/{first}")  # the older of the two: an entry up to it
    assert response.status_code == 302
    assert response.location == f"/t/{scene['thread']}/p/{scene['first']}"
    db.session.expire_all()
    assert db.session.get(Notification, first).read_at is not None
    link = soup(client.get("/forums", headers=ENGLISH)).find("a", class_="notifications-link")
    assert link.get_text(" ", strip=True) == "Notifications 1 (1 unread)"  # the later reply is news still


def test_someone_elses_notification_is_missing(client, auth, scene):
    auth.login("bob")
    theirs = ids_of("alice")[0]
    assert client.get(f"/notifications/{theirs}").status_code == 404
    assert client.post(f"/notifications/{theirs}/read").status_code == 404
    db.session.expire_all()
    assert db.session.get(Notification, theirs).read_at is None


def test_mark_one_and_mark_all_read(client, auth, scene):
    auth.login("alice")
    first, second = ids_of("alice")
    response = client.post(f"/notifications/{first}/read", data={"next": "/notifications"})
    assert response.status_code == 302 and response.location == "/notifications"
    db.session.expire_all()
    assert db.session.get(Notification, first).read_at is not None
    assert db.session.get(Notification, second).read_at is None
    assert "The notification is marked as read." in page_text(client.get("/notifications", headers=ENGLISH))
    client.post("/notifications/read-all")
    db.session.expire_all()
    assert db.session.get(Notification, second).read_at is not None
    page = soup(client.get("/notifications", headers=ENGLISH))
    assert "Unread" not in page.find("ol", class_="notification-list").get_text()
    assert page.find("a", class_="notifications-link").find(class_="count-badge") is None


def test_anonymous_visitors_are_sent_to_log_in(client, scene):
    response = client.get("/notifications")
    assert response.status_code == 302 and response.location.startswith("/login")
    assert client.post("/notifications/read-all").status_code == 302


def test_the_inbox_shows_notifications_in_pages_of_twenty(client, auth, db):
    owner, other = make_user("owner", locale="en"), make_user("other")
    category = make_category()
    for number in range(PER_PAGE + 3):
        make_reply(make_thread(owner, category, title=f"Many {number}"), other, "Hi.")
    auth.login("owner")
    assert len(soup(client.get("/notifications")).select("ol.notification-list > li")) == PER_PAGE
    assert len(soup(client.get("/notifications?page=2")).select("ol.notification-list > li")) == 3
    assert client.get("/notifications?page=3").status_code == 404
    assert client.get("/notifications?page=0").status_code == 404


def test_a_notification_about_what_became_hidden_is_not_shown(client, auth, db):
    """Should an idea go back to draft (as moderation may one day hide things), nothing of it shows."""
    author, staff = make_user("author", locale="en"), make_user("fan", locale="en")
    idea = make_idea(author, title="Secret plan")
    follow(staff, idea)
    from app.notifications.publishing import publish

    publish([("status_changed", [staff.id])], event="test:1", about=idea, data="accepted:0")
    db.session.execute(update(type(idea)).where(type(idea).id == idea.id).values(status="draft"))
    db.session.commit()
    auth.login("fan")
    text = page_text(client.get("/notifications", headers=ENGLISH))
    assert "Secret plan" not in text
    only = ids_of("fan")[0]
    assert client.get(f"/notifications/{only}").status_code == 404


def test_the_empty_page_says_how_to_get_notifications(client, auth, db):
    make_user("alice", locale="en")
    auth.login("alice")
    assert "You have no notifications yet." in page_text(client.get("/notifications", headers=ENGLISH))


def test_read_state_survives_a_second_mark(client, auth, scene):
    auth.login("alice")
    first = ids_of("alice")[0]
    client.post(f"/notifications/{first}/read")
    stamp = db.session.get(Notification, first).read_at
    client.post(f"/notifications/{first}/read")
    db.session.expire_all()
    assert db.session.get(Notification, first).read_at == stamp and stamp <= utcnow()
