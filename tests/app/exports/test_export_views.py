"""/settings/data: asking for one's data, the job that builds it, the notice that it is ready, and a download
that only its owner gets, for seven days."""
from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
from factories import PASSWORD, make_idea, make_user
from helpers import is_logged_in, mail_parts, soup, translated
from sqlalchemy import select

from app.exports import services
from app.exports.models import DataExport
from app.extensions import db
from app.models import utcnow
from app.notifications import delivery
from app.notifications.models import Notification

EN = {"Accept-Language": "en"}


def signed_in(app, username: str):
    client = app.test_client()
    assert client.post("/login", data={"login": username, "password": PASSWORD}).status_code == 302
    return client


@pytest.fixture
def nina(app, db):
    user = make_user("nina", locale="en", display_name="Nina Neu")
    make_idea(user, title="Benches in every park")
    return user.id


def export_of(user_id: int) -> DataExport | None:
    db.session.rollback()
    return db.session.execute(select(DataExport).where(DataExport.user_id == user_id)
                              .order_by(DataExport.id.desc())).scalars().first()


def test_asking_builds_the_archive_and_the_page_offers_it(app, nina):
    client = signed_in(app, "nina")
    assert "Put my data together" in client.get("/settings/data", headers=EN).get_data(as_text=True)

    response = client.post("/settings/data", headers=EN)

    assert response.status_code == 302 and response.location == "/settings/data"
    export = export_of(nina)
    assert export.status == "ready" and export.parts_done == export.parts_total > 20
    assert export.expires_at - export.finished_at == timedelta(days=7)
    page = soup(client.get("/settings/data", headers=EN))
    link = page.find("a", href=f"/settings/data/{export.token}/werkstadt-data.zip")
    assert link is not None and link.has_attr("download")


def test_the_owner_downloads_a_zip_with_their_data(app, nina):
    client = signed_in(app, "nina")
    client.post("/settings/data")
    export = export_of(nina)

    response = client.get(f"/settings/data/{export.token}/werkstadt-data.zip")

    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.headers["Content-Disposition"] == "attachment; filename=werkstadt-data.zip"
    assert "no-store" in response.headers["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert [idea["title"] for idea in json.loads(archive.read("ideas.json"))] == ["Benches in every park"]
    assert "README.txt" in archive.namelist()


def test_anyone_else_guessed_or_replayed_gets_nothing(app, nina):
    make_user("otto")
    client = signed_in(app, "nina")
    client.post("/settings/data")
    path = f"/settings/data/{export_of(nina).token}/werkstadt-data.zip"

    assert signed_in(app, "otto").get(path).status_code == 404
    assert app.test_client().get(path).location.startswith("/login")
    assert client.get("/settings/data/guessed-token/werkstadt-data.zip").status_code == 404


def test_after_seven_days_the_link_is_dead_and_the_archive_forgotten(app, nina, monkeypatch):
    client = signed_in(app, "nina")
    client.post("/settings/data")
    export = export_of(nina)
    path = f"/settings/data/{export.token}/werkstadt-data.zip"
    later = utcnow() + timedelta(days=7, seconds=1)
    monkeypatch.setattr("app.exports.services.utcnow", lambda: later)
    monkeypatch.setattr("app.exports.models.utcnow", lambda: later)

    assert client.get(path).status_code == 404
    page = client.get("/settings/data", headers=EN).get_data(as_text=True)
    assert "Your last copy has expired" in page and "werkstadt-data.zip" not in page  # before it is forgotten too
    result = app.test_cli_runner().invoke(args=["exports", "forget-expired"])
    assert result.exit_code == 0 and "1 expired archive(s) forgotten." in result.output
    export = export_of(nina)
    assert export.status == "expired" and export.size == 0
    assert db.session.execute(select(DataExport.archive).where(DataExport.id == export.id)).scalar_one() is None
    assert "Your last copy has expired" in client.get("/settings/data", headers=EN).get_data(as_text=True)


def test_the_owner_is_told_in_the_app_and_by_e_mail(app, nina, smtp_server):
    client = signed_in(app, "nina")
    client.post("/settings/data")

    (notification,) = db.session.execute(select(Notification).where(Notification.user_id == nina)).scalars()
    assert notification.kind == "data_export" and notification.event == "export_ready"
    inbox = client.get("/notifications", headers=EN).get_data(as_text=True)
    assert "Your data is ready to download until" in inbox
    delivery.send_due()
    (message,) = smtp_server.to("nina@example.org")
    text, _html = mail_parts(message)
    assert "Your data is ready to download until" in text and "http://localhost/settings/data" in text


def test_asking_again_while_it_is_being_made_changes_nothing(app, nina, monkeypatch):
    monkeypatch.setattr("app.exports.services.jobs.enqueue", lambda *args, **kwargs: None)  # the job waits
    client = signed_in(app, "nina")

    client.post("/settings/data")
    client.post("/settings/data")

    assert db.session.execute(select(DataExport.status).where(DataExport.user_id == nina)).scalars().all() == [
        "waiting"]
    page = soup(client.get("/settings/data", headers=EN))
    assert page.find("progress") is not None and page.find("button", string="Put my data together") is None


def test_a_failed_build_says_so_and_can_be_asked_for_again(app, nina, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("app.exports.archive.write", broken)
    client = signed_in(app, "nina")
    client.post("/settings/data")

    assert export_of(nina).status == "failed"
    assert "Putting your data together failed" in client.get("/settings/data", headers=EN).get_data(as_text=True)


def test_a_visitor_is_sent_to_log_in(client, db):
    assert client.get("/settings/data").location.startswith("/login")
    assert client.post("/settings/data").location.startswith("/login")


@pytest.mark.parametrize("lang", ["de", "en", "tr", "ar"])
def test_the_page_is_valid_html_while_waiting_and_when_ready(app, nina, vnu, tmp_path, monkeypatch, lang):
    from helpers import assert_valid_html

    client = signed_in(app, "nina")
    headers = {"Accept-Language": lang}
    pages = {"empty": client.get("/settings/data", headers=headers).get_data(as_text=True)}
    waiting = monkeypatch.context()
    with waiting as patch:
        patch.setattr("app.exports.services.jobs.enqueue", lambda *args, **kwargs: None)
        client.post("/settings/data")
        pages["waiting"] = client.get("/settings/data", headers=headers).get_data(as_text=True)
    services.build(export_of(nina).id)
    pages["ready"] = client.get("/settings/data", headers=headers).get_data(as_text=True)

    assert "<progress" in pages["waiting"] and "werkstadt-data.zip" in pages["ready"]
    assert_valid_html(vnu, pages, tmp_path)
