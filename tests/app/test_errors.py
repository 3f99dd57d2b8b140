"""Every error the site answers with renders our own translated page, triggered the way people meet it."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from flask_babel import force_locale, gettext

from app.errors import ERROR_TEXTS
from app.users.models import Role
from factories import PASSWORD, make_user

LANGUAGES = [({}, "de"), ({"Accept-Language": "en"}, "en"), ({"Accept-Language": "en-GB,en;q=0.8"}, "en")]
SECRET = "boom-detail-4711"
TITLES = {  # the English source texts; German comes from the catalog
    400: "Bad request",
    403: "Not allowed",
    404: "Page not found",
    405: "Method not allowed",
    413: "Too large",
    429: "Too many requests",
    500: "Something went wrong",
}


@pytest.fixture
def app_overrides() -> dict:
    """Rate limits on, and unexpected exceptions handled as in production instead of raised into the test."""
    return {"RATELIMIT_ENABLED": True, "PROPAGATE_EXCEPTIONS": False}


@pytest.fixture
def app(app):
    """The test app with a route that fails the way a bug would."""

    @app.get("/_test/boom")
    def boom():
        raise RuntimeError(f"{SECRET}: database password is hunter2")

    return app


def bad_request(app, client, lang):
    return client.post("/language", data={"locale": "xx"})


def bad_request_no_locale(app, client, lang):
    return client.post("/language", data={})


def forbidden(app, client, lang):
    add_user(app, "member", locale=lang)
    assert client.post("/login", data={"login": "member", "password": PASSWORD}).status_code == 302
    return client.get("/pages/imprint/edit")


def not_found(app, client, lang):
    return client.get("/no/such/page")


def not_found_slot(app, client, lang):
    return client.get("/pages/no-such-page")


def method_not_allowed(app, client, lang):
    return client.get("/logout")


def too_large(app, client, lang):
    body = b"login=" + b"x" * (2 * 1024 * 1024)
    return client.post("/login", data=body, content_type="application/x-www-form-urlencoded")


def too_large_multipart(app, client, lang):
    # The body is built here: Werkzeug's test client would spool a big form to a temp file it never closes.
    boundary = "werkstadt-boundary"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\n'.encode()
            + b"x" * (2 * 1024 * 1024) + f"\r\n--{boundary}--\r\n".encode())
    return client.post("/accessibility/report", data=body, content_type=f"multipart/form-data; boundary={boundary}")


def too_many(app, client, lang):
    for _ in range(10):
        assert client.post("/login", data={"login": "nobody", "password": "wrong password"}).status_code == 200
    return client.post("/login", data={"login": "nobody", "password": "wrong password"})


def server_error(app, client, lang):
    return client.get("/_test/boom")


TRIGGERS = [
    (400, bad_request), (400, bad_request_no_locale),
    (403, forbidden),
    (404, not_found), (404, not_found_slot),
    (405, method_not_allowed),
    (413, too_large), (413, too_large_multipart),
    (429, too_many),
    (500, server_error),
]


def add_user(app, username: str, **fields) -> None:
    """Save a user outside any request: requests then get their own app context, as in production."""
    with app.app_context():
        make_user(username, **fields)


def translated(app, lang: str, message) -> str:
    """`message` (a msgid or a lazy string) as the catalog for `lang` renders it."""
    with app.test_request_context(), force_locale(lang):
        return gettext(message) if isinstance(message, str) else str(message)


def words(text: str) -> str:
    return " ".join(text.split())


def test_every_error_code_has_a_trigger_and_its_own_title():
    assert {code for code, _ in TRIGGERS} == set(ERROR_TEXTS) == set(TITLES)
    assert len(set(TITLES.values())) == len(TITLES)


@pytest.mark.parametrize(("headers", "lang"), LANGUAGES)
@pytest.mark.parametrize(("code", "trigger"), TRIGGERS, ids=[t.__name__ for _, t in TRIGGERS])
def test_error_page(app, client, code, trigger, headers, lang):
    client.environ_base.update({f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()})
    response = trigger(app, client, lang)
    assert response.status_code == code
    assert response.mimetype == "text/html"
    soup = BeautifulSoup(response.data, "html.parser")
    assert soup.html["lang"] == lang
    assert [h1.get_text(strip=True) for h1 in soup.find_all("h1")] == [translated(app, lang, TITLES[code])]
    assert translated(app, lang, ERROR_TEXTS[code][1]) in words(soup.main.get_text(" "))
    assert str(code) in words(soup.main.get_text(" "))
    assert soup.find("a", href="/") is not None  # a way back home
    assert response.headers["Content-Security-Policy"]
    if code == 405:  # RFC 9110: a 405 names the methods that do work
        assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"POST"}
        assert "GET" not in response.headers["Allow"]
    if code == 429:
        assert int(response.headers["Retry-After"]) > 0


@pytest.mark.parametrize("path", ["/_test/boom"])
def test_server_error_shows_no_traceback(app, client, path, caplog):
    response = client.get(path)
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    for leak in ("Traceback", "RuntimeError", SECRET, "hunter2", 'File "', "line "):
        assert leak not in page
    assert any(SECRET in (record.exc_text or str(record.exc_info)) for record in caplog.records)  # it is logged


def test_one_client_gets_each_error_page_in_the_language_it_asks_for(app, client):
    german = BeautifulSoup(client.get("/missing").data, "html.parser")
    english = BeautifulSoup(client.get("/missing", headers={"Accept-Language": "en"}).data, "html.parser")
    assert (german.html["lang"], english.html["lang"]) == ("de", "en")
    assert german.h1.get_text(strip=True) == translated(app, "de", "Page not found")
    assert english.h1.get_text(strip=True) == "Page not found"


def test_an_admin_is_not_refused(app, client):
    """The 403 above is about the role, not about the page: an administrator reaches the editor."""
    add_user(app, "admin", roles=(Role.ADMIN,))
    client.post("/login", data={"login": "admin", "password": PASSWORD})
    assert client.get("/pages/imprint/edit").status_code == 200


def test_an_anonymous_visitor_is_sent_to_log_in_instead_of_refused(client):
    response = client.get("/pages/imprint/edit")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
