"""/admin/settings: one form from every defined setting, grouped; bounds checked with the error next to the field
and nothing stored; changes stored through `settings.change` and audited; auto-hide is a setting whose default is
the config value."""
from __future__ import annotations

import pytest
from factories import make_user
from helpers import field_error, soup
from sqlalchemy import select

from app.extensions import db
from app.moderation import intake
from app.moderation.models import AuditEntry
from app.trust import settings
from app.trust.models import StoredSetting
from app.users.models import Role

ENGLISH = {"Accept-Language": "en"}
AUTO_HIDE = "s_moderation__auto_hide_reports"


@pytest.fixture
def flag():
    """A flag defined for this test only (the page must show whatever is defined)."""
    setting = settings.define("test.flag", False, label="A test flag", group="Tests")
    yield setting
    settings.REGISTRY.pop("test.flag")


@pytest.fixture
def admin(db, client, auth):
    make_user("ada", roles=(Role.ADMIN,), locale="en")
    auth.login("ada")


def stored() -> dict:
    db.session.rollback()
    return dict(db.session.execute(select(StoredSetting.name, StoredSetting.value)).all())


def form_values(page) -> dict:
    form = page.find("form", action="/admin/settings")
    values = {i["name"]: i.get("value", "") for i in form.find_all("input", type="text")}
    values.update({i["name"]: "y" for i in form.find_all("input", type="checkbox") if i.has_attr("checked")})
    return values


def test_the_page_shows_every_defined_setting_grouped(client, admin, flag):
    page = soup(client.get("/admin/settings", headers=ENGLISH))

    legends = [legend.get_text(strip=True) for legend in page.select("form fieldset legend")]
    assert "Moderation" in legends and "Tests" in legends
    assert page.find("input", id=AUTO_HIDE)["value"] == "3"
    assert page.find("input", id="s_test__flag")["type"] == "checkbox"
    assert page.find("input", id=AUTO_HIDE)["inputmode"] == "numeric"


def test_a_change_is_stored_and_audited_and_used(client, admin, flag):
    values = form_values(soup(client.get("/admin/settings")))
    response = client.post("/admin/settings", data={**values, AUTO_HIDE: "5", "s_test__flag": "y"})

    assert response.status_code == 302
    assert stored() == {"moderation.auto_hide_reports": 5, "test.flag": True}
    changes = db.session.execute(select(AuditEntry).where(AuditEntry.action == "setting.changed")).scalars().all()
    assert sorted(((e.before, e.after) for e in changes), key=str) == [
        ({"moderation.auto_hide_reports": 3}, {"moderation.auto_hide_reports": 5}),
        ({"test.flag": False}, {"test.flag": True})]
    settings.forget()
    assert settings.value(intake.AUTO_HIDE_REPORTS) == 5

    client.post("/admin/settings", data={**values, AUTO_HIDE: "3"})  # back to the default: no row
    assert stored() == {}


@pytest.mark.parametrize("typed", ["0", "101", "abc", "", "2.5"])
def test_a_value_out_of_bounds_is_an_error_next_to_the_field_and_nothing_is_stored(client, admin, flag, typed):
    response = client.post("/admin/settings", data={AUTO_HIDE: typed, "s_test__flag": "y"}, headers=ENGLISH)

    assert response.status_code == 200
    error = field_error(response, AUTO_HIDE)
    assert error and ("from 1 to 100" in error or "fill in" in error)
    page = soup(response)
    assert page.find(class_="error-summary").find("a", href=f"#{AUTO_HIDE}") is not None
    assert page.find("input", id=AUTO_HIDE)["value"] == typed  # kept as typed
    assert page.find("input", id="s_test__flag").has_attr("checked")
    assert stored() == {}


def test_the_auto_hide_default_is_the_config_value(app, db):
    with app.test_request_context():
        app.config["MODERATION_AUTO_HIDE_REPORTS"] = 7
        settings.forget()
        assert settings.value(intake.AUTO_HIDE_REPORTS) == 7
        app.config["MODERATION_AUTO_HIDE_REPORTS"] = 0  # out of the setting's bounds: its own default
        assert settings.value(intake.AUTO_HIDE_REPORTS) == 3
