"""The audit log page: moderators only (a member gets 403 and leaves a refused entry), newest first, filters by
actor, action family, refusals and dates, pagination, links to objects that still exist, and a constant number of
SQL statements however long the log grows."""
from __future__ import annotations

from datetime import timedelta

import pytest
from factories import make_user
from helpers import page_text, soup
from sqlalchemy import func, select

from app.extensions import db
from app.models import utcnow
from app.moderation import audit
from app.moderation.log_reading import PER_PAGE
from app.moderation.models import AuditEntry
from app.users.models import Role

ENGLISH = {"Accept-Language": "en"}


def _refused(username: str) -> int:
    db.session.rollback()
    return db.session.execute(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.refused.is_(True), AuditEntry.actor_name == username)).scalar_one()


def test_a_member_gets_403_and_the_attempt_is_logged(db, client, auth):
    make_user("pia")
    auth.login("pia")
    response = client.get("/moderation/log")
    assert response.status_code == 403
    assert _refused("pia") == 1
    entry = db.session.execute(select(AuditEntry)).scalar_one()
    assert entry.action == "refused.moderation.log" and entry.after == {"path": "/moderation/log"}


def test_an_anonymous_visitor_is_sent_to_log_in(db, client):
    response = client.get("/moderation/log")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.ADMIN])
def test_moderators_and_admins_read_the_log_newest_first(db, client, auth, role):
    reader = make_user("reader", roles=(role,), locale="en")
    target = make_user("bob")
    audit.record(reader, "sanction.silence", obj=target, reason="Older", before={"silenced_until": None},
                 after={"silenced_until": "2030-01-01"})
    audit.record(reader, "thread.lock", reason="Newer")
    db.session.commit()
    auth.login("reader")
    response = client.get("/moderation/log", headers=ENGLISH)
    assert response.status_code == 200
    rows = soup(response).select("table.audit-log tbody tr")
    assert [r.find_all("td")[2].get_text(" ", strip=True) for r in rows] == ["thread.lock", "sanction.silence"]
    cells = rows[1].find_all("td")
    assert cells[1].get_text(strip=True) == "@reader"
    assert cells[3].find("a")["href"] == "/u/bob"
    assert "silenced_until: – → silenced_until: 2030-01-01" in " ".join(cells[5].get_text(" ").split())


def _seed(count: int, moderator, **fields) -> None:
    for number in range(count):
        audit.record(moderator, fields.get("action", "post.edit"), reason=f"r{number}",
                     refused=fields.get("refused", False))
    db.session.commit()


def test_filters_by_actor_action_refusal_and_date(db, client, auth):
    mona = make_user("mona", roles=(Role.MODERATOR,), locale="en")
    max_ = make_user("max", roles=(Role.MODERATOR,), locale="en")
    audit.record(mona, "thread.lock", reason="by mona")
    audit.record(max_, "sanction.suspend", reason="by max")
    audit.record(max_, "refused.moderation.queue", refused=True, reason="refused one")
    audit.record(max_, "page.save", reason="long ago")
    db.session.commit()
    auth.login("mona")

    def reasons(query: str) -> list[str]:
        page = soup(client.get(f"/moderation/log?{query}", headers=ENGLISH))
        return [r.find_all("td")[4].get_text(strip=True) for r in page.select("table.audit-log tbody tr")]

    assert reasons("actor=max") == ["long ago", "refused one", "by max"]
    assert reasons("actor=%40MONA") == ["by mona"]
    assert reasons("action=sanction") == ["by max"]
    assert reasons("refused=y") == ["refused one"]
    today = utcnow().date()
    assert len(reasons(f"since={today}&until={today}")) == 4
    assert reasons(f"until={today - timedelta(days=1)}") == []


def test_bad_filter_input_is_shown_and_filters_nothing(db, client, auth):
    make_user("mona", roles=(Role.MODERATOR,), locale="en")
    auth.login("mona")
    response = client.get("/moderation/log?since=yesterday&action=nonsense", headers=ENGLISH)
    assert response.status_code == 200
    page = soup(response)
    assert page.find(id="since-error") is not None and page.find(id="action-error") is not None
    assert page.find(id="since")["value"] == "yesterday"


def test_pagination(db, client, auth):
    mona = make_user("mona", roles=(Role.MODERATOR,), locale="en")
    _seed(PER_PAGE + 3, mona)
    auth.login("mona")
    first = soup(client.get("/moderation/log", headers=ENGLISH))
    assert len(first.select("table.audit-log tbody tr")) == PER_PAGE
    second = soup(client.get("/moderation/log?page=2", headers=ENGLISH))
    assert len(second.select("table.audit-log tbody tr")) == 3
    assert client.get("/moderation/log?page=3").status_code == 404


def test_the_log_keeps_a_constant_number_of_statements(db, client, auth, count_queries):
    mona = make_user("mona", roles=(Role.MODERATOR,), locale="en")
    auth.login("mona")

    def statements() -> int:
        with count_queries() as counter:
            assert client.get("/moderation/log", headers=ENGLISH).status_code == 200
        return counter.count

    for number in range(3):
        audit.record(mona, "sanction.silence", obj=make_user(f"small{number}"), reason="x")
    db.session.commit()
    small = statements()
    for number in range(30):
        audit.record(mona, "sanction.silence", obj=make_user(f"big{number}"), reason="x")
        audit.record(mona, "thread.lock", reason="y")
    db.session.commit()
    assert statements() == small
    assert "sanction.silence" in page_text(client.get("/moderation/log", headers=ENGLISH))
