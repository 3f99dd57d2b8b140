"""`flask demo load` brings moderation to look at: reports in the queue, a hidden reply with its statement of
reasons and the author's open appeal, and the house rules in German and English; loading twice adds nothing."""
from __future__ import annotations

import pytest
from helpers import page_text, translated
from sqlalchemy import func, select

from app.extensions import db
from app.moderation.models import (Action, Appeal, AppealStatus, AuditEntry, Decision, ItemStatus, Reason, Report,
                                   ReportStatus, ReviewItem, Source)
from app.moderation.policy import can_handle_appeal
from app.moderation.rules import current_rules
from app.pages.models import Page, PageRevision
from app.users.models import Role, User
from app.users.services import find_by_username
from demo import moderation as demo
from demo.users import DEMO_PASSWORD
from forums.models import Post

MODELS = (User, Post, Report, ReviewItem, Decision, Appeal, AuditEntry, Page, PageRevision)


def counts() -> dict[str, int]:
    db.session.rollback()
    return {model.__name__: db.session.execute(select(func.count()).select_from(model)).scalar_one()
            for model in MODELS}


def hidden_post() -> Post:
    kai = find_by_username("kai")
    return db.session.execute(select(Post).where(Post.author_id == kai.id)).scalar_one()


def hiding_decision() -> Decision:
    return db.session.execute(select(Decision).where(Decision.action == Action.HIDE,
                                                     Decision.subject_id == hidden_post().subject_id)).scalar_one()


def login(client, email: str) -> None:
    assert client.post("/login", data={"login": email, "password": DEMO_PASSWORD}).status_code == 302


def test_the_queue_shows_three_reported_items_one_with_two_reports(app, demo_loaded, client):
    pending = db.session.execute(select(ReviewItem).where(ReviewItem.status == ItemStatus.PENDING,
                                                          ReviewItem.report_count > 0)  # not the held ones
                                 .order_by(ReviewItem.score.desc())).scalars().all()
    assert sorted((item.kind, item.report_count, item.top_reason) for item in pending) == [
        ("idea", 1, Reason.OTHER), ("post", 1, Reason.OFF_TOPIC), ("post", 2, Reason.SPAM)]
    assert pending[0].report_count == 2  # two reports weigh most
    open_reports = db.session.execute(select(Report).where(Report.status == ReportStatus.OPEN)).scalars().all()
    assert len({report.reporter_id for report in open_reports}) == len(open_reports) == 4  # different members
    assert all(report.note and report.snapshot.get("body") for report in open_reports)
    assert not any(item.subject.is_hidden for item in pending)  # new accounts' reports never hide automatically

    login(client, "moderator-en@example.org")
    response = client.get("/moderation")
    assert response.status_code == 200
    text = page_text(response)
    for title in (demo.BIKE_THREAD[1], demo.BOOKING_THREAD[1], demo.WIFI_IDEA):
        assert title in text
    for item in pending:
        assert f'href="/moderation/items/{item.id}"' in response.get_data(as_text=True)
        assert client.get(f"/moderation/items/{item.id}").status_code == 200


def test_the_hidden_reply_leaves_a_placeholder_and_has_its_statement(app, demo_loaded, client):
    post, decision = hidden_post(), hiding_decision()
    assert post.subject.hidden_reason == Reason.INSULTING.value and not post.subject.hidden_automatically
    assert (decision.subject_id, decision.affected_id) == (post.subject_id, post.author_id)
    assert decision.moderator.username == "moderator" and decision.source is Source.REPORT
    assert decision.rule_number == 1 and decision.facts and not decision.automated
    assert db.session.execute(select(Report.status).where(Report.subject_id == post.subject_id)).scalars().all() == [
        ReportStatus.UPHELD]
    response = client.get(f"/t/{post.thread_id}", headers={"Accept-Language": "en"}, follow_redirects=True)
    assert response.status_code == 200
    text = page_text(response)
    placeholder = translated(app, "en", "Hidden by moderation: %(reason)s",
                             reason=translated(app, "en", "Insulting or harassing"))
    assert placeholder in text
    assert "nicht mehr zu helfen" not in text
    assert demo.ANSWER_TO_HIDDEN[1] in text  # the answer to the hidden reply stays readable

    login(client, "kai@example.org")
    statement = client.get(f"/moderation/decisions/{decision.id}")
    assert statement.status_code == 200
    text = page_text(statement)
    assert "Respektvoll bleiben" in text  # rule 1, quoted in Kai's language as it read at the decision
    assert "wertet die Person ab" in text


def test_the_authors_appeal_waits_for_the_other_moderator(app, demo_loaded, client):
    appeal = db.session.execute(select(Appeal)).scalar_one()
    assert appeal.status is AppealStatus.OPEN and appeal.appellant.username == "kai"
    assert appeal.decision_id == hiding_decision().id and appeal.text == demo.APPEAL_TEXT
    mira, milo = find_by_username("moderator"), find_by_username("moderator_en")
    assert milo.has_role(Role.MODERATOR) and milo.locale == "en"
    assert can_handle_appeal(milo, appeal) and not can_handle_appeal(mira, appeal)
    login(client, "moderator-en@example.org")
    assert f'/moderation/appeals/{appeal.id}"' in client.get("/moderation/appeals").get_data(as_text=True)
    assert client.get(f"/moderation/appeals/{appeal.id}").status_code == 200


def test_the_house_rules_are_there_in_german_and_english(app, demo_loaded, client):
    for locale, title, first in (("de", "Hausregeln", "Respektvoll bleiben"), ("en", "House rules", "Be respectful")):
        rules = current_rules(locale)
        assert 5 <= len(rules) <= 7 and rules[1].startswith(first)
        page = db.session.execute(select(Page).where(Page.slug == "house-rules", Page.locale == locale)).scalar_one()
        assert page.title == title
        assert "sechs Monate" in page.body_md if locale == "de" else "six months" in page.body_md
        response = client.get("/pages/house-rules", headers={"Accept-Language": locale})
        assert response.status_code == 200 and title in page_text(response)


def test_loading_twice_adds_nothing_and_prints_the_moderators(app, demo_loaded):
    first = counts()
    assert "2 accounts, 3 reported items and 1 hidden reply with its appeal added" in demo_loaded
    second = app.test_cli_runner().invoke(args=["demo", "load"])
    assert second.exit_code == 0, second.output
    assert "0 accounts, 0 reported items and 0 hidden reply with its appeal added" in second.output
    assert counts() == first
    for output in (demo_loaded, second.output):
        moderation = output[output.index("Moderation:"):output.index("Trust:")]
        for email in ("moderator@example.org", "moderator-en@example.org"):
            assert email in moderation
        assert moderation.count(DEMO_PASSWORD) == 2
