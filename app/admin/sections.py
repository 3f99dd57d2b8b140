"""The registry of the admin area's sections: each package adds the pages it administers.

    sections.add(app, Section("admin.people", _l("People"), _l("Find people, change roles and trust."), order=10))

Templates get `admin_sections(current)`: the sections in order, for the overview and the area's menu, with the
current one marked.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, request

KEY = "werkstadt.admin.sections"


@dataclass(frozen=True)
class Section:
    """A page of the admin area: its endpoint, its name and one sentence on what it is for (lazy strings)."""

    endpoint: str
    label: Any
    description: Any
    order: int
    endpoints: tuple[str, ...] = ()  # further endpoints that belong to the section (its forms)


def add(app: Flask, section: Section) -> None:
    """Add `section` (once per endpoint) to the admin area of `app`."""
    found = app.extensions.setdefault(KEY, {})
    found[section.endpoint] = section


def admin_sections() -> list[tuple[Section, bool]]:
    """Every section in order, each with whether the current page belongs to it."""
    here = request.endpoint if request else None
    found = sorted(current_app.extensions.get(KEY, {}).values(), key=lambda s: (s.order, s.endpoint))
    return [(s, here == s.endpoint or here in s.endpoints) for s in found]
