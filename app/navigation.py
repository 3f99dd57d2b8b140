"""The navigation registry: feature packages add their main-navigation entries and home-page sections in
`register(app)`, so the core's templates (base.html, the home page) name no feature endpoint.

    navigation.add_main(app, NavEntry("ideas.index", _l("Ideas"), order=10, sections=("ideas",)))
    navigation.add_home_section(app, HomeSection("discuss", "forums/_home.html", order=30))

Templates get `main_navigation(user)`: the entries `user` may see, in order, each with its state for the current
request: "page" (the entry's own endpoint: `aria-current="page"`), "section" (another page of its blueprints:
`class="current-section"`) or None. A page that is another entry's own endpoint marks only that entry, so the
staff dashboard inside the ideas blueprint does not also mark "Ideas". `home_sections()` gives the home page's
sections in order (app.main.home_reading reads what they show).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, g, request

MAIN_KEY = "werkstadt.navigation.main"
HOME_KEY = "werkstadt.navigation.home"

PAGE, SECTION = "page", "section"


@dataclass(frozen=True)
class NavEntry:
    """A link of the main navigation.

    `label` is a lazy string (`_l`), translated when the page renders. `sections` are the blueprints whose pages
    mark the entry as the current section (exact names: "ideas" does not include "ideas.solutions"). `visible`
    decides who sees the entry (default: everybody).
    """

    endpoint: str
    label: Any
    order: int
    sections: tuple[str, ...] = ()
    visible: Callable[[Any], bool] | None = None

    def shown_to(self, user) -> bool:
        return self.visible is None or bool(self.visible(user))


@dataclass(frozen=True)
class NavItem:
    """An entry as one request shows it."""

    endpoint: str
    label: Any
    state: str | None  # PAGE, SECTION or None


@dataclass(frozen=True)
class HomeSection:
    """A part of the home page that a feature fills: its partial `template`, and what to read for it.

    `read(user)` (the signed-in person, or None for a visitor) returns what the partial shows as `section`
    (None when there is no reader). `personal` sections are for signed-in people only and come first, above the
    sections for everyone. `key` names the section (one per page). A partial is a few `<section>`s, each labelled
    by its own heading (`aria-labelledby`), with ids unique on the home page.
    """

    key: str
    template: str
    read: Callable[[Any], Any] | None = None
    order: int = 100
    personal: bool = False


def add_main(app: Flask, entry: NavEntry) -> None:
    """Add `entry` to `app`'s main navigation (called from a package's `register(app)`).

    Raises ValueError if another entry already links to the same endpoint.
    """
    entries = app.extensions.setdefault(MAIN_KEY, [])
    if any(other.endpoint == entry.endpoint for other in entries):
        raise ValueError(f"the main navigation already has an entry for {entry.endpoint}")
    entries.append(entry)


def add_home_section(app: Flask, section: HomeSection) -> None:
    """Add `section` to `app`'s home page (called from a package's `register(app)`).

    Raises ValueError if a section with the same key exists.
    """
    sections = app.extensions.setdefault(HOME_KEY, [])
    if any(other.key == section.key for other in sections):
        raise ValueError(f"the home page already has a section {section.key!r}")
    sections.append(section)


def main_entries(app: Flask) -> list[NavEntry]:
    """Every main-navigation entry of `app`, in order (ties: in the order they were added)."""
    return sorted(app.extensions.get(MAIN_KEY, []), key=lambda entry: entry.order)


def state_of(entry: NavEntry, entries: list[NavEntry], endpoint: str | None, blueprint: str | None) -> str | None:
    """PAGE if `endpoint` is the entry's own, SECTION if `blueprint` is one of its sections and `endpoint` is no
    other entry's own page, else None."""
    if endpoint is not None and endpoint == entry.endpoint:
        return PAGE
    if blueprint in entry.sections and not any(other.endpoint == endpoint for other in entries):
        return SECTION
    return None


def as_unknown_page() -> None:
    """Mark no entry as current on this request: its page answers like an unknown address (the admin area's 404
    to non-admins), and a marked "Forums" or "Ideas" would tell that something is there."""
    g.navigation_unmarked = True


def main_navigation(user) -> list[NavItem]:
    """The main navigation for `user` on the current request: the entries they may see, in order, with state."""
    entries = main_entries(current_app)
    endpoint, blueprint = request.endpoint, request.blueprint
    if g.get("navigation_unmarked"):
        endpoint = blueprint = None
    return [NavItem(entry.endpoint, entry.label, state_of(entry, entries, endpoint, blueprint))
            for entry in entries if entry.shown_to(user)]


def home_sections() -> list[HomeSection]:
    """The home page's sections, in order (ties: in the order they were added)."""
    return sorted(current_app.extensions.get(HOME_KEY, []), key=lambda section: section.order)


def init_app(app: Flask) -> None:
    """Offer the main navigation to every template."""
    app.jinja_env.globals.update(main_navigation=main_navigation)
