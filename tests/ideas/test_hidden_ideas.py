"""Hidden means hidden for ideas: out of every list, count and feed for everyone; the idea page, its discussion
and its support are a 404 for others; its author sees it with a banner and may edit it (back to review)."""
from __future__ import annotations

import pytest
from factories import add_supporters, make_idea, make_idea_category, make_reply, make_user
from helpers import page_text, soup
from sqlalchemy import select

from app.extensions import db
from app.moderation import decisions, hiding
from app.moderation.models import Action, Reason, Source
from app.moderation.signals import hidden_content_edited
from app.users.models import Role, User
from ideas import reading, services
from ideas.models import Idea, Status
from ideas.moderation import IDEA_HOOKS
from ideas.reading import IdeaFilters, Sort

EN = {"Accept-Language": "en"}
HIDDEN_TITLE = "Cheap pills online"


def login(client, username: str) -> None:
    assert client.post("/login", data={"login": username, "password": "correct horse battery"}).status_code == 302


def user_named(username: str) -> User:
    return db.session.execute(select(User).where(User.username == username)).scalar_one()


@pytest.fixture
def scene(db):
    """A shown idea and bob's spam idea (supported by three, past its threshold of 2, discussed), hidden."""
    category = make_idea_category("city", threshold=2)
    make_user("mia", roles=(Role.MODERATOR,), locale="en")
    make_user("clara", roles=(Role.CITY_STAFF,), locale="en")
    shown = make_idea(make_user("alice", locale="en"), category, title="Benches in the park")
    spam = make_idea(make_user("bob", locale="en"), category, title=HIDDEN_TITLE, body="Buy now.")
    add_supporters(spam, 3)
    add_supporters(shown, 2)
    make_reply(spam.discussion, make_user("carl", locale="en"), "Looks like spam.")
    hiding.hide(spam.subject, Reason.SPAM)
    db.session.commit()
    return {"shown": shown.id, "spam": spam.id, "thread": spam.discussion.id, "category": "city"}


@pytest.mark.parametrize("sort", list(Sort))
def test_a_hidden_idea_is_in_no_list_and_no_total(client, scene, sort):
    me = user_named("bob")
    for viewer in (None, me, user_named("mia")):
        for filters in (IdeaFilters(sort=sort), IdeaFilters(sort=sort, category=db.session.get(Idea, scene["spam"])
                                                            .category), IdeaFilters(sort=sort, mine=True)):
            shown = reading.list_ideas(filters, 1, viewer)
            assert scene["spam"] not in [row.idea.id for row in shown.rows]
            assert shown.total == len(shown.rows)
    assert scene["spam"] not in [row.idea.id for row in reading.awaiting_answer(1).rows]


def test_the_list_pages_and_feeds_leave_it_out(client, scene):
    for path in ("/ideas", "/ideas?category=city", "/ideas?sort=supported", "/ideas/awaiting-answer",
                 "/ideas/feed.atom", "/ideas/feed.atom?category=city"):
        response = client.get(path)
        assert response.status_code == 200 and HIDDEN_TITLE not in response.get_data(as_text=True), path
    login(client, "clara")
    dashboard = client.get("/ideas/dashboard")
    assert dashboard.status_code == 200 and HIDDEN_TITLE not in dashboard.get_data(as_text=True)


@pytest.mark.parametrize("who", [None, "carl"])
def test_its_page_discussion_feed_and_support_are_404_for_others(client, scene, who):
    if who:
        login(client, who)
    spam = scene["spam"]
    for path in (f"/ideas/{spam}", f"/ideas/{spam}/feed.atom", f"/t/{scene['thread']}",
                 f"/t/{scene['thread']}/feed.atom"):
        assert client.get(path).status_code == 404, path
    before = db.session.get(Idea, spam).support_count
    assert client.post(f"/ideas/{spam}/support").status_code in (302, 404)
    if who:
        assert client.post(f"/ideas/{spam}/support").status_code == 404
    db.session.expire_all()
    assert db.session.get(Idea, spam).support_count == before


def test_its_author_sees_it_with_the_reason_and_the_statement_and_may_edit_it(client, scene):
    spam = db.session.get(Idea, scene["spam"])
    decision = decisions.record(user_named("mia"), Action.HIDE, source=Source.REPORT, subject=spam.subject,
                                affected_id=spam.author_id, reason=Reason.SPAM, facts="Adverts.", rule_number=2)
    db.session.commit()
    login(client, "bob")
    response = client.get(f"/ideas/{scene['spam']}", headers=EN)
    text = page_text(response)
    assert response.status_code == 200
    assert "Hidden by moderation: Spam. Only you and the moderators see this." in text
    assert "You may edit it" in text
    assert soup(response).find("a", href=f"/moderation/decisions/{decision.id}") is not None
    assert client.get(f"/ideas/{scene['spam']}/edit").status_code == 200  # supported, yet editable while hidden


def test_moderators_see_it_marked(client, scene):
    login(client, "mia")
    response = client.get(f"/ideas/{scene['spam']}", headers=EN)
    assert response.status_code == 200
    assert "Only its author and the moderators see this." in page_text(response)
    assert client.get(f"/t/{scene['thread']}").status_code == 200


def test_nobody_supports_a_hidden_idea(db, scene):
    spam = db.session.get(Idea, scene["spam"])
    with pytest.raises(services.NotAllowed):
        services.support(user_named("mia"), spam)


def test_the_author_editing_it_sends_it_back_to_review(db, scene):
    received = []

    def receiver(sender, **kwargs):
        received.append((sender.id, kwargs["editor"].username))

    spam = db.session.get(Idea, scene["spam"])
    hidden_content_edited.connect(receiver)
    try:
        services.update_idea(spam.author, spam, services.IdeaInput(
            title="Pharmacy opening hours", body_md="When are pharmacies open?", category=spam.category,
            language="en"))
    finally:
        hidden_content_edited.disconnect(receiver)
    assert received == [(spam.subject_id, "bob")]


def test_the_hooks(db, scene):
    spam, mia = db.session.get(Idea, scene["spam"]), user_named("mia")
    assert IDEA_HOOKS.author_id(spam) == spam.author_id
    assert IDEA_HOOKS.content(spam) == {"title": HIDDEN_TITLE, "body": "Buy now."}
    assert IDEA_HOOKS.category(spam) == "ideas:city"
    assert IDEA_HOOKS.hidden_with(spam) == [spam.discussion.subject]
    assert spam.discussion.subject.is_hidden  # the discussion went with it
    IDEA_HOOKS.redact(spam, mia, {"body": "[removed by moderation]"})
    db.session.commit()
    assert spam.body_md == "[removed by moderation]" and "removed by moderation" in spam.body_html
    IDEA_HOOKS.delete(spam, mia)
    db.session.commit()
    assert spam.state == Status.WITHDRAWN and spam.subject.is_hidden
    hiding.show(spam.subject)
    db.session.commit()
    assert not spam.discussion.subject.is_hidden


def test_shown_again_it_is_back_everywhere(client, scene):
    hiding.show(db.session.get(Idea, scene["spam"]).subject)
    db.session.commit()
    assert HIDDEN_TITLE in client.get("/ideas").get_data(as_text=True)
    assert client.get(f"/t/{scene['thread']}").status_code in (200, 302)


def test_the_list_costs_the_same_statements_with_hidden_ideas(client, scene, count_queries):
    def measure() -> int:
        client.get("/ideas?sort=discussed")
        with count_queries() as counter:
            assert client.get("/ideas?sort=discussed").status_code == 200
        return counter.count

    few = measure()
    category, author = db.session.get(Idea, scene["spam"]).category, user_named("bob")
    for n in range(5):
        hiding.hide(make_idea(author, category, title=f"Spam {n}").subject, Reason.SPAM)
    db.session.commit()
    assert measure() == few
