"""Paths on this site: built from endpoint names (never stored as text), and redirect targets that stay here."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, request


def path_for(endpoint: str, **values) -> str:
    """The path of `endpoint` with `values` (unknown ones become the query string), built from the URL map alone:
    the same in a request, a background job or a command, where url_for would need a server name."""
    return current_app.url_map.bind("localhost").build(endpoint, values)


def safe_next(target: str | None, default: str = "/") -> str:
    """`target` if it is a same-site path such as "/ideas?page=2", otherwise `default`."""
    if not target or not isinstance(target, str):
        return default
    if any(ord(ch) < 32 or ch == "\\" for ch in target):
        return default
    if not target.startswith("/") or target.startswith("//"):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target


def next_from_request(default: str = "/") -> str:
    """The same-site `next` target from the form or query string, otherwise `default`."""
    return safe_next(request.form.get("next") or request.args.get("next"), default)


def current_path() -> str:
    """The path and query of this request, to come back to after a POST elsewhere."""
    path = request.full_path
    return path[:-1] if path.endswith("?") else path
