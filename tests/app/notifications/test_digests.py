"""Digests: grouped by the followed thing, newest first, "and N more", sent once, safe to run again after a crash."""
from __future__ import annotations

from datetime import timedelta

import pytest
from factories import make_category, make_reply, make_thread, make_user
from helpers import mail_parts, soup
from sqlalchemy import func, select, update

from app.extensions import db
from app.models import utcnow
from app.notifications import digests
from app.notifications.email_settings import save_deliveries
from app.notifications.emails import GROUPS_PER_DIGEST, ITEMS_PER_GROUP
from app.notifications.models import EmailOutbox, Notification
from app.notifications.services import follow


@pytest.fixture
def reader(db):
    """An English reader who gets new replies in followed threads in a daily digest (the default)."""
    return make_user("reader", locale="en")


def threads_with_replies(reader, counts: dict[str, int]):
    writer = make_user(f"writer{reader.id}")
    made = {}
    for title, count in counts.items():
        thread = make_thread(writer, make_category(), title=title)
        follow(reader, thread)
        for number in range(count):
            make_reply(thread, writer, f"{title} reply {number}")
        made[title] = thread
    return made


def test_a_daily_digest_groups_by_thread_newest_first_and_counts_the_rest(smtp_server, reader):
    """New replies in a thread are one line; what stays single (mentions) is cut after ITEMS_PER_GROUP lines."""
    save_deliveries(reader, {"mention": "daily"})
    threads = threads_with_replies(reader, {"Benches": 1, "Bike lanes": 3})
    writer = threads["Bike lanes"].author
    for number in range(ITEMS_PER_GROUP + 2):
        make_reply(threads["Bike lanes"], writer, f"@reader, look {number}.")
    report = digests.send_digests("daily")
    assert report.queued == 1 and report.sending.sent == 1
    message, = smtp_server.to("reader@example.org")
    assert message["Subject"] == f"Your daily digest: {1 + 3 + ITEMS_PER_GROUP + 2} new notifications"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, html = mail_parts(message)
    assert text.index("== Bike lanes ==") < text.index("== Benches ==")  # the newest news first
    bike_lanes = text[text.index("== Bike lanes =="):text.index("== Benches ==")]
    assert bike_lanes.count(f"Writer{reader.id} mentioned you in “Bike lanes”.") == ITEMS_PER_GROUP
    assert "… and 3 more about this." in bike_lanes  # two more mentions and the replies' line
    assert f"Writer{reader.id} replied in “Benches”." in text[text.index("== Benches =="):]
    assert "<h2><a href=\"http://localhost/t/" in html and "… and 3 more about this." in html


def test_nothing_is_sent_twice(smtp_server, reader):
    threads_with_replies(reader, {"Benches": 2})
    digests.send_digests("daily")
    again = digests.send_digests("daily")
    assert again.queued == 0 and again.sending.sent == 0
    assert len(smtp_server.to("reader@example.org")) == 1


def test_a_run_after_a_crash_sends_what_was_gathered_and_gathers_the_rest_once(smtp_server, db):
    first, second = make_user("first", locale="en"), make_user("second", locale="de")
    threads_with_replies(first, {"One": 1})
    threads_with_replies(second, {"Two": 1})
    digests.queue_digest(first.id, "daily")  # the crashed run got this far: gathered, not sent
    report = digests.send_digests("daily")
    assert report.queued == 1 and report.sending.sent == 2
    assert len(smtp_server.to("first@example.org")) == 1 and len(smtp_server.to("second@example.org")) == 1
    assert digests.send_digests("daily").sending.sent == 0


def test_a_failed_server_keeps_the_digest_for_the_next_run(app, smtp_server, reader):
    threads_with_replies(reader, {"Benches": 1})
    port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = 1  # nothing listens there
    assert digests.send_digests("daily").sending.failed == 1
    app.config["MAIL_PORT"] = port
    report = digests.send_digests("daily")
    assert report.queued == 0 and report.sending.sent == 1
    assert len(smtp_server.to("reader@example.org")) == 1


def test_weekly_and_daily_are_separate_and_immediate_kinds_are_never_in_a_digest(smtp_server, reader):
    save_deliveries(reader, {"thread_post": "weekly"})
    threads = threads_with_replies(reader, {"Benches": 2})
    make_reply(threads["Benches"], reader, "My own.")  # reader's own reply: no notification
    assert digests.send_digests("daily").queued == 0
    weekly = digests.send_digests("weekly")
    assert weekly.queued == 1 and weekly.sending.sent == 1
    assert smtp_server.to("reader@example.org")[0]["Subject"] == "Your weekly digest: 2 new notifications"
    with pytest.raises(ValueError):
        digests.send_digests("hourly")


def test_many_groups_are_cut_with_a_count(smtp_server, reader):
    threads_with_replies(reader, {f"Thread {n}": 1 for n in range(GROUPS_PER_DIGEST + 2)})
    digests.send_digests("daily")
    text, _html = mail_parts(smtp_server.to("reader@example.org")[0])
    assert text.count("== Thread ") == GROUPS_PER_DIGEST
    assert "There is news about 2 more things you follow:" in text
    assert "http://localhost/notifications" in text


def test_switching_a_kind_to_never_empties_what_waits(smtp_server, reader):
    threads_with_replies(reader, {"Benches": 2})
    save_deliveries(reader, {"thread_post": "never"})
    assert digests.send_digests("daily").queued == 0
    assert smtp_server.messages == []


def test_two_runs_at_once_never_share_a_notification(db, reader):
    threads_with_replies(reader, {"Benches": 3})
    assert digests.queue_digest(reader.id, "daily") is not None
    assert digests.queue_digest(reader.id, "daily") is None  # the second finds nothing left
    assert db.session.scalar(select(func.count(EmailOutbox.id))) == 1
    assert db.session.scalar(select(func.count(Notification.id)).where(Notification.email_id.is_(None))) == 0


def test_the_command_shows_progress_and_a_summary(app, smtp_server, reader):
    threads_with_replies(reader, {"Benches": 1})
    result = app.test_cli_runner().invoke(args=["notifications", "send-digests", "--daily"])
    assert result.exit_code == 0, result.output
    assert "Gathering digests" in result.output and "Sending e-mails" in result.output
    assert "1 daily digests gathered; 1 sent, 0 failed" in result.output
    assert app.test_cli_runner().invoke(args=["notifications", "send-digests"]).exit_code == 2


def test_send_outbox_retries_what_is_due(app, smtp_server, reader):
    save_deliveries(reader, {"thread_post": "immediately"})
    threads_with_replies(reader, {"Benches": 1})
    db.session.execute(update(EmailOutbox).values(next_attempt_at=utcnow() + timedelta(minutes=1)))
    db.session.commit()
    assert "0 sent" in app.test_cli_runner().invoke(args=["notifications", "send-outbox"]).output
    db.session.execute(update(EmailOutbox).values(next_attempt_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["notifications", "send-outbox"])
    assert result.exit_code == 0 and "1 sent, 0 failed" in result.output
    assert len(smtp_server.to("reader@example.org")) == 1


@pytest.mark.parametrize(("locale", "line"), [
    ("en", "3 new replies in “Benches” by Anna and Ben."),
    ("de", "3 neue Antworten in „Benches“ von Anna und Ben."),
])
def test_new_replies_in_a_thread_are_one_line_linking_to_the_first(smtp_server, db, locale, line):
    """In the reader's language, text and HTML part alike; a mention in the same thread stays a line of its own."""
    reader = make_user("reader", locale=locale)
    save_deliveries(reader, {"mention": "daily"})
    anna, ben = make_user("anna"), make_user("ben")
    thread = make_thread(make_user("olga"), make_category(), title="Benches")
    follow(reader, thread)
    first = make_reply(thread, anna, "First.")
    make_reply(thread, ben, "Second.")
    make_reply(thread, anna, "Hello @reader.")
    make_reply(thread, anna, "Third.")
    digests.send_digests("daily")
    message, = smtp_server.to("reader@example.org")
    text, html = mail_parts(message)
    group = text[text.index("== Benches =="):]
    assert f"- {line} (" in group
    assert group.split(line, 1)[1].split("\n", 2)[1].strip() == f"http://localhost/t/{thread.id}/p/{first.id}"
    assert text.count("\n- ") == 2  # the replies' line and the mention's
    soup_html = soup(html)
    link = next(a for a in soup_html.select("li a") if a.get_text(" ", strip=True) == line)
    assert link["href"] == f"http://localhost/t/{thread.id}/p/{first.id}"


def test_a_reply_removed_before_the_digest_leaves_the_line(smtp_server, reader):
    threads = threads_with_replies(reader, {"Benches": 3})
    from forums import services
    from forums.models import Post

    first = db.session.execute(select(Post).where(Post.thread_id == threads["Benches"].id, Post.number == 2)).scalar_one()
    services.delete_post(first.author, first)
    digests.send_digests("daily")
    text, _html = mail_parts(smtp_server.to("reader@example.org")[0])
    assert f"2 new replies in “Benches” by Writer{reader.id}." in text
    assert f"/p/{first.id}" not in text
