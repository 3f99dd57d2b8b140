"""Every page of the admin area answers 404 to visitors, members, moderators and city staff (GET and POST), exactly
like an unknown address; nothing changes and every attempt by a signed-in person is in the audit log."""
from __future__ import annotations

import pytest
from factories import make_user
from helpers import soup
from sqlalchemy import func, select

from app.extensions import db
from app.moderation.models import AuditEntry
from app.trust.models import StoredSetting
from app.users.models import Role, UserRole

GETS = ["/admin/", "/admin/people", "/admin/people/pia", "/admin/settings", "/admin/pages", "/admin/design",
        "/admin/categories/forums", "/admin/categories/forums/new", "/admin/categories/ideas",
        "/admin/categories/ideas/new"]
POSTS = {
    "/admin/people/pia/roles": {"admin": "y", "moderator": "y"},
    "/admin/settings": {"s_moderation__auto_hide_reports": "1"},
    "/admin/categories/forums/new": {"slug": "taken", "name_de": "X", "name_en": "X", "color": "#0b4f8a"},
    "/admin/categories/ideas/new": {"slug": "taken", "name_de": "X", "support_threshold": "3", "answer_days": "3"},
}
OUTSIDERS = [None, (), (Role.MODERATOR,), (Role.CITY_STAFF,), (Role.MODERATOR, Role.CITY_STAFF)]


def state() -> tuple:
    db.session.rollback()
    roles = sorted(db.session.execute(select(UserRole.user_id, UserRole.role)).all())
    stored = db.session.execute(select(func.count()).select_from(StoredSetting)).scalar_one()
    return roles, stored


def refusals() -> list[str]:
    db.session.rollback()
    return list(db.session.execute(select(AuditEntry.action).where(AuditEntry.refused.is_(True))).scalars())


@pytest.fixture
def people(db):
    make_user("pia")
    make_user("ada", roles=(Role.ADMIN,))


@pytest.mark.parametrize("roles", OUTSIDERS)
def test_everyone_but_administrators_finds_nothing(client, auth, people, roles):
    if roles is not None:
        make_user("outsider", roles=roles)
        auth.login("outsider")
        client.get("/")  # shows the welcome message
    before = state()
    unknown = client.get("/admin/no-such-page")

    for path in GETS:
        response = client.get(path)
        assert response.status_code == 404, path
        assert str(soup(response).find("main")) == str(soup(unknown).find("main")), path  # the unknown page's text
        assert soup(response).select("header .current-section, header [aria-current]") == [], path  # no section
    for path, data in POSTS.items():
        assert client.post(path, data=data).status_code == 404, path

    assert state() == before
    if roles is not None:
        assert len(refusals()) == len(GETS) + len(POSTS)
        assert "refused.admin.person_roles" in refusals()


def test_administrators_see_every_page(client, auth, people):
    auth.login("ada")
    for path in GETS:
        assert client.get(path).status_code == 200, path
    assert refusals() == []


def test_an_unconfirmed_administrator_is_not_let_in(client, auth, people):
    make_user("nina", roles=(Role.ADMIN,), confirmed=False)
    auth.login("nina")
    assert client.get("/admin/people").status_code == 404


@pytest.mark.parametrize("roles", [None, (Role.MODERATOR,)])
def test_a_post_without_a_csrf_token_is_an_unknown_page_to_outsiders_and_a_bad_request_to_administrators(
        app, client, auth, people, roles):
    """The CSRF check runs behind the door: a 400 would tell an outsider that the address exists."""
    if roles is not None:
        make_user("outsider", roles=roles)
        auth.login("outsider")
    app.config["WTF_CSRF_ENABLED"] = True
    before = state()
    for path, data in POSTS.items():
        assert client.post(path, data=data).status_code == 404, path
    assert client.post("/ideas/integrity/no-such-page", data={}).status_code == 404
    assert state() == before

    app.config["WTF_CSRF_ENABLED"] = False
    if roles is not None:
        auth.logout()
    auth.login("ada")
    app.config["WTF_CSRF_ENABLED"] = True
    for path, data in POSTS.items():
        assert client.post(path, data=data).status_code == 400, path
    assert state() == before
