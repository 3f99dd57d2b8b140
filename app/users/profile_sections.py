"""The registry of what a profile lists besides the person: the feature packages add their sections in
`register(app)` (ideas, replies, solutions, the owner's drafts), so the profile, a core page, names no feature.

    profile_sections.add(app, ProfileSection("ideas", "ideas/_profile_ideas.html", load=..., order=10))

`load(person, viewer)` returns what the section shows (a short list, newest first, in a fixed number of
queries whatever the person wrote), or None when the viewer is not to see the section at all (someone else's
drafts). It leaves out what moderation hid and what the viewer may not see. The template gets `person`,
`section` and `items`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app

KEY = "werkstadt.profile_sections"
SHOWN = 5  # each section lists the newest five


@dataclass(frozen=True)
class ProfileSection:
    """A list on a profile: `key` names it (its heading's id is `profile-<key>-title`), `template` renders it."""

    key: str
    template: str
    load: Callable[[Any, Any], Any]
    order: int = 100


@dataclass(frozen=True)
class ShownSection:
    section: ProfileSection
    items: Any


def add(app: Flask, section: ProfileSection) -> None:
    """Add `section` to `app`'s profiles (from a package's `register(app)`). Raises ValueError for a key taken."""
    sections = app.extensions.setdefault(KEY, [])
    if any(other.key == section.key for other in sections):
        raise ValueError(f"profiles already have a section {section.key!r}")
    sections.append(section)


def shown(person, viewer) -> list[ShownSection]:
    """The sections of `person`'s profile that `viewer` sees, in order, each with what it lists."""
    result = []
    for section in sorted(current_app.extensions.get(KEY, []), key=lambda section: section.order):
        items = section.load(person, viewer)
        if items is not None:
            result.append(ShownSection(section, items))
    return result
