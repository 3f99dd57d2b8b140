"""E-mail delivery: without MAIL_SERVER the whole message goes to the log, links intact; with one, over SMTP."""
import logging

from app.mail import send_templated
from factories import make_user


def test_without_a_mail_server_the_whole_message_is_logged(app, db, caplog):
    user = make_user("lena", locale="de")
    link = "http://localhost/confirm/a-very-long-token-that-must-not-be-wrapped-or-encoded-0123456789"
    assert app.config["MAIL_SERVER"] is None
    with app.test_request_context(), caplog.at_level(logging.WARNING, logger="werkstadt.mail"):
        send_templated(user.email, "auth/email/confirm", "de", user=user, link=link, hours=72)
    logged = caplog.text
    assert "To: lena@example.org" in logged
    assert link in logged  # a newcomer can follow it straight from the console
    assert "Hallo Lena" in logged or "Hello Lena" in logged


def test_with_a_mail_server_the_message_goes_over_smtp_as_text_and_html(app, db, smtp_server):
    user = make_user("jonas", locale="en")
    with app.test_request_context():
        send_templated(user.email, "auth/email/reset", "en", user=user, link="http://localhost/r/x", minutes=60)
    [message] = smtp_server.to("jonas@example.org")
    assert message["Subject"]
    assert {part.get_content_type() for part in message.iter_parts()} == {"text/plain", "text/html"}
    assert "http://localhost/r/x" in message.get_body(("plain",)).get_content()


def test_held_back_messages_are_counted_and_go_nowhere(app, db, smtp_server, caplog):
    from app.mail import held_back

    user = make_user("kai", locale="en")
    with app.test_request_context(), caplog.at_level(logging.WARNING, logger="werkstadt.mail"):
        with held_back() as count:
            send_templated(user.email, "auth/email/reset", "en", user=user, link="http://localhost/r/x", minutes=60)
            send_templated(user.email, "auth/email/reset", "en", user=user, link="http://localhost/r/y", minutes=60)
        assert count == [2] and smtp_server.messages == [] and "here it is in full" not in caplog.text
        send_templated(user.email, "auth/email/reset", "en", user=user, link="http://localhost/r/z", minutes=60)
    assert len(smtp_server.to("kai@example.org")) == 1  # afterwards, mail goes out again
