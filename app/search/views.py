"""GET /search: the form, the kind tabs with their counts, the results of one page, and the page's states (no
query yet, no results, errors in the form, search unavailable). Everything it shows follows from the URL."""
from __future__ import annotations

import math

from flask import abort, render_template, request, url_for
from flask_login import current_user

from app.search import bp, service
from app.search.backends import Unavailable
from app.search.forms import SearchForm, kinds_of
from app.search.results import rows
from app.web import page_number

PER_PAGE = 20
FILTERS = ("kind", "category", "status", "author", "since", "until", "sort")


def link(**changes: str | None) -> str:
    """/search with this request's arguments changed (None removes one); always back to page 1."""
    args = {name: value for name, value in request.args.items() if name in ("q", *FILTERS) and value}
    for name, value in changes.items():
        if value:
            args[name] = value
        else:
            args.pop(name, None)
    return url_for("search.index", **args)


@bp.get("/search")
def index():
    """Search every kind of document (or the ones `kind` names) with the filters of the query string."""
    form = SearchForm(formdata=request.args)
    page = page_number()
    valid = form.validate()
    asked = form.request(service.viewer_of(current_user), page, PER_PAGE) if valid else None
    parsed = asked.parsed if asked is not None else None
    results = found = None
    unavailable, pages = False, 1
    if asked is not None and not asked.parsed.is_empty:
        try:
            results = service.search(asked)
        except Unavailable:
            unavailable = True
        else:
            pages = max(1, math.ceil(results.total / PER_PAGE))
            if page > pages:
                abort(404)
            found = rows(results.hits, current_user)
    elif page > 1:
        abort(404)
    return render_template(
        "search/search.html", form=form, parsed=parsed, results=results, rows=found, unavailable=unavailable,
        page=page, pages=pages, link=link,
        kinds=kinds_of(form.kind.data) if valid else (), labels=service.labels(), per_page=PER_PAGE)
