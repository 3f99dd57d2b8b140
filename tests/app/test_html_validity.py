"""Every foundation, forum, idea and solution page is valid HTML (Nu Html Checker, vnu.jar), in German, English, Turkish and Arabic."""
from __future__ import annotations


import pytest
from helpers import assert_valid_html

from app.pages.services import save_page
from app.users.models import Role, User
from factories import PASSWORD, make_user
from forum_scene import ForumScene, build_forum_scene

BIO = "I cycle to work.\n\n# Why\n\n- **safe** crossings\n- benches\n\nSee <https://example.org> and `code`."
IMPRINT = """**Angaben gemäß § 5 DDG**

Stadt Musterstadt, Rathausplatz 1, 12345 Musterstadt

## Kontakt

| Wer | E-Mail |
|-----|--------|
| Amt für Digitalisierung | <werkstadt@example.org> |

> Ein Zitat mit *Betonung*.

1. eins
2. zwei

<script>alert(1)</script> bleibt Text.
"""

ANONYMOUS_PAGES = {
    "home": "/",
    "login": "/login",
    "register": "/register",
    "reset-request": "/reset-password",
    "resend-confirmation": "/confirm",
    "barrier-report": "/accessibility/report",
    "profile": "/u/ada",
    "not-found": "/no-such-page",
}
SIGNED_IN_PAGES = {
    "settings-profile": "/settings",
    "settings-email": "/settings/email",
    "settings-password": "/settings/password",
    "settings-sessions": "/settings/sessions",
    "settings-data": "/settings/data",
    "settings-delete": "/settings/delete",
    "settings-following": "/settings/following",
    "following-empty": "/following",
    "notifications-empty": "/notifications",
    "settings-notifications": "/settings/notifications",
}
INVALID_FORMS = {  # POSTs that come back with an error summary
    "register-errors": ("/register", {"username": "No Spaces!", "email": "not-an-address", "password": "short"}),
    "login-errors": ("/login", {"login": "ada", "password": "wrong password"}),
    "reset-request-errors": ("/reset-password", {"email": "nope"}),
    "barrier-report-errors": ("/accessibility/report", {"message": "", "email": "nope"}),
}
SIGNED_IN_INVALID_FORMS = {
    "settings-profile-errors": ("/settings", {"display_name": "", "locale": "de"}),
    "settings-email-errors": ("/settings/email", {"email": "nope", "current_password": ""}),
    "settings-password-errors": ("/settings/password", {"current_password": "", "new_password": "short"}),
    "settings-notifications-errors": ("/settings/notifications", {"kind_reply": "hourly"}),
}


def fetch(client, method: str, path: str, data: dict | None, status: int, lang: str) -> str:
    response = client.open(path, method=method, data=data)
    assert response.status_code == status, f"{method} {path} ({lang}) answered {response.status_code}"
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}"' in html, f"{method} {path} is not in {lang}"
    return html


def client_in(app, lang: str, login: str | None = None):
    """A test client that uses the header's language switch (the session, and a member's preference)."""
    client = app.test_client()
    if login:
        client.post("/login", data={"login": login, "password": PASSWORD})
    client.post("/language", data={"locale": lang})
    return client


def collect_pages(app, lang: str) -> dict[str, str]:
    """name -> HTML of every page and error state, as seen in `lang`."""
    anonymous, member = client_in(app, lang), client_in(app, lang, login="ada")

    pages: dict[str, str] = {}
    for name, path in ANONYMOUS_PAGES.items():
        pages[name] = fetch(anonymous, "GET", path, None, 404 if name == "not-found" else 200, lang)
    for name, path in SIGNED_IN_PAGES.items():
        pages[name] = fetch(member, "GET", path, None, 200, lang)
    for name, (path, data) in INVALID_FORMS.items():
        pages[name] = fetch(anonymous, "POST", path, data, 200, lang)
    for name, (path, data) in SIGNED_IN_INVALID_FORMS.items():
        pages[name] = fetch(member, "POST", path, data, 200, lang)
    pages["imprint"] = fetch(anonymous, "GET", "/pages/imprint", None, 200, lang)  # the English one falls back
    pages["home-signed-in"] = fetch(member, "GET", "/", None, 200, lang)
    pages["profile-own"] = fetch(member, "GET", "/u/ada", None, 200, lang)
    for name, html in pages.items():
        assert 'class="error-summary"' in html or not name.endswith("-errors"), f"{name} ({lang}) shows no errors"
    return pages


def collect_forum_pages(app, lang: str, scene: ForumScene) -> dict[str, str]:
    """name -> HTML of the forum pages, forms with errors and a preview, for the administrator and a visitor."""
    anonymous, admin = client_in(app, lang), client_in(app, lang, login=scene.admin)
    pages = {f"forum-{name}": fetch(admin, "GET", path, None, 200, lang) for name, path in scene.pages().items()}
    for name, (path, data) in scene.invalid_forms().items():
        html = pages[f"forum-{name}"] = fetch(admin, "POST", path, data, 200, lang)
        expected = 'class="preview"' if name.endswith("-preview") else 'class="error-summary"'
        assert expected in html, f"{name} ({lang}) shows no {expected}"
    for name in ("index", "category", "thread-nested", "thread-flat", "discussion-nested"):
        pages[f"forum-{name}-anonymous"] = fetch(anonymous, "GET", scene.pages()[name], None, 200, lang)
    return pages


def build_idea_scene() -> dict[str, int]:
    """An answered idea with supports and a discussion, an open one of the author's, a draft, an overdue one."""
    from datetime import timedelta

    from app.models import utcnow
    from app.extensions import db
    from factories import add_supporters, make_idea, make_idea_category, make_reply
    from forums.models import Stance
    from ideas.models import Status
    from ideas.services import change_status

    clara = make_user("clara", roles=(Role.CITY_STAFF, Role.ADMIN))
    author = make_user("ida")
    category = make_idea_category("verwaltung", threshold=2, name="Verwaltung digital")
    answered = make_idea(author, category, title="Termine online buchen", body=BIO, language="de")
    add_supporters(answered, 2)
    make_reply(answered.discussion, body="Sehr gut!", stance=Stance.FOR)
    change_status(clara, answered, Status.ACCEPTED, "Wir setzen das **bis Juni** um.")
    overdue = make_idea(author, category, title="Open data on bike parking", language="en")
    add_supporters(overdue, 2)
    overdue.answer_due_at = utcnow() - timedelta(days=3)
    db.session.commit()
    own = make_idea(author, category, title="WLAN in allen Bibliotheken")
    draft = make_idea(author, category, title="Ein Entwurf", publish=False)
    return {"answered": answered.id, "overdue": overdue.id, "own": own.id, "draft": draft.id}


def collect_idea_pages(app, lang: str, ideas: dict[str, int]) -> dict[str, str]:
    """name -> HTML of the idea pages, forms with errors and a preview, for staff, the author and a visitor."""
    anonymous, staff, author = client_in(app, lang), client_in(app, lang, login="clara"), client_in(app, lang, "ida")
    pages = {
        "home-ideas-anonymous": fetch(anonymous, "GET", "/", None, 200, lang),
        "home-ideas-author": fetch(author, "GET", "/", None, 200, lang),
        "ideas-list": fetch(anonymous, "GET", "/ideas", None, 200, lang),
        "ideas-list-filtered": fetch(author, "GET", "/ideas?sort=supported&status=accepted&category=verwaltung&mine=1",
                                     None, 200, lang),
        "ideas-list-category": fetch(anonymous, "GET", "/ideas?category=verwaltung", None, 200, lang),
        "ideas-awaiting": fetch(anonymous, "GET", "/ideas/awaiting-answer", None, 200, lang),
        "ideas-dashboard": fetch(staff, "GET", "/ideas/dashboard", None, 200, lang),
        "idea-answered-anonymous": fetch(anonymous, "GET", f"/ideas/{ideas['answered']}", None, 200, lang),
        "idea-answered-staff": fetch(staff, "GET", f"/ideas/{ideas['answered']}", None, 200, lang),
        "idea-overdue": fetch(author, "GET", f"/ideas/{ideas['overdue']}", None, 200, lang),
        "idea-discussions": fetch(anonymous, "GET", "/forums/discussions", None, 200, lang),
        "idea-own": fetch(author, "GET", f"/ideas/{ideas['own']}", None, 200, lang),
        "idea-draft": fetch(author, "GET", f"/ideas/{ideas['draft']}", None, 200, lang),
        "idea-new": fetch(author, "GET", "/ideas/new", None, 200, lang),
        "idea-edit": fetch(author, "GET", f"/ideas/{ideas['own']}/edit", None, 200, lang),
        "idea-withdraw": fetch(author, "GET", f"/ideas/{ideas['own']}/withdraw", None, 200, lang),
        "idea-status": fetch(staff, "GET", f"/ideas/{ideas['overdue']}/status", None, 200, lang),
        "idea-categories": fetch(staff, "GET", "/admin/categories/ideas", None, 200, lang),
        "following": fetch(author, "GET", "/following", None, 200, lang),
        "notifications": fetch(author, "GET", "/notifications", None, 200, lang),
        "idea-category-new": fetch(staff, "GET", "/admin/categories/ideas/new", None, 200, lang),
        "idea-new-errors": fetch(author, "POST", "/ideas/new", {"title": "Hi", "body": "", "action": "publish"},
                                 200, lang),
        "idea-new-preview": fetch(author, "POST", "/ideas/new", {"title": "Hallo", "body": BIO, "action": "preview"},
                                  200, lang),
        "idea-status-errors": fetch(staff, "POST", f"/ideas/{ideas['overdue']}/status",
                                    {"status": "duplicate", "explanation": ""}, 200, lang),
        "idea-category-errors": fetch(staff, "POST", "/admin/categories/ideas/new",
                                      {"slug": "Not a slug", "support_threshold": "abc"}, 200, lang),
        "admin-index": fetch(staff, "GET", "/admin/", None, 200, lang),
        "admin-people": fetch(staff, "GET", "/admin/people?q=i&state=active", None, 200, lang),
        "admin-people-errors": fetch(staff, "GET", "/admin/people?since=gestern", None, 200, lang),
        "admin-person": fetch(staff, "GET", "/admin/people/ida", None, 200, lang),
        "admin-settings": fetch(staff, "GET", "/admin/settings", None, 200, lang),
        "admin-settings-errors": fetch(staff, "POST", "/admin/settings", {"s_moderation__auto_hide_reports": "0"},
                                       200, lang),
        "admin-pages": fetch(staff, "GET", "/admin/pages", None, 200, lang),
    }
    with app.app_context():
        from app.notifications.email_settings import unsubscribe_token
        from app.users.models import User

        token = unsubscribe_token(db_user("ida", User), "status_changed")
    pages["unsubscribe"] = fetch(anonymous, "GET", f"/notifications/unsubscribe/{token}", None, 200, lang)
    pages["unsubscribed"] = fetch(anonymous, "POST", f"/notifications/unsubscribe/{token}", None, 200, lang)
    for name, html in pages.items():
        expected = 'class="preview"' if name.endswith("-preview") else 'class="error-summary"'
        assert expected in html or not name.endswith(("-errors", "-preview")), f"{name} ({lang}) shows no {expected}"
    assert 'class="notification-list"' in pages["notifications"], f"ida ({lang}) has no notifications"
    return pages


def build_solution_scene() -> dict:
    """A live solution with milestones (one late), an update, a team, ratings and a reply; one in development
    with a milestone and an offer waiting for its owner's answer."""
    from datetime import timedelta

    from app.extensions import db
    from app.models import utcnow
    from factories import add_supporters, make_idea, make_idea_category, make_reply
    from forums.embedded import thread_about
    from ideas.models import Status
    from ideas.services import change_status
    from ideas.solutions import services
    from ideas.solutions.models import Role as HelpRole
    from ideas.solutions.models import SolutionStatus
    from ideas.solutions.services import SolutionInput

    staff = db_user("clara", User)
    category = make_idea_category("stadtportal", threshold=2, name="Stadtportal")
    idea = make_idea(make_user("olga"), category, title="Termine für das Standesamt", language="de")
    fans = add_supporters(idea, 3)
    change_status(staff, idea, Status.ACCEPTED, "Ja.")
    live = services.create_solution(staff, SolutionInput("Online-Termine", "Rund um die Uhr buchen.", BIO, "de",
                                                         category), ideas=(idea,), explanation_md="Wir bauen es.")
    today = utcnow().date()
    done = services.add_milestone(staff, live, title="Prototyp", planned_on=today - timedelta(days=30))
    services.set_milestone_done(staff, done, True, on=today - timedelta(days=28))
    services.add_milestone(staff, live, title="Pilot", planned_on=today - timedelta(days=2), description_md=BIO)
    services.decide_volunteer(staff, services.volunteer(fans[0], live, role=HelpRole.TESTING, public=True), True)
    services.post_update(fans[0], live, "Mit **NVDA** getestet.")
    services.change_status(staff, live, SolutionStatus.LIVE, "Online.")
    services.rate(fans[0], live, 5, "Klappt *gut*.")
    services.rate(fans[1], live, 2)
    make_reply(thread_about(live.subject_id), body="Prima!")
    building = services.create_solution(staff, SolutionInput("Open data portal", "All data, open.", "Soon.", "en"))
    services.change_status(staff, building, SolutionStatus.IN_DEVELOPMENT)
    services.add_milestone(staff, building, title="Data inventory", planned_on=today + timedelta(days=10))
    services.volunteer(fans[2], building, role=HelpRole.DEVELOPMENT, note="I know CKAN.", public=True)
    db.session.commit()
    return {"live": live.id, "building": building.id, "idea": idea.id, "rated": fans[0].username,
            "supporter": fans[2].username}


SOLUTION_FORM = {"title": "Open data", "summary": "", "description": "**Data**", "category": "", "language": "en",
                 "ideas": "12, abc", "explanation": "", "action": "save"}


def collect_solution_pages(app, lang: str, solutions: dict) -> dict[str, str]:
    """name -> HTML of the solution list, both solutions (for a visitor, a member and the owner) and every
    solution form, empty, with errors and previewed; and the profiles that list ideas, drafts and solutions."""
    anonymous, member = client_in(app, lang), client_in(app, lang, login="ida")
    owner = client_in(app, lang, login="clara")
    rated, supporter = client_in(app, lang, login=solutions["rated"]), client_in(app, lang, login=solutions["supporter"])
    live, building = f"/solutions/{solutions['live']}", f"/solutions/{solutions['building']}"
    pages = {
        "solutions-list": fetch(anonymous, "GET", "/solutions", None, 200, lang),
        "solutions-list-live": fetch(member, "GET", "/solutions?status=live", None, 200, lang),
        "solutions-list-staff": fetch(owner, "GET", "/solutions", None, 200, lang),
        "solution-live": fetch(anonymous, "GET", live, None, 200, lang),
        "solution-live-member": fetch(member, "GET", live, None, 200, lang),
        "solution-live-rated": fetch(rated, "GET", live, None, 200, lang),
        "solution-building": fetch(anonymous, "GET", building, None, 200, lang),
        "solution-building-owner": fetch(owner, "GET", building, None, 200, lang),
        "solution-building-volunteer": fetch(supporter, "GET", building, None, 200, lang),
        "solution-new": fetch(owner, "GET", f"/solutions/new?idea={solutions['idea']}", None, 200, lang),
        "solution-new-errors": fetch(owner, "POST", "/solutions/new", SOLUTION_FORM, 200, lang),
        "solution-new-preview": fetch(owner, "POST", "/solutions/new", {**SOLUTION_FORM, "action": "preview"}, 200,
                                      lang),
        "solution-edit": fetch(owner, "GET", f"{building}/edit", None, 200, lang),
        "solution-status": fetch(owner, "GET", f"{building}/status", None, 200, lang),
        "solution-status-errors": fetch(owner, "POST", f"{building}/status", {"status": "live"}, 200, lang),
        "solution-link": fetch(owner, "GET", f"{building}/ideas", None, 200, lang),
        "solution-link-errors": fetch(owner, "POST", f"{building}/ideas", {"idea": "x"}, 200, lang),
        "milestone-new": fetch(owner, "GET", f"{building}/milestones/new", None, 200, lang),
        "milestone-errors": fetch(owner, "POST", f"{building}/milestones/new", {"planned_on": "31.3."}, 200, lang),
        "update-new": fetch(owner, "GET", f"{building}/updates/new", None, 200, lang),
        "update-errors": fetch(owner, "POST", f"{building}/updates/new", {"body": " "}, 200, lang),
        "volunteer": fetch(member, "GET", f"{building}/volunteer", None, 200, lang),
        "volunteer-errors": fetch(member, "POST", f"{building}/volunteer", {"note": "x" * 501}, 200, lang),
        "rating-change": fetch(rated, "GET", f"{live}/rating", None, 200, lang),
        "rating-errors": fetch(rated, "POST", f"{live}/rating", {"comment": "Hm."}, 200, lang),
        "profile-with-solutions": fetch(anonymous, "GET", "/u/clara", None, 200, lang),
        "profile-with-drafts": fetch(member, "GET", "/u/ida", None, 200, lang),
        "profile-solutions": fetch(anonymous, "GET", "/u/clara/solutions", None, 200, lang),
        "profile-drafts": fetch(member, "GET", "/u/ida/drafts", None, 200, lang),
    }
    for part in ('class="rating-distribution"', 'milestone-late', "<progress", 'id="discussion"'):
        assert part in pages["solution-live"], f"the live solution ({lang}) shows no {part}"
    for name, html in pages.items():
        expected = 'class="preview"' if name.endswith("-preview") else 'class="error-summary"'
        assert expected in html or not name.endswith(("-errors", "-preview")), f"{name} ({lang}) shows no {expected}"
    assert 'class="solution-offers"' in pages["solution-building-owner"], f"no offers for the owner ({lang})"
    return pages


def db_user(username: str, model):
    from sqlalchemy import select

    from app.extensions import db

    return db.session.execute(select(model).where(model.username == username)).scalar_one()


def test_pages_are_valid_html(app, vnu, tmp_path):
    # Not the `db` fixture: its app context would be shared by every request (and Flask-Login caches the user in g).
    with app.app_context():
        make_user("ada", display_name="Ada Lovelace", roles=(Role.MODERATOR,), bio_md=BIO)
    pages = {f"{lang}-home-without-welcome": fetch(client_in(app, lang), "GET", "/", None, 200, lang)
             for lang in ("de", "en", "tr", "ar")}
    with app.app_context():
        save_page("imprint", "de", title="Impressum", body_md=IMPRINT, editor=None)
        save_page("welcome", "de", title="Willkommen in der WerkSTADT", body_md="Machen Sie **mit**.", editor=None)
        scene = build_forum_scene()
        ideas = build_idea_scene()
        solutions = build_solution_scene()

    for lang in ("de", "en", "tr", "ar"):
        pages.update({f"{lang}-{name}": html for name, html in collect_pages(app, lang).items()})
        pages.update({f"{lang}-{name}": html for name, html in collect_forum_pages(app, lang, scene).items()})
        pages.update({f"{lang}-{name}": html for name, html in collect_idea_pages(app, lang, ideas).items()})
        pages.update({f"{lang}-{name}": html for name, html in collect_solution_pages(app, lang, solutions).items()})
    assert_valid_html(vnu, pages, tmp_path)
