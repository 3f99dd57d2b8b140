"""The choices ideas add to the /search filters (app.search.facets): the idea categories ("idea:<slug>", the
category a document of an idea files under) and the public idea statuses."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.i18n import current_language
from app.search import facets


def _categories() -> facets.Group:
    from ideas.categories import all_categories

    locale = current_language().code
    return facets.Group(str(_l("Idea categories")), tuple(
        facets.Choice(f"idea:{category.slug}", category.name(locale)) for category in all_categories()))


def _statuses() -> facets.Group:
    from ideas.reading import PUBLIC_STATUSES

    return facets.Group(str(_l("Ideas")), tuple(facets.Choice(status.value, status.label)
                                                for status in PUBLIC_STATUSES))


def register() -> None:
    """Offer the idea categories and statuses to the search form."""
    facets.register_categories("ideas", _categories)
    facets.register_statuses("ideas", _statuses)
