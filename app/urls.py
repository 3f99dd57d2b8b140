"""Redirect targets: only paths on this site are accepted, never another host."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import request


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
