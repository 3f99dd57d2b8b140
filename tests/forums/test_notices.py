"""Forum notifications: a new thread reaches the followers of its category once, its mentions win, wording."""
from __future__ import annotations

from factories import make_category, make_reply, make_thread, make_user
from flask_babel import force_locale
from sqlalchemy import select

from app.extensions import db
from app.notifications.models import Notification
from app.notifications.notices import notices_for
from app.notifications.services import follow


def rows_of(user) -> list[Notification]:
    db.session.expire_all()
    return list(db.session.execute(select(Notification).where(Notification.user_id == user.id)
                                   .order_by(Notification.id)).scalars())


def test_a_new_thread_reaches_the_categorys_followers_not_its_author(app, db):
    opener, fan, other = make_user("opener"), make_user("fan", locale="en"), make_user("other")
    category = make_category("mobility", name="Mobility")
    follow(fan, category)
    follow(opener, category)
    thread = make_thread(opener, category, title="Benches on the market square")
    make_thread(opener, make_category("elsewhere"), title="Not followed")
    fan_rows = rows_of(fan)
    assert [(n.kind, n.subject_id, n.target_subject_id) for n in fan_rows] == [
        ("new_thread", category.subject_id, thread.subject_id)]
    assert rows_of(opener) == [] and rows_of(other) == []
    with app.test_request_context(), force_locale("en"):
        notice, = notices_for(fan, fan_rows)
        assert notice.sentence == "Opener opened “Benches on the market square” in Mobility."
        assert notice.url == f"/t/{thread.id}/{thread.slug}"
        assert notice.excerpt_html.strip() == "<p>The opening post.</p>"


def test_a_follower_mentioned_in_the_opening_post_is_told_once_as_mentioned(db):
    opener, fan = make_user("opener"), make_user("fan")
    category = make_category()
    follow(fan, category)
    make_thread(opener, category, title="Hello", body="Dear @fan, what do you think?")
    assert [n.kind for n in rows_of(fan)] == ["mention"]


def test_replies_in_a_new_thread_reach_its_followers_not_the_categorys(db):
    opener, fan, writer = make_user("opener"), make_user("fan"), make_user("writer")
    category = make_category()
    follow(fan, category)
    thread = make_thread(opener, category, title="Hello")
    make_reply(thread, writer, "A reply.")
    assert [n.kind for n in rows_of(fan)] == ["new_thread"]
    assert [n.kind for n in rows_of(opener)] == ["reply"]
