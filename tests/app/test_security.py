"""Security headers, a CSP the pages really keep, production cookie flags, and CSRF protection."""
from __future__ import annotations

import re
from http.cookies import SimpleCookie

import pytest
from bs4 import BeautifulSoup
from flask_babel import force_locale, gettext

from app import create_app
from app.errors import CSRF_TEXT
from app.extensions import db
from app.pages.services import save_page
from app.users.models import Role, User
from config import ProductionConfig, TestingConfig
from factories import PASSWORD, make_user

ANONYMOUS_PAGES = [
    ("/", 200),
    ("/login", 200),
    ("/register", 200),
    ("/reset-password", 200),
    ("/confirm", 200),
    ("/accessibility/report", 200),
    ("/pages/imprint", 200),
    ("/u/admin", 200),
    ("/no/such/page", 404),
    ("/pages/no-such-slot", 404),
    ("/reset-password/not-a-token", 400),
    ("/logout", 405),
]
MEMBER_PAGES = ["/", "/settings", "/settings/email", "/settings/password", "/settings/sessions", "/settings/data", "/settings/delete", "/u/admin", "/pages/imprint"]
ADMIN_PAGES = ["/pages/imprint/edit", "/pages/welcome/edit?locale=en"]
STRICT_REFERRER_POLICIES = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
HOSTILE_MARKDOWN = "# Imprint\n\n<script>alert(1)</script> <p style=\"color:red\" onclick=\"x\">x</p> [a](javascript:x)"


@pytest.fixture
def site(app):
    """An admin, a member, and an imprint whose author tried to smuggle in script and style.

    Made in an app context of its own, so each request then gets a fresh one as in production.
    """
    with app.app_context():
        admin = make_user("admin", roles=(Role.ADMIN,))
        make_user("member")
        save_page("imprint", "de", title="Impressum", body_md=HOSTILE_MARKDOWN, editor=admin)
    return app


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name.lower()] = sources
    return directives


def assert_security_headers(response) -> None:
    csp = csp_directives(response.headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    for name, sources in csp.items():
        assert "'unsafe-inline'" not in sources, name
        assert "'unsafe-eval'" not in sources, name
        assert "*" not in sources, name
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] in STRICT_REFERRER_POLICIES
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers  # HTTPS only is production's (below)


def assert_no_inline_code(response) -> None:
    """Nothing the CSP would block: no inline script or style, no event handler, no javascript: URL."""
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.html is not None
    for script in soup.find_all("script"):
        assert script.get("src"), "a <script> without src"
        assert script.get_text().strip() == "", "an inline <script> body"
    assert soup.find_all("style") == []
    for element in soup.find_all(True):
        assert "style" not in element.attrs, f"style= on <{element.name}>"
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        assert handlers == [], f"{handlers} on <{element.name}>"
        for name in ("href", "src", "action", "formaction"):
            value = re.sub(r"\s", "", element.get(name) or "").lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), f"{name}={value!r}"


@pytest.mark.parametrize(("path", "status"), ANONYMOUS_PAGES)
def test_anonymous_pages_send_security_headers_and_no_inline_code(site, client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert_security_headers(response)
    assert_no_inline_code(response)


@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_member_pages_keep_the_csp(site, client, auth, path):
    auth.login("member")
    response = client.get(path)
    assert response.status_code == 200
    assert_security_headers(response)
    assert_no_inline_code(response)


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_keep_the_csp(site, client, auth, path):
    auth.login("admin")
    response = client.get(path)
    assert response.status_code == 200
    assert_security_headers(response)
    assert_no_inline_code(response)


def test_form_errors_keep_the_csp(site, client):
    response = client.post("/login", data={"login": "member", "password": "wrong password"})
    assert response.status_code == 200
    assert BeautifulSoup(response.data, "html.parser").find(class_="error-summary") is not None
    assert_security_headers(response)
    assert_no_inline_code(response)


def test_static_files_and_redirects_send_the_headers_too(site, client):
    with client.get("/static/css/site.css") as response:
        assert response.status_code == 200
        assert_security_headers(response)
    response = client.post("/language", data={"locale": "en"})
    assert response.status_code == 302
    assert_security_headers(response)


# --- production cookies -----------------------------------------------------------------------------

@pytest.fixture
def production_app(app, database_uri, monkeypatch):
    """The app as production builds it, on the test database (the `app` fixture empties it afterwards)."""
    monkeypatch.setenv("SECRET_KEY", "production-test-secret")
    monkeypatch.setenv("DATABASE_URL", database_uri)
    production = create_app(
        ProductionConfig,
        SQLALCHEMY_DATABASE_URI=database_uri,
        SECRET_KEY="production-test-secret",  # the class read the environment when config.py was imported
        PASSWORD_HASH_PARAMS=TestingConfig.PASSWORD_HASH_PARAMS,
        RATELIMIT_ENABLED=False,
    )
    with production.app_context():
        make_user("alice")
    yield production
    with production.app_context():
        db.session.remove()
        db.engine.dispose()


def set_cookies(response) -> dict[str, dict[str, str | bool]]:
    """Name -> attributes (lower-case keys) of every Set-Cookie header."""
    cookies = {}
    for header in response.headers.getlist("Set-Cookie"):
        parsed = SimpleCookie()
        parsed.load(header)
        for name, morsel in parsed.items():
            cookies[name] = {key: morsel[key] for key in morsel.keys() if morsel[key]}
    return cookies


def csrf_token(response) -> str:
    field = BeautifulSoup(response.data, "html.parser").find("input", attrs={"name": "csrf_token"})
    return field["value"]


@pytest.mark.parametrize("remember", [False, True])
def test_production_login_sets_secure_cookies(production_app, remember):
    client = production_app.test_client()
    form = client.get("/login", base_url="https://localhost")
    data = {"login": "alice", "password": PASSWORD, "csrf_token": csrf_token(form)}
    if remember:
        data["remember"] = "y"
    response = client.post("/login", data=data, base_url="https://localhost",
                           headers={"Referer": "https://localhost/login"})  # Flask-WTF checks it over HTTPS
    assert response.status_code == 302, "the login with a valid CSRF token should succeed"
    cookies = set_cookies(response)
    names = ["session", "remember_token"] if remember else ["session"]
    for name in names:
        assert cookies[name]["secure"] is True, name
        assert cookies[name]["httponly"] is True, name
        assert cookies[name]["samesite"] == "Lax", name
    assert ("remember_token" in cookies) is remember


@pytest.mark.parametrize(("path", "status"), [("/", 200), ("/login", 200), ("/static/css/site.css", 200),
                                              ("/no/such/page", 404), ("/settings", 302)])
def test_production_tells_browsers_to_use_https_only_for_a_year(production_app, path, status):
    with production_app.test_client().get(path, base_url="https://localhost") as response:
        assert response.status_code == status
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        assert_security_headers_but_hsts(response)


def assert_security_headers_but_hsts(response) -> None:
    del response.headers["Strict-Transport-Security"]
    assert_security_headers(response)


def test_production_refuses_a_login_without_csrf_token(production_app):
    client = production_app.test_client()
    client.get("/login", base_url="https://localhost")
    response = client.post("/login", data={"login": "alice", "password": PASSWORD}, base_url="https://localhost",
                           headers={"Referer": "https://localhost/login"})
    assert response.status_code == 400
    assert client.get("/settings", base_url="https://localhost").status_code == 302  # still logged out


# --- CSRF ------------------------------------------------------------------------------------------

def translated(app, locale: str, message) -> str:
    """`message` (a msgid or a lazy string) as the catalog for `locale` renders it."""
    with app.test_request_context(), force_locale(locale):
        return gettext(message) if isinstance(message, str) else str(message)


@pytest.mark.parametrize("app_overrides", [{"WTF_CSRF_ENABLED": True}])
@pytest.mark.parametrize(("headers", "lang"), [({}, "de"), ({"Accept-Language": "en"}, "en")])
@pytest.mark.parametrize(("path", "data"), [
    ("/login", {"login": "alice", "password": PASSWORD}),
    ("/logout", {}),
])
def test_post_without_csrf_token_is_refused_with_our_error_page(app, client, headers, lang, path, data):
    with app.app_context():
        make_user("alice")
    response = client.post(path, data=data, headers=headers)
    assert response.status_code == 400
    soup = BeautifulSoup(response.data, "html.parser")
    assert soup.html["lang"] == lang
    assert [h1.get_text(strip=True) for h1 in soup.find_all("h1")] == [translated(app, lang, "Bad request")]
    assert translated(app, lang, CSRF_TEXT) in " ".join(soup.get_text(" ").split())
    assert_security_headers(response)
    assert client.get("/settings").status_code == 302  # nobody got logged in


@pytest.mark.parametrize("app_overrides", [{"WTF_CSRF_ENABLED": True}])
def test_a_signed_in_language_switch_needs_the_token_an_anonymous_one_does_not(app, client):
    with app.app_context():
        make_user("alice", locale="de")
    assert client.post("/language", data={"locale": "en"}).status_code == 302  # anonymous: display only
    token = csrf_token(client.get("/login"))
    client.post("/login", data={"login": "alice", "password": PASSWORD, "csrf_token": token})
    refused = client.post("/language", data={"locale": "en"})
    assert refused.status_code == 400
    assert translated(app, "de", CSRF_TEXT) in " ".join(BeautifulSoup(refused.data, "html.parser").get_text(" ").split())
    with app.app_context():
        assert db.session.scalar(db.select(User.locale).where(User.username == "alice")) == "de"
    token = csrf_token(client.get("/settings"))
    assert client.post("/language", data={"locale": "en", "csrf_token": token}).status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(User.locale).where(User.username == "alice")) == "en"


@pytest.mark.parametrize("app_overrides", [{"WTF_CSRF_ENABLED": True}])
def test_post_with_csrf_token_is_accepted(app, client):
    with app.app_context():
        make_user("alice")
    token = csrf_token(client.get("/login"))
    response = client.post("/login", data={"login": "alice", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    assert client.get("/settings").status_code == 200
