"""Who may open the moderation pages and decide: every role (silenced and suspended members included) × queue,
item, direct action, decision and statement, answered exactly (200, 302 after a decision, 403, 404, login), with
nothing changed by a refused write, refusals in the audit log, and CSRF on the decision form."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.models import Subject, utcnow
from app.moderation import decisions, sanctions
from app.moderation.models import (Action, AuditEntry, Decision, ItemStatus, ReportStatus, Report, ReviewItem,
                                   SanctionKind, Source)
from factories import make_user
from moderation_queue_scene import make_item, make_note, notes, people  # noqa: F401 - fixtures

ROLES = ["anonymous", "member", "silenced", "suspended", "city_staff", "moderator", "admin"]
MODERATORS = {"moderator", "admin"}
LOGIN_NAMES = {"member": "max", "silenced": "sil", "suspended": "sus", "city_staff": "cit", "moderator": "mod",
               "admin": "adm"}
DECIDE = {"verdict": "hide", "reason": "spam", "facts": "Advertising for watches.", "rule": "legal",
          "legal_ground": "Section 7 UWG (unsolicited advertising)."}


@pytest.fixture
def scene(db, notes, people):
    author = make_user("spammer", locale="en")
    note = make_note(author)
    subject = db.session.get(Subject, note.subject_id)
    item = make_item(subject, author, reporters=[people["member"]])
    decision = decisions.record(people["moderator"], Action.HIDE, source=Source.REPORT, subject=subject,
                                affected_id=people["member"].id, facts="Insults.", legal_ground="§ 185 StGB")
    db.session.commit()
    return dict(item_id=item.id, subject_id=subject.id, decision_id=decision.id)


def sign_in(db, client, auth, people, role: str) -> None:
    if role == "anonymous":
        return
    if role == "suspended":  # signed in before the suspension, which ends every session
        person = people["suspended"]
        person.suspended_until = None
        db.session.commit()
        assert auth.login("sus").status_code == 302
        sanctions.impose(people["admin"], person, SanctionKind.SUSPEND, ends_at=utcnow() + timedelta(days=3),
                         reason="Spam.")
        db.session.commit()
        return
    assert auth.login(LOGIN_NAMES[role]).status_code == 302


def expect(response, status: int | str) -> None:
    if status == "login":
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    else:
        assert response.status_code == status, response.text[:500]


def pages(scene):
    return {"queue": "/moderation", "item": f"/moderation/items/{scene['item_id']}",
            "act": f"/moderation/subjects/{scene['subject_id']}/act"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["queue", "item", "act"])
def test_moderation_pages_are_for_moderators_and_administrators(db, client, auth, people, scene, role, page):
    sign_in(db, client, auth, people, role)
    response = client.get(pages(scene)[page])
    expect(response, 200 if role in MODERATORS else "login" if role in ("anonymous", "suspended") else 403)
    if role not in MODERATORS:
        refused = db.session.execute(select(AuditEntry).where(AuditEntry.refused.is_(True))).scalars().all()
        assert [entry.after["path"] for entry in refused] == [pages(scene)[page]]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", ["item", "act", "bulk"])
def test_only_moderators_decide_and_a_refused_decision_changes_nothing(db, client, auth, people, scene, role, where):
    sign_in(db, client, auth, people, role)
    url = {"item": pages(scene)["item"], "act": pages(scene)["act"], "bulk": "/moderation/bulk"}[where]
    data = dict(DECIDE, item_ids=[str(scene["item_id"])])
    response = client.post(url, data=data)
    expect(response, 302 if role in MODERATORS else "login" if role in ("anonymous", "suspended") else 403)
    db.session.expire_all()
    subject = db.session.get(Subject, scene["subject_id"])
    item = db.session.get(ReviewItem, scene["item_id"])
    if role in MODERATORS:
        assert subject.is_hidden and item.status is ItemStatus.RESOLVED
    else:
        assert not subject.is_hidden and item.status is ItemStatus.PENDING
        assert db.session.execute(select(func.count()).select_from(Decision)).scalar_one() == 1
        assert db.session.execute(select(Report.status)).scalar_one() is ReportStatus.OPEN


@pytest.mark.parametrize(("role", "status"), [
    ("anonymous", "login"), ("member", 200), ("silenced", 404), ("suspended", "login"), ("city_staff", 404),
    ("moderator", 200), ("admin", 200)])
def test_a_statement_is_for_the_affected_person_and_moderators(db, client, auth, people, scene, role, status):
    sign_in(db, client, auth, people, role)
    expect(client.get(f"/moderation/decisions/{scene['decision_id']}"), status)
    if status == 404:
        assert db.session.execute(select(AuditEntry.action).where(AuditEntry.refused.is_(True))).scalar_one() \
            == "refused.moderation.statement"


def test_unknown_items_subjects_and_decisions_are_404_for_moderators(db, client, auth, people, scene):
    auth.login("mod")
    for url in ("/moderation/items/999", "/moderation/subjects/999/act", "/moderation/decisions/999",
                "/moderation?page=99", "/moderation?page=x"):
        assert client.get(url).status_code == 404, url


def test_a_subject_of_a_kind_that_cannot_be_reported_is_404(db, client, auth, people, scene):
    subject = Subject(kind="test")
    db.session.add(subject)
    db.session.commit()
    auth.login("mod")
    assert client.get(f"/moderation/subjects/{subject.id}/act").status_code == 404


@pytest.mark.parametrize("app_overrides", [{"WTF_CSRF_ENABLED": True}])
@pytest.mark.parametrize("where", ["item", "act", "bulk"])
def test_a_decision_without_the_csrf_token_is_refused_and_changes_nothing(db, client, people, scene, where):
    page = client.get("/login")
    token = page.text.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    assert client.post("/login", data={"login": "mod", "password": "correct horse battery",
                                       "csrf_token": token}).status_code == 302
    url = {"item": pages(scene)["item"], "act": pages(scene)["act"], "bulk": "/moderation/bulk"}[where]
    response = client.post(url, data=dict(DECIDE, item_ids=[str(scene["item_id"])]))
    assert response.status_code == 400
    db.session.expire_all()
    assert not db.session.get(Subject, scene["subject_id"]).is_hidden
    assert db.session.get(ReviewItem, scene["item_id"]).status is ItemStatus.PENDING
