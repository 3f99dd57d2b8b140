"""Nobody learns from a notification, an e-mail, a digest or a feed what the page itself would not show them."""
from __future__ import annotations

import pytest
from factories import make_idea, make_idea_category, make_user
from helpers import mail_parts, page_text
from sqlalchemy import update

from app.extensions import db
from app.notifications import delivery, digests
from app.notifications.email_settings import save_deliveries
from app.notifications.services import follow
from app.users.models import Role
from ideas.models import Idea, Status
from ideas.services import change_status

ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def hidden_after_news(db):
    """A follower hears of two ideas; then one of them is hidden (back to draft: only its author sees it)."""
    author, fan = make_user("author", locale="en"), make_user("fan", locale="en")
    staff = make_user("staff", roles=(Role.CITY_STAFF,))
    category = make_idea_category(threshold=5)
    shown = make_idea(author, category, title="Benches everywhere")
    hidden = make_idea(author, category, title="Secret tunnel plans")
    for idea in (shown, hidden):
        follow(fan, idea)
    save_deliveries(fan, {"status_changed": "daily"})
    for idea in (shown, hidden):
        change_status(staff, idea, Status.UNDER_REVIEW, "Looking into it.")
    db.session.execute(update(Idea).where(Idea.id == hidden.id).values(status=Status.DRAFT.value))
    db.session.commit()
    return {"fan": fan, "author": author, "shown": shown.id, "hidden": hidden.id}


def test_the_notifications_page_leaves_it_out(client, auth, hidden_after_news):
    auth.login("fan")
    text = page_text(client.get("/notifications", headers=ENGLISH))
    assert "Benches everywhere" in text and "Secret tunnel plans" not in text


def test_the_digest_leaves_it_out_and_does_not_count_it(smtp_server, hidden_after_news):
    digests.send_digests("daily")
    message, = smtp_server.to("fan@example.org")
    text, html = mail_parts(message)
    assert message["Subject"] == "Your daily digest: 1 new notification"
    assert "Secret tunnel plans" not in text + html and "Benches everywhere" in text


def test_the_feeds_leave_it_out(client, hidden_after_news):
    assert "Secret tunnel plans" not in client.get("/ideas/feed.atom").get_data(as_text=True)
    assert client.get(f"/ideas/{hidden_after_news['hidden']}/feed.atom").status_code == 404


def test_its_author_still_hears_of_it(smtp_server, client, auth, hidden_after_news):
    delivery.send_due()
    assert any("Secret tunnel plans" in m["Subject"] for m in smtp_server.to("author@example.org"))
    auth.login("author")
    assert "Secret tunnel plans" in page_text(client.get("/notifications", headers=ENGLISH))
