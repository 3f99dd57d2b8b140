"""The sanction pages: moderators silence or suspend members from a profile with a statement of reasons (one
transaction: decision, sanction, audit), lift a sanction with a reason; rank is respected (403, logged, nothing
changes); the form keeps what was typed and shows errors next to the fields."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from factories import make_user
from helpers import page_text, soup
from sqlalchemy import func, select

from app.extensions import db
from app.models import utcnow
from app.moderation.models import Action, AuditEntry, Decision, Sanction, SanctionKind, Source
from app.users.models import Role, User

ENGLISH = {"Accept-Language": "en"}
RANKS = {"member": (), "moderator": (Role.MODERATOR,), "city_staff": (Role.CITY_STAFF,), "admin": (Role.ADMIN,)}
GOOD = {"kind": "silence", "days": "7", "until": "", "facts": "Insulted bob in three replies.", "rule_number": "2",
        "legal_ground": ""}


def _count(model, *where) -> int:
    db.session.rollback()
    return db.session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def _user(username: str) -> User:
    db.session.rollback()
    return db.session.execute(select(User).where(User.username == username)).scalar_one()


def _as(client, auth, username: str, *roles: Role):
    make_user(username, roles=roles, locale="en")
    auth.login(username)


def test_a_moderator_silences_a_member_in_one_decision(db, client, auth):
    _as(client, auth, "mona", Role.MODERATOR)
    make_user("bob", locale="en")
    page = client.get("/moderation/users/bob/sanction?kind=suspend", headers=ENGLISH)
    assert page.status_code == 200
    assert soup(page).find("input", {"name": "kind", "value": "suspend"}).has_attr("checked")
    response = client.post("/moderation/users/bob/sanction", data=GOOD, headers=ENGLISH)
    assert response.status_code == 302 and response.headers["Location"].endswith("/u/bob#sanctions")
    bob = _user("bob")
    assert bob.is_silenced and not bob.is_suspended
    assert bob.silenced_until - utcnow() > timedelta(days=6, hours=23)
    decision = db.session.execute(select(Decision)).scalar_one()
    sanction = db.session.execute(select(Sanction)).scalar_one()
    assert (decision.action, decision.source, decision.affected_id, decision.rule_number) == (
        Action.SILENCE, Source.OWN_INITIATIVE, bob.id, 2)
    assert decision.ends_at == sanction.ends_at and sanction.decision_id == decision.id
    actions = set(db.session.execute(select(AuditEntry.action)).scalars())
    assert {"decision.silence", "sanction.silence"} <= actions


def test_a_suspension_until_a_date(db, client, auth):
    _as(client, auth, "mona", Role.MODERATOR)
    make_user("bob", locale="en")
    until = date.today() + timedelta(days=10)
    data = {**GOOD, "kind": "suspend", "days": "", "until": until.isoformat(), "rule_number": "",
            "legal_ground": "§ 130 StGB"}
    assert client.post("/moderation/users/bob/sanction", data=data, headers=ENGLISH).status_code == 302
    bob = _user("bob")
    assert bob.is_suspended and bob.suspended_until.date() in {until, until - timedelta(days=1)}


@pytest.mark.parametrize(("change", "field_id"), [
    ({"kind": ""}, "kind"),
    ({"days": "0"}, "days"),
    ({"days": "366"}, "days"),
    ({"days": ""}, "days"),
    ({"until": "2020-01-01", "days": ""}, "until"),
    ({"until": "soon", "days": ""}, "until"),
    ({"until": (date.today() + timedelta(days=3)).isoformat()}, "days"),
    ({"facts": "  "}, "facts"),
    ({"rule_number": ""}, "rule_number"),
])
def test_invalid_input_keeps_what_was_typed_and_changes_nothing(db, client, auth, change, field_id):
    _as(client, auth, "mona", Role.MODERATOR)
    make_user("bob", locale="en")
    response = client.post("/moderation/users/bob/sanction", data={**GOOD, **change}, headers=ENGLISH)
    assert response.status_code == 200
    page = soup(response)
    assert page.find(id=f"{field_id}-error") is not None
    assert page.select_one(".error-summary") is not None
    if change.get("facts") is None:
        assert "Insulted bob in three replies." in page.find(id="facts").get_text()
    assert _count(Sanction) == 0 and _count(Decision) == 0
    assert not _user("bob").is_silenced


@pytest.mark.parametrize("actor_rank", ["moderator", "admin"])
@pytest.mark.parametrize("target_rank", list(RANKS))
def test_rank_decides_who_may_be_sanctioned(db, client, auth, actor_rank, target_rank):
    _as(client, auth, "actor", *RANKS[actor_rank])
    make_user("target", roles=RANKS[target_rank], locale="en")
    allowed = actor_rank == "admin" or target_rank == "member"
    assert client.get("/moderation/users/target/sanction", headers=ENGLISH).status_code == (200 if allowed else 403)
    response = client.post("/moderation/users/target/sanction", data=GOOD, headers=ENGLISH)
    assert response.status_code == (302 if allowed else 403)
    assert _user("target").is_silenced is allowed
    if not allowed:
        assert _count(Sanction) == 0 and _count(Decision) == 0
        assert _count(AuditEntry, AuditEntry.refused.is_(True),
                      AuditEntry.action == "refused.moderation.sanction") == 2


def test_an_admin_may_not_sanction_themselves(db, client, auth):
    _as(client, auth, "ada", Role.ADMIN)
    assert client.post("/moderation/users/ada/sanction", data=GOOD, headers=ENGLISH).status_code == 403
    assert _count(Sanction) == 0 and not _user("ada").is_silenced


@pytest.mark.parametrize("roles", [(), (Role.CITY_STAFF,)])
def test_members_and_staff_get_403_and_a_log_entry(db, client, auth, roles):
    _as(client, auth, "pia", *roles)
    make_user("bob")
    assert client.post("/moderation/users/bob/sanction", data=GOOD, headers=ENGLISH).status_code == 403
    assert _count(Sanction) == 0
    assert _count(AuditEntry, AuditEntry.refused.is_(True), AuditEntry.actor_name == "pia") == 1


def test_anonymous_visitors_are_sent_to_log_in(db, client):
    make_user("bob")
    response = client.post("/moderation/users/bob/sanction", data=GOOD)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert _count(Sanction) == 0


def test_an_unknown_account_is_404(db, client, auth):
    _as(client, auth, "mona", Role.MODERATOR)
    assert client.get("/moderation/users/nobody/sanction").status_code == 404


def test_csrf_is_required(db, app, client, auth):
    _as(client, auth, "mona", Role.MODERATOR)
    make_user("bob")
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post("/moderation/users/bob/sanction", data=GOOD).status_code == 400
    assert _count(Sanction) == 0


def test_the_profile_offers_moderators_the_buttons_and_the_history(db, client, auth):
    _as(client, auth, "mona", Role.MODERATOR)
    make_user("bob", locale="en")
    client.post("/moderation/users/bob/sanction", data=GOOD, headers=ENGLISH)
    profile = client.get("/u/bob", headers=ENGLISH)
    hrefs = {a["href"] for a in soup(profile).find_all("a")}
    assert "/moderation/users/bob/sanction?kind=silence" in hrefs
    assert "Insulted bob in three replies." in page_text(profile)
    assert any(h.startswith("/moderation/users/bob/sanctions/") and h.endswith("/lift") for h in hrefs)


def test_members_see_no_sanction_buttons_or_history(db, client, auth):
    make_user("mona", roles=(Role.MODERATOR,))
    make_user("bob", locale="en")
    client.post("/login", data={"login": "bob", "password": "correct horse battery"})
    _as(client, auth, "pia")
    profile = client.get("/u/bob", headers=ENGLISH)
    assert b"/moderation/users/bob" not in profile.data and soup(profile).find(id="sanctions") is None


def test_lifting_needs_a_reason_and_ends_the_sanction(db, client, auth):
    _as(client, auth, "mona", Role.MODERATOR)
    make_user("bob", locale="en")
    client.post("/moderation/users/bob/sanction", data=GOOD, headers=ENGLISH)
    sanction_id = db.session.execute(select(Sanction.id)).scalar_one()
    path = f"/moderation/users/bob/sanctions/{sanction_id}/lift"
    refused = client.post(path, data={"reason": " "}, headers=ENGLISH)
    assert refused.status_code == 200 and soup(refused).find(id="reason-error") is not None
    assert _user("bob").is_silenced
    assert client.post(path, data={"reason": "The appeal was convincing."}, headers=ENGLISH).status_code == 302
    assert not _user("bob").is_silenced
    entry = db.session.execute(select(AuditEntry).where(AuditEntry.action == "sanction.lift_silence")).scalar_one()
    assert entry.reason == "The appeal was convincing."


def test_another_moderator_may_not_lift_a_sanction_on_a_moderator(db, client, auth):
    ada = make_user("ada", roles=(Role.ADMIN,))
    make_user("max", roles=(Role.MODERATOR,))
    from app.moderation import sanctioning

    sanctioning.sanction_account(ada, _user("max"), SanctionKind.SILENCE, ends_at=utcnow() + timedelta(days=2),
                                 facts="Rude.", rule_number=1)
    sanction_id = db.session.execute(select(Sanction.id)).scalar_one()
    _as(client, auth, "mona", Role.MODERATOR)
    response = client.post(f"/moderation/users/max/sanctions/{sanction_id}/lift", data={"reason": "Why not."})
    assert response.status_code == 403
    assert _user("max").is_silenced
