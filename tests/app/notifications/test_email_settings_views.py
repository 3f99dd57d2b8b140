"""/settings/notifications: one choice per kind, kept on errors, saved per user; defaults for who never chose."""
from __future__ import annotations

import pytest
from flask_babel import force_locale
from factories import make_user
from helpers import soup, summary_links

from app.extensions import db
from app.notifications import kinds
from app.notifications.email_settings import deliveries

ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def member(db, auth):
    user = make_user("alice", locale="en")
    auth.login("alice")
    return user


def group_error(response, field_id: str) -> str | None:
    """The error of a radio group, checked to be tied to its fieldset and marked on its options."""
    page = soup(response)
    error, group = page.find(id=f"{field_id}-error"), page.find("fieldset", id=field_id)
    if error is None:
        return None
    assert f"{field_id}-error" in group["aria-describedby"].split()
    assert all(option.get("aria-invalid") == "true" for option in group.find_all("input"))
    return error.get_text(" ", strip=True).removeprefix("Error: ")


def all_choices(delivery: str) -> dict[str, str]:
    return {f"kind_{kind.name}": delivery for kind in kinds.all_kinds()}


def test_every_kind_has_a_labelled_group_with_the_default_checked(app, client, member):
    page = soup(client.get("/settings/notifications", headers=ENGLISH))
    groups = page.select("main form fieldset")
    with app.test_request_context(), force_locale("en"):
        labels = [str(k.label) for k in kinds.all_kinds()]
    assert [g.find("legend").get_text(strip=True) for g in groups] == labels
    for group, kind in zip(groups, kinds.all_kinds()):
        checked = group.find("input", checked=True)
        assert checked["value"] == kind.default
        assert [group.find("label", attrs={"for": i["id"]}).get_text(strip=True) for i in group.find_all("input")] \
            == ["Immediately", "In a daily digest", "In a weekly digest", "Never"]
    assert page.find("nav", class_="tabs").find("a", attrs={"aria-current": "page"}).get_text() == "Notifications"


def test_choices_are_saved_and_shown_again(client, member):
    choices = all_choices("weekly") | {"kind_reply": "never"}
    response = client.post("/settings/notifications", data=choices)
    assert response.status_code == 302 and response.location == "/settings/notifications"
    db.session.expire_all()
    saved = deliveries(member)
    assert saved["reply"] == "never" and saved["mention"] == "weekly"
    page = soup(client.get("/settings/notifications", headers=ENGLISH))
    assert page.find("input", attrs={"name": "kind_reply", "checked": True})["value"] == "never"
    assert "Your choices have been saved." in page.get_text()


def test_a_missing_or_unknown_choice_is_an_error_next_to_its_group_and_keeps_the_rest(client, member):
    choices = all_choices("daily") | {"kind_reply": "hourly"}
    del choices["kind_mention"]
    response = client.post("/settings/notifications", data=choices, headers=ENGLISH)
    assert response.status_code == 200
    assert group_error(response, "kind_reply") == "Not a valid choice."
    assert group_error(response, "kind_mention") == "Please choose one."
    assert group_error(response, "kind_thread_post") is None
    assert summary_links(response) == ["kind_reply-0", "kind_mention-0"]  # the first option of each group
    page = soup(response)
    assert page.find("input", attrs={"name": "kind_thread_post", "checked": True})["value"] == "daily"
    db.session.expire_all()
    assert deliveries(member)["mention"] == "immediately"  # nothing saved


def test_anonymous_visitors_log_in_first(client, db):
    response = client.get("/settings/notifications")
    assert response.status_code == 302 and response.location.startswith("/login")


def test_the_form_needs_its_csrf_token(app, client, member):
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post("/settings/notifications", data=all_choices("never"), headers=ENGLISH).status_code == 400
    db.session.expire_all()
    assert deliveries(member)["reply"] == "immediately"
    token = soup(client.get("/settings/notifications")).find("input", attrs={"name": "csrf_token"})["value"]
    response = client.post("/settings/notifications", data=all_choices("never") | {"csrf_token": token})
    assert response.status_code == 302
    db.session.expire_all()
    assert deliveries(member)["reply"] == "never"
