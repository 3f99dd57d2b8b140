"""Atom 1.0 feeds (RFC 4287) written with the standard library: typed entries in, a UTF-8 document out."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from flask import Response

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_NS = "http://www.w3.org/XML/1998/namespace"
MIMETYPE = "application/atom+xml"
GENERATOR = "WerkSTADT"
SITE_AUTHOR = "WerkSTADT"
TAG_AUTHORITY = "tag:werkstadt,2026:"  # RFC 4151 tag URIs: stable ids whatever the host name is
CACHE_SECONDS = 300  # feed readers poll; five minutes old is fresh enough and spares the database
# Characters XML 1.0 cannot carry at all (ElementTree would write them and produce a broken document).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class AtomEntry:
    """One entry. `content_html` must be HTML our text pipeline produced (stored, cooked): it is escaped as text
    into `<content type="html">`, and feed readers render it as HTML."""

    id: str
    title: str
    updated: datetime
    link: str
    content_html: str
    author_name: str | None = None
    published: datetime | None = None
    lang: str | None = None  # the language of a user's text when it differs from the feed's


def tag_uri(specific: str) -> str:
    """A stable tag URI for an entry or a feed, e.g. tag_uri("idea-7/change-3")."""
    return f"{TAG_AUTHORITY}{specific}"


def rfc3339(moment: datetime) -> str:
    """`moment` in UTC as RFC 3339 to the second ("2026-05-04T09:30:00Z"); naive datetimes are refused."""
    if moment.tzinfo is None:
        raise ValueError("naive datetimes have no place in a feed; use app.models.utcnow()")
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def newest(entries: Iterable[AtomEntry], default: datetime) -> datetime:
    """The feed's `updated`: its newest entry's, or `default` when it has none."""
    return max((entry.updated for entry in entries), default=default)


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _add(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, name, {key: _clean(value) for key, value in attributes.items()})
    if text is not None:
        element.text = _clean(text)
    return element


def _add_entry(feed: ET.Element, entry: AtomEntry) -> None:
    element = _add(feed, "entry", **({f"{{{XML_NS}}}lang": entry.lang} if entry.lang else {}))
    _add(element, "id", entry.id)
    _add(element, "title", entry.title, type="text")
    _add(element, "updated", rfc3339(entry.updated))
    if entry.published is not None:
        _add(element, "published", rfc3339(entry.published))
    _add(element, "link", rel="alternate", type="text/html", href=entry.link)
    if entry.author_name:
        _add(_add(element, "author"), "name", entry.author_name)
    _add(element, "content", entry.content_html, type="html")


def atom_feed(feed_id: str, title: str, updated: datetime, self_url: str, alternate_url: str,
              entries: Sequence[AtomEntry], lang: str, base_url: str | None = None) -> bytes:
    """A complete Atom 1.0 document (UTF-8, with its XML declaration).

    The feed itself has the author "WerkSTADT", so entries without an author of their own are still valid.
    `base_url` (the site root) becomes `xml:base`, against which readers resolve relative links in the content.
    """
    # Atom's names are written unprefixed under a default namespace declared on the root (ElementTree's own
    # default_namespace option refuses unprefixed attributes such as rel and href).
    attributes = {"xmlns": ATOM_NS, f"{{{XML_NS}}}lang": lang}
    if base_url:
        attributes[f"{{{XML_NS}}}base"] = base_url
    feed = ET.Element("feed", attributes)
    _add(feed, "id", feed_id)
    _add(feed, "title", title, type="text")
    _add(feed, "updated", rfc3339(updated))
    _add(feed, "link", rel="self", type=MIMETYPE, href=self_url)
    _add(feed, "link", rel="alternate", type="text/html", href=alternate_url)
    _add(_add(feed, "author"), "name", SITE_AUTHOR)
    _add(feed, "generator", GENERATOR)
    for entry in entries:
        _add_entry(feed, entry)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def atom_response(body: bytes, max_age: int = CACHE_SECONDS) -> Response:
    """`body` served as application/atom+xml, cacheable by anyone for `max_age` seconds."""
    response = Response(body, mimetype=MIMETYPE)
    response.headers["Cache-Control"] = f"public, max-age={max_age}"
    response.vary.add("Accept-Language")  # titles follow the reader's language
    return response
