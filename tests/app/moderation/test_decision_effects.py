"""What each decision does: visibility, report and notice statuses, the resolved item, the decision with its
statement, audit entries, sanctions; all or nothing (a refused sanction or an incomplete statement changes
nothing); bulk decisions with one justification; acting on content without a report."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import Subject
from app.moderation import actions, hiding
from app.moderation.decisions import StatementIncomplete
from app.moderation.models import (Action, AuditEntry, Decision, ItemStatus, Notice, NoticeStatus, Reason, Report,
                                   ReportStatus, ReviewItem, Sanction, SanctionKind, Source)
from app.permissions import NotAllowed
from app.users.models import Role, User
from factories import make_user
from helpers import flashes
from moderation_queue_scene import make_item, make_note, notes, people, profile_subject  # noqa: F401

STATEMENT = actions.Statement(reason=Reason.SPAM, facts="Advertising for watches.", rule_number=2)


@pytest.fixture
def case(db, notes, people):
    author = make_user("spammer", locale="en")
    note = make_note(author)
    subject = db.session.get(Subject, note.subject_id)
    item = make_item(subject, author, reporters=[people["member"], people["city_staff"]], notices=1)
    return dict(author=author, note=note, subject=subject, item=item, moderator=people["moderator"])


def statuses(db, model):
    db.session.expire_all()
    return {row.status for row in db.session.execute(select(model)).scalars()}


def audit_actions(db) -> list[str]:
    return list(db.session.execute(select(AuditEntry.action).order_by(AuditEntry.id)).scalars())


def test_agree_and_hide(db, case):
    decision = actions.agree_and_hide(case["moderator"], case["item"], STATEMENT)
    db.session.expire_all()
    subject, item = db.session.get(Subject, case["subject"].id), db.session.get(ReviewItem, case["item"].id)
    assert subject.hidden_reason == "spam" and not subject.hidden_automatically
    assert (item.status, item.decision_id) == (ItemStatus.RESOLVED, decision.id) and item.resolved_at
    assert statuses(db, Report) == {ReportStatus.UPHELD} and statuses(db, Notice) == {NoticeStatus.ACTED}
    assert {r.decision_id for r in db.session.execute(select(Report)).scalars()} == {decision.id}
    assert (decision.action, decision.source, decision.affected_id, decision.rule_number) == (
        Action.HIDE, Source.REPORT, case["author"].id, 2)
    assert decision.content_before == {"title": "Cheap watches", "body": "Buy cheap watches at example.com!"}
    assert audit_actions(db) == ["decision.hide"]


def test_disagree_and_keep_shows_what_reports_hid_automatically_and_rejects_the_reports(db, case):
    hiding.hide(case["subject"], Reason.SPAM, automatically=True)
    db.session.commit()
    decision = actions.disagree_and_keep(case["moderator"], case["item"])
    db.session.expire_all()
    assert not db.session.get(Subject, case["subject"].id).is_hidden
    assert decision.action is Action.KEEP and not decision.action.restricts
    assert statuses(db, Report) == {ReportStatus.REJECTED} and statuses(db, Notice) == {NoticeStatus.REJECTED}
    assert db.session.get(ReviewItem, case["item"].id).status is ItemStatus.RESOLVED


def test_disagreeing_leaves_a_moderators_own_hiding_alone(db, case):
    hiding.hide(case["subject"], Reason.SPAM)
    db.session.commit()
    actions.disagree_and_keep(case["moderator"], case["item"])
    db.session.expire_all()
    assert db.session.get(Subject, case["subject"].id).is_hidden


def test_ignore_closes_the_reports_without_a_judgement(db, case):
    hiding.hide(case["subject"], Reason.SPAM, automatically=True)
    db.session.commit()
    decision = actions.ignore(case["moderator"], case["item"])
    db.session.expire_all()
    assert decision.action is Action.IGNORE
    assert statuses(db, Report) == {ReportStatus.IGNORED}
    assert db.session.get(Subject, case["subject"].id).is_hidden  # left as it was
    assert db.session.get(ReviewItem, case["item"].id).status is ItemStatus.RESOLVED


def test_redact_changes_the_text_through_the_hook_and_keeps_before_and_after(db, case, notes):
    decision = actions.redact(case["moderator"], case["item"], {"body": "[removed]"}, STATEMENT)
    db.session.expire_all()
    note = db.session.get(notes, case["note"].id)
    assert note.body == "[removed]" and note.title == "Cheap watches"
    assert decision.content_before["body"].startswith("Buy") and decision.content_after["body"] == "[removed]"
    assert statuses(db, Report) == {ReportStatus.UPHELD}
    assert audit_actions(db) == ["decision.redact"]


def test_delete_removes_it_as_the_kind_does(db, case, notes):
    decision = actions.delete(case["moderator"], case["item"], STATEMENT)
    db.session.expire_all()
    assert db.session.get(notes, case["note"].id).deleted
    assert decision.action is Action.DELETE and statuses(db, Report) == {ReportStatus.UPHELD}


def test_a_profile_cannot_be_deleted(db, people):
    target = make_user("troll")
    item = make_item(profile_subject(target), target, reporters=[people["member"]])
    with pytest.raises(actions.NotModeratable):
        actions.delete(people["moderator"], item, STATEMENT)
    db.session.rollback()
    assert db.session.get(ReviewItem, item.id).status is ItemStatus.PENDING


@pytest.mark.parametrize("kind", [SanctionKind.SILENCE, SanctionKind.SUSPEND])
def test_a_decision_may_sanction_the_author_with_a_statement_of_its_own(db, case, kind):
    actions.agree_and_hide(case["moderator"], case["item"], STATEMENT, actions.SanctionOrder(kind, 7))
    db.session.expire_all()
    author = db.session.get(User, case["author"].id)
    assert (author.is_silenced, author.is_suspended) == (kind is SanctionKind.SILENCE, kind is SanctionKind.SUSPEND)
    found = db.session.execute(select(Decision).order_by(Decision.id)).scalars().all()
    assert [d.action.value for d in found] == ["hide", kind.value]
    assert found[1].ends_at is not None and found[1].affected_id == author.id and found[1].facts == STATEMENT.facts
    sanction = db.session.execute(select(Sanction)).scalar_one()
    assert (sanction.kind, sanction.decision_id) == (kind, found[1].id)
    assert audit_actions(db) == ["decision.hide", f"decision.{kind.value}", f"sanction.{kind.value}"]


def nothing_changed(db, case) -> None:
    db.session.rollback()
    db.session.expire_all()
    assert not db.session.get(Subject, case["subject"].id).is_hidden
    assert db.session.get(ReviewItem, case["item"].id).status is ItemStatus.PENDING
    assert statuses(db, Report) == {ReportStatus.OPEN}
    assert db.session.execute(select(Decision)).first() is None
    assert db.session.execute(select(Sanction)).first() is None


def test_a_sanction_the_moderator_may_not_impose_undoes_the_whole_decision(db, case):
    case["author"].roles.clear()
    from app.users.models import UserRole

    case["author"].roles.append(UserRole(role=Role.CITY_STAFF.value))
    db.session.commit()
    with pytest.raises(NotAllowed):
        actions.agree_and_hide(case["moderator"], case["item"], STATEMENT,
                               actions.SanctionOrder(SanctionKind.SUSPEND, 3))
    nothing_changed(db, case)


@pytest.mark.parametrize("statement", [actions.Statement(reason=Reason.SPAM, rule_number=2),
                                       actions.Statement(reason=Reason.SPAM, facts="Spam.")])
def test_a_restriction_without_its_statement_changes_nothing(db, case, statement):
    with pytest.raises(StatementIncomplete):
        actions.agree_and_hide(case["moderator"], case["item"], statement)
    nothing_changed(db, case)


def test_a_member_cannot_decide(db, case, people):
    with pytest.raises(NotAllowed):
        actions.agree_and_hide(people["member"], case["item"], STATEMENT)
    nothing_changed(db, case)


def test_an_item_is_decided_once(db, case, people):
    actions.ignore(case["moderator"], case["item"])
    with pytest.raises(actions.AlreadyResolved):
        actions.agree_and_hide(people["admin"], case["item"], STATEMENT)
    db.session.rollback()
    assert len(db.session.execute(select(Decision)).all()) == 1


# --- through the pages ---------------------------------------------------------------------------------------

FORM = {"reason": "spam", "facts": "A wave of advertising.", "rule": "legal", "legal_ground": "§ 7 UWG"}


def test_bulk_decides_the_selected_items_with_one_justification(db, client, auth, notes, people):
    authors = [make_user(f"bot{n}") for n in range(3)]
    items = [make_item(db.session.get(Subject, make_note(a).subject_id), a, reporters=[people["member"]])
             for a in authors]
    auth.login("mod")
    response = client.post("/moderation/bulk", data=dict(FORM, verdict="hide", sanction="suspend", days="30",
                                                           item_ids=[str(items[0].id), str(items[2].id)]))
    assert response.status_code == 302
    db.session.expire_all()
    assert [db.session.get(ReviewItem, i.id).status for i in items] == [
        ItemStatus.RESOLVED, ItemStatus.PENDING, ItemStatus.RESOLVED]
    assert [db.session.get(User, a.id).is_suspended for a in authors] == [True, False, True]
    hides = db.session.execute(select(Decision).where(Decision.action == Action.HIDE)).scalars().all()
    assert {d.facts for d in hides} == {"A wave of advertising."} and len(hides) == 2
    assert "2 items decided." in flashes(client.get("/moderation/queue"))


def test_bulk_with_one_item_says_item_in_the_singular(db, client, auth, notes, people):
    author = make_user("bot")
    item = make_item(db.session.get(Subject, make_note(author).subject_id), author, reporters=[people["member"]])
    auth.login("mod")
    client.post("/moderation/bulk", data=dict(FORM, verdict="hide", item_ids=[str(item.id)]))
    assert "1 item decided." in flashes(client.get("/moderation/queue"))


def test_bulk_is_all_or_nothing(db, client, auth, notes, people):
    bot, staff = make_user("bot"), people["city_staff"]
    items = [make_item(db.session.get(Subject, make_note(a).subject_id), a, reporters=[people["member"]])
             for a in (bot, staff)]
    auth.login("mod")
    response = client.post("/moderation/bulk", data=dict(FORM, verdict="hide", sanction="silence", days="3",
                                                           item_ids=[str(i.id) for i in items]))
    assert response.status_code == 403
    db.session.expire_all()
    assert [db.session.get(ReviewItem, i.id).status for i in items] == [ItemStatus.PENDING] * 2
    assert db.session.execute(select(Decision)).first() is None and not db.session.get(User, bot.id).is_silenced


def test_bulk_without_a_selection_says_so(db, client, auth, notes, people):
    item = make_item(db.session.get(Subject, make_note(make_user("bot")).subject_id), None,
                     reporters=[people["member"]])
    auth.login("mod")
    response = client.post("/moderation/bulk", data=dict(FORM, verdict="hide"))
    assert response.status_code == 200 and "Please select at least one item" in response.text
    assert "A wave of advertising." in response.text  # what was typed is kept
    assert db.session.get(ReviewItem, item.id).status is ItemStatus.PENDING


def test_acting_without_a_report_is_the_moderators_own_initiative(db, client, auth, notes, people):
    author = make_user("writer")
    note = make_note(author, body="Rude words.")
    auth.login("adm")
    response = client.post(f"/moderation/subjects/{note.subject_id}/act",
                           data=dict(FORM, verdict="redact", **{"redact-title": note.title, "redact-body": "[…]"}))
    assert response.status_code == 302
    db.session.expire_all()
    decision = db.session.execute(select(Decision)).scalar_one()
    assert (decision.action, decision.source, decision.moderator_id) == (
        Action.REDACT, Source.OWN_INITIATIVE, people["admin"].id)
    assert db.session.get(notes, note.id).body == "[…]"


def test_acting_on_reported_content_resolves_its_item(db, client, auth, notes, people):
    author = make_user("writer")
    note = make_note(author)
    item = make_item(db.session.get(Subject, note.subject_id), author, reporters=[people["member"]])
    auth.login("mod")
    assert client.post(f"/moderation/subjects/{note.subject_id}/act",
                       data=dict(FORM, verdict="hide")).status_code == 302
    db.session.expire_all()
    assert db.session.get(ReviewItem, item.id).status is ItemStatus.RESOLVED
    assert statuses(db, Report) == {ReportStatus.UPHELD}
