"""SQL statements per page stay few and do not grow with the data (house rule 10)."""
from __future__ import annotations

import pytest
from factories import make_user

from app.extensions import db
from app.pages.models import Page
from app.pages.services import save_page
from app.users import profile_sections
from app.users.models import Role

PASSWORD = "correct horse battery"

# (path, signed in, most statements): measured on SQLite and PostgreSQL, plus one to spare.
#   /            anonymous 7 (welcome page, then the     signed in 12 (+ user with roles, one join; the
#                home page's lists and figures, empty     header's unread count; drafts, supported ideas,
#                here: tests/ideas/test_home_queries.py)  unread notifications)
#   /u/alice     anonymous 2 (user, roles)             signed in 3 (+ the session's user)
#                and one for each list the features add to a profile (app.users.profile_sections): ideas, posts
#                and solutions for everyone (5), and alice's own drafts for alice (7)
#   /login       anonymous 0                           /settings signed in 1 (the session's user)
PAGES = [
    ("/", False, 8),
    ("/", True, 13),
    ("/u/alice", False, 6),
    ("/u/alice", True, 8),
    ("/login", False, 1),
    ("/settings", True, 2),
]


def seed(app) -> None:
    """Alice (a moderator, with a bio) and the welcome text in both languages."""
    with app.app_context():
        alice = make_user("alice", roles=(Role.MODERATOR,), bio_md="I like **parks**.")
        for locale in ("de", "en"):
            save_page("welcome", locale, title="Willkommen", body_md="Hallo *Stadt*.", editor=alice)


def grow(app, n: int = 50) -> None:
    """`n` more users (some staff) and `n` more content pages in the database."""
    roles = [(), (Role.MODERATOR,), (Role.CITY_STAFF,), (Role.ADMIN, Role.MODERATOR)]
    with app.app_context():
        for i in range(n):
            make_user(f"extra{i}", roles=roles[i % len(roles)], bio_md=f"Bio {i}")
        db.session.add_all(Page(slug=f"extra-{i}", locale="de" if i % 2 else "en", title=f"Page {i}",
                                body_md="Text") for i in range(n))
        db.session.commit()


def measure(client, count_queries, path: str) -> tuple[int, list[str]]:
    client.get(path)  # warm up: the first request may compile templates and prepare statements
    with count_queries() as counter:
        response = client.get(path)
    assert response.status_code in (200, 302)
    return counter.count, counter.statements


def signed_in_client(app, signed_in: bool):
    client = app.test_client()
    if signed_in:
        assert client.post("/login", data={"login": "alice", "password": PASSWORD}).status_code == 302
    return client


@pytest.mark.parametrize(("path", "signed_in", "most"), PAGES)
def test_a_page_needs_few_statements(app, count_queries, path, signed_in, most):
    seed(app)
    client = signed_in_client(app, signed_in)

    count, statements = measure(client, count_queries, path)

    assert client.get(path).status_code == 200
    assert count <= most, "\n".join(statements)


@pytest.mark.parametrize(("path", "signed_in", "most"), PAGES)
def test_the_statement_count_does_not_grow_with_the_data(app, count_queries, path, signed_in, most):
    seed(app)
    client = signed_in_client(app, signed_in)
    before, _ = measure(client, count_queries, path)

    grow(app)
    after, statements = measure(client, count_queries, path)

    assert after == before, "\n".join(statements)


def test_a_profile_with_every_role_still_needs_two_statements_and_one_a_list(app, client, count_queries):
    with app.app_context():
        make_user("alice", roles=tuple(Role))
    lists = len(app.extensions[profile_sections.KEY])

    count, statements = measure(client, count_queries, "/u/alice")

    assert lists >= 3
    assert count <= 2 + lists, "\n".join(statements)
