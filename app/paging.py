"""The `?page=` of a paginated list: pages outside 1 … the last one answer 404."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, request


def requested_page(load: Callable[[int], tuple[Any, int]]) -> tuple[Any, int, int]:
    """(items, page, pages) for the page the request asks for, where `load(page)` gives (items, pages).

    Aborts with 404 for a page below 1 or past the last one.
    """
    page = request.args.get("page", 1, type=int)
    if page < 1:
        abort(404)
    items, pages = load(page)
    if page > pages:
        abort(404)
    return items, page, pages
