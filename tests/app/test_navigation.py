"""The navigation registry: entries in order, the current page and section marked, visibility per user, home
sections; and the core's templates render what the feature packages registered."""
from __future__ import annotations

import pytest
from factories import make_user
from flask import Blueprint, Flask
from helpers import soup
from jinja2 import ChoiceLoader, DictLoader

from app import navigation
from app.navigation import PAGE, SECTION, HomeSection, NavEntry
from app.users.models import Role

IDEAS = NavEntry("ideas.index", "Ideas", order=10, sections=("ideas",))
SOLUTIONS = NavEntry("ideas.solutions.index", "Solutions", order=20, sections=("ideas.solutions",))
FORUMS = NavEntry("forums.index", "Forums", order=30, sections=("forums",))
DASHBOARD = NavEntry("ideas.dashboard", "Dashboard", order=90, visible=lambda user: user == "staff")
ENTRIES = [IDEAS, SOLUTIONS, FORUMS, DASHBOARD]


@pytest.mark.parametrize(("endpoint", "blueprint", "expected"), [
    ("ideas.index", "ideas", [PAGE, None, None, None]),
    ("ideas.show", "ideas", [SECTION, None, None, None]),
    ("ideas.dashboard", "ideas", [None, None, None, PAGE]),    # another entry's page: not "Ideas" too
    ("ideas.solutions.show", "ideas.solutions", [None, SECTION, None, None]),  # a nested blueprint is its own
    ("forums.thread", "forums", [None, None, SECTION, None]),
    ("main.home", "main", [None, None, None, None]),
    (None, None, [None, None, None, None]),                     # a 404 outside every blueprint
])
def test_state_marks_the_page_or_the_section(endpoint, blueprint, expected):
    assert [navigation.state_of(entry, ENTRIES, endpoint, blueprint) for entry in ENTRIES] == expected


def fake_app() -> Flask:
    app = Flask(__name__)
    for name in ("ideas", "forums"):
        bp = Blueprint(name, __name__)
        bp.add_url_rule("/", "index", lambda: "")
        bp.add_url_rule("/other", "other", lambda: "")
        app.register_blueprint(bp, url_prefix=f"/{name}")
    return app


def test_entries_come_in_order_not_in_the_order_added():
    app = fake_app()
    for entry in (DASHBOARD, FORUMS, IDEAS, SOLUTIONS):
        navigation.add_main(app, entry)
    assert [entry.endpoint for entry in navigation.main_entries(app)] == [e.endpoint for e in ENTRIES]


def test_an_endpoint_gets_one_entry():
    app = fake_app()
    navigation.add_main(app, FORUMS)
    with pytest.raises(ValueError, match="forums.index"):
        navigation.add_main(app, NavEntry("forums.index", "Again", order=5))


def test_each_app_has_its_own_registry():
    first, second = fake_app(), fake_app()
    navigation.add_main(first, FORUMS)
    assert navigation.main_entries(second) == []


@pytest.mark.parametrize(("user", "shown"), [
    ("staff", ["ideas.index", "forums.index", "ideas.dashboard"]),
    ("member", ["ideas.index", "forums.index"]),
])
def test_main_navigation_shows_each_user_their_entries_with_the_current_state(user, shown):
    app = fake_app()
    for entry in (IDEAS, FORUMS, DASHBOARD):
        navigation.add_main(app, entry)
    with app.test_request_context("/forums/other"):
        items = navigation.main_navigation(user)
    assert [item.endpoint for item in items] == shown
    assert [item.state for item in items][:2] == [None, SECTION]


def test_home_sections_come_in_order_and_keys_are_unique():
    app = fake_app()
    navigation.add_home_section(app, HomeSection("late", "late.html", order=50))
    navigation.add_home_section(app, HomeSection("early", "early.html", order=10))
    navigation.add_home_section(app, HomeSection("tie", "tie.html", order=10, personal=True))
    with pytest.raises(ValueError, match="late"):
        navigation.add_home_section(app, HomeSection("late", "again.html"))
    with app.app_context():
        assert [section.key for section in navigation.home_sections()] == ["early", "tie", "late"]


# --- the real app ------------------------------------------------------------------------------------------

def nav_links(response) -> list[tuple[str, str | None, str | None]]:
    """(href, aria-current, class) of every main-navigation link."""
    links = soup(response).find("nav", class_="main-nav").find_all("a")
    return [(a["href"], a.get("aria-current"), " ".join(a.get("class") or []) or None) for a in links]


def test_the_features_fill_the_main_navigation(client):
    assert nav_links(client.get("/forums")) == [
        ("/ideas", None, None), ("/solutions", None, None), ("/forums", "page", None)]


def test_the_dashboard_entry_is_for_city_staff(app, client, auth):
    with app.app_context():
        make_user("carla", roles=(Role.CITY_STAFF,))
        make_user("max")
    auth.login("max")
    assert "/ideas/dashboard" not in [href for href, *_ in nav_links(client.get("/ideas"))]
    auth.logout()
    auth.login("carla")
    assert ("/ideas/dashboard", "page", None) in nav_links(client.get("/ideas/dashboard"))
    assert nav_links(client.get("/ideas/dashboard"))[0] == ("/ideas", None, None)


REPORT_PARTIAL = ('<section aria-labelledby="report-title"><h2 id="report-title">Tell us</h2><p>{{ section }}</p>'
                  '<a href="{{ url_for(\'pages.report_barrier\') }}">Report a barrier here</a></section>')
MINE_PARTIAL = '<section aria-labelledby="mine-title"><h2 id="mine-title">Mine</h2><p>{{ section }}</p></section>'


def test_base_and_home_render_what_is_registered(app, client, auth):
    app.jinja_env.loader = ChoiceLoader([DictLoader({"report/_home.html": REPORT_PARTIAL,
                                                     "mine/_home.html": MINE_PARTIAL}), app.jinja_env.loader])
    readers = []
    navigation.add_main(app, NavEntry("pages.report_barrier", "Barrier", order=15, sections=("pages",)))
    navigation.add_home_section(app, HomeSection(
        "report", "report/_home.html", read=lambda user: readers.append(user) or "What is in the way?", order=10))
    navigation.add_home_section(app, HomeSection(
        "mine", "mine/_home.html", read=lambda user: f"Hello {user.username}", order=90, personal=True))
    with app.app_context():
        make_user("max")

    links = nav_links(client.get("/accessibility/report"))
    page = soup(client.get("/"))

    assert links[:2] == [("/ideas", None, None), ("/accessibility/report", "page", None)]
    assert nav_links(client.get("/pages/imprint"))[1] == ("/accessibility/report", None, "current-section")
    headings = [h2.get_text(strip=True) for h2 in page.find("main").find_all("h2")]
    assert headings.index("Tell us") < headings.index("Mitdiskutieren")  # the forums' block comes later (order 30)
    assert "Mine" not in headings  # personal: not for visitors
    section = page.find("section", attrs={"aria-labelledby": "report-title"})
    assert section.find("h2", id="report-title") and section.find("a")["href"] == "/accessibility/report"
    assert section.find("p").get_text() == "What is in the way?" and readers == [None]

    auth.login("max")
    headings = [h2.get_text(strip=True) for h2 in soup(client.get("/")).find("main").find_all("h2")]
    assert headings.index("Mine") < headings.index("Tell us")  # personal sections first, whatever their order
    assert "Hello max" in client.get("/").get_data(as_text=True) and readers[-1].username == "max"
