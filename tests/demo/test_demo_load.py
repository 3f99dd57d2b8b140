"""`flask demo load`: the core's demo accounts and pages, once, whatever runs it how often."""
from __future__ import annotations

from helpers import count_rows, run_command, user_summary
from sqlalchemy import select

from app.extensions import db
from app.pages.models import Page
from app.users.models import Role, User, UserRole
from demo.easy_read import EASY_READ
from demo.pages import DEMO_PAGES
from demo.users import DEMO_PASSWORD, DEMO_USERS


def test_demo_load_is_idempotent_and_prints_the_logins(app):
    """The core's demo accounts and pages, once; feature packages may add accounts of their own (also once)."""
    emails = [email for email, *_ in DEMO_USERS]
    counts = []
    outputs = []
    for _ in range(2):
        result = run_command(app, "demo", "load")
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
        counts.append((count_rows(app, User.id), count_rows(app, Page.id), count_rows(app, UserRole.role)))
    assert counts[0] == counts[1]
    with app.app_context():
        core = db.session.execute(select(User).where(User.email.in_(emails))).scalars().all()
        assert sorted(user.email for user in core) == sorted(emails)
        roles = sum(len({Role.MEMBER, *user_roles}) for *_, user_roles, _ in DEMO_USERS)
        assert sum(len(user.roles) for user in core) == roles
    assert counts[0][1] == len(DEMO_PAGES) + len(EASY_READ)
    for output in outputs:
        for email in emails:
            assert email in output
        assert output.count(DEMO_PASSWORD) >= len(DEMO_USERS)
    assert f"0 page texts added ({len(DEMO_PAGES) + len(EASY_READ)} were there already)" in outputs[1]


def test_demo_users_have_their_roles_and_can_log_in(app, client, demo_loaded):
    for email, username, _name, roles, locale in DEMO_USERS:
        summary = user_summary(app, username)
        assert summary == (email, True, True, {Role.MEMBER, *roles})
    response = client.post("/login", data={"login": "admin@example.org", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get("/pages/imprint/edit").status_code == 200  # the demo admin is an admin


def test_demo_load_keeps_pages_an_operator_changed(app, demo_loaded):
    with app.app_context():
        page = db.session.execute(select(Page).where(Page.slug == "imprint", Page.locale == "de")).scalar_one()
        page.title = "Unser Impressum"
        db.session.commit()
    assert run_command(app, "demo", "load").exit_code == 0
    with app.app_context():
        titles = db.session.scalars(select(Page.title).where(Page.slug == "imprint", Page.locale == "de")).all()
    assert titles == ["Unser Impressum"]


def test_the_privacy_notice_says_what_is_kept_how_long_and_where_to_export_or_delete(app, client, demo_loaded):
    """In both languages, by the names the settings pages carry, so a reader finds what the notice points at."""
    from helpers import page_text, translated

    for lang in ("de", "en"):
        client.post("/language", data={"locale": lang})
        text = page_text(client.get("/pages/privacy"))
        for label in ("Sessions", "Your data", "Delete account"):
            assert translated(app, lang, label) in text, (lang, label)
        assert translated(app, lang, "Deleted participant") in text
        assert "30" in text and "7" in text


def test_the_demo_mails_nobody_about_its_past(app, smtp_server, caplog):
    """Loading the demo publishes its notifications, but sends no e-mail, logs none in full, and leaves none in
    the outbox for later; a second load has nothing to hold back."""
    from app.notifications.models import EmailOutbox

    first = run_command(app, "demo", "load")

    held = int(first.output.split("E-mails: ", 1)[1].split()[0])
    assert held > 10 and smtp_server.messages == []
    assert "here it is in full" not in caplog.text
    with app.app_context():
        waiting = db.session.execute(select(EmailOutbox).where(
            EmailOutbox.sent_at.is_(None), EmailOutbox.dropped_at.is_(None))).scalars().all()  # digests too
        assert waiting == []
    assert "E-mails: 0 notifications" in run_command(app, "demo", "load").output
