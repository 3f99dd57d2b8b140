"""Notices of illegal content: open to everyone, checked like every form, taken into the queue, confirmed by
e-mail over a real SMTP server in the notifier's language, with a status page behind a secret link."""
from __future__ import annotations

import pytest
from helpers import field_error, mail_parts, page_text, soup, summary_links, translated
from moderation_members import member
from sqlalchemy import func, select

from app.extensions import db as _db
from app.moderation import profiles
from app.moderation.models import Notice, NoticeStatus, Reason, ReviewItem

GOOD = {"location": "https://werkstadt.example/u/ann", "explanation": "This profile insults a named person.",
        "name": "Nora Notifier", "email": "nora@example.org", "good_faith": "y"}


def notices_in_db() -> list[Notice]:
    _db.session.rollback()
    return _db.session.execute(select(Notice)).scalars().all()


@pytest.fixture
def subject_id(db) -> int:
    subject = profiles.subject_of(member("ann", display_name="Ann Example"))
    db.session.commit()
    return subject.id


def test_anyone_may_send_a_notice_and_gets_a_receipt_in_their_language(client, smtp_server, subject_id):
    response = client.post(f"/notice?subject={subject_id}", data=GOOD, headers={"Accept-Language": "en"})
    assert response.status_code == 302
    (notice,) = notices_in_db()
    assert (notice.subject_id, notice.locale, notice.notifier_id, notice.good_faith) == (subject_id, "en", None, True)
    assert len(notice.token) >= 40 and response.headers["Location"].endswith(f"/notice/{notice.token}")
    (mail,) = smtp_server.to("nora@example.org")
    text, html = mail_parts(mail)
    assert mail["Subject"] == "We have received your notice of illegal content"
    assert f"http://localhost/notice/{notice.token}" in text and f"/notice/{notice.token}" in html
    item = _db.session.execute(select(ReviewItem)).scalar_one()
    assert (item.notice_count, item.report_count, item.top_reason) == (1, 0, Reason.ILLEGAL)


def test_the_receipt_goes_out_in_german_for_a_german_visitor(app, client, smtp_server, subject_id):
    client.post(f"/notice?subject={subject_id}", data=GOOD)
    (mail,) = smtp_server.to("nora@example.org")
    assert mail["Subject"] == translated(app, "de", "We have received your notice of illegal content")
    assert notices_in_db()[0].locale == "de"


def test_the_form_is_prefilled_from_the_subject_and_for_a_member(client, subject_id):
    page = client.get(f"/notice?subject={subject_id}")
    assert soup(page).find(id="location")["value"] == "http://localhost/u/ann"
    assert "Ann Example" in page_text(page)
    member("ben", display_name="Ben Member")
    client.post("/login", data={"login": "ben", "password": "correct horse battery"})
    page = soup(client.get("/notice"))
    assert (page.find(id="name")["value"], page.find(id="email")["value"]) == ("Ben Member", "ben@example.org")


def test_a_notice_without_a_subject_is_stored_without_one(client, smtp_server, db):
    assert client.post("/notice", data=GOOD).status_code == 302
    (notice,) = notices_in_db()
    assert notice.subject_id is None and _db.session.execute(select(ReviewItem)).first() is None


def test_an_unknown_or_hidden_subject_is_404(client, db, subject_id):
    hidden = profiles.subject_of(member("cem"))
    hidden.hidden_reason = "spam"
    db.session.commit()
    for raw in ("999", "abc", str(hidden.id)):
        assert client.get(f"/notice?subject={raw}").status_code == 404
        assert client.post(f"/notice?subject={raw}", data=GOOD).status_code == 404
    assert notices_in_db() == []


def test_errors_stand_next_to_the_fields_and_everything_typed_is_kept(client, subject_id):
    data = {"location": "somewhere", "explanation": "Too short", "name": "", "email": "not-an-address"}
    response = client.post("/notice", data=data)
    assert response.status_code == 200
    for field_id in ("location", "explanation", "name", "email", "good_faith"):
        assert field_error(response, field_id), field_id
    assert summary_links(response) == ["location", "explanation", "name", "email", "good_faith"]
    page = soup(response)
    assert page.find(id="location")["value"] == "somewhere" and page.find(id="email")["value"] == "not-an-address"
    assert "Too short" in page.find(id="explanation").get_text()
    assert notices_in_db() == []


def test_the_status_page_shows_received_then_the_outcome(client, smtp_server, db, subject_id):
    client.post("/notice", data=GOOD, headers={"Accept-Language": "en"})
    (notice,) = notices_in_db()
    page = client.get(f"/notice/{notice.token}", headers={"Accept-Language": "en"})
    assert page.status_code == 200 and "have not decided yet" in page_text(page)
    notice.status = NoticeStatus.REJECTED
    db.session.commit()
    page = client.get(f"/notice/{notice.token}", headers={"Accept-Language": "en"})
    assert "did not restrict" in page_text(page) and "contest this decision" in page_text(page)
    notice.status = NoticeStatus.ACTED
    db.session.commit()
    assert "we restricted the content" in page_text(client.get(f"/notice/{notice.token}",
                                                               headers={"Accept-Language": "en"}))


def test_an_unknown_token_is_404(client, db):
    assert client.get("/notice/not-a-token").status_code == 404
    assert client.get("/notice/" + "x" * 100).status_code == 404


def test_every_reportable_page_links_the_notice_form_for_visitors(client, subject_id):
    links = [a["href"] for a in soup(client.get("/u/ann")).select("a.notice-link")]
    assert links == [f"/notice?subject={subject_id}"]


class TestWithCsrfAndRateLimit:
    @pytest.fixture
    def app_overrides(self):
        return {"WTF_CSRF_ENABLED": True, "RATELIMIT_ENABLED": True}

    def test_csrf_is_checked_and_the_form_is_rate_limited(self, client, smtp_server, db):
        refused = client.post("/notice", data=GOOD)
        assert refused.status_code in (200, 400) and notices_in_db() == []
        statuses = []
        for _ in range(11):
            token = soup(client.get("/notice")).find("input", attrs={"name": "csrf_token"})["value"]
            statuses.append(client.post("/notice", data={**GOOD, "csrf_token": token}).status_code)
        assert statuses == [302] * 10 + [429]  # 10 an hour per address
        assert len(notices_in_db()) == 10
