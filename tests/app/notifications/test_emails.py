"""Notification e-mails over a real SMTP server: recipient, language, parts, headers, unsubscribe, failures."""
from __future__ import annotations

import socket

import pytest
from factories import make_category, make_idea, make_idea_category, make_reply, make_thread, make_user
from helpers import link_path, mail_parts, page_text
from sqlalchemy import select

from app.extensions import db
from app.notifications import delivery
from app.notifications.email_settings import deliveries, save_deliveries
from app.notifications.models import EmailOutbox, Notification
from app.notifications.services import follow
from app.users.models import Role
from ideas.models import Status
from ideas.services import change_status


@pytest.fixture
def idea_scene(db):
    """A German-speaking author, an English-speaking follower, and a city staff member."""
    author = make_user("autorin", locale="de")
    fan = make_user("fan", locale="en")
    staff = make_user("staff", locale="de", roles=(Role.CITY_STAFF,))
    idea = make_idea(author, make_idea_category(threshold=5), title="Radwege <b>sicher</b> machen",
                     body="Mehr **Radwege**.", language="de")
    follow(fan, idea)
    return author, fan, staff, idea


def test_a_status_change_mails_each_follower_in_their_own_language(smtp_server, idea_scene):
    author, fan, staff, idea = idea_scene
    change_status(staff, idea, Status.UNDER_REVIEW, "Wir prüfen das. <script>alert(1)</script> **Bald** mehr.")
    report = delivery.send_due()
    assert report.sent == 2 and report.failed == 0
    to_fan, = smtp_server.to("fan@example.org")
    to_author, = smtp_server.to("autorin@example.org")
    assert to_fan["Subject"] == "“Radwege <b>sicher</b> machen” is now: Under review."
    assert to_author["Subject"] == "„Radwege <b>sicher</b> machen“ ist jetzt: In Prüfung."
    text, html = mail_parts(to_fan)
    assert "Hello Fan," in text and "Wir prüfen das." in text
    assert "Bald mehr." in text and "**" not in text  # the text part is the pipeline's output, words only
    assert "<strong>Bald</strong>" in html and "<script>" not in html
    assert "Radwege &lt;b&gt;sicher&lt;/b&gt; machen" in html  # a title is text, never markup
    assert f"http://localhost/ideas/{idea.id}" in text
    assert smtp_server.envelopes[0][1] in (["fan@example.org"], ["autorin@example.org"])
    assert "staff@example.org" not in {to for _, tos in smtp_server.envelopes for to in tos}


def test_the_unsubscribe_link_works_without_logging_in_and_the_header_says_one_click(client, smtp_server, idea_scene):
    _author, fan, staff, idea = idea_scene
    change_status(staff, idea, Status.UNDER_REVIEW, "Wir prüfen das.")
    delivery.send_due()
    message, = smtp_server.to("fan@example.org")
    path = link_path(message, "/notifications/unsubscribe/")
    assert message["List-Unsubscribe"] == f"<http://localhost{path}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    page = client.get(path, headers={"Accept-Language": "en"})
    assert page.status_code == 200 and "Stop e-mails about “Status changes of ideas you follow”" in page_text(page)
    assert deliveries(fan)["status_changed"] == "immediately"  # opening the link changes nothing
    done = client.post(path, data={"List-Unsubscribe": "One-Click"}, headers={"Accept-Language": "en"})
    assert done.status_code == 200 and "Done: no more e-mails about" in page_text(done)
    db.session.expire_all()
    assert deliveries(fan)["status_changed"] == "never"
    assert deliveries(fan)["answered"] == "immediately"  # only that kind


def test_a_forged_or_mangled_token_is_not_found(client, idea_scene):
    from app.notifications.email_settings import unsubscribe_token

    _author, fan, _staff, _idea = idea_scene
    token = unsubscribe_token(fan, "status_changed")
    assert client.get(f"/notifications/unsubscribe/{token[:-2]}xx").status_code == 404
    assert client.post(f"/notifications/unsubscribe/{token[:-2]}xx").status_code == 404
    assert client.get("/notifications/unsubscribe/nonsense").status_code == 404


def test_unsubscribe_with_csrf_on_needs_no_token_of_the_form(app, client, idea_scene):
    from app.notifications.email_settings import unsubscribe_token

    app.config["WTF_CSRF_ENABLED"] = True
    _author, fan, _staff, _idea = idea_scene
    assert client.post(f"/notifications/unsubscribe/{unsubscribe_token(fan, 'all')}").status_code == 200
    db.session.expire_all()
    assert set(deliveries(fan).values()) == {"never"}


def test_never_sends_nothing_and_a_digest_kind_waits(smtp_server, idea_scene):
    _author, fan, staff, idea = idea_scene
    save_deliveries(fan, {"status_changed": "never", "answered": "daily"})
    change_status(staff, idea, Status.UNDER_REVIEW, "Wir prüfen das.")
    change_status(staff, idea, Status.ACCEPTED, "Machen wir.", official=True)
    delivery.send_due()
    assert smtp_server.to("fan@example.org") == []
    waiting = db.session.execute(select(Notification.kind, Notification.delivery, Notification.email_id)
                                 .where(Notification.user_id == fan.id)).all()
    assert sorted(waiting) == [("answered", "daily", None), ("status_changed", "never", None)]


def test_a_reply_mail_quotes_the_post_through_the_text_pipeline(smtp_server, db):
    alice, bob = make_user("alice", locale="en"), make_user("bob")
    thread = make_thread(alice, make_category(), title="Benches")
    post = make_reply(thread, bob, "Yes! <img src=x onerror=alert(1)> **More** benches.")
    delivery.send_due()
    message, = smtp_server.to("alice@example.org")
    text, html = mail_parts(message)
    assert message["Subject"] == "Bob replied to you in “Benches”."
    assert "<strong>More</strong> benches." in html and "<img" not in html  # escaped as text by the pipeline
    assert "More benches." in text and f"http://localhost/t/{thread.id}/p/{post.id}" in text


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_failed_smtp_server_keeps_the_mail_and_the_notification_for_a_later_attempt(app, client, auth, smtp_server,
                                                                                    idea_scene):
    author, fan, staff, idea = idea_scene
    working_port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = _closed_port()
    change_status(staff, idea, Status.UNDER_REVIEW, "Wir prüfen das.")
    report = delivery.send_due()
    assert report.failed == 2 and report.sent == 0
    row = db.session.execute(select(EmailOutbox).where(EmailOutbox.user_id == fan.id)).scalar_one()
    assert row.sent_at is None and row.attempts == 1 and row.last_error and row.next_attempt_at > row.created_at
    assert delivery.due_ids() == []  # not before its next attempt time
    auth.login("fan")
    assert "is now: Under review." in page_text(client.get("/notifications", headers={"Accept-Language": "en"}))
    app.config["MAIL_PORT"] = working_port
    report = delivery.send_due(delivery.due_ids(ignore_delay=True))
    assert report.sent == 2
    assert len(smtp_server.to("fan@example.org")) == 1
    assert delivery.send_due(delivery.due_ids(ignore_delay=True)).sent == 0  # sent once, never again


def test_a_page_that_queues_mail_is_not_broken_by_a_dead_smtp_server(app, client, auth, idea_scene):
    """The e-mails leave in a job after the response: the status change itself answers normally."""
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=_closed_port(), NOTIFICATION_EMAILS_ENQUEUE=True)
    _author, _fan, _staff, idea = idea_scene
    auth.login("staff")
    response = client.post(f"/ideas/{idea.id}/status", data={"status": "under_review", "explanation": "Prüfen wir."})
    assert response.status_code == 302  # the test client closed the response, as the WSGI server does: job ran
    rows = db.session.execute(select(EmailOutbox)).scalars().all()
    assert len(rows) == 2 and all(r.sent_at is None and r.attempts == 1 for r in rows)
    assert {n.email_id for n in db.session.execute(select(Notification)).scalars()} == {r.id for r in rows}


def test_after_the_response_the_mail_goes_out(app, client, auth, smtp_server, idea_scene):
    app.config["NOTIFICATION_EMAILS_ENQUEUE"] = True
    _author, _fan, _staff, idea = idea_scene
    auth.login("staff")
    client.close_responses = False
    response = client.post(f"/ideas/{idea.id}/status", data={"status": "under_review", "explanation": "Prüfen wir."})
    assert smtp_server.to("fan@example.org") == []  # not inside the request
    response.close()  # the WSGI server closes the response: then the job runs
    assert len(smtp_server.to("fan@example.org")) == 1
    response.close()
    assert len(smtp_server.to("fan@example.org")) == 1  # once


def test_published_outside_a_request_the_mail_goes_out_at_once(app, smtp_server, idea_scene):
    """In a CLI command or a test there is no response to wait for: the job runs when the change commits."""
    app.config["NOTIFICATION_EMAILS_ENQUEUE"] = True
    _author, _fan, staff, idea = idea_scene
    change_status(staff, idea, Status.UNDER_REVIEW, "Wir prüfen das.")
    assert len(smtp_server.to("fan@example.org")) == 1 and len(smtp_server.to("autorin@example.org")) == 1
    assert delivery.send_due(delivery.due_ids(ignore_delay=True)).sent == 0


def test_a_claimed_row_is_not_sent_twice(smtp_server, idea_scene):
    from app.models import utcnow
    from datetime import timedelta

    _author, fan, staff, idea = idea_scene
    change_status(staff, idea, Status.UNDER_REVIEW, "Wir prüfen das.")
    row = db.session.execute(select(EmailOutbox).where(EmailOutbox.user_id == fan.id)).scalar_one()
    row.claimed_until = utcnow() + timedelta(minutes=5)  # another worker is sending it
    db.session.commit()
    assert delivery.send_one(row.id) == "taken"
    delivery.send_due()
    assert smtp_server.to("fan@example.org") == []


def test_a_mail_whose_subject_became_hidden_is_dropped(smtp_server, idea_scene):
    from sqlalchemy import update

    from ideas.models import Idea

    _author, fan, staff, idea = idea_scene
    change_status(staff, idea, Status.UNDER_REVIEW, "Wir prüfen das.")
    db.session.execute(update(Idea).where(Idea.id == idea.id).values(status="draft"))
    db.session.commit()
    report = delivery.send_due()
    assert smtp_server.to("fan@example.org") == [] and report.dropped == 1
    assert len(smtp_server.to("autorin@example.org")) == 1  # the author may see her own draft


@pytest.mark.parametrize(("locale", "direction"), [("tr", "ltr"), ("ar", "rtl")])
def test_turkish_and_arabic_followers_get_the_mail_in_their_language_and_direction(smtp_server, db, locale,
                                                                                   direction):
    from app.i18n import FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE

    author = make_user("autorin", locale="de")
    reader = make_user("okur", locale=locale, display_name="Okur Leser")
    staff = make_user("staff", locale="de", roles=(Role.CITY_STAFF,))
    idea = make_idea(author, make_idea_category(threshold=5), title="Radwege sicher machen", language="de")
    follow(reader, idea)

    change_status(staff, idea, Status.UNDER_REVIEW, "Wir prüfen das.")
    delivery.send_due()

    message, = smtp_server.to("okur@example.org")
    text, html = mail_parts(message)
    assert f'<html lang="{locale}" dir="{direction}">' in html
    isolated = f"{FIRST_STRONG_ISOLATE}Radwege sicher machen{POP_DIRECTIONAL_ISOLATE}"
    if locale == "ar":  # a Latin title inside an Arabic sentence keeps its place
        assert isolated in message["Subject"] and "<bdi>Okur Leser</bdi>" in html
    else:
        assert "Radwege sicher machen" in message["Subject"] and isolated not in message["Subject"]
    with_hello = {"tr": "Merhaba", "ar": "مرحب"}[locale]
    assert with_hello in text
