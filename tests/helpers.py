"""Helpers for tests that read pages, feeds and e-mails: parsed HTML and Atom, links in mails, expected translations."""
from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from email.message import EmailMessage

from bs4 import BeautifulSoup
from flask import Flask
from flask_babel import force_locale, gettext
from itsdangerous.timed import TimestampSigner

from factories import make_user
from remote_resources import resource_urls


def add_user(app: Flask, username: str = "alice", **fields) -> int:
    """Save a user through the factory (confirmed unless told otherwise) and return its id."""
    with app.app_context():
        return make_user(username, **fields).id


def translated(app: Flask, locale: str, msgid: str, **variables) -> str:
    """`msgid` as the app's catalog for `locale` renders it, so tests hold with and without compiled catalogs."""
    with app.test_request_context(), force_locale(locale):
        return gettext(msgid, **variables)


def soup(source) -> BeautifulSoup:
    """The parsed HTML of a response or of a string (an e-mail's HTML part)."""
    html = source if isinstance(source, str) else source.get_data(as_text=True)
    return BeautifulSoup(html, "html.parser")


def words(text: str) -> str:
    """`text` with every run of whitespace made one space, as a reader perceives it."""
    return " ".join(text.split())


def page_text(response) -> str:
    """The visible text of a page, whitespace collapsed."""
    return words(soup(response).get_text(" "))


def html_lang(response) -> tuple[str | None, str | None]:
    """The `lang` and `dir` attributes of a page's <html> element."""
    root = soup(response).html
    return root.get("lang"), root.get("dir")


def field_error(response, field_id: str) -> str | None:
    """The error text shown next to a form field, or None; checks it is tied to the input for screen readers."""
    page = soup(response)
    error = page.find(id=f"{field_id}-error")
    field = page.find(id=field_id)
    if error is None:
        assert field.get("aria-invalid") is None, f"{field_id} is marked invalid without an error"
        return None
    assert f"{field_id}-error" in field.get("aria-describedby", "").split()
    assert field.get("aria-invalid") == "true"
    return words(error.get_text(" "))


def summary_links(response) -> list[str]:
    """The fragment targets (field ids) the error summary links to, in order."""
    summary = soup(response).find(class_="error-summary")
    return [a["href"].removeprefix("#") for a in summary.find_all("a")] if summary else []


def flashes(response) -> str:
    """The text of the flash messages region."""
    region = soup(response).find(class_="flashes")
    return words(region.get_text(" ")) if region else ""


def mail_parts(message: EmailMessage) -> tuple[str, str]:
    """The plain-text and HTML bodies of a multipart/alternative message."""
    assert message.get_content_type() == "multipart/alternative"
    return message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()


def link_path(message: EmailMessage, prefix: str) -> str:
    """The path of the one link in `message` that starts with `prefix` (e.g. "/confirm/"); same in both parts."""
    text, html = mail_parts(message)
    pattern = re.compile(r"https?://[^/\s\"]+(" + re.escape(prefix) + r"[^\s\"<]+)")
    in_text, in_html = set(pattern.findall(text)), set(pattern.findall(html))
    assert len(in_text) == 1, f"expected one {prefix} link in the text part, found {in_text}"
    assert in_text == in_html, "the text and HTML parts link to different places"
    return in_text.pop()


def is_logged_in(client) -> bool:
    """True when the client's session reaches the settings page, False when it is sent to log in."""
    response = client.get("/settings")
    if response.status_code == 200:
        return True
    assert response.status_code == 302 and response.location.startswith("/login")
    return False


def shift_clock(monkeypatch, seconds: int) -> None:
    """Make signed links (itsdangerous) believe `seconds` have passed since they were made."""
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time()) + seconds)


ATOM = "{http://www.w3.org/2005/Atom}"


def atom(response) -> ET.Element:
    """The parsed feed, after checking it is one and has every element RFC 4287 requires (an author for the
    feed, or for each entry), and that each entry links to its page."""
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.data)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.findtext(f"{ATOM}{name}"), f"the feed has no {name}"
    assert [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"], "no self link"
    feed_author = root.findtext(f"{ATOM}author/{ATOM}name")
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{name}"), f"an entry has no {name}"
        assert feed_author or entry.findtext(f"{ATOM}author/{ATOM}name"), "neither the feed nor an entry has an author"
        assert entry.find(f"{ATOM}link").get("href").startswith("http")
    assert feed_resources(root) == [], "the feed would make its reader's program fetch something"
    return root


def feed_resources(root: ET.Element) -> list[str]:
    """What a feed reader would fetch by itself: the feed's icon and logo, the resources of its HTML texts."""
    found = []
    for element in root.iter():
        if element.tag in (f"{ATOM}icon", f"{ATOM}logo"):
            found.append(element.text or "")
        elif element.tag in (f"{ATOM}content", f"{ATOM}summary") and element.get("type") == "html":
            found += resource_urls(element.text or "")
    return found


def atom_entries(root: ET.Element) -> list[ET.Element]:
    return root.findall(f"{ATOM}entry")


def run_command(app: Flask, *args: str, input: str | None = ""):
    """Invoke a command as `flask ...` would; empty stdin, so any prompt aborts."""
    return app.test_cli_runner().invoke(args=list(args), input=input)


def count_rows(app: Flask, column) -> int:
    """How many rows have `column` (one SELECT count in an app context of its own)."""
    from sqlalchemy import func, select

    from app.extensions import db

    with app.app_context():
        return db.session.scalar(select(func.count(column)))


def user_summary(app: Flask, username: str):
    """(e-mail, confirmed, active, roles) of `username`, or None when there is no such user."""
    from app.users.services import find_by_username

    with app.app_context():
        user = find_by_username(username)
        if user is None:
            return None
        return user.email, user.is_confirmed, user.is_active, user.role_names


def assert_valid_html(vnu: list[str], pages: dict[str, str], folder) -> None:
    """Run the Nu Html Checker once over `pages` (name -> HTML, written to `folder` as <name>.html) and fail with
    every error, its file, line and extract."""
    import json
    import subprocess
    from pathlib import Path

    files = []
    for name, html in pages.items():
        path = Path(folder) / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    run = subprocess.run([*vnu, *files], capture_output=True, text=True, timeout=300)
    try:
        messages = json.loads(run.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        raise AssertionError(f"vnu.jar gave no JSON report (exit {run.returncode}):\n{run.stdout}\n{run.stderr}")
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    report = "\n".join(f"{Path(m.get('url', '?').removeprefix('file:')).name}:{m.get('lastLine', '?')}: "
                       f"{m['message']}\n    {m.get('extract', '').strip()!r}" for m in errors)
    assert not errors, f"{len(errors)} HTML error(s) in {len(files)} pages (kept in {folder}):\n{report}"
