"""/admin/people: search by username, display name and e-mail; filter by role, state, trust level and join date;
paginated; a constant number of SQL statements however many people there are. A person's page: facts, reports
made and about their content, sanctions."""
from __future__ import annotations

from datetime import timedelta

import pytest
from factories import make_user
from helpers import field_error, soup
from sqlalchemy import select

from app.admin.people import PER_PAGE
from app.extensions import db
from app.models import utcnow
from app.moderation.models import Reason, Report, ReviewItem, Sanction, SanctionKind
from app.models import Subject
from app.users.models import Role, User

ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def admin(db, client, auth):
    make_user("ada", roles=(Role.ADMIN,), locale="en", display_name="Ada Admin",
              created_at=utcnow() - timedelta(days=400))
    auth.login("ada")


def listed(client, query: str = "") -> list[str]:
    page = soup(client.get(f"/admin/people{query}", headers=ENGLISH))
    return sorted(cell.find("a").get_text(strip=True) for cell in page.select("tbody th"))


def test_search_matches_username_display_name_and_email(client, admin):
    make_user("pia", display_name="Pia Müller", email="pia@stadt.example")
    make_user("tom", display_name="Tom Weber", email="tom@example.org")

    assert listed(client, "?q=PIA") == ["Pia Müller"]
    assert listed(client, "?q=weber") == ["Tom Weber"]
    assert listed(client, "?q=stadt.example") == ["Pia Müller"]
    assert listed(client, "?q=%25") == []  # a wildcard is a character like any other
    assert listed(client) == ["Ada Admin", "Pia Müller", "Tom Weber"]


def test_filters_by_role_state_trust_and_join_date(client, admin):
    now = utcnow()
    make_user("mo", roles=(Role.MODERATOR,), display_name="Mo")
    make_user("new", trust_level=0, display_name="New")
    make_user("unc", confirmed=False, display_name="Unc")
    make_user("sil", silenced_until=now + timedelta(days=2), display_name="Sil")
    make_user("sus", suspended_until=now + timedelta(days=2), display_name="Sus")
    make_user("gone", is_active_account=False, display_name="Gone")
    make_user("old", created_at=now - timedelta(days=100), silenced_until=now - timedelta(days=1), display_name="Old")

    assert listed(client, "?role=moderator") == ["Mo"]
    assert listed(client, "?role=admin") == ["Ada Admin"]
    assert listed(client, "?trust=0") == ["New"]
    assert listed(client, "?state=unconfirmed") == ["Unc"]
    assert listed(client, "?state=silenced") == ["Sil"]
    assert listed(client, "?state=suspended") == ["Sus"]
    assert listed(client, "?state=deactivated") == ["Gone"]
    assert listed(client, "?state=active") == ["Ada Admin", "Mo", "New", "Old"]
    since = (now - timedelta(days=101)).date().isoformat()
    until = (now - timedelta(days=99)).date().isoformat()
    assert listed(client, f"?since={since}&until={until}") == ["Old"]


def test_a_bad_filter_shows_its_error_and_filters_nothing(client, admin):
    response = client.get("/admin/people?since=yesterday&role=king", headers=ENGLISH)
    assert response.status_code == 200
    assert "valid date" in field_error(response, "since")
    assert field_error(response, "role")
    reversed_range = client.get("/admin/people?since=2000-01-02&until=2000-01-01", headers=ENGLISH)
    assert "before its start" in field_error(reversed_range, "until")
    assert listed(client, "?since=2000-01-02&until=2000-01-01") == ["Ada Admin"]  # only "from" filters


def test_pages_and_a_constant_number_of_statements(client, admin, count_queries):
    def add(count: int) -> None:
        for _ in range(count):
            make_user(roles=(Role.MODERATOR,))

    add(3)
    with count_queries() as few:
        assert client.get("/admin/people?role=moderator").status_code == 200
    add(PER_PAGE + 5)
    with count_queries() as many:
        page = soup(client.get("/admin/people?role=moderator"))
    assert len(page.select("tbody tr")) == PER_PAGE
    assert many.count == few.count
    assert len(soup(client.get("/admin/people?role=moderator&page=2")).select("tbody tr")) == 8
    assert client.get("/admin/people?page=3").status_code == 404


def test_a_person_page_shows_facts_reports_and_sanctions(client, admin):
    pia = make_user("pia", display_name="Pia", trust_level=0)
    tom = make_user("tom")
    subject = Subject(kind="thread")
    db.session.add(subject)
    db.session.flush()
    db.session.add_all([
        Report(subject_id=subject.id, reporter_id=pia.id, reason=Reason.SPAM),
        Report(subject_id=subject.id, reporter_id=tom.id, reason=Reason.SPAM),
        ReviewItem(subject_id=subject.id, kind="thread", author_id=tom.id, report_count=2),
        Sanction(user_id=tom.id, kind=SanctionKind.SILENCE, reason="Insults",
                 ends_at=utcnow() + timedelta(days=3)),
    ])
    db.session.commit()

    pia_page = soup(client.get("/admin/people/pia", headers=ENGLISH))
    text = pia_page.get_text(" ", strip=True)
    assert "New member (sandbox)" in text and "1 report made by them" in text
    assert "0 reports about their content" in text

    tom_page = soup(client.get("/admin/people/tom", headers=ENGLISH))
    text = tom_page.get_text(" ", strip=True)
    assert "2 reports about their content" in text and "Insults" in text
    item = db.session.execute(select(ReviewItem)).scalar_one()
    assert tom_page.find("a", href=f"/moderation/items/{item.id}") is not None
    assert tom_page.find("a", href="/moderation/log?actor=tom") is not None
    assert tom_page.find("a", href="/moderation/users/tom/sanction?kind=suspend") is not None
