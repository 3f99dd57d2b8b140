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


HOSTILE = """Look: ![tracker](https://evil.example/pixel.png) and <img src="https://evil.example/raw.png">
<link rel="stylesheet" href="https://evil.example/s.css"> <p style="background:url(https://evil.example/bg.png)">x</p>
[relative](//evil.example/page) and www.evil.example"""


@pytest.mark.fresh_browser  # a cold cache: every style sheet, script and icon is requested, and seen
def test_every_page_family_with_hostile_user_content_asks_only_this_site(app, page: Page, base_url: str):
    """Every request of these pages goes to the live server, whatever their user content tries (the page fixture
    also fails any test whose pages ask another host; this one gives them every reason to)."""
    from factories import make_category, make_idea, make_reply, make_thread, make_user

    with app.app_context():
        author = make_user("hedda", bio_md=HOSTILE)
        idea = make_idea(author, title="Hostile idea text", body=HOSTILE)
        thread = make_thread(author, make_category("talk"), title="Hostile thread", body=HOSTILE)
        make_reply(thread, author, HOSTILE)
        idea_id, thread_id = idea.id, thread.id
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    for path in ("/", "/ideas", f"/ideas/{idea_id}", "/forums", "/forums/talk", f"/t/{thread_id}", "/u/hedda",
                 "/search?q=hostile", "/login", "/register"):
        assert page.goto(path).status == 200, path

    assert [url for url in requested if not url.startswith(base_url)] == []
    assert any(".css" in url for url in requested), "no style sheet was requested: nothing was watched"
    assert page.locator('a[href^="//"]').count() == 0
