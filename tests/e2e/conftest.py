"""Browser fixtures: Debian's Chromium through Playwright, the app served live on 127.0.0.1, and what every browser
test needs (`lang`, `say`, `say_count`, `log_in`, `assert_accessible`), each defined here once.

A new browser test file needs none of its own: `page` waits at most 10 s for a step, reads German (`lang` is "de";
parametrize `lang` for other languages), and the browser asks for `lang` (override `browser_lang` for a browser in
another language) with JavaScript on (parametrize `javascript` to run without it). The plain helpers (keyboard,
checking a page) are in tests/e2e/browsing.py.
"""
from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Error, Page, expect
from werkzeug.serving import make_server

from bench.wrk import csrf_token
from browsing import ACCEPT_LANGUAGE, key_to, tab_once_to
from factories import PASSWORD
from remote_resources import foreign

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
E2E_DIR = Path(__file__).parent


def browser_required() -> bool:
    """CI sets WERKSTADT_REQUIRE_BROWSER=1 so that browser tests can never be skipped silently."""
    return os.environ.get("WERKSTADT_REQUIRE_BROWSER", "").strip() == "1"


def pytest_collection_modifyitems(config, items) -> None:
    """Mark every test under tests/e2e with `e2e` (select with -m e2e, leave out with -m 'not e2e')."""
    for item in items:
        if E2E_DIR in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's Chromium (or $CHROMIUM_PATH) instead of a browser downloaded by `playwright install`."""
    executable = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    if not (os.path.isfile(executable) and os.access(executable, os.X_OK)):
        message = f"no Chromium at {executable} (apt-get install -y chromium, or set CHROMIUM_PATH)"
        if browser_required():
            pytest.fail(message + "; WERKSTADT_REQUIRE_BROWSER=1 forbids skipping", pytrace=False)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture
def app_overrides() -> dict:
    """The browser submits real forms, so it must send real CSRF tokens."""
    return {"WTF_CSRF_ENABLED": True}


class _CurrentApp:
    """The WSGI app of the test that is running: one live server serves every test's fresh app in turn."""

    def __init__(self) -> None:
        self.app = None

    def __call__(self, environ, start_response):
        app = self.app
        if app is None:  # between tests: nothing is served
            start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
            return [b"no test is running"]
        return app(environ, start_response)


@pytest.fixture(scope="session")
def _live_server() -> Iterator[tuple[str, _CurrentApp]]:
    """werkzeug on 127.0.0.1 and a free port, started once per process; yields the base URL and its dispatcher.

    One origin for the whole session lets the browser contexts (and their caches) outlive a test."""
    current = _CurrentApp()
    server = make_server("127.0.0.1", 0, current, threaded=True)
    # serve_forever looks for shutdown() every poll_interval (0.5 s by default): the session's end waited for it.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, name="live-server",
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", current
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def live_server(app, _live_server) -> Iterator[str]:
    """The test's app served by werkzeug on 127.0.0.1 (the session's server); yields the base URL."""
    url, current = _live_server
    current.app = app
    try:
        yield url
    finally:
        current.app = None


@pytest.fixture
def base_url(live_server: str) -> str:
    """page.goto("/login") resolves against the live server of this test."""
    return live_server


@pytest.fixture
def lang() -> str:
    """The language the test reads the app in (accounts, messages); parametrize it for more."""
    return "de"


@pytest.fixture
def browser_lang(lang: str) -> str:
    """The language the browser asks for (Accept-Language): the reader's `lang` unless a module overrides it."""
    return lang


@pytest.fixture
def javascript() -> bool:
    """Whether the browser runs JavaScript; parametrize it with [True, False] to test both."""
    return True


@pytest.fixture
def browser_context_args(pytestconfig, request, playwright, device, base_url: str, browser_lang: str,
                         javascript: bool) -> dict:
    """Function-scoped (`browser_lang` and `javascript` are): a visitor in Berlin whose browser asks for
    `browser_lang`. pytest-playwright's own fixture is session-scoped; this one keeps its --device and --video
    options.
    """
    args = dict(playwright.devices[device]) if device else {}
    if pytestconfig.getoption("--video") in ("on", "retain-on-failure"):
        args["record_video_dir"] = request.getfixturevalue("_pw_artifacts_folder").name
    args.update(base_url=base_url, locale=ACCEPT_LANGUAGE[browser_lang], timezone_id="Europe/Berlin",
                java_script_enabled=javascript)
    return args


ARTIFACT_OPTIONS = {"--tracing": "off", "--video": "off", "--screenshot": "off"}


def fresh_context_per_test(pytestconfig) -> bool:
    """A test that records a trace, a video or screenshots gets pytest-playwright's own context of its own."""
    return any(pytestconfig.getoption(option) != off for option, off in ARTIFACT_OPTIONS.items())


@pytest.fixture(scope="session")
def _shared_pages(browser) -> Iterator[dict]:
    """One browser context, with one page, for each set of context options, kept for the session: a context and
    its page (a renderer process) cost a third of a second of CPU to make, and the styles are fetched once."""
    pages: dict = {}
    yield pages
    for shared in pages.values():
        shared.context.close()


@contextlib.contextmanager
def requests_elsewhere(context, own: str) -> Iterator[list[str]]:
    """While it lasts, the URLs that pages of `context` ask of any other host than `own` (the live server; data:
    URLs are the page's own). The page fixture fails a test that made any: no page makes a reader contact another
    host."""
    elsewhere: list[str] = []

    def watch(request) -> None:
        elsewhere.extend(foreign([request.url], own))

    context.on("request", watch)
    try:
        yield elsewhere
    finally:
        context.remove_listener("request", watch)


OTHER_HOSTS = "the pages asked other hosts for"


@pytest.fixture
def page(request, pytestconfig, browser, browser_context_args: dict, _shared_pages: dict) -> Iterator[Page]:
    """The browser page of this test. No step waits longer than 10 seconds (Playwright's default for actions is 30).

    It starts as a new browser would: no cookies (signed out), the usual window size, the mouse in a corner
    (no hover style), no other page open. After the test it shows about:blank again, so that nothing of this
    test's page (a timer, a request) reaches the next one; after a failed test the context is closed. A context
    the test opened itself it closes itself.
    """
    if fresh_context_per_test(pytestconfig) or request.node.get_closest_marker("fresh_browser"):
        fresh = request.getfixturevalue("new_context")()
        fresh.set_default_timeout(10_000)
        with requests_elsewhere(fresh, browser_context_args["base_url"]) as elsewhere:
            yield fresh.new_page()
        assert elsewhere == [], f"{OTHER_HOSTS} {elsewhere}"
        return
    key = repr(sorted(browser_context_args.items()))
    shared = _shared_pages.get(key)
    if shared is None or shared.is_closed():
        context = browser.new_context(**browser_context_args)
        shared = _shared_pages[key] = context.new_page()
    context = shared.context
    context.clear_cookies()
    context.set_default_timeout(10_000)
    viewport = browser_context_args.get("viewport") or {"width": 1280, "height": 720}
    if shared.viewport_size != viewport:
        shared.set_viewport_size(viewport)
    shared.mouse.move(0, 0)
    with requests_elsewhere(context, browser_context_args["base_url"]) as elsewhere:
        yield shared
    call = getattr(request.node, "rep_call", None)  # pytest-playwright keeps each phase's report on the test
    try:
        if call is None or call.failed:  # whatever a failed test left behind (a held key, a dialog) goes with it
            raise Error("the test failed")
        for other in context.pages:
            if other is not shared:
                other.close()
        shared.goto("about:blank")
    except Error:  # the next test gets a new context
        _shared_pages.pop(key, None)
        context.close()
    assert elsewhere == [], f"{OTHER_HOSTS} {elsewhere}"


@pytest.fixture
def context(page: Page):
    """The browser context of this test's `page`."""
    return page.context


def sign_in_through_the_server(app, context, base_url: str, username: str) -> None:
    """The login form sent by the app's test client; its session cookie (with the welcome message) goes into the
    browser `context`. The same request the browser would send, without drawing two pages in Chromium."""
    client = app.test_client()
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"login": username, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302, f"{username} could not log in: {response.status_code}"
    session = client.get_cookie("session")
    context.add_cookies([{"name": session.key, "value": session.value, "url": base_url, "httpOnly": True,
                          "sameSite": "Lax"}])


@pytest.fixture
def log_in(app, page: Page, say, lang: str, browser_lang: str, base_url: str) -> Callable[..., Page]:
    """`log_in("carla", "Carla Nowak")`: signs in, until the welcome shows; returns the page.

    The login form is sent by the server's test client and the browser gets the session cookie, unless
    `by_keyboard`: then the browser tabs into the form's fields, types and presses Enter (the form itself is tested
    there and in the account journey). The form's labels are read in `form_lang` (the browser's language by
    default), the welcome in `account_lang` (`lang` by default). `then` opens a page afterwards (it must answer
    200); `on` logs in another page (a second browser).
    """

    def go(username: str, name: str, *, form_lang: str | None = None, account_lang: str | None = None,
           by_keyboard: bool = False, then: str | None = None, on: Page | None = None) -> Page:
        target, form_lang = on or page, form_lang or browser_lang
        if by_keyboard:
            target.goto("/login")
            key_to(target, target.get_by_label(say(form_lang, "E-mail address or username")))
            target.keyboard.type(username)
            tab_once_to(target, target.get_by_label(say(form_lang, "Password"), exact=True))
            target.keyboard.type(PASSWORD)
            target.keyboard.press("Enter")
        else:
            sign_in_through_the_server(app, target.context, base_url, username)
            target.goto("/")
        expect(target.get_by_role("status")).to_contain_text(
            say(account_lang or lang, "Welcome back, %(name)s.", name=name))
        if then is not None:
            assert target.goto(then).status == 200
        return target

    return go


# --- what a person reads: the app's own catalog, in a given language ----------------------------

@pytest.fixture
def say(app):
    """`say("de", "Log in")`: the text the app shows for a message in that language."""
    from flask_babel import force_locale, gettext

    def translate(locale: str, message: str, **variables) -> str:
        with app.test_request_context(), force_locale(locale):
            return gettext(message, **variables)

    return translate


@pytest.fixture
def say_count(app):
    """`say_count("de", "%(num)s idea", "%(num)s ideas", 3)`: a plural as the app shows it (more variables as
    keywords)."""
    from flask_babel import force_locale, ngettext

    def translate(locale: str, singular: str, plural: str, num: int, **variables) -> str:
        with app.test_request_context(), force_locale(locale):
            return ngettext(singular, plural, num, **variables)

    return translate


# --- axe-core, injected with page.evaluate (the strict CSP blocks inline <script> tags) -----------

AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_PATH.is_file():
        message = f"axe-core missing at {AXE_PATH} (run `npm ci`)"
        if browser_required():
            pytest.fail(message + "; WERKSTADT_REQUIRE_BROWSER=1 forbids skipping", pytrace=False)
        pytest.skip(message)
    return AXE_PATH.read_text(encoding="utf-8")


@pytest.fixture
def axe(axe_source):
    """`axe(page)`: the axe-core violations of the page as it is now (WCAG 2.2 AA and best practice)."""

    def run(page) -> list[dict]:
        # A page reached by a keyboard-submitted form may still be loading its stylesheet when the test's last
        # expectation (a DOM text) holds; axe measures layout (target sizes, contrast), so wait for it.
        page.wait_for_load_state("load")
        if not page.evaluate("typeof window.axe === 'object'"):
            page.evaluate(axe_source)
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
        # Only the violations come back: the rest of axe's result (every rule that passed or did not apply) is
        # most of it, and Playwright would serialize, send and validate it for nothing.
        return page.evaluate("options => axe.run(document, options).then(result => result.violations)", options)

    return run


def describe_violations(url: str, violations: list[dict]) -> str:
    """A readable list: rule, impact, help, and for each node its selector, HTML and what to fix."""
    lines = [f"{len(violations)} axe violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}  <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            for summary_line in (node.get("failureSummary") or "").splitlines():
                lines.append(f"      {summary_line.strip()}")
    return "\n".join(lines)


@pytest.fixture
def assert_accessible(axe):
    """`assert_accessible(page)`: fail with a readable list unless axe finds zero violations."""

    def check(page, what: str = "") -> None:
        violations = axe(page)
        where = f"{what} ({page.url})" if what else page.url
        assert not violations, describe_violations(where, violations)

    return check
