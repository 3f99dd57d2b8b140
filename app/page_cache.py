"""Whole pages for visitors who are not signed in, kept per worker for a few seconds (Discourse's anonymous cache)."""
from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock
from typing import Callable, TypeVar

from flask import Flask, Response, current_app, g, request, session

from app.i18n import anonymous_locale
from app.themes import current_theme

View = TypeVar("View", bound=Callable)

MARK = "_same_for_every_anonymous_visitor"
CHANGES_NO_PAGE = "_changes_the_session_only"
SIGNED_IN_SESSION_KEYS = ("_user_id", "_flashes")  # a session holding these makes the page personal
UNCACHED_HEADERS = {"set-cookie", "date"}
READ_METHODS = {"GET", "HEAD", "OPTIONS"}


def cache_for_anonymous(view: View) -> View:
    """Mark a GET view whose page is the same for every visitor who is not signed in.

    The page is stored only when rendering it neither touched the session nor set a cookie, so a view that
    personalises the page for an anonymous visitor (a CSRF token, a flash) is simply not cached.
    """
    setattr(view, MARK, True)
    return view


def changes_no_page(view: View) -> View:
    """Mark a POST view that changes only the visitor's session (a display switch): it leaves the stored pages
    alone, where any other successful write empties the cache."""
    setattr(view, CHANGES_NO_PAGE, True)
    return view


@dataclass(frozen=True)
class CachedPage:
    """A stored response: what the browser gets, and until when (monotonic seconds) it may be served."""

    body: bytes
    status: int
    headers: tuple[tuple[str, str], ...]
    expires: float


class PageCache:
    """A bounded, thread-safe map from request keys to pages, oldest evicted first once `max_bytes` is reached."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._pages: OrderedDict[tuple, CachedPage] = OrderedDict()
        self._size = 0
        self._lock = Lock()

    def get(self, key: tuple, now: float) -> CachedPage | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None and page.expires <= now:
                self._drop(key)
                return None
            return page

    def put(self, key: tuple, page: CachedPage) -> None:
        if len(page.body) > self.max_bytes:
            return
        with self._lock:
            if key in self._pages:
                self._drop(key)
            self._pages[key] = page
            self._size += len(page.body)
            while self._size > self.max_bytes:
                self._drop(next(iter(self._pages)))

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._size = 0

    def __len__(self) -> int:
        return len(self._pages)

    def _drop(self, key: tuple) -> None:
        self._size -= len(self._pages.pop(key).body)


def cache_of(app: Flask) -> PageCache | None:
    """The app's page cache, or None when ANONYMOUS_PAGE_CACHE_SECONDS is 0."""
    return app.extensions.get("page_cache")


def clear(app: Flask | None = None) -> None:
    """Forget every stored page of this worker (the other workers' pages expire on their own)."""
    cache = cache_of(app or current_app)
    if cache is not None:
        cache.clear()


def _request_key() -> tuple | None:
    """The cache key of this request, or None when its page may be personal or is not marked as cacheable."""
    if request.method not in ("GET", "HEAD"):
        return None
    view = current_app.view_functions.get(request.endpoint or "")
    if not getattr(view, MARK, False):
        return None
    if current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies:
        return None
    if any(name in session for name in SIGNED_IN_SESSION_KEYS):
        return None
    return (request.host_url, request.full_path, anonymous_locale(), current_theme())


def _serve_from_cache() -> Response | None:
    key = _request_key()
    if key is None:
        return None
    page = cache_of(current_app).get(key, time.monotonic())
    if page is None:
        g.page_cache_key = key
        return None
    g.page_cache_hit = True
    return Response(page.body, status=page.status, headers=list(page.headers))


def _store_or_invalidate(response: Response) -> Response:
    cache = cache_of(current_app)
    if request.method not in READ_METHODS and response.status_code < 400:
        view = current_app.view_functions.get(request.endpoint or "")
        if not getattr(view, CHANGES_NO_PAGE, False):
            cache.clear()  # this worker wrote something: its pages may be out of date
        return response
    key = g.pop("page_cache_key", None)
    if key is None or not _storable(response):
        return response
    headers = tuple((name, value) for name, value in response.headers.items()
                    if name.lower() not in UNCACHED_HEADERS)
    seconds = current_app.config["ANONYMOUS_PAGE_CACHE_SECONDS"]
    cache.put(key, CachedPage(response.get_data(), response.status_code, headers, time.monotonic() + seconds))
    return response


def _storable(response: Response) -> bool:
    return (response.status_code == 200 and not response.is_streamed and not response.direct_passthrough
            and "Set-Cookie" not in response.headers and not session.modified)


def init_app(app: Flask) -> None:
    """Serve marked pages to anonymous visitors from a per-worker cache, first thing in the request.

    Any successful write in this worker (a non-GET request answered below 400) empties the cache; other workers
    serve their copies until ANONYMOUS_PAGE_CACHE_SECONDS pass. Signed-in visitors always get a fresh page.
    """
    seconds = app.config.get("ANONYMOUS_PAGE_CACHE_SECONDS", 0)
    if not seconds:
        return
    app.extensions["page_cache"] = PageCache(app.config.get("ANONYMOUS_PAGE_CACHE_BYTES", 32 * 1024 * 1024))
    app.before_request_funcs.setdefault(None, []).insert(0, _serve_from_cache)
    app.after_request(_store_or_invalidate)
