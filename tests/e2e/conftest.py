"""Browser fixtures: Debian's Chromium through Playwright, and the app served live on 127.0.0.1."""
from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

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


@pytest.fixture
def live_server(app) -> Iterator[str]:
    """The test's app served by werkzeug on 127.0.0.1 and a free port; yields the base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def base_url(live_server: str) -> str:
    """page.goto("/login") resolves against the live server of this test."""
    return live_server


@pytest.fixture
def browser_context_args(pytestconfig, request, playwright, device, base_url: str) -> dict:
    """Function-scoped (the live server is), a German-speaking visitor by default.

    pytest-playwright's own fixture is session-scoped and would clash with the per-test base_url; this one
    keeps its --device and --video options.
    """
    args = dict(playwright.devices[device]) if device else {}
    if pytestconfig.getoption("--video") in ("on", "retain-on-failure"):
        args["record_video_dir"] = request.getfixturevalue("_pw_artifacts_folder").name
    args.update(base_url=base_url, locale="de-DE", timezone_id="Europe/Berlin")
    return args


# --- what a person reads: the app's own catalog, in a given language ----------------------------

@pytest.fixture
def say(app):
    """`say("de", "Log in")`: the text the app shows for a message in that language."""
    from flask_babel import force_locale, gettext

    def translate(locale: str, message: str, **variables) -> str:
        with app.test_request_context(), force_locale(locale):
            return gettext(message, **variables)

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
        if not page.evaluate("typeof window.axe === 'object'"):
            page.evaluate(axe_source)
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
        return page.evaluate("options => axe.run(document, options)", options)["violations"]

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
