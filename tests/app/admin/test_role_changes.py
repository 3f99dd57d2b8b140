"""Administrators grant and revoke moderator, city staff and administrator on a person's page: audited with the
roles before and after, effective on the person's next request in a session opened before the change, and the
last administrator keeps their role."""
from __future__ import annotations

import pytest
from factories import make_user
from helpers import field_error, soup
from sqlalchemy import select

from app.admin import roles
from app.extensions import db
from app.moderation.models import AuditEntry
from app.permissions import NotAllowed
from app.users.models import Role, User

ENGLISH = {"Accept-Language": "en"}


def held(username: str) -> set[Role]:
    db.session.rollback()
    return db.session.execute(select(User).where(User.username == username)).scalar_one().role_names


def entries(action: str) -> list[AuditEntry]:
    db.session.rollback()
    return list(db.session.execute(select(AuditEntry).where(AuditEntry.action == action)).scalars())


@pytest.fixture
def people(db):
    make_user("ada", roles=(Role.ADMIN,), locale="en")
    make_user("pia")


def test_the_person_page_shows_the_roles_as_ticked_boxes(client, auth, people):
    auth.login("ada")
    page = soup(client.get("/admin/people/pia", headers=ENGLISH))
    form = page.find("form", action="/admin/people/pia/roles")
    assert form is not None and form.get("method") == "post"
    boxes = {box["name"]: box.has_attr("checked") for box in form.find_all("input", type="checkbox")}
    assert boxes == {"moderator": False, "city_staff": False, "admin": False}


def test_granting_and_revoking_is_audited_and_effective_on_an_open_session(app, client, auth, people):
    pia = app.test_client()
    pia.post("/login", data={"login": "pia", "password": "correct horse battery"})
    assert pia.get("/moderation").status_code == 403
    assert pia.get("/admin/people").status_code == 404
    auth.login("ada")

    response = client.post("/admin/people/pia/roles", data={"moderator": "y", "admin": "y"})

    assert response.status_code == 302 and response.location == "/admin/people/pia#roles"
    assert held("pia") == {Role.MEMBER, Role.MODERATOR, Role.ADMIN}
    granted = entries("role.granted")
    assert sorted(e.after["role"] for e in granted) == ["admin", "moderator"]
    assert all(e.actor_name == "ada" and e.object_kind == "user" for e in granted)
    assert granted[0].before == {"roles": ["member"]}
    # pia's session, opened before the change, has the new rights on its next request
    assert pia.get("/moderation").status_code == 200
    assert pia.get("/admin/people").status_code == 200

    client.post("/admin/people/pia/roles", data={"city_staff": "y"})

    assert held("pia") == {Role.MEMBER, Role.CITY_STAFF}
    revoked = entries("role.revoked")
    assert sorted(e.after["role"] for e in revoked) == ["admin", "moderator"]
    assert revoked[-1].after["roles"] == ["city_staff", "member"]
    assert pia.get("/admin/people").status_code == 404
    assert pia.get("/moderation").status_code == 403


def test_saving_unchanged_roles_writes_nothing(client, auth, people):
    auth.login("ada")
    client.post("/admin/people/pia/roles", data={})
    assert entries("role.granted") == entries("role.revoked") == []


def test_the_last_administrator_keeps_the_role(client, auth, people):
    auth.login("ada")

    response = client.post("/admin/people/ada/roles", data={"moderator": "y"}, headers=ENGLISH)

    assert response.status_code == 200
    assert "last administrator" in field_error(response, "admin")
    assert soup(response).find(class_="error-summary").find("a", href="#admin") is not None
    assert soup(response).find("input", attrs={"name": "moderator"}).has_attr("checked")  # kept as ticked
    assert held("ada") == {Role.MEMBER, Role.ADMIN}  # the moderator role was not granted either
    assert entries("role.granted") == entries("role.revoked") == []


def test_with_a_second_administrator_one_may_step_down(client, auth, people):
    make_user("ben", roles=(Role.ADMIN,))
    auth.login("ada")
    assert client.post("/admin/people/ada/roles", data={}).status_code == 302
    assert held("ada") == {Role.MEMBER}
    assert client.get("/admin/people").status_code == 404  # on the very next request


def test_the_use_cases_refuse_non_admins_and_the_member_role(db, people):
    pia = db.session.execute(select(User).where(User.username == "pia")).scalar_one()
    with pytest.raises(NotAllowed):
        roles.grant_role(pia, pia, Role.ADMIN)
    ada = db.session.execute(select(User).where(User.username == "ada")).scalar_one()
    with pytest.raises(ValueError):
        roles.revoke_role(ada, pia, Role.MEMBER)
    assert held("pia") == {Role.MEMBER}


def test_an_unknown_person_is_404(client, auth, people):
    auth.login("ada")
    assert client.get("/admin/people/nobody").status_code == 404
    assert client.post("/admin/people/nobody/roles", data={"admin": "y"}).status_code == 404


class TestWithCsrf:
    @pytest.fixture
    def app_overrides(self):
        return {"WTF_CSRF_ENABLED": True}

    def test_the_role_form_carries_a_token_and_a_post_without_one_changes_nothing(self, client, people):
        token = soup(client.get("/login")).find("input", attrs={"name": "csrf_token"})["value"]
        client.post("/login", data={"login": "ada", "password": "correct horse battery", "csrf_token": token})

        form = soup(client.get("/admin/people/pia")).find("form", action="/admin/people/pia/roles")
        assert form.find("input", attrs={"name": "csrf_token"}) is not None
        assert client.post("/admin/people/pia/roles", data={"admin": "y"}).status_code == 400
        assert held("pia") == {Role.MEMBER}
