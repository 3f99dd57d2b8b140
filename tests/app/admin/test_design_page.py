"""/admin/design, the living style page: it shows every colour token the style sheet defines, with the real
components, to administrators only (everyone else gets 404 as on every admin page: tests/app/admin/test_admin_policy.py)."""
from __future__ import annotations

import re
from pathlib import Path

from factories import make_user
from helpers import soup

from app.admin.design_views import COLOUR_TOKENS
from app.users.models import Role

STYLE_SHEET = Path(__file__).resolve().parents[3] / "app" / "static" / "css" / "site.css"


def root_tokens() -> set[str]:
    """The colour tokens the style sheet's :root declares (the first, light block)."""
    css = STYLE_SHEET.read_text()
    block = css[css.index(":root {"):css.index("}", css.index(":root {"))]
    return {name for name, value in re.findall(r"--([a-z-]+):\s*([^;]+);", block) if value.strip().startswith("#")}


def test_the_page_shows_every_colour_token_of_the_style_sheet_with_a_swatch_class(client, auth, db):
    make_user("ada", roles=(Role.ADMIN,), locale="en")
    auth.login("ada")
    page = soup(client.get("/admin/design", headers={"Accept-Language": "en"}))
    css = STYLE_SHEET.read_text()

    shown = [code.get_text().removeprefix("--") for code in page.select(".design-swatches code")]
    assert set(shown) == set(COLOUR_TOKENS) == root_tokens() - {"header-text"}
    for token in COLOUR_TOKENS:
        assert f".design-token-{token} {{ background: var(--{token}); }}" in css, token
        assert page.select_one(f".design-token-{token}") is not None


def test_the_page_shows_the_components_and_every_icon(client, auth, db):
    make_user("ada", roles=(Role.ADMIN,), locale="en")
    auth.login("ada")
    page = soup(client.get("/admin/design", headers={"Accept-Language": "en"}))

    assert [h2.get_text() for h2 in page.select("main h2")] == [
        "Colours", "Type", "Spacing", "Buttons", "Badges", "Cards", "Icons", "Messages and form states"]
    classes = {" ".join(button["class"]) for button in page.select("#design-buttons ~ p button")}
    assert {"button", "button button-secondary", "button button-quiet", "button button-danger"} <= classes
    icons = page.select(".design-icons li")
    assert len(icons) >= 15 and all(li.svg["aria-hidden"] == "true" and li.code.get_text() for li in icons)
    assert page.select_one(".design-icons .icon-reply.icon-directional") is not None  # mirrors right to left


def test_members_and_staff_find_no_design_page(client, auth, db):
    make_user("carol")
    make_user("stefan", roles=(Role.CITY_STAFF, Role.MODERATOR))
    assert client.get("/admin/design").status_code == 404
    for username in ("carol", "stefan"):
        auth.login(username)
        assert client.get("/admin/design").status_code == 404
        auth.logout()
