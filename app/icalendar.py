"""iCalendar documents (RFC 5545) written with the standard library: all-day events in, a UTF-8 document out."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from flask import Response

MIMETYPE = "text/calendar"
CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//WerkSTADT//Solutions//EN"
LINE_OCTETS = 75  # RFC 5545 3.1: content lines are folded so that none is longer than 75 octets (CRLF not counted)
CACHE_SECONDS = 300  # calendar apps poll like feed readers
# Control characters TEXT may not carry (RFC 5545 3.3.11 allows HTAB only; newlines are escaped before this),
# and lone surrogates, which UTF-8 cannot encode.
_NOT_TEXT = re.compile("[\x00-\x08\x0a-\x1f\x7f\ud800-\udfff]")


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day VEVENT from `start` up to (not including) `end`, by default the day after `start`.

    `uid` must be globally unique and stable (e.g. "milestone-5@werkstadt"); `stamp` is when the information
    was last revised (timezone-aware). `summary` and `description` are plain text, escaped here.
    """

    uid: str
    stamp: datetime
    start: date
    summary: str
    end: date | None = None
    description: str = ""
    url: str | None = None


def escape_text(text: str) -> str:
    """`text` as an RFC 5545 TEXT value: backslash, semicolon and comma escaped, every newline as \\n."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")
    return _NOT_TEXT.sub("", text)


def fold(line: str) -> str:
    """`line` folded into pieces of at most 75 octets (UTF-8), each continuation starting with one space;
    a multi-byte character is never split."""
    if len(line.encode("utf-8")) <= LINE_OCTETS:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size, limit = 0, LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1  # the leading space of a continuation counts
        current.append(char)
        size += octets
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def utc_stamp(moment: datetime) -> str:
    """`moment` as an RFC 5545 UTC DATE-TIME ("20260504T093000Z"); naive datetimes are refused."""
    if moment.tzinfo is None:
        raise ValueError("naive datetimes have no place in a calendar; use app.models.utcnow()")
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _date(day: date) -> str:
    return day.strftime("%Y%m%d")


def _event_lines(event: CalendarEvent) -> list[str]:
    end = event.end or event.start + timedelta(days=1)
    if end <= event.start:
        raise ValueError("an event ends after the day it starts")
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{utc_stamp(event.stamp)}",
        f"DTSTART;VALUE=DATE:{_date(event.start)}",
        f"DTEND;VALUE=DATE:{_date(end)}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url:
        lines.append(f"URL:{_NOT_TEXT.sub('', event.url)}")  # a URI value: not escaped like TEXT
    lines.append("END:VEVENT")
    return lines


def icalendar(name: str, events: Sequence[CalendarEvent], prodid: str = PRODID) -> bytes:
    """A complete VCALENDAR (UTF-8, CRLF line endings, folded lines) named `name` in calendar apps."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{escape_text(prodid)}", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{escape_text(name)}"]
    for event in events:
        lines += _event_lines(event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


def calendar_response(body: bytes, max_age: int = CACHE_SECONDS) -> Response:
    """`body` served as text/calendar, cacheable by anyone for `max_age` seconds."""
    response = Response(body, content_type=CONTENT_TYPE)
    response.headers["Cache-Control"] = f"public, max-age={max_age}"
    response.vary.add("Accept-Language")  # summaries carry translated words
    return response
