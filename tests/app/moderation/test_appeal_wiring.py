"""Where appeals start: the statement page and e-mail (a signed link that works while suspended), the notifier's
page of a rejected notice, and the e-mail to members whose reports a decision rejected."""
from __future__ import annotations

from helpers import flashes, mail_parts, soup
from sqlalchemy import func, select

from app.models import Subject
from app.moderation import actions
from app.moderation.models import Appeal, Notice, Reason, SanctionKind
from factories import make_user
from moderation_queue_scene import make_item, make_note, notes, people  # noqa: F401

STATEMENT = actions.Statement(reason=Reason.SPAM, facts="Advertising for watches.", legal_ground="§ 5 TMG")


def appeals(db) -> int:
    return db.session.execute(select(func.count(Appeal.id))).scalar_one()


def test_the_statement_links_to_the_appeal_form_until_the_author_has_appealed(db, client, auth, notes, people):
    author = make_user("writer", locale="en")
    item = make_item(db.session.get(Subject, make_note(author).subject_id), author, reporters=[people["member"]])
    decision = actions.agree_and_hide(people["moderator"], item, STATEMENT)
    auth.login("writer")
    page = soup(client.get(f"/moderation/decisions/{decision.id}"))
    assert page.find("a", href=f"/moderation/decisions/{decision.id}/appeal", class_="button")
    client.post(f"/moderation/decisions/{decision.id}/appeal", data={"text": "It is my own shop's repair service."})
    page = soup(client.get(f"/moderation/decisions/{decision.id}"))
    assert not page.find("a", class_="button", href=f"/moderation/decisions/{decision.id}/appeal")
    assert page.find("a", href=f"/moderation/decisions/{decision.id}/appeal")  # to see the appeal's state


def test_a_suspended_author_appeals_through_the_link_in_the_statement_email(db, client, notes, people, smtp_server):
    author = make_user("writer", locale="en")
    item = make_item(db.session.get(Subject, make_note(author).subject_id), author, reporters=[people["member"]])
    actions.agree_and_hide(people["moderator"], item, STATEMENT, actions.SanctionOrder(SanctionKind.SUSPEND, 30))
    messages = smtp_server.wait_for("writer@example.org", count=2)
    suspended = next(m for m in messages if "suspended" in m["Subject"])
    text, html = mail_parts(suspended)
    link = next(line for line in text.splitlines() if "/appeal?key=" in line).strip()
    assert link in html.replace("&amp;", "&")
    path = link.removeprefix("http://localhost")
    assert client.get(path).status_code == 200  # not signed in, and could not be
    response = client.post(path.split("?")[0], data={"text": "My account was used by someone else.",
                                                     "key": path.split("key=")[1]}, follow_redirects=True)
    assert "Ihr Einspruch ist eingegangen" in flashes(response) and appeals(db) == 1  # a visitor reads German


def test_a_notifier_contests_a_rejected_notice_from_its_page(db, client, notes, people, smtp_server):
    author = make_user("writer", locale="en")
    item = make_item(db.session.get(Subject, make_note(author).subject_id), author, notices=1)
    actions.disagree_and_keep(people["moderator"], item, actions.Statement(reason=Reason.ILLEGAL,
                                                                          facts="Satire, not defamation."))
    notice = db.session.execute(select(Notice)).scalar_one()
    page = soup(client.get(f"/notice/{notice.token}"))
    link = page.find("a", href=f"/notice/{notice.token}/appeal")
    assert link is not None
    form = soup(client.get(link["href"])).find("form", action=f"/notice/{notice.token}/appeal")
    assert form is not None
    response = client.post(link["href"], data={"text": "It names me and my street."}, follow_redirects=True)
    assert "Ihr Einspruch ist eingegangen" in flashes(response)
    assert db.session.execute(select(Appeal.notice_id)).scalar_one() == notice.id
    assert client.get("/notice/unknown/appeal").status_code == 404


def test_members_whose_reports_were_rejected_hear_it_and_may_contest(db, client, auth, notes, people, smtp_server):
    author = make_user("writer", locale="en")
    reporter = make_user("rita", locale="en")
    item = make_item(db.session.get(Subject, make_note(author).subject_id), author, reporters=[reporter])
    decision = actions.disagree_and_keep(people["moderator"], item, actions.Statement(
        reason=Reason.SPAM, facts="A neighbourhood repair café, not advertising."))
    (message,) = smtp_server.wait_for("rita@example.org")
    text, _ = mail_parts(message)
    assert message["Subject"] == "Your report was reviewed: the content stays"
    assert "A neighbourhood repair café, not advertising." in text
    assert f"/moderation/decisions/{decision.id}/appeal" in text
    auth.login("rita")
    response = client.post(f"/moderation/decisions/{decision.id}/appeal", data={"text": "It sells watches."})
    assert response.status_code == 302 and appeals(db) == 1
