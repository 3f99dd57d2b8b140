"""/notifications and /following cost the same statements for few and many notifications; the header one query."""
from __future__ import annotations

import re

from factories import make_category, make_idea, make_idea_category, make_reply, make_thread, make_user
from sqlalchemy import text

from app.extensions import db
from app.notifications.services import follow
from app.users.models import Role
from ideas.models import Status
from ideas.services import change_status, support

PASSWORD = "correct horse battery"


def news_for(reader, staff, rounds: int) -> None:
    """Each round: a thread of reader's with a reply and a mention, a followed idea with a status change, an
    answer and its threshold reached: every kind of notification, about ever more things."""
    for n in range(rounds):
        writer = make_user()
        thread = make_thread(reader, make_category(), title=f"Thread {n}")
        make_reply(thread, writer, f"Hello @{reader.username}, reply {n}.")
        make_reply(thread, writer, f"Plain reply {n}.")
        idea = make_idea(writer, make_idea_category(threshold=1), title=f"Idea {n}")
        follow(reader, idea)
        support(make_user(), idea)
        change_status(staff, idea, Status.UNDER_REVIEW, "Looking.")
        change_status(staff, idea, Status.ACCEPTED, "Yes.", official=True)


def statements(app, count_queries, path: str) -> tuple[int, int]:
    client = app.test_client()
    assert client.post("/login", data={"login": "reader", "password": PASSWORD}).status_code == 302
    assert client.get(path).status_code == 200  # warm up
    with count_queries() as counter:
        assert client.get(path).status_code == 200
    return counter.count, counter.statements


def test_notifications_and_following_do_not_grow_with_the_data(app, db, count_queries):
    reader, staff = make_user("reader", locale="en"), make_user("staff", roles=(Role.CITY_STAFF,))
    news_for(reader, staff, 2)
    few = {path: statements(app, count_queries, path) for path in ("/notifications", "/following")}
    news_for(reader, staff, 12)  # past one page of notifications and of follows
    many = {path: statements(app, count_queries, path) for path in ("/notifications", "/following")}
    for path in few:
        assert few[path][0] == many[path][0], (path, few[path][1], many[path][1])
    # session user, unread count, count of entries, page of entries, their members with actors, subject kinds,
    # one per kind on the page (thread, post, idea) = 9 on /notifications
    assert many["/notifications"][0] <= 9, many["/notifications"][1]


def test_the_header_counter_is_one_indexed_query(app, db, count_queries):
    from app.notifications.inbox import unread_count

    reader, staff = make_user("reader", locale="en"), make_user("staff", roles=(Role.CITY_STAFF,))
    news_for(reader, staff, 2)
    db.session.refresh(reader)
    with count_queries() as counter:
        assert unread_count(reader) == 8  # per round: the two replies are one entry, and three idea notices
    assert len(counter.statements) == 1 and "FROM notification" in counter.statements[0]
    query = ("SELECT count(*) FROM (SELECT 1 FROM notification WHERE notification.user_id = :user "
             "AND notification.read_at IS NULL GROUP BY kind, subject_id, read_at, "
             "CASE WHEN kind IN ('reply', 'thread_post') THEN 0 ELSE id END) AS entries")
    if db.engine.dialect.name == "sqlite":
        plan = db.session.execute(text(f"EXPLAIN QUERY PLAN {query}"), {"user": reader.id}).all()
        assert any("USING INDEX ix_notification_user_read" in row[-1] for row in plan), plan
    else:
        db.session.execute(text("SET LOCAL enable_seqscan = off"))
        plan = db.session.execute(text(f"EXPLAIN {query}"), {"user": reader.id}).scalars().all()
        # Without fresh statistics the planner picks any index led by user_id (ix_notification_user_read, the
        # partial unread one, or uq_notification_user_event), as a plain, index-only or bitmap scan, so the
        # condition reads "(user_id = …)" or "((user_id = …) AND …)": what matters is that the reader's rows are
        # found through an index, never by reading the table.
        assert not any("Seq Scan" in line for line in plan), plan
        assert any(re.search(r"Index Cond: \(+user_id = ", line) for line in plan), plan


def test_an_entry_of_thirty_replies_costs_what_one_of_three_does(app, db, count_queries):
    """Three threads of reader's, replied to by ever more people: 3 grouped notifications, then 30, then 30 more
    read in one visit and 30 new: the inbox and the header cost the same statements every time."""
    from app.notifications.inbox import mark_all_read

    reader = make_user("reader", locale="en")
    threads = [make_thread(reader, make_category(), title=f"Thread {n}") for n in range(3)]

    def replies(each: int) -> None:
        for thread in threads:
            for _ in range(each):
                make_reply(thread, make_user())

    replies(1)
    few = statements(app, count_queries, "/notifications")
    replies(9)
    thirty = statements(app, count_queries, "/notifications")
    mark_all_read(db.session.get(type(reader), reader.id))
    replies(10)
    sixty = statements(app, count_queries, "/notifications")
    assert few[0] == thirty[0] == sixty[0], (few[1], sixty[1])
    page = soup_of(app, "/notifications")
    # three unread entries and three read ones, ten replies each
    assert [li.find("a").get_text(" ", strip=True).split(" in ")[0] for li in page.select(
        "ol.notification-list > li")] == ["10 replies to you"] * 6
    assert len(page.select("li.notification-unread")) == 3


def soup_of(app, path: str):
    from helpers import soup

    client = app.test_client()
    client.post("/login", data={"login": "reader", "password": PASSWORD})
    return soup(client.get(path))
