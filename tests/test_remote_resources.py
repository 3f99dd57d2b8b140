"""The helper that finds what a page, an e-mail or a feed would make a reader fetch (tests/remote_resources.py): it
must see every kind of resource, or the suite's checks of every e-mail, feed and page would pass unread."""
from __future__ import annotations

import pytest
from remote_resources import foreign, resource_urls


@pytest.mark.parametrize(("markup", "url"), [
    ('<img src="https://a.example/i.png" alt="">', "https://a.example/i.png"),
    ('<img srcset="//a.example/s.png 2x" alt="">', "//a.example/s.png"),
    ('<link rel="stylesheet" href="https://a.example/s.css">', "https://a.example/s.css"),
    ('<link rel="icon" href="/static/img/favicon.svg">', "/static/img/favicon.svg"),
    ('<p style="background: url(\'https://a.example/b.png\')">x</p>', "https://a.example/b.png"),
    ('<style>@import "https://a.example/i.css";</style>', "https://a.example/i.css"),
    ('<meta http-equiv="refresh" content="0; url=https://a.example/">', "https://a.example/"),
    ('<iframe src="https://a.example/f"></iframe>', "https://a.example/f"),
    ('<video poster="https://a.example/p.jpg"></video>', "https://a.example/p.jpg"),
    ('<object data="https://a.example/o.swf"></object>', "https://a.example/o.swf"),
    ('<table background="https://a.example/t.gif"></table>', "https://a.example/t.gif"),
])
def test_every_kind_of_resource_is_found(markup, url):
    assert resource_urls(f"<html><body>{markup}</body></html>") == [url]


def test_links_a_reader_follows_are_no_resources():
    assert resource_urls('<p><a href="https://a.example/x">x</a> <a href="//b.example">y</a></p>') == []


def test_foreign_keeps_other_hosts_and_schemes_but_not_the_sites_own():
    own = "http://127.0.0.1:5000"
    urls = ["/static/css/site.css", "http://127.0.0.1:5000/x", "data:image/svg+xml,<svg/>", "about:blank",
            "https://127.0.0.1:5000/x", "http://127.0.0.1:5001/x", "//a.example/y", "https://a.example/z"]
    assert foreign(urls, own) == ["https://127.0.0.1:5000/x", "http://127.0.0.1:5001/x", "//a.example/y",
                                  "https://a.example/z"]
