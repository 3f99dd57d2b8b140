"""Several replies in one thread since the last visit are one inbox entry: its words (English and German), the
header count, where it leads, marking it read, a reply after the visit, removed replies, pages of entries, and
the discussion of an idea."""
from __future__ import annotations

import pytest
from factories import make_category, make_idea, make_reply, make_thread, make_user
from helpers import page_text, soup
from sqlalchemy import select

from app.extensions import db
from app.moderation import hiding
from app.moderation.models import Reason
from app.notifications.inbox import PER_PAGE, page_of, unread_count
from app.notifications.models import Notification
from app.notifications.services import follow
from app.users.models import User
from forums import services
from forums.models import Post, Thread

ENGLISH = {"Accept-Language": "en"}
WRITERS = ("anna", "ben", "carla", "dora", "emil")


@pytest.fixture
def scene(db):
    """olga (English) opened "Benches"; fred (German) follows it. Five people reply once each, in order; carla's
    reply mentions fred."""
    olga, fred = make_user("olga", locale="en"), make_user("fred", locale="de")
    thread = make_thread(olga, make_category("talk"), title="Benches")
    follow(fred, thread)
    posts = [make_reply(thread, make_user(name), "Hello @fred." if name == "carla" else f"{name} says hi.")
             for name in WRITERS]
    return {"thread": thread.id, "posts": [post.id for post in posts]}


def rows_of(name: str) -> list[Notification]:
    db.session.expire_all()
    user = db.session.execute(select(User).where(User.username == name)).scalar_one()
    return list(db.session.execute(select(Notification).where(Notification.user_id == user.id)
                                   .order_by(Notification.id)).scalars())


def entries_on(client, path: str = "/notifications", headers=None) -> list:
    return soup(client.get(path, headers=headers or ENGLISH)).select("ol.notification-list > li")


def header(client) -> str:
    return soup(client.get("/forums", headers=ENGLISH)).find("a", class_="notifications-link").get_text(" ", strip=True)


def test_five_replies_to_you_are_one_entry_naming_the_latest_two(client, auth, scene):
    auth.login("olga")
    entry, = entries_on(client)
    link = entry.find("a")
    assert link.get_text(" ", strip=True) == "5 replies to you in “Benches” by Emil, Dora, and 3 others."
    assert link["href"] == f"/notifications/{rows_of('olga')[-1].id}"
    assert "Unread" in entry.get_text(" ", strip=True)
    assert entry.find("button").get_text(" ", strip=True).endswith("5 replies to you in “Benches” by Emil, Dora, "
                                                                   "and 3 others.")
    assert header(client) == "Notifications 1 (1 unread)"  # the header counts entries, as the inbox shows them


def test_in_german_the_follower_sees_the_new_replies_as_one_and_the_mention_alone(client, auth, scene):
    auth.login("fred")
    texts = [li.find("a").get_text(" ", strip=True) for li in entries_on(client, headers={"Accept-Language": "de"})]
    assert texts == ["4 neue Antworten in „Benches“ von Emil, Dora und 2 weiteren.",
                     "Carla hat Sie in „Benches“ erwähnt."]
    assert unread_count(db.session.get(User, rows_of("fred")[0].user_id)) == 2


def test_two_writers_are_named_without_others_and_one_writer_alone(client, auth, db):
    olga, anna, ben = make_user("olga", locale="en"), make_user("anna"), make_user("ben")
    thread = make_thread(olga, make_category(), title="Benches")
    for author in (anna, ben, anna):
        make_reply(thread, author)
    other = make_thread(olga, make_category(), title="Trees")
    make_reply(other, ben)
    make_reply(other, ben)
    auth.login("olga")
    assert [li.find("a").get_text(" ", strip=True) for li in entries_on(client)] == [
        "2 replies to you in “Trees” by Ben.", "3 replies to you in “Benches” by Anna and Ben."]


def test_opening_the_entry_leads_to_the_first_reply_and_marks_all_of_it_read(client, auth, scene):
    auth.login("olga")
    newest = rows_of("olga")[-1].id
    response = client.get(f"/notifications/{newest}")
    assert response.status_code == 302
    assert response.location == f"/t/{scene['thread']}/p/{scene['posts'][0]}"  # the first unread reply
    assert all(row.read_at is not None for row in rows_of("olga"))
    assert len({row.read_at for row in rows_of("olga")}) == 1
    entry, = entries_on(client)  # read together, still one entry
    assert entry.find("a").get_text(" ", strip=True).startswith("5 replies to you in “Benches”")
    assert "Unread" not in entry.get_text(" ", strip=True) and entry.find("button") is None
    assert header(client) == "Notifications"


def test_a_reply_after_the_visit_is_a_new_entry(client, auth, scene):
    auth.login("olga")
    client.get(f"/notifications/{rows_of('olga')[-1].id}")
    late = make_reply(db.session.get(Thread, scene["thread"]), make_user("fritz"), "Late.")
    first, second = entries_on(client)
    assert first.find("a").get_text(" ", strip=True) == "Fritz replied to you in “Benches”."
    assert "Unread" in first.get_text() and "Unread" not in second.get_text()
    assert second.find("a").get_text(" ", strip=True).startswith("5 replies to you")
    assert header(client) == "Notifications 1 (1 unread)"
    assert client.get(first.find("a")["href"]).location == f"/t/{scene['thread']}/p/{late.id}"


def test_marking_the_entry_read_marks_every_reply_in_it(client, auth, scene):
    auth.login("olga")
    newest = rows_of("olga")[-1].id
    response = client.post(f"/notifications/{newest}/read", data={"next": "/notifications"})
    assert response.status_code == 302 and response.location == "/notifications"
    rows = rows_of("olga")
    assert all(row.read_at is not None for row in rows) and len({row.read_at for row in rows}) == 1
    assert rows_of("fred")[0].read_at is None  # someone else's entry about the same thread is theirs


def test_an_older_link_marks_only_what_came_before_it(client, auth, scene):
    auth.login("olga")
    third = rows_of("olga")[2].id  # a page shown before the fourth and fifth reply arrived linked here
    assert client.get(f"/notifications/{third}").location == f"/t/{scene['thread']}/p/{scene['posts'][0]}"
    assert [row.read_at is not None for row in rows_of("olga")] == [True, True, True, False, False]
    texts = [li.find("a").get_text(" ", strip=True) for li in entries_on(client)]
    assert texts == ["2 replies to you in “Benches” by Emil and Dora.",
                     "3 replies to you in “Benches” by Carla, Ben, and Anna."]


def test_the_entry_opens_at_the_first_reply_still_there(client, auth, scene):
    first, second, third, _fourth, fifth = (db.session.get(Post, post_id) for post_id in scene["posts"])
    services.delete_post(first.author, first)
    hiding.hide(second.subject, Reason.SPAM)
    services.delete_post(fifth.author, fifth)
    db.session.commit()
    auth.login("olga")
    entry, = entries_on(client)
    # all five counted; named are who wrote what is still there (not Emil), the rest counted among the others
    assert entry.find("a").get_text(" ", strip=True) == "5 replies to you in “Benches” by Dora, Carla, and 3 others."
    assert client.get(entry.find("a")["href"]).location == f"/t/{scene['thread']}/p/{third.id}"


def test_when_every_reply_was_removed_the_entry_says_so_without_a_link(client, auth, db):
    olga, anna = make_user("olga", locale="en"), make_user("anna")
    thread = make_thread(olga, make_category(), title="Benches")
    posts = [make_reply(thread, anna, "Rude."), make_reply(thread, anna, "Ruder.")]
    lonely = make_reply(make_thread(olga, make_category(), title="Trees"), anna, "Gone soon.")
    for post in posts:
        services.delete_post(anna, post)
    hiding.hide(lonely.subject, Reason.SPAM)
    db.session.commit()
    auth.login("olga")
    single, group = entries_on(client)
    assert single.find("a") is None and single.get_text(" ", strip=True).endswith("This post was removed.")
    assert group.find("a") is None and group.get_text(" ", strip=True).endswith("These posts were removed.")
    assert "Benches" not in page_text(client.get("/notifications", headers=ENGLISH)).split("Notifications", 2)[-1]
    for row in rows_of("olga"):
        assert client.get(f"/notifications/{row.id}").status_code == 404
    assert client.post(f"/notifications/{rows_of('olga')[-1].id}/read").status_code == 302  # may still mark it


def test_a_hidden_thread_is_told_as_a_removed_discussion_in_german(client, auth, scene):
    hiding.hide(db.session.get(Thread, scene["thread"]).subject, Reason.SPAM)
    db.session.commit()
    auth.login("fred")
    texts = [li.get_text(" ", strip=True) for li in entries_on(client, headers={"Accept-Language": "de"})]
    assert len(texts) == 2 and all(text.endswith("Diese Diskussion wurde entfernt.") for text in texts)
    assert all(li.find("a") is None for li in entries_on(client))


def test_mentions_stay_single_even_in_one_thread(client, auth, db):
    olga, anna = make_user("olga", locale="en"), make_user("anna")
    make_user("mira", locale="en")
    thread = make_thread(olga, make_category(), title="Benches")
    make_reply(thread, anna, "Hi @mira.")
    make_reply(thread, anna, "Again, @mira.")
    auth.login("mira")
    assert [li.find("a").get_text(" ", strip=True) for li in entries_on(client)] == [
        "Anna mentioned you in “Benches”.", "Anna mentioned you in “Benches”."]
    assert header(client) == "Notifications 2 (2 unread)"


def test_pages_count_entries_not_notifications(client, auth, db):
    olga, anna = make_user("olga", locale="en"), make_user("anna")
    category = make_category()
    busy = make_thread(olga, category, title="Busy")
    for _ in range(PER_PAGE + 5):
        make_reply(busy, anna)
    for number in range(PER_PAGE):
        make_reply(make_thread(olga, category, title=f"Quiet {number}"), anna)
    entries, pages = page_of(db.session.get(User, olga.id), 1)
    assert (len(entries), pages) == (PER_PAGE, 2)
    auth.login("olga")
    last, = entries_on(client, "/notifications?page=2")
    assert last.find("a").get_text(" ", strip=True) == f"{PER_PAGE + 5} replies to you in “Busy” by Anna."
    assert client.get("/notifications?page=3").status_code == 404


def test_replies_in_an_idea_discussion_group_the_same_way(client, auth, db):
    author = make_user("ida", locale="en")
    idea = make_idea(author, title="Book appointments online")
    discussion = db.session.execute(select(Thread).where(
        Thread.about_subject_id == idea.subject_id)).scalar_one()
    first = make_reply(discussion, make_user("anna"), "Yes!")
    make_reply(discussion, make_user("ben"), "Me too.")
    auth.login("ida")
    entry, = entries_on(client)
    assert entry.find("a").get_text(" ", strip=True) == "2 replies to you in “Book appointments online” by Ben and Anna."
    assert client.get(entry.find("a")["href"]).location == f"/t/{discussion.id}/p/{first.id}"


def test_the_home_page_shows_the_grouped_entry_too(client, auth, scene):
    auth.login("olga")
    news = soup(client.get("/", headers=ENGLISH)).find("section", attrs={"aria-labelledby": "following-news-title"})
    entry, = news.select("ol.notification-list > li")
    link = entry.find("a")
    assert link.get_text(" ", strip=True) == "5 replies to you in “Benches” by Emil, Dora, and 3 others."
    assert link["href"] == f"/notifications/{rows_of('olga')[-1].id}"


def test_on_the_home_page_an_entry_whose_replies_were_removed_says_so(client, auth, scene):
    for post_id in scene["posts"]:
        hiding.hide(db.session.get(Post, post_id).subject, Reason.SPAM)
    db.session.commit()
    auth.login("olga")
    news = soup(client.get("/", headers=ENGLISH)).find("section", attrs={"aria-labelledby": "following-news-title"})
    entry, = news.select("ol.notification-list > li")
    assert entry.find("a") is None and entry.get_text(" ", strip=True).startswith("These posts were removed.")
