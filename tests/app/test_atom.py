"""The Atom writer: a well-formed Atom 1.0 document with every required element, user text escaped."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

import pytest

from app.atom import ATOM_NS, MIMETYPE, AtomEntry, atom_feed, atom_response, newest, rfc3339, tag_uri

A = f"{{{ATOM_NS}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
WHEN = datetime(2026, 3, 4, 5, 6, 7, tzinfo=timezone.utc)


def entry(number: int = 1, **fields) -> AtomEntry:
    values = dict(id=tag_uri(f"test-{number}"), title=f"Entry {number}", updated=WHEN + timedelta(hours=number),
                  link=f"https://example.org/{number}", content_html=f"<p>Text {number}</p>")
    values.update(fields)
    return AtomEntry(**values)


def feed(entries=(), **fields) -> ET.Element:
    values = dict(feed_id=tag_uri("test"), title="Test feed", updated=WHEN, self_url="https://example.org/feed.atom",
                  alternate_url="https://example.org/", entries=list(entries), lang="en")
    values.update(fields)
    return ET.fromstring(atom_feed(**values))


def test_a_feed_has_every_element_atom_requires():
    root = feed([entry(1, author_name="Alice", published=WHEN), entry(2)])

    assert root.tag == f"{A}feed"
    assert root.get(XML_LANG) == "en"
    assert root.findtext(f"{A}id") == "tag:werkstadt,2026:test"
    assert root.findtext(f"{A}title") == "Test feed"
    assert root.findtext(f"{A}updated") == "2026-03-04T05:06:07Z"
    links = {link.get("rel"): link for link in root.findall(f"{A}link")}
    assert links["self"].get("href") == "https://example.org/feed.atom"
    assert links["self"].get("type") == "application/atom+xml"
    assert links["alternate"].get("href") == "https://example.org/"
    assert root.findtext(f"{A}author/{A}name") == "WerkSTADT"  # entries without an author stay valid
    assert root.findtext(f"{A}generator") == "WerkSTADT"
    first, second = root.findall(f"{A}entry")
    assert first.findtext(f"{A}id") == "tag:werkstadt,2026:test-1"
    assert first.findtext(f"{A}title") == "Entry 1"
    assert first.findtext(f"{A}updated") == "2026-03-04T06:06:07Z"
    assert first.findtext(f"{A}published") == "2026-03-04T05:06:07Z"
    assert first.find(f"{A}link").get("href") == "https://example.org/1"
    assert first.find(f"{A}link").get("rel") == "alternate"
    assert first.findtext(f"{A}author/{A}name") == "Alice"
    assert first.find(f"{A}content").get("type") == "html"
    assert first.findtext(f"{A}content") == "<p>Text 1</p>"
    assert second.find(f"{A}published") is None and second.find(f"{A}author") is None


def test_the_document_is_utf8_with_a_declaration_and_atom_as_default_namespace():
    body = atom_feed(tag_uri("x"), "Grüße", WHEN, "https://e.org/f", "https://e.org/", [], "de")

    assert body.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    assert b'<feed xmlns="http://www.w3.org/2005/Atom"' in body
    assert "Grüße".encode() in body
    assert ET.fromstring(body).findall(f"{A}entry") == []


def test_markup_in_titles_and_content_is_escaped_as_text():
    body = atom_feed(tag_uri("x"), 'Fish & <chips> "now"', WHEN, "https://e.org/f?a=1&b=2", "https://e.org/",
                     [entry(title="<script>alert(1)</script> & co", content_html="<p>a &amp; b</p>")], "en")

    assert b"<script>" not in body and b"<chips>" not in body
    assert b"Fish &amp; &lt;chips&gt;" in body
    root = ET.fromstring(body)
    assert root.findtext(f"{A}title") == 'Fish & <chips> "now"'
    assert root.find(f"{A}link").get("href") == "https://e.org/f?a=1&b=2"
    assert root.findtext(f"{A}entry/{A}title") == "<script>alert(1)</script> & co"
    assert root.findtext(f"{A}entry/{A}content") == "<p>a &amp; b</p>"  # the HTML, once unescaped by the reader


def test_characters_xml_cannot_carry_are_dropped_so_the_document_still_parses():
    root = feed([entry(title="bell\x07 and nul\x00", content_html="<p>form\x0cfeed</p>")], title="vertical\x0btab")

    assert root.findtext(f"{A}title") == "verticaltab"
    assert root.findtext(f"{A}entry/{A}title") == "bell and nul"
    assert root.findtext(f"{A}entry/{A}content") == "<p>formfeed</p>"


def test_entries_may_carry_their_own_language_and_the_feed_a_base_url():
    root = feed([entry(lang="de")], base_url="https://example.org/")

    assert root.get("{http://www.w3.org/XML/1998/namespace}base") == "https://example.org/"
    assert root.find(f"{A}entry").get(XML_LANG) == "de"


def test_times_are_rfc3339_in_utc_and_naive_ones_are_refused():
    plus_two = timezone(timedelta(hours=2))

    assert rfc3339(datetime(2026, 3, 4, 7, 0, 0, 999, tzinfo=plus_two)) == "2026-03-04T05:00:00Z"
    with pytest.raises(ValueError):
        rfc3339(datetime(2026, 3, 4))


def test_newest_is_the_latest_entry_or_the_default():
    assert newest([entry(1), entry(3), entry(2)], WHEN) == WHEN + timedelta(hours=3)
    assert newest([], WHEN) == WHEN


def test_the_response_is_atom_and_cacheable(app):
    with app.test_request_context():
        response = atom_response(b"<feed/>", max_age=60)

    assert response.mimetype == MIMETYPE
    assert response.headers["Cache-Control"] == "public, max-age=60"
    assert "Accept-Language" in response.headers["Vary"]
