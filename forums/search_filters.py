"""The choices the forums add to the /search filters (app.search.facets): the forum categories ("forum:<slug>",
the category a document of a thread or post files under)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.i18n import current_language
from app.search import facets


def _categories() -> facets.Group:
    from forums.categories import all_categories

    locale = current_language().code
    return facets.Group(str(_l("Forum categories")), tuple(
        facets.Choice(f"forum:{category.slug}", category.name(locale)) for category in all_categories()))


def register() -> None:
    """Offer the forum categories to the search form."""
    facets.register_categories("forums", _categories)
