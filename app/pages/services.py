"""Reading and writing content pages, with a fallback to German when a translation is missing."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.i18n import DEFAULT_LOCALE
from app.moderation import audit
from app.pages.models import Page, PageRevision
from app.unit_of_work import use_case
from app.users.models import User


@dataclass(frozen=True)
class PageSlot:
    """A page the site links to, and what it is called in the footer."""

    slug: str
    label: object


# The pages a German public site must have (the page in Leichte Sprache: BITV 2.0 § 4) and the house rules
# moderation quotes, in footer order, plus the home page's welcome text.
FOOTER_PAGES = (
    PageSlot("imprint", _l("Imprint")),
    PageSlot("privacy", _l("Privacy notice")),
    PageSlot("accessibility", _l("Accessibility statement")),
    PageSlot("leichte-sprache", _l("Easy read (Leichte Sprache)")),
    PageSlot("house-rules", _l("House rules")),
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
    """Create or replace the text of `slug` in `locale`, keeping the new text as the page's next revision, and
    commit. Saving the same text again changes nothing. Raises KeyError for an unknown slug."""
    if slug not in SLOTS:
        raise KeyError(slug)
    title, body_md = title.strip(), body_md.strip()
    page = exact_page(slug, locale)
    if page is not None and (page.title, page.body_md) == (title, body_md):
        return page
    if page is None:
        page = Page(slug=slug, locale=locale, version=1)
    else:
        page.version += 1
    page.title, page.body_md = title, body_md
    page.updated_by_id = editor.id if editor is not None else None
    db.session.add(page)
    db.session.flush()
    db.session.add(PageRevision(page_id=page.id, version=page.version, title=title, body_md=body_md,
                                editor_id=page.updated_by_id))
    audit.record(editor, "page.save", obj=page, before={"slug": slug, "locale": locale},
                 after={"version": page.version, "title": title})
    return page


def page_as_of(slug: str, locale: str, moment) -> PageRevision | None:
    """The text `slug` had in `locale` (else in German) at `moment`: its latest revision saved by then (one query)."""
    rows = db.session.execute(
        select(PageRevision, Page.locale).join(Page, Page.id == PageRevision.page_id)
        .where(Page.slug == slug, Page.locale.in_({locale, DEFAULT_LOCALE}), PageRevision.created_at <= moment)
        .order_by(PageRevision.version.desc())
    ).all()
    by_locale: dict[str, PageRevision] = {}
    for revision, page_locale in rows:
        by_locale.setdefault(page_locale, revision)
    return by_locale.get(locale) or by_locale.get(DEFAULT_LOCALE)
