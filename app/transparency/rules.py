"""The house rules on the transparency page: the text in force (a link to the page) and every earlier version of
it in the reader's language (German when the page has no text in it), newest first."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.extensions import db
from app.i18n import DEFAULT_LOCALE
from app.moderation.rules import HOUSE_RULES
from app.pages.models import Page, PageRevision


@dataclass(frozen=True)
class RulesHistory:
    """The house rules page in one language and its revisions, newest first (the current one first)."""

    locale: str
    revisions: list[PageRevision]

    @property
    def current(self) -> PageRevision | None:
        return self.revisions[0] if self.revisions else None


def history(locale: str) -> RulesHistory | None:
    """The house rules' revisions in `locale`, else in German, else None (one query)."""
    rows = db.session.execute(
        select(PageRevision, Page.locale).join(Page, Page.id == PageRevision.page_id)
        .where(Page.slug == HOUSE_RULES, Page.locale.in_({locale, DEFAULT_LOCALE}))
        .order_by(PageRevision.version.desc())
    ).all()
    by_locale: dict[str, list[PageRevision]] = {}
    for revision, page_locale in rows:
        by_locale.setdefault(page_locale, []).append(revision)
    chosen = locale if locale in by_locale else DEFAULT_LOCALE
    return RulesHistory(chosen, by_locale[chosen]) if chosen in by_locale else None


def revision(locale: str, version: int) -> PageRevision | None:
    """Version `version` of the house rules in `locale` (exactly that language), or None (one query)."""
    return db.session.execute(
        select(PageRevision).join(Page, Page.id == PageRevision.page_id)
        .where(Page.slug == HOUSE_RULES, Page.locale == locale, PageRevision.version == version)
    ).scalar_one_or_none()
