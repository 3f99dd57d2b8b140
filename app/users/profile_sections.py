"""The registry of what a profile lists besides the person: the feature packages add their sections in
`register(app)` (ideas, posts, solutions, the owner's drafts), so the profile, a core page, names no feature.

    profile_sections.add(app, ProfileSection("ideas", _l("Ideas"), "ideas/_profile_ideas.html",
                                             load=..., count=..., order=10))

`load(person, viewer, limit, offset)` returns what the section lists (newest first, in one query whatever the
person wrote), or None when the viewer is not to see the section at all (someone else's drafts);
`count(person, viewer)` says how many there are in all. Both leave out what moderation hid and what the viewer
may not see. The profile shows the newest SHOWN of each with a "Show all" link when there are more; the link
leads to the section's own paginated page (`/u/<username>/<key>`). The section's template renders the list (or
says that there is nothing) from `person` and `items`; the page around it gives the heading.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app

KEY = "werkstadt.profile_sections"
SHOWN = 5  # the profile lists the newest five of each
PER_PAGE = 20  # a section's own page


@dataclass(frozen=True)
class ProfileSection:
    """A list on a profile: `key` names it (in its address, and its heading's id is `profile-<key>-title`),
    `heading` is a lazy string, `template` renders the list."""

    key: str
    heading: Any
    template: str
    load: Callable[[Any, Any, int, int], list | None]
    count: Callable[[Any, Any], int]
    order: int = 100


@dataclass(frozen=True)
class ShownSection:
    section: ProfileSection
    items: list
    more: bool  # there are more than the profile shows: it links to the section's page


def add(app: Flask, section: ProfileSection) -> None:
    """Add `section` to `app`'s profiles (from a package's `register(app)`). Raises ValueError for a key taken."""
    sections = app.extensions.setdefault(KEY, [])
    if any(other.key == section.key for other in sections):
        raise ValueError(f"profiles already have a section {section.key!r}")
    sections.append(section)


def find(key: str) -> ProfileSection | None:
    return next((section for section in current_app.extensions.get(KEY, []) if section.key == key), None)


def shown(person, viewer) -> list[ShownSection]:
    """The sections of `person`'s profile that `viewer` sees, in order, each with its newest SHOWN items (one
    query each: one more than shown is asked for, to know whether there are more)."""
    result = []
    for section in sorted(current_app.extensions.get(KEY, []), key=lambda section: section.order):
        items = section.load(person, viewer, SHOWN + 1, 0)
        if items is not None:
            result.append(ShownSection(section, items[:SHOWN], len(items) > SHOWN))
    return result


def page_of(section: ProfileSection, person, viewer, page: int) -> tuple[list, int] | None:
    """(items, pages) of one page of `section` for `viewer` (two queries), or None if the viewer may not see it."""
    items = section.load(person, viewer, PER_PAGE, (page - 1) * PER_PAGE)
    if items is None:
        return None
    return items, max(1, math.ceil(section.count(person, viewer) / PER_PAGE))
