"""The new-member sandbox: who is in it, automatic promotion (on a write and on sign-in, never for a locked
level), moderators choosing a level on `/moderation/people/<username>/trust` (audited, locked), and no reports
from the sandbox."""
from __future__ import annotations

from datetime import timedelta

import pytest
from factories import PASSWORD, make_category, make_reply, make_thread, make_user
from helpers import field_error, soup
from sqlalchemy import func, select

from app.extensions import db
from app.models import utcnow
from app.moderation.models import AuditEntry, Report
from app.permissions import NotAllowed
from app.trust import sandbox
from app.trust.models import TrustLevel
from app.users.models import Role, User
from forums import services as forum_services
from forums.models import Post

ENGLISH = {"Accept-Language": "en"}


def fresh(user_id: int) -> User:
    db.session.rollback()
    return db.session.get(User, user_id)


def sign_in(client, username: str) -> None:
    client.post("/login", data={"login": username, "password": PASSWORD})


def audit_actions(user_id: int) -> list[str]:
    return list(db.session.execute(select(AuditEntry.action).where(
        AuditEntry.object_kind == "user", AuditEntry.object_id == user_id).order_by(AuditEntry.id)).scalars())


def age(user: User, **delta) -> None:
    user.created_at = utcnow() - timedelta(**delta)
    db.session.commit()


# --- who is sandboxed ------------------------------------------------------------------------------------------

def test_sign_up_starts_in_the_sandbox_and_operator_accounts_do_not(client, db, smtp_server):
    client.post("/register", data={"email": "new@example.org", "username": "newbie", "display_name": "New",
                                   "password": "long enough secret"})
    signed_up = db.session.execute(select(User).where(User.username == "newbie")).scalar_one()
    assert signed_up.trust_level == TrustLevel.SANDBOX and not signed_up.trust_locked
    assert make_user("operator").trust_level == TrustLevel.MEMBER
    assert sandbox.is_sandboxed(make_user("fresh", trust_level=0))
    assert not sandbox.is_sandboxed(None)


# --- automatic promotion ----------------------------------------------------------------------------------------

def test_an_account_old_enough_is_promoted_on_its_next_write(db):
    user = make_user("nina", trust_level=0)
    age(user, days=3, minutes=1)

    make_reply(make_thread(), user, "Hello")

    user = fresh(user.id)
    assert user.trust_level == TrustLevel.MEMBER and not user.trust_locked
    assert audit_actions(user.id) == ["trust.promoted"]


def test_accepted_contributions_promote_once_they_are_a_day_old(db):
    user = make_user("nina", trust_level=0)
    thread = make_thread()
    posts = [make_reply(thread, user, f"Reply {n}") for n in range(3)]
    assert fresh(user.id).trust_level == TrustLevel.SANDBOX  # a burst does not open the sandbox

    for post in posts:
        post.created_at = utcnow() - timedelta(hours=25)
    db.session.commit()
    make_reply(thread, fresh(user.id), "One more")

    assert fresh(user.id).trust_level == TrustLevel.MEMBER


def test_hidden_contributions_do_not_count(db):
    from app.moderation import hiding
    from app.moderation.models import Reason

    user = make_user("nina", trust_level=0)
    thread = make_thread()
    posts = [make_reply(thread, user, f"Reply {n}") for n in range(3)]
    for post in posts:
        post.created_at = utcnow() - timedelta(hours=25)
    hiding.hide(posts[0].subject, Reason.SPAM)
    db.session.commit()

    make_reply(thread, fresh(user.id), "One more")

    assert fresh(user.id).trust_level == TrustLevel.SANDBOX


def test_signing_in_promotes_when_due(client, db):
    user = make_user("nina", trust_level=0)
    age(user, days=4)

    sign_in(client, "nina")

    assert fresh(user.id).trust_level == TrustLevel.MEMBER


def test_a_locked_level_is_never_changed_automatically(client, db):
    user = make_user("nina", trust_level=0, trust_locked=True)
    age(user, days=30)

    sign_in(client, "nina")
    make_reply(make_thread(), fresh(user.id), "Hello")

    assert fresh(user.id).trust_level == TrustLevel.SANDBOX


# --- moderators choose --------------------------------------------------------------------------------------

def test_set_trust_locks_and_audits(db):
    moderator = make_user("mona", roles=(Role.MODERATOR,))
    user = make_user("nina")

    assert sandbox.set_trust(moderator, user, TrustLevel.SANDBOX, "Spam links")

    user = fresh(user.id)
    assert (user.trust_level, user.trust_locked) == (TrustLevel.SANDBOX, True)
    entry = db.session.execute(select(AuditEntry).where(AuditEntry.action == "trust.sandboxed")).scalar_one()
    assert (entry.actor_id, entry.reason, entry.after["trust_level"]) == (moderator.id, "Spam links", 0)

    sandbox.set_trust(fresh(moderator.id), user, TrustLevel.MEMBER, "Known person")
    assert audit_actions(user.id) == ["trust.sandboxed", "trust.promoted"]


def test_members_may_not_set_trust(db):
    with pytest.raises(NotAllowed):
        sandbox.set_trust(make_user("bob"), make_user("nina"), TrustLevel.SANDBOX, "no")
    assert fresh(db.session.execute(select(User.id).where(User.username == "nina")).scalar_one()).trust_level == 1


def test_the_trust_page_for_moderators(client, db):
    make_user("mona", roles=(Role.MODERATOR,), locale="en")
    nina = make_user("nina", display_name="Nina")
    sign_in(client, "mona")

    profile = soup(client.get("/u/nina", headers=ENGLISH))
    assert profile.find("a", href="/moderation/people/nina/trust") is not None
    assert client.get("/moderation/people/nina/trust", headers=ENGLISH).status_code == 200

    empty = client.post("/moderation/people/nina/trust", data={"level": "0", "reason": ""}, headers=ENGLISH)
    assert field_error(empty, "reason") is not None
    assert fresh(nina.id).trust_level == TrustLevel.MEMBER

    done = client.post("/moderation/people/nina/trust", data={"level": "0", "reason": "Spam"}, headers=ENGLISH)
    assert done.status_code == 302
    assert fresh(nina.id).trust_level == TrustLevel.SANDBOX
    page = client.get("/moderation/people/nina/trust", headers=ENGLISH).get_data(as_text=True)
    assert "New member (sandbox)" in page and "Spam" in page


@pytest.mark.parametrize("who, status", [(None, 302), ("bob", 403)])
def test_the_trust_page_refuses_everyone_else(client, db, who, status):
    make_user("bob")
    nina = make_user("nina")
    if who:
        sign_in(client, who)

    assert client.get("/moderation/people/nina/trust").status_code == status
    assert client.post("/moderation/people/nina/trust", data={"level": "0", "reason": "x"}).status_code == status
    assert fresh(nina.id).trust_level == TrustLevel.MEMBER
    if who:
        assert "/moderation/people/nina/trust" not in client.get("/u/nina").get_data(as_text=True)


def test_unknown_people_and_oneself(client, db):
    make_user("mona", roles=(Role.MODERATOR,))
    sign_in(client, "mona")
    assert client.get("/moderation/people/nobody/trust").status_code == 404
    assert client.post("/moderation/people/mona/trust", data={"level": "0", "reason": "x"}).status_code == 403


# --- no reports from the sandbox ---------------------------------------------------------------------------

def test_sandboxed_members_may_not_report(client, db):
    thread = make_thread()
    post = make_reply(thread, body="Something")
    make_user("nina", trust_level=0, locale="en")
    sign_in(client, "nina")

    page = client.get(f"/t/{thread.id}", headers=ENGLISH).get_data(as_text=True)
    assert f"/report/{post.subject_id}" not in page
    assert client.get(f"/report/{post.subject_id}").status_code == 403
    assert client.post(f"/report/{post.subject_id}", data={"reason": "spam"}).status_code == 403
    assert client.post("/report/user/" + post.author.username, data={"reason": "spam"}).status_code == 403
    db.session.rollback()
    assert db.session.execute(select(func.count()).select_from(Report)).scalar_one() == 0
    assert client.get("/notice", headers=ENGLISH).status_code == 200  # illegal content notices stay open


def test_members_still_report(client, db):
    post = make_reply(make_thread(), body="Something")
    make_user("bob")
    sign_in(client, "bob")
    assert client.post(f"/report/{post.subject_id}", data={"reason": "spam"}).status_code == 302


def test_the_sandbox_setting_is_used(db):
    from app.trust import settings

    settings.change(make_user("ada", roles=(Role.ADMIN,)), {sandbox.SANDBOX_DAYS.name: 1})
    user = make_user("nina", trust_level=0)
    age(user, days=1, minutes=1)
    forum_services.create_thread(user, make_category(), title="Hi", body_md="There")
    assert fresh(user.id).trust_level == TrustLevel.MEMBER
    assert db.session.execute(select(func.count()).select_from(Post)).scalar_one() == 1
