"""The moderation foundation: the append-only audit log, sanctions and who may impose them, hiding, and the
statement a decision needs."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import exc, select, text

from app import subjects
from app.models import Subject, utcnow
from app.moderation import audit, decisions, hiding, profiles, sanctions
from app.moderation.models import Action, AuditEntry, Reason, Sanction, SanctionKind, Source
from app.moderation.visibility import hidden_from, not_hidden
from app.permissions import NotAllowed, signed_in_member
from app.users.models import Role, User
from factories import make_user


def test_the_audit_log_refuses_changes_and_removal(db):
    actor = make_user("mia", roles=(Role.MODERATOR,))
    entry = audit.record(actor, "decision.hide", reason="spam")
    db.session.commit()
    assert (entry.actor_name, entry.action) == ("mia", "decision.hide")
    for statement in ("UPDATE audit_entry SET reason = 'changed'", "DELETE FROM audit_entry"):
        with pytest.raises(exc.DatabaseError, match="append-only"):
            db.session.execute(text(statement))
        db.session.rollback()
    assert db.session.execute(select(AuditEntry.reason)).scalar_one() == "spam"


def test_deleting_an_account_leaves_its_audit_entries_as_they_were(db):
    actor = make_user("mia", roles=(Role.MODERATOR,))
    audit.record(actor, "decision.keep")
    db.session.commit()
    db.session.delete(actor)
    db.session.commit()
    entry = db.session.execute(select(AuditEntry)).scalar_one()
    assert (entry.actor_name, entry.actor) == ("mia", None)


RANKS = {"member": (), "moderator": (Role.MODERATOR,), "city_staff": (Role.CITY_STAFF,), "admin": (Role.ADMIN,)}
ALLOWED = {  # actor -> the targets they may sanction
    "member": set(), "city_staff": set(),
    "moderator": {"member"},
    "admin": {"member", "moderator", "city_staff", "admin"},  # another administrator, never themselves
}


@pytest.mark.parametrize("actor_rank", list(RANKS))
@pytest.mark.parametrize("target_rank", list(RANKS))
def test_who_may_sanction_whom(db, actor_rank, target_rank):
    actor = make_user("actor", roles=RANKS[actor_rank])
    target = make_user("target", roles=RANKS[target_rank])
    ends = utcnow() + timedelta(days=3)
    if target_rank in ALLOWED[actor_rank]:
        sanctions.impose(actor, target, SanctionKind.SILENCE, ends_at=ends, reason="Insults.")
        db.session.commit()
        assert target.is_silenced
    else:
        with pytest.raises(NotAllowed):
            sanctions.impose(actor, target, SanctionKind.SILENCE, ends_at=ends, reason="Insults.")
        db.session.rollback()
        assert db.session.execute(select(Sanction)).first() is None and not target.is_silenced


def test_nobody_sanctions_themselves(db):
    admin = make_user("ada", roles=(Role.ADMIN,))
    with pytest.raises(NotAllowed):
        sanctions.impose(admin, admin, SanctionKind.SUSPEND, ends_at=utcnow() + timedelta(days=1), reason="x")


def test_a_suspension_ends_every_session_and_lapses_by_itself(db):
    moderator = make_user("mia", roles=(Role.MODERATOR,))
    member = make_user("max")
    token = member.session_token
    sanctions.impose(moderator, member, SanctionKind.SUSPEND, ends_at=utcnow() + timedelta(days=2), reason="Spam.")
    db.session.commit()
    assert member.session_token != token and member.is_suspended and not member.is_active
    assert not signed_in_member(member)
    member.suspended_until = utcnow() - timedelta(seconds=1)  # the time has passed
    assert member.is_active and not member.is_suspended
    actions = db.session.execute(select(AuditEntry.action)).scalars().all()
    assert actions == ["sanction.suspend"]


def test_lifting_a_silence_early_restores_writing(db):
    moderator = make_user("mia", roles=(Role.MODERATOR,))
    member = make_user("max")
    sanction = sanctions.impose(moderator, member, SanctionKind.SILENCE, ends_at=utcnow() + timedelta(days=2),
                                reason="Insults.")
    db.session.commit()
    sanctions.lift(moderator, sanction, reason="Appeal reversed.")
    db.session.commit()
    assert not member.is_silenced and sanction.lifted_at is not None


def test_a_sanction_must_end_in_the_future(db):
    moderator = make_user("mia", roles=(Role.MODERATOR,))
    member = make_user("max")
    with pytest.raises(ValueError):
        sanctions.impose(moderator, member, SanctionKind.SILENCE, ends_at=utcnow(), reason="x")


def test_a_restriction_needs_facts_and_a_rule_or_ground_unless_automatic(db):
    moderator = make_user("mia", roles=(Role.MODERATOR,))
    with pytest.raises(decisions.StatementIncomplete):
        decisions.record(moderator, Action.HIDE, source=Source.REPORT, reason=Reason.SPAM, facts="Ads.")
    with pytest.raises(decisions.StatementIncomplete):
        decisions.record(moderator, Action.HIDE, source=Source.REPORT, reason=Reason.SPAM, rule_number=2)
    decision = decisions.record(moderator, Action.HIDE, source=Source.REPORT, reason=Reason.SPAM,
                                facts="Twelve links to a shop.", rule_number=2)
    automatic = decisions.record(None, Action.HIDE, source=Source.AUTOMATIC, reason=Reason.SPAM, automated=True)
    keep = decisions.record(moderator, Action.KEEP, source=Source.REPORT)  # not a restriction: no statement
    db.session.commit()
    assert decision.id and automatic.moderator_id is None and keep.id
    logged = db.session.execute(select(AuditEntry.action, AuditEntry.actor_id).order_by(AuditEntry.id)).all()
    assert logged == [("decision.hide", moderator.id), ("decision.hide", None), ("decision.keep", moderator.id)]


def test_a_hidden_subject_is_left_out_of_lists_and_shown_to_its_author_and_moderators(db):
    author, other, unreported = make_user("ann"), make_user("ben"), make_user("cem")
    moderator = make_user("mia", roles=(Role.MODERATOR,))
    hidden, shown = profiles.subject_of(author), profiles.subject_of(other)
    hidden.hidden_reason = Reason.SPAM.value
    db.session.commit()
    listed = db.session.execute(select(User.username).where(not_hidden(User.subject_id)).order_by(User.id))
    assert listed.scalars().all() == ["ben", "cem", "mia"]  # no Subject at all counts as shown
    assert hidden_from(other, hidden, author.id) and hidden_from(None, hidden, author.id)
    assert not hidden_from(author, hidden, author.id) and not hidden_from(moderator, hidden, author.id)
    assert not hidden_from(other, shown, other.id) and not hidden_from(unreported, None, None)


@pytest.fixture
def profile_with_a_companion(db):
    """A profile whose Subject takes another Subject with it when hidden (as a thread goes with its opening post)."""
    member = make_user("max")
    companion = Subject(kind="thing")
    db.session.add(companion)
    subject = profiles.subject_of(member)
    db.session.commit()
    entry = subjects.get("user")
    subjects.register("user", User, title=entry.title, url=entry.url,
                      moderation=replace(entry.moderation, hidden_with=lambda user: [companion]))
    yield subject, companion
    profiles.register()


def test_hiding_takes_the_subjects_that_go_with_it_and_showing_brings_them_back(db, profile_with_a_companion):
    subject, companion = profile_with_a_companion
    hiding.hide(subject, Reason.INSULTING, automatically=True)
    db.session.commit()
    assert [(s.hidden_reason, s.hidden_automatically) for s in (subject, companion)] == [("insulting", True)] * 2
    hiding.show(subject)
    db.session.commit()
    assert subject.hidden_reason is None and companion.hidden_reason is None and companion.hidden_at is None


def test_a_profile_gets_its_subject_once_and_is_redacted_through_the_users_service(db):
    member = make_user("max", display_name="Max Muster")
    member.bio_md = "Buy cheap watches at example.com"
    first = profiles.subject_of(member)
    assert profiles.subject_of(member) is first and subjects.resolve(first) is member
    subjects.get("user").moderation.redact(member, None, {"bio": "[removed by moderation]"})
    db.session.commit()
    assert (member.display_name, member.bio_md) == ("Max Muster", "[removed by moderation]")
