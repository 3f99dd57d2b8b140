"""Support integrity pages: 404 for everyone but staff, moderators and admins (nothing changes on a refused POST),
the overview and an idea's groups in a constant number of statements, setting aside in bulk with a reason
(counters exact, one audit entry, each supporter told by notification and e-mail), supports captured over the web."""
from __future__ import annotations

from datetime import timedelta

import pytest
from factories import make_idea, make_idea_category, make_user
from helpers import field_error, page_text, soup
from integrity_scene import BURST, NORMAL, burst_scene, supported_at
from sqlalchemy import func, select

from app.extensions import db
from app.models import utcnow
from app.moderation.models import AuditEntry
from app.notifications import delivery
from app.notifications.models import Notification
from app.users.models import Role
from ideas.models import Idea
from voting.models import SupportTrace, Vote
from voting.traces import fingerprint

ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def scene(db):
    idea, burst, normal = burst_scene()
    make_user("member", locale="en")
    make_user("mod", roles=(Role.MODERATOR,), locale="en")
    make_user("clara", roles=(Role.CITY_STAFF,), locale="en")
    make_user("ada", roles=(Role.ADMIN,), locale="en")
    return idea.id, burst, normal


def counts(idea_id: int) -> tuple[int, int]:
    db.session.rollback()
    db.session.expire_all()
    counted = db.session.execute(select(func.count(Vote.id)).where(
        Vote.subject_id == db.session.get(Idea, idea_id).subject_id, Vote.set_aside_at.is_(None))).scalar_one()
    return db.session.get(Idea, idea_id).support_count, counted


def burst_vote_ids(burst) -> list[int]:
    return list(db.session.execute(select(Vote.id).where(Vote.voter_id.in_([u.id for u in burst]))
                                   .order_by(Vote.id)).scalars())


@pytest.mark.parametrize("who", [None, "member", "burst0"])
def test_everyone_but_staff_gets_404_and_nothing_changes(client, auth, scene, who):
    idea_id, burst, _normal = scene
    if who:
        auth.login(who)
    assert client.get("/ideas/integrity").status_code == 404
    assert client.get(f"/ideas/{idea_id}/integrity").status_code == 404
    response = client.post(f"/ideas/{idea_id}/integrity", data={"votes": burst_vote_ids(burst), "reason": "x"})
    assert response.status_code == 404
    assert counts(idea_id) == (BURST + NORMAL, BURST + NORMAL)
    assert db.session.scalar(select(func.count(Vote.id)).where(Vote.set_aside_at.is_not(None))) == 0


@pytest.mark.parametrize("who", ["mod", "clara", "ada"])
def test_staff_see_the_overview_and_the_groups_with_evidence_but_no_address(client, auth, scene, who):
    idea_id, burst, normal = scene
    auth.login(who)
    overview = client.get("/ideas/integrity", headers=ENGLISH)
    assert overview.status_code == 200
    assert f"/ideas/{idea_id}/integrity" in overview.get_data(as_text=True)
    assert "12 supports from one network" in page_text(overview)
    page = client.get(f"/ideas/{idea_id}/integrity", headers=ENGLISH)
    text = page_text(page)
    assert "12 supports from accounts created on" in text and "within 5 minutes" in text
    boxes = {int(box["value"]) for box in soup(page).find_all("input", type="checkbox")}
    assert boxes == set(burst_vote_ids(burst))
    assert "203.0.113" not in page.get_data(as_text=True) and "normal0" not in text


def test_staff_set_aside_in_bulk_counters_exact_audited_and_supporters_told(client, auth, scene, smtp_server):
    idea_id, burst, _normal = scene
    auth.login("clara")
    chosen = burst_vote_ids(burst)
    response = client.post(f"/ideas/{idea_id}/integrity", data={"votes": chosen, "reason": "An arranged burst"},
                           headers=ENGLISH)
    assert response.status_code == 302
    assert counts(idea_id) == (NORMAL, NORMAL)
    entries = db.session.execute(select(AuditEntry).where(AuditEntry.action == "idea.supports_set_aside")).scalars().all()
    assert len(entries) == 1 and entries[0].reason == "An arranged burst"
    assert sorted(v["vote"] for v in entries[0].after["votes"]) == chosen
    told = db.session.execute(select(Notification.user_id).where(Notification.kind == "support_set_aside")).scalars()
    assert sorted(told) == sorted(u.id for u in burst)
    delivery.send_due()
    mail = smtp_server.to(burst[0].email)  # German accounts
    assert len(mail) == 1 and "beiseitegelegt" in mail[0]["Subject"]
    assert "An arranged burst" in mail[0].get_body(("plain",)).get_content()
    # the supporter sees it on the idea page and cannot support again
    client.post("/logout")
    auth.login("burst0")
    page = client.get(f"/ideas/{idea_id}", headers=ENGLISH)
    assert "Ihre Unterstützung wurde beiseitegelegt" in page_text(page)  # burst0 reads German
    assert not soup(page).find("form", action=f"/ideas/{idea_id}/support")
    client.post(f"/ideas/{idea_id}/support")
    client.post(f"/ideas/{idea_id}/unsupport")
    assert counts(idea_id) == (NORMAL, NORMAL)
    assert not db.session.execute(select(Vote.set_aside_at).where(Vote.voter_id == burst[0].id)).scalar_one() is None


def test_a_reason_and_a_choice_are_required_and_the_choice_is_kept(client, auth, scene):
    idea_id, burst, _normal = scene
    auth.login("mod")
    chosen = burst_vote_ids(burst)[:2]
    response = client.post(f"/ideas/{idea_id}/integrity", data={"votes": chosen, "reason": " "}, headers=ENGLISH)
    assert response.status_code == 200 and field_error(response, "reason")
    checked = {int(box["value"]) for box in soup(response).find_all("input", checked=True)}
    assert checked == set(chosen)
    response = client.post(f"/ideas/{idea_id}/integrity", data={"reason": "Burst", "votes": ["x"]}, headers=ENGLISH)
    assert field_error(response, "votes") == "Error: Choose at least one support to set aside."
    assert counts(idea_id) == (BURST + NORMAL, BURST + NORMAL)


def test_supporting_over_the_web_stores_only_hashes(client, auth, db):
    idea = make_idea(make_user("author"), make_idea_category())
    make_user("bob")
    auth.login("bob")
    client.post(f"/ideas/{idea.id}/support", environ_base={"REMOTE_ADDR": "2001:db8:5:6::7"},
                headers={"User-Agent": "TestBrowser/1.0"})
    trace = db.session.execute(select(SupportTrace)).scalar_one()
    expected = fingerprint("2001:db8:5:ffff::1", "TestBrowser/1.0")
    assert (trace.network_hash, trace.agent_hash) == (expected.network_hash, expected.agent_hash)


def test_the_pages_take_a_constant_number_of_statements(client, auth, scene, count_queries):
    idea_id, _burst, _normal = scene
    auth.login("ada")
    client.get("/ideas/integrity")
    client.get(f"/ideas/{idea_id}/integrity")
    with count_queries() as small:
        client.get("/ideas/integrity")
    with count_queries() as small_idea:
        client.get(f"/ideas/{idea_id}/integrity")
    second = make_idea(make_user("author2"), make_idea_category())
    start = utcnow() - timedelta(hours=1)
    for i in range(15):
        user = make_user(f"more{i}", created_at=start - timedelta(days=2))
        supported_at(user, second, fingerprint(f"192.0.2.{i}", "Same"), start + timedelta(seconds=10 * i))
        supported_at(user, db.session.get(Idea, idea_id), fingerprint(f"192.0.2.{i}", "Same"), start)
    with count_queries() as large:
        client.get("/ideas/integrity")
    with count_queries() as large_idea:
        client.get(f"/ideas/{idea_id}/integrity")
    assert large.count == small.count and large_idea.count == small_idea.count
