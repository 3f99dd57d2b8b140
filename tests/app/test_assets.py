"""Fingerprinted static files: the pages name each file with its digest, and that address may be cached for a year."""
from __future__ import annotations

import hashlib
import os
import re

from app.assets import YEAR, digest


def sha(app, filename: str) -> str:
    with open(os.path.join(app.static_folder, filename), "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()[:12]


def test_every_page_names_its_style_sheet_script_and_icon_by_their_digests(app, client):
    html = client.get("/").get_data(as_text=True)
    for filename in ("css/site.css", "js/site.js", "img/favicon.svg"):
        assert f"/static/{filename}?v={sha(app, filename)}" in html
    assert not re.search(r'/static/[^"?]+"', html), "a static file without its digest"


def test_the_current_digest_is_cached_for_a_year_and_anything_else_is_asked_again(app, client):
    current = client.get(f"/static/css/site.css?v={sha(app, 'css/site.css')}")
    assert current.status_code == 200
    assert set(current.headers["Cache-Control"].split(", ")) == {"public", f"max-age={YEAR}", "immutable"}
    for stale in ("/static/css/site.css?v=000000000000", "/static/css/site.css"):
        response = client.get(stale)
        assert response.status_code == 200 and response.data == current.data
        assert "immutable" not in response.headers["Cache-Control"]
        assert "max-age=31536000" not in response.headers["Cache-Control"]
    assert client.get("/static/css/nothing.css?v=000000000000").status_code == 404


def test_a_changed_file_gets_a_new_digest_in_debug_mode(app, tmp_path):
    app.static_folder = str(tmp_path)
    app.debug = True
    (tmp_path / "a.css").write_text("a { color: red }")
    first = digest(app, "a.css")
    (tmp_path / "a.css").write_text("a { color: blue }")
    os.utime(tmp_path / "a.css", ns=(1, 1))  # a different modification time, whatever the clock's resolution
    assert digest(app, "a.css") != first == hashlib.sha256(b"a { color: red }").hexdigest()[:12]
    assert digest(app, "missing.css") is None
