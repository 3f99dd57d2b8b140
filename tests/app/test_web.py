"""The views' shared helpers: ids and pages from outside are numbers from 1 to MAX_ID or they name nothing (404,
never a 500), on every route; refusals answer 403 (or the login page) through one error handler."""
from __future__ import annotations

import re

import pytest
from factories import make_category, make_idea, make_thread, make_user
from flask import Flask

from app.permissions import NotAllowed
from app.users.models import Role
from app.web import MAX_ID, parse_id, refuse

TOO_LARGE = ("2147483648", "9223372036854775807", "9223372036854775808", "99999999999999999999999999999")
NOT_A_PAGE = ("0", "-1", "abc", "1.5", "1e3", "+2", " 1", "١", "٣", "²") + TOO_LARGE
INT_ARGUMENT = re.compile(r"<int:([a-z_]+)>")
OTHER_ARGUMENT = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")


@pytest.mark.parametrize(("raw", "expected"), [
    ("1", 1), ("42", 42), (str(MAX_ID), MAX_ID), ("007", 7),
    ("0", None), ("-1", None), ("", None), ("x1", None), ("١٢", None), ("²", None), (" 1", None),
    (str(MAX_ID + 1), None), ("9223372036854775808", None), (None, None), (12, None),
])
def test_parse_id_takes_ascii_digits_from_one_to_the_largest_id(raw, expected):
    assert parse_id(raw) == expected


def routes_with_ids(app: Flask) -> list[tuple[str, str]]:
    """(method, path template) of every route that takes an id, each method it answers."""
    found = []
    for rule in app.url_map.iter_rules():
        if not INT_ARGUMENT.search(rule.rule):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((method, rule.rule))
    return found


@pytest.fixture
def admin_client(app, client, auth):
    with app.app_context():
        make_user("root", roles=(Role.ADMIN,))
    auth.login("root")
    return client


def test_every_route_that_takes_an_id_answers_404_to_a_number_no_row_can_have(app, admin_client):
    routes = routes_with_ids(app)
    assert len(routes) > 30  # ideas, solutions, threads, posts, notifications, categories …
    failures = []
    for method, template in routes:
        for number in TOO_LARGE:
            path = OTHER_ARGUMENT.sub("x", INT_ARGUMENT.sub(number, template))
            response = admin_client.open(path, method=method)
            if response.status_code != 404:
                failures.append((method, path, response.status_code))
    assert failures == []


def test_ids_in_other_scripts_digits_are_not_ids(client):
    assert client.get("/ideas/١").status_code == 404
    assert client.get("/t/²").status_code == 404


PAGED = ("/ideas", "/ideas/awaiting-answer", "/solutions", "/forums/{category}", "/t/{thread}", "/ideas/{idea}",
         "/notifications", "/following", "/u/author/ideas")


@pytest.fixture
def paged_paths(app, admin_client) -> list[str]:
    with app.app_context():
        category = make_category("city")
        thread = make_thread(category=category)
        idea = make_idea(make_user("author"))
        values = {"category": category.slug, "thread": thread.id, "idea": idea.id}
    return [path.format(**values) for path in PAGED]


def test_every_paginated_page_answers_404_to_a_page_that_is_not_a_number_from_one_to_the_last(
        admin_client, paged_paths):
    failures = []
    for path in paged_paths:
        assert admin_client.get(path).status_code == 200, path
        assert admin_client.get(f"{path}?page=1").status_code == 200, path
        for page in NOT_A_PAGE + ("2",):
            status = admin_client.get(path, query_string={"page": page}).status_code
            if status != 404:
                failures.append((path, page, status))
    assert failures == []


def test_a_refusal_is_the_403_page_for_members_and_the_login_page_for_visitors(app, client, auth):
    @app.get("/refused-for-the-test")
    def refused():
        refuse("You may not do this here.")

    assert client.get("/refused-for-the-test").status_code == 302
    with app.app_context():
        make_user("alice")
    auth.login()
    response = client.get("/refused-for-the-test")
    assert response.status_code == 403
    assert "You may not do this here." in response.get_data(as_text=True)


def test_a_package_refusal_is_a_not_allowed():
    from forums.services import NotAllowed as ForumRefusal, ThreadLocked
    from ideas.services import NotAllowed as IdeaRefusal
    from ideas.solutions.services import NotAllowed as SolutionRefusal
    from voting.services import NotAllowed as VotingRefusal

    for refusal in (ForumRefusal, ThreadLocked, IdeaRefusal, SolutionRefusal, VotingRefusal):
        assert issubclass(refusal, NotAllowed)
    assert "locked" in str(ThreadLocked().message)
