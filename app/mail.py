"""E-mail delivery: real SMTP when MAIL_SERVER is set, otherwise the whole message goes to the log; `held_back()`
keeps the messages of content loaded as past (the demo) from anyone."""
from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app, render_template
from flask_babel import force_locale

log = logging.getLogger("werkstadt.mail")


class MailError(RuntimeError):
    """Raised when the SMTP server cannot be reached or refuses the message."""


def build_message(to: str, subject: str, text: str, html: str | None = None,
                  headers: dict[str, str] | None = None) -> EmailMessage:
    """A MIME message (text, plus HTML as an alternative) from the configured sender."""
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="werkstadt")
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    return message


HELD_BACK = "mail.held_back"  # app.extensions: the number of messages held back, while `held_back()` is on


@contextmanager
def held_back() -> Iterator[list[int]]:
    """Within it, messages are counted and dropped instead of sent or logged: for content loaded as if it had
    happened before (the demo), whose notifications must not reach anyone now. Yields a one-item list that holds
    the count."""
    counter = current_app.extensions[HELD_BACK] = [0]
    try:
        yield counter
    finally:
        current_app.extensions.pop(HELD_BACK, None)


def send_message(message: EmailMessage) -> None:
    """Deliver `message` over SMTP, or log it in full when no MAIL_SERVER is configured (or count it, while
    `held_back()` is on).

    Raises MailError when the server fails.
    """
    counter = current_app.extensions.get(HELD_BACK)
    if counter is not None:
        counter[0] += 1
        return
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        body = message.get_body(("plain",))
        log.warning("E-mail not sent (no MAIL_SERVER set); here it is in full:\nTo: %s\nSubject: %s\n\n%s",
                    message["To"], message["Subject"], body.get_content() if body else "")
        return
    try:
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT"]) as smtp:
            if config.get("MAIL_USE_TLS"):
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(str(exc)) from exc


def send_templated(to: str, template: str, locale: str, **context) -> None:
    """Render `<template>.subject.txt`, `.txt` and `.html` in the recipient's `locale` and send them.

    Raises MailError when the server fails.
    """
    with force_locale(locale):
        subject = render_template(f"{template}.subject.txt", **context).strip()
        text = render_template(f"{template}.txt", **context)
        html = render_template(f"{template}.html", locale=locale, **context)
    send_message(build_message(to, subject, text, html))
