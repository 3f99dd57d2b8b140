"""Reading and writing content pages, with a fallback to German when a translation is missing."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.i18n import DEFAULT_LOCALE
from app.pages.models import Page
from app.unit_of_work import use_case
from app.users.models import User


@dataclass(frozen=True)
class PageSlot:
    """A page the site links to, and what it is called in the footer."""

    slug: str
    label: object


# The pages a German public site must have, in footer order, plus the home page's welcome text.
FOOTER_PAGES = (
    PageSlot("imprint", _l("Imprint")),
    PageSlot("privacy", _l("Privacy notice")),
    PageSlot("accessibility", _l("Accessibility statement")),
)
WELCOME = PageSlot("welcome", _l("Welcome text"))
SLOTS = {slot.slug: slot for slot in (*FOOTER_PAGES, WELCOME)}


def find_page(slug: str, locale: str) -> Page | None:
    """The page in `locale`, else in German, else None (one query)."""
    rows = db.session.execute(
        select(Page).where(Page.slug == slug, Page.locale.in_({locale, DEFAULT_LOCALE}))
    ).scalars().all()
    by_locale = {page.locale: page for page in rows}
    return by_locale.get(locale) or by_locale.get(DEFAULT_LOCALE)


def exact_page(slug: str, locale: str) -> Page | None:
    return db.session.execute(select(Page).where(Page.slug == slug, Page.locale == locale)).scalar_one_or_none()


@use_case
def save_page(slug: str, locale: str, *, title: str, body_md: str, editor: User | None) -> Page:
    """Create or replace the text of `slug` in `locale` and commit. Raises KeyError for an unknown slug."""
    if slug not in SLOTS:
        raise KeyError(slug)
    page = exact_page(slug, locale) or Page(slug=slug, locale=locale)
    page.title, page.body_md = title.strip(), body_md.strip()
    page.updated_by_id = editor.id if editor is not None else None
    db.session.add(page)
    return page
