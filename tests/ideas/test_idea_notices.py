"""Idea notifications: new ideas reach the category's followers once published, never as drafts; wording."""
from __future__ import annotations

from factories import make_idea, make_idea_category, make_user
from flask_babel import force_locale
from sqlalchemy import select

from app.extensions import db
from app.notifications.models import Notification
from app.notifications.notices import notices_for
from app.notifications.services import follow
from ideas.models import Status
from ideas.services import change_status, publish_idea
from app.users.models import Role


def rows_of(user) -> list[Notification]:
    db.session.expire_all()
    return list(db.session.execute(select(Notification).where(Notification.user_id == user.id)
                                   .order_by(Notification.id)).scalars())


def test_a_published_idea_reaches_the_categorys_followers_a_draft_does_not(app, db):
    author, fan = make_user("author"), make_user("fan", locale="en")
    category = make_idea_category("city", name="City services")
    follow(fan, category)
    draft = make_idea(author, category, title="Still a draft", publish=False)
    assert rows_of(fan) == []
    publish_idea(author, draft)
    fan_rows = rows_of(fan)
    assert [(n.kind, n.subject_id, n.target_subject_id) for n in fan_rows] == [
        ("new_idea", category.subject_id, draft.subject_id)]
    assert rows_of(author) == []
    with app.test_request_context(), force_locale("en"):
        notice, = notices_for(fan, fan_rows)
        assert notice.sentence == "Author proposed “Still a draft” in City services."
        assert notice.url == f"/ideas/{draft.id}"
        assert "<strong>appointments</strong>" in notice.excerpt_html


def test_status_sentences_name_the_new_status_in_the_readers_language(app, db):
    author, staff = make_user("author"), make_user("staff", roles=(Role.CITY_STAFF,))
    idea = make_idea(author, title="Wi-Fi in libraries")
    change_status(staff, idea, Status.UNDER_REVIEW, "We *check* it.")
    change_status(staff, idea, Status.ACCEPTED, "We do it.", official=True)
    rows = rows_of(author)
    with app.test_request_context(), force_locale("en"):
        review, answer = notices_for(author, rows)
        assert review.sentence == "“Wi-Fi in libraries” is now: Under review."
        assert review.excerpt_html.strip() == "<p>We <em>check</em> it.</p>"
        assert answer.sentence == "The city answered “Wi-Fi in libraries”: Accepted."
    with app.test_request_context(), force_locale("de"):
        review, _answer = notices_for(author, rows)
        assert "In Prüfung" in review.sentence
