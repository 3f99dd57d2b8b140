"""The public services of search: what pages call. Reading only; nothing here writes or signals."""
from __future__ import annotations

from app.search import sources
from app.search.backends import Unavailable, get_backend
from app.search.query import Hit, Results, SearchRequest, Viewer, parse

SIMILAR_LIMIT = 5


def viewer_of(user) -> Viewer:
    """The search Viewer of a User or the anonymous user: moderators see what moderation hid."""
    from app.moderation.policy import is_moderator

    if user is None or not getattr(user, "is_authenticated", False):
        return Viewer()
    return Viewer(id=user.id, sees_hidden=is_moderator(user))


def search(request: SearchRequest) -> Results:
    """A page of results for `request`. Raises Unavailable when the index cannot answer (the page says so)."""
    if request.parsed.is_empty:
        return Results([], 0, {}, request.page, request.per_page)
    return get_backend().search(request)


def similar(title: str, user, *, kinds: tuple[str, ...] = ("idea",), statuses: tuple[str, ...] = (),
            limit: int = SIMILAR_LIMIT) -> list[Hit]:
    """Up to `limit` documents of `kinds` that share words with `title` (any of them, best first), that `user`
    may see; [] for a title without words of three letters or more, or when the index is unavailable (a form
    that proposes something must never fail because of search)."""
    parsed = parse(title, match="any")
    if parsed.is_empty:
        return []
    request = SearchRequest(parsed, viewer_of(user), kinds=kinds, statuses=statuses, per_page=limit, snippets=False)
    try:
        return get_backend().search(request).hits
    except Unavailable:
        return []


def labels() -> dict[str, object]:
    """kind -> its label (lazy translation), for the kind filter."""
    return {source.kind: source.label for source in sources.all_sources()}
