"""A page view fetches only files that exist and raises no console errors (CSP violations are console errors)."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page


@pytest.fixture
def served(app) -> list[tuple[str, int]]:
    """(path, status) of every request the live server answers, the browser's own favicon request included."""
    seen: list[tuple[str, int]] = []
    inner = app.wsgi_app

    def record(environ, start_response):
        def start(status, headers, exc_info=None):
            seen.append((environ.get("PATH_INFO", ""), int(status.split()[0])))
            return start_response(status, headers, exc_info)

        return inner(environ, start)

    app.wsgi_app = record
    return seen


@pytest.mark.fresh_browser  # a cold cache: every file and the favicon are fetched, and its listeners stay its own
@pytest.mark.parametrize("path", ["/", "/login", "/register"])
def test_a_page_view_fetches_nothing_missing(page: Page, served, path):
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(path)
    for _ in range(50):  # the browser asks for the icon after the load event
        if any("favicon" in requested for requested, _status in served):
            break
        page.wait_for_timeout(100)

    # A 404 for /favicon.ico renders a whole page and writes the session cookie; answered in parallel with a
    # form post (the language switch), it could overwrite that post's session and undo the choice.
    assert [(requested, status) for requested, status in served if status >= 400] == []
    assert ("/static/img/favicon.svg", 200) in served
    assert problems == []
