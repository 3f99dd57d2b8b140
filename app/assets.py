"""Fingerprinted static files: `url_for("static", filename=...)` adds `?v=<digest of the file>`, and a request for
the current digest is answered with a year-long, immutable cache lifetime.

Browsers then fetch the style sheet, the script and the icon once per release instead of asking again on every
page (three conditional requests less per page view); a new release changes the digest and so the address. A
request with another or no digest gets the file as before, without the long lifetime. Digests are computed once
per file and process (in debug mode again whenever the file changes).
"""
from __future__ import annotations

import hashlib
import os

from flask import Flask, request

YEAR = 365 * 24 * 3600
_DIGESTS = "werkstadt.asset_digests"


def init_app(app: Flask) -> None:
    app.extensions[_DIGESTS] = {}

    @app.url_defaults
    def _fingerprint(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "filename" in values and "v" not in values:
            found = digest(app, values["filename"])
            if found:
                values["v"] = found

    app.after_request(_cache_fingerprinted)


def digest(app: Flask, filename: str) -> str | None:
    """The first 12 hex digits of the SHA-256 of static file `filename`, or None when there is no such file."""
    path = os.path.join(app.static_folder or "", filename)
    known = app.extensions[_DIGESTS]
    try:
        stamp = os.stat(path).st_mtime_ns if app.debug else None
    except OSError:
        return None
    if filename not in known or known[filename][0] != stamp:
        try:
            with open(path, "rb") as handle:
                known[filename] = (stamp, hashlib.sha256(handle.read()).hexdigest()[:12])
        except OSError:
            return None
    return known[filename][1]


def _cache_fingerprinted(response):
    if request.endpoint != "static" or response.status_code not in (200, 304):
        return response
    from flask import current_app

    wanted = request.args.get("v")
    filename = (request.view_args or {}).get("filename", "")
    if wanted and wanted == digest(current_app, filename):
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
        response.cache_control.no_cache = None
    return response
