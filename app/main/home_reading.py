"""What the home page shows one reader: the welcome text, then the sections the core and the features registered
(`app.navigation.add_home_section`), each read for this reader.

The core names no feature: the ideas package registers its blocks (needs attention, newest ideas, solutions in
progress, answers, figures; a member's drafts and supported ideas), app.notifications what changed in what the
reader follows, the forums their "Discuss" block. Each reader takes a fixed number of queries, so the page
does too, whatever the data (tests/ideas/test_home_queries.py counts them).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.i18n import current_language
from app.navigation import HomeSection, home_sections
from app.pages.models import Page
from app.pages.services import WELCOME, find_page


@dataclass(frozen=True)
class ShownSection:
    """A registered section as this reader gets it: its partial and what its reader returned."""

    key: str
    template: str
    data: Any


@dataclass(frozen=True)
class Home:
    """The home page of one reader: the welcome text (None when nobody wrote one), the signed-in reader's own
    sections (none for a visitor), then the sections for everyone."""

    welcome: Page | None
    personal: list[ShownSection]
    public: list[ShownSection]


def home_for(user) -> Home:
    """The home page for `user` (a signed-in person, or None for a visitor): the welcome text in the reader's
    language (one query) and every registered section read for them; personal sections only when signed in."""
    signed_in = user is not None and user.is_authenticated
    reader = user if signed_in else None
    sections = home_sections()
    return Home(
        welcome=find_page(WELCOME.slug, current_language().code),
        personal=[shown(section, reader) for section in sections if section.personal and signed_in],
        public=[shown(section, reader) for section in sections if not section.personal],
    )


def shown(section: HomeSection, reader) -> ShownSection:
    """`section` read for `reader` (None for a visitor)."""
    return ShownSection(section.key, section.template, section.read(reader) if section.read else None)
