"""User content that tries to load something from another host (image syntax, raw HTML, CSS, a protocol-relative
link) reaches pages, feeds and e-mails without anything a reader's program would fetch from elsewhere. (The suite
also checks every e-mail its SMTP server receives, every feed its tests parse and every page its browser loads.)"""
from __future__ import annotations

from factories import make_category, make_idea, make_reply, make_thread, make_user
from helpers import atom, feed_resources, mail_parts
from remote_resources import foreign, resource_urls

HOSTILE = """Look: ![tracker](https://evil.example/pixel.png) and <img src="https://evil.example/raw.png">
<link rel="stylesheet" href="https://evil.example/s.css"><style>@import "https://evil.example/i.css";</style>
<p style="background:url(https://evil.example/bg.png)">styled</p> [relative](//evil.example/page)
<iframe src="https://evil.example/frame"></iframe> <meta http-equiv="refresh" content="0; url=https://evil.example/">"""
OWN = "http://localhost"


def test_pages_with_hostile_user_content_fetch_nothing_from_elsewhere(client, db):
    author = make_user("hedda", bio_md=HOSTILE)
    idea = make_idea(author, title="Hostile idea text", body=HOSTILE)
    thread = make_thread(author, make_category("talk"), title="Hostile thread", body=HOSTILE)
    make_reply(thread, author, HOSTILE)

    for path in ("/", "/ideas", f"/ideas/{idea.id}", "/forums", "/forums/talk", f"/t/{thread.id}", "/u/hedda"):
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.get_data(as_text=True)
        assert "evil.example/page" not in html or 'href="https://evil.example/page"' in html, path
        assert foreign(resource_urls(html), OWN) == [], path
        assert 'href="//' not in html, path


def test_feeds_with_hostile_user_content_ask_for_nothing(client, db):
    author = make_user()
    idea = make_idea(author, title="Hostile idea text", body=HOSTILE)
    thread = make_thread(author, make_category("talk"), title="Hostile thread", body=HOSTILE)
    make_reply(thread, author, HOSTILE)

    for path in ("/ideas/feed.atom", f"/ideas/{idea.id}/feed.atom", f"/t/{thread.id}/feed.atom"):
        root = atom(client.get(path))  # which checks feed_resources(root) == [] itself
        assert feed_resources(root) == []
        assert "evil.example" in client.get(path).get_data(as_text=True), "the hostile text did not reach the feed"


def test_a_notification_e_mail_with_a_hostile_explanation_asks_for_nothing(app, db, smtp_server):
    from app.notifications import delivery
    from app.notifications.services import follow
    from app.users.models import Role
    from ideas.models import Status
    from ideas.services import change_status

    fan = make_user("fan", locale="en")
    idea = make_idea(make_user(), title="Hostile explanation")
    follow(fan, idea)
    change_status(make_user("staff", roles=(Role.CITY_STAFF,)), idea, Status.UNDER_REVIEW, HOSTILE)
    delivery.send_due()

    (message,) = smtp_server.to("fan@example.org")
    _text, html = mail_parts(message)
    assert "evil.example" in html, "the hostile text did not reach the e-mail"
    assert resource_urls(html) == []
    assert smtp_server.resources() == []
