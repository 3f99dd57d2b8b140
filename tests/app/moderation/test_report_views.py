"""The report form: who gets it (login, 403, 404), what it keeps and says, CSRF, and the links to it."""
from __future__ import annotations

import pytest
from helpers import field_error, flashes, page_text, soup, summary_links, translated
from moderation_members import member
from sqlalchemy import func, select

from app.extensions import db as _db
from app.models import Subject, utcnow
from app.moderation import profiles
from app.moderation.models import Reason, Report, ReviewItem
from factories import PASSWORD


def login(client, name: str) -> None:
    assert client.post("/login", data={"login": name, "password": PASSWORD}).status_code == 302


def reports_in_db() -> int:
    _db.session.rollback()
    return _db.session.execute(select(func.count()).select_from(Report)).scalar_one()


@pytest.fixture
def scene(db):
    """Ann's profile has a Subject; Ben may report it."""
    ann, ben = member("ann", display_name="Ann Example"), member("ben")
    subject = profiles.subject_of(ann)
    db.session.commit()
    return {"subject": subject.id, "ann": ann.id}


def test_anonymous_visitors_are_sent_to_log_in(client, scene):
    response = client.get(f"/report/{scene['subject']}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.post(f"/report/{scene['subject']}", data={"reason": "spam"}).status_code == 302
    assert reports_in_db() == 0


def test_the_author_and_silenced_members_get_403_and_nothing_changes(client, db, scene):
    login(client, "ann")
    assert client.get(f"/report/{scene['subject']}").status_code == 403
    assert client.post(f"/report/{scene['subject']}", data={"reason": "spam"}).status_code == 403
    member("sil", silenced_until=utcnow().replace(year=utcnow().year + 1))
    client.post("/logout")
    login(client, "sil")
    assert client.post(f"/report/{scene['subject']}", data={"reason": "spam"}).status_code == 403
    assert reports_in_db() == 0


def test_unknown_unreportable_and_hidden_subjects_are_404(client, db, scene):
    plain = Subject(kind="forum_category")
    db.session.add(plain)
    hidden = profiles.subject_of(member("cem"))
    hidden.hidden_reason = "spam"
    db.session.commit()
    login(client, "ben")
    for subject_id in (999, plain.id, hidden.id):
        assert client.get(f"/report/{subject_id}").status_code == 404
        assert client.post(f"/report/{subject_id}", data={"reason": "spam"}).status_code == 404
    assert client.get("/report/99999999999999999999").status_code == 404
    assert client.get("/report/user/nobody").status_code == 404
    assert reports_in_db() == 0


def test_the_form_shows_what_is_reported_and_the_five_reasons(client, scene):
    login(client, "ben")
    page = client.get(f"/report/{scene['subject']}")
    assert page.status_code == 200
    assert "Ann Example" in page_text(page)
    radios = soup(page).find_all("input", attrs={"name": "reason"})
    assert [radio["value"] for radio in radios] == [reason.value for reason in Reason]


def test_a_report_goes_back_to_the_content_with_thanks(app, client, scene):
    login(client, "ben")
    response = client.post(f"/report/{scene['subject']}", data={"reason": "insulting", "note": "Rude."},
                           follow_redirects=True)
    assert response.request.path == "/u/ann"
    assert translated(app, "de", "Thank you. Moderators will look at it.") in flashes(response)
    assert reports_in_db() == 1
    assert _db.session.execute(select(ReviewItem.report_count)).scalar_one() == 1


def test_reporting_again_says_so_instead_of_an_error(client, scene):
    login(client, "ben")
    client.post(f"/report/{scene['subject']}", data={"reason": "spam"})
    again = client.post(f"/report/{scene['subject']}", data={"reason": "other"})
    assert again.status_code == 200
    page = soup(again)
    assert page.find(class_="already-reported") is not None and page.find("input", attrs={"name": "reason"}) is None
    assert client.get(f"/report/{scene['subject']}").status_code == 200
    assert reports_in_db() == 1


def test_errors_stand_next_to_the_fields_and_typed_text_is_kept(client, scene):
    login(client, "ben")
    response = client.post(f"/report/{scene['subject']}", data={"note": "Kept text " + "x" * 1000})
    assert response.status_code == 200
    assert field_error(response, "note") is not None
    assert soup(response).find(id="reason-error") is not None
    assert summary_links(response) == ["reason-0", "note"]
    assert "Kept text" in soup(response).find("textarea", id="note").get_text()
    invalid = client.post(f"/report/{scene['subject']}", data={"reason": "nonsense"})
    assert soup(invalid).find(id="reason-error") is not None
    assert reports_in_db() == 0


def test_a_profile_without_a_subject_gets_one_when_the_report_is_sent(client, db, scene):
    cem = member("cem").id
    login(client, "ben")
    assert client.get("/report/user/cem").status_code == 200
    db.session.rollback()
    assert db.session.execute(select(Subject).where(Subject.kind == "user")).scalars().all().__len__() == 1
    response = client.post("/report/user/cem", data={"reason": "spam"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/u/cem")
    from app.users.models import User

    db.session.rollback()
    assert db.session.get(User, cem).subject_id is not None and reports_in_db() == 1


def test_the_profile_page_links_to_the_forms(client, scene):
    visitor = client.get("/u/ann")
    links = [a["href"] for a in soup(visitor).select(".content-actions a")]
    assert links == [f"/notice?subject={scene['subject']}"]
    login(client, "ben")
    links = [a["href"] for a in soup(client.get("/u/ann")).select(".content-actions a")]
    assert links == ["/report/user/ann", f"/notice?subject={scene['subject']}"]
    client.post("/logout")
    login(client, "ann")
    assert [a["href"] for a in soup(client.get("/u/ann")).select(".content-actions a")] == [
        f"/notice?subject={scene['subject']}"]


def test_a_profile_without_a_subject_links_the_notice_by_its_address(client, db, scene):
    member("cem")
    links = [a["href"] for a in soup(client.get("/u/cem")).select(".content-actions a")]
    assert links == ["/notice?location=/u/cem"]


class TestWithCsrf:
    @pytest.fixture
    def app_overrides(self):
        return {"WTF_CSRF_ENABLED": True}

    def test_a_report_without_the_token_is_refused_and_with_it_accepted(self, client, scene):
        token = soup(client.get("/login")).find("input", attrs={"name": "csrf_token"})["value"]
        client.post("/login", data={"login": "ben", "password": PASSWORD, "csrf_token": token})
        refused = client.post(f"/report/{scene['subject']}", data={"reason": "spam"})
        assert refused.status_code in (200, 400) and reports_in_db() == 0
        form = soup(client.get(f"/report/{scene['subject']}")).find("input", attrs={"name": "reason"}).find_parent("form")
        data = {"csrf_token": form.find("input", attrs={"name": "csrf_token"})["value"], "reason": "spam"}
        assert client.post(form["action"], data=data).status_code == 302
        assert reports_in_db() == 1
