"""Appeal pages: the appellant's form (signed in or through the signed link), the open appeals, and a second
moderator's decision, with the outcome e-mailed over a real SMTP server."""
from __future__ import annotations

from datetime import timedelta

import pytest
from helpers import field_error, flashes, mail_parts, soup, summary_links
from sqlalchemy import func, select

from app.extensions import db
from app.models import utcnow
from app.moderation import appeal_links, decisions, hiding, profiles, sanctions
from app.moderation.models import (Action, Appeal, AppealStatus, AuditEntry, Decision, Reason, Report,
                                   ReportStatus, SanctionKind, Source)
from app.users.models import Role, User
from factories import make_user

PASSWORD = "correct horse battery"


@pytest.fixture
def scene(app):
    """Max's profile hidden by Mia for spam; Moritz is a second moderator; Olga an outsider."""
    with app.app_context():
        author = make_user("max", display_name="Max", locale="en")
        mia = make_user("mia", roles=(Role.MODERATOR,))
        make_user("moritz", roles=(Role.MODERATOR,))
        make_user("olga")
        subject = profiles.subject_of(author)
        decision = decisions.record(mia, Action.HIDE, source=Source.REPORT, subject=subject, affected_id=author.id,
                                    reason=Reason.SPAM, facts="Links to a shop in the bio.", rule_number=2)
        hiding.hide(subject, Reason.SPAM)
        db.session.commit()
        return {"decision": decision.id, "subject": subject.id, "author": author.id}


def log_in(client, username: str):
    return client.post("/login", data={"login": username, "password": PASSWORD})


def appeals_in_db(app) -> int:
    with app.app_context():
        return db.session.execute(select(func.count(Appeal.id))).scalar_one()


def test_the_affected_person_appeals_and_sees_it_waiting(app, client, scene):
    log_in(client, "max")
    url = f"/moderation/decisions/{scene['decision']}/appeal"
    page = client.get(url)
    assert page.status_code == 200 and "Links to a shop in the bio." in page.get_data(as_text=True)
    response = client.post(url, data={"text": "The link is to my repair café."}, follow_redirects=True)
    assert "Your appeal has been received" in flashes(response)
    assert "Waiting for a moderator" in response.get_data(as_text=True)
    again = client.post(url, data={"text": "Once more."})
    assert "already appealed" in field_error(again, "text") and summary_links(again) == ["text"]
    assert appeals_in_db(app) == 1


def test_an_empty_appeal_is_an_error_next_to_its_field(app, client, scene):
    log_in(client, "max")
    response = client.post(f"/moderation/decisions/{scene['decision']}/appeal", data={"text": "   "})
    assert response.status_code == 200 and field_error(response, "text") and appeals_in_db(app) == 0


def test_others_do_not_find_the_appeal_form_and_visitors_log_in_first(app, client, scene):
    url = f"/moderation/decisions/{scene['decision']}/appeal"
    assert client.get(url).status_code == 302 and "/login" in client.get(url).location
    log_in(client, "olga")
    assert client.get(url).status_code == 404
    assert client.post(url, data={"text": "Let me in."}).status_code == 404
    assert client.get("/moderation/decisions/999/appeal").status_code == 404
    assert appeals_in_db(app) == 0


def test_a_suspended_person_appeals_through_the_signed_link(app, client, scene):
    with app.app_context():
        author, mia = db.session.get(User, scene["author"]), db.session.execute(
            select(User).where(User.username == "mia")).scalar_one()
        suspension = decisions.record(mia, Action.SUSPEND, source=Source.OWN_INITIATIVE, affected_id=author.id,
                                      reason=Reason.SPAM, facts="Spam in ten threads.", rule_number=2,
                                      ends_at=utcnow() + timedelta(days=30))
        sanctions.impose(mia, author, SanctionKind.SUSPEND, ends_at=suspension.ends_at, reason=suspension.facts,
                         decision_id=suspension.id)
        db.session.commit()
        decision_id = suspension.id
        key = appeal_links.appeal_key(decision_id, author.id)
        other_key = appeal_links.appeal_key(scene["decision"], author.id)
    assert log_in(client, "max").status_code == 200  # suspended: the login form again, no session
    url = f"/moderation/decisions/{decision_id}/appeal"
    assert client.get(f"{url}?key={other_key}").status_code == 404  # a key names its own decision
    assert client.get(f"{url}?key=forged").status_code == 404
    page = client.get(f"{url}?key={key}")
    assert page.status_code == 200
    assert soup(page).find("input", attrs={"name": "key"})["value"] == key
    response = client.post(url, data={"text": "Someone else used my account.", "key": key})
    assert response.status_code == 302 and appeals_in_db(app) == 1


def test_after_six_months_the_form_is_gone_and_a_post_is_refused(app, client, scene):
    with app.app_context():
        db.session.get(Decision, scene["decision"]).created_at = utcnow() - timedelta(days=200)
        db.session.commit()
    log_in(client, "max")
    url = f"/moderation/decisions/{scene['decision']}/appeal"
    assert "can no longer be appealed" in client.get(url).get_data(as_text=True)
    assert client.post(url, data={"text": "Late."}).status_code == 403 and appeals_in_db(app) == 0


def file(app, scene, text="The link is to my repair café.") -> int:
    with app.app_context():
        appeal = Appeal(decision_id=scene["decision"], appellant_id=scene["author"], text=text)
        db.session.add(appeal)
        db.session.commit()
        return appeal.id


@pytest.mark.parametrize(("who", "status"), [(None, 302), ("olga", 403), ("max", 403), ("moritz", 200)])
def test_only_moderators_see_the_open_appeals_and_refusals_are_logged(app, client, scene, who, status):
    file(app, scene)
    if who:
        log_in(client, who)
    assert client.get("/moderation/appeals").status_code == status
    with app.app_context():
        refused = db.session.execute(select(func.count(AuditEntry.id)).where(AuditEntry.refused)).scalar_one()
    assert refused == (0 if status == 200 else 1)


def test_the_moderator_who_decided_may_not_decide_the_appeal(app, client, scene):
    appeal_id = file(app, scene)
    log_in(client, "mia")
    page = client.get(f"/moderation/appeals/{appeal_id}")
    assert page.status_code == 200 and soup(page).find("form", action=f"/moderation/appeals/{appeal_id}") is None
    refused = client.post(f"/moderation/appeals/{appeal_id}", data={"outcome": "reverse", "response": "Mine."})
    assert refused.status_code == 403
    with app.app_context():
        assert db.session.get(Appeal, appeal_id).status is AppealStatus.OPEN


def test_a_second_moderator_reverses_and_both_sides_hear_of_it_in_their_language(app, client, scene, smtp_server):
    appeal_id = file(app, scene)
    with app.app_context():
        reporter = make_user("rita", locale="de")
        db.session.add(Report(subject_id=scene["subject"], reporter_id=reporter.id, reason=Reason.SPAM,
                              status=ReportStatus.UPHELD, decision_id=scene["decision"]))
        db.session.commit()
    log_in(client, "moritz")
    assert client.get("/moderation/appeals").get_data(as_text=True).count("/moderation/appeals/") == 1
    missing = client.post(f"/moderation/appeals/{appeal_id}", data={"outcome": "reverse"})
    assert field_error(missing, "response") and summary_links(missing) == ["response"]
    response = client.post(f"/moderation/appeals/{appeal_id}",
                           data={"outcome": "reverse", "response": "A neighbourhood project, not spam."})
    assert response.status_code == 302
    with app.app_context():
        appeal = db.session.get(Appeal, appeal_id)
        assert appeal.status is AppealStatus.REVERSED and appeal.decision.reversed_at is not None
        assert appeal.decision.subject.hidden_reason is None
    (to_author,) = smtp_server.to("max@example.org")
    text, html = mail_parts(to_author)
    assert to_author["Subject"] == "Your appeal was successful" and "A neighbourhood project, not spam." in text
    assert f"/moderation/decisions/{scene['decision']}/appeal" in html
    (to_reporter,) = smtp_server.to("rita@example.org")
    assert to_reporter["Subject"] == "Von Ihnen gemeldeter Inhalt ist wieder sichtbar"


def test_reversing_a_keep_needs_the_facts_of_the_hiding(app, client, scene):
    with app.app_context():
        mia = db.session.execute(select(User).where(User.username == "mia")).scalar_one()
        reporter = make_user("rita")
        keep = decisions.record(mia, Action.KEEP, source=Source.REPORT, subject=db.session.get(
            Decision, scene["decision"]).subject, reason=Reason.INSULTING)
        db.session.add(Report(subject_id=scene["subject"], reporter_id=reporter.id, reason=Reason.INSULTING,
                              status=ReportStatus.REJECTED, decision_id=keep.id))
        db.session.flush()
        appeal = Appeal(decision_id=keep.id, appellant_id=reporter.id, text="It insults a named neighbour.")
        db.session.add(appeal)
        db.session.commit()
        appeal_id = appeal.id
    log_in(client, "moritz")
    response = client.post(f"/moderation/appeals/{appeal_id}", data={"outcome": "reverse", "response": "Agreed."})
    assert "Sachverhalt" in field_error(response, "facts")  # moritz reads German
    assert response.get_data(as_text=True).count("Agreed.") == 1  # what was typed stays
    with app.app_context():
        assert db.session.get(Appeal, appeal_id).status is AppealStatus.OPEN


def test_the_open_appeals_take_the_same_statements_for_2_or_12(app, client, scene, count_queries):
    log_in(client, "moritz")
    counts = []
    for total in (2, 12):
        while appeals_in_db(app) < total:
            file(app, scene, text=f"Appeal {appeals_in_db(app)}")
        with count_queries() as counter:
            assert client.get("/moderation/appeals").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]
