"""The iCalendar writer: a valid RFC 5545 document, text escaped, lines folded at 75 octets, CRLF endings."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import icalendar as ical
import pytest

from app.icalendar import (CONTENT_TYPE, PRODID, CalendarEvent, calendar_response, escape_text, fold, icalendar,
                           utc_stamp)

WHEN = datetime(2026, 3, 4, 5, 6, 7, tzinfo=timezone.utc)
LONG_GERMAN = ("Überarbeitung der Bürgerbüro-Terminbuchung für Ämter, Schulen und Bäder; "
               "Prüfung der Barrierefreiheit mit Screenreadern — größere Änderungen nach Rückmeldung "
               "der Nutzerinnen und Nutzer in Köln-Mülheim, Düsseldorf und Gießen")


def event(number: int = 1, **fields) -> CalendarEvent:
    values = dict(uid=f"milestone-{number}@werkstadt", stamp=WHEN, start=date(2026, 5, number),
                  summary=f"Milestone {number}", description=f"Step {number}", url=f"https://example.org/{number}")
    values.update(fields)
    return CalendarEvent(**values)


def parsed(body: bytes) -> ical.Calendar:
    calendar = ical.Calendar.from_ical(body)
    for component in calendar.walk():
        assert not component.errors, component.errors
    return calendar


def unfold(body: bytes) -> list[str]:
    return body.decode("utf-8").replace("\r\n ", "").split("\r\n")


def test_a_calendar_has_every_property_rfc_5545_requires():
    body = icalendar("My calendar", [event(1), event(2, end=date(2026, 5, 5))])

    calendar = parsed(body)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == PRODID == "-//WerkSTADT//Solutions//EN"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["X-WR-CALNAME"]) == "My calendar"
    first, second = calendar.walk("VEVENT")
    assert str(first["UID"]) == "milestone-1@werkstadt"
    assert first["DTSTAMP"].dt == WHEN
    assert first["DTSTART"].dt == date(2026, 5, 1) and first["DTSTART"].params["VALUE"] == "DATE"
    assert first["DTEND"].dt == date(2026, 5, 2)  # all day: the end is the next day, exclusive
    assert (str(first["SUMMARY"]), str(first["DESCRIPTION"])) == ("Milestone 1", "Step 1")
    assert str(first["URL"]) == "https://example.org/1"
    assert second["DTEND"].dt == date(2026, 5, 5)
    lines = unfold(body)
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"] and lines[-2:] == ["END:VCALENDAR", ""]
    assert "DTSTART;VALUE=DATE:20260501" in lines and "DTSTAMP:20260304T050607Z" in lines


def test_every_line_ends_with_crlf():
    body = icalendar("Calendar", [event(description="Two\nlines\r\nand\rmore")])

    assert body.endswith(b"\r\n")
    assert b"\n" not in body.replace(b"\r\n", b"")
    assert b"\r" not in body.replace(b"\r\n", b"")
    assert b"DESCRIPTION:Two\\nlines\\nand\\nmore\r\n" in body


def test_text_is_escaped_and_comes_back_unchanged():
    nasty = 'Back\\slash; semi, comma\nnew line "quoted" <b>tags</b>: colon'

    assert escape_text(nasty) == 'Back\\\\slash\\; semi\\, comma\\nnew line "quoted" <b>tags</b>: colon'
    assert escape_text("bell\x07 and nul\x00 dropped, tab\tkept") == "bell and nul dropped\\, tab\tkept"
    calendar = parsed(icalendar("Name; with, commas", [event(summary=nasty, description=nasty)]))
    vevent = calendar.walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == nasty and str(vevent["DESCRIPTION"]) == nasty
    # icalendar does not know X-WR-CALNAME's type and keeps it raw; calendar apps read it as TEXT, escaped.
    assert str(calendar["X-WR-CALNAME"]) == "Name\\; with\\, commas"


def test_long_lines_are_folded_at_75_octets_without_splitting_a_character():
    assert len(LONG_GERMAN.encode()) > 3 * 75
    body = icalendar(LONG_GERMAN, [event(summary=LONG_GERMAN, description=LONG_GERMAN * 2)])

    raw_lines = body.split(b"\r\n")
    assert all(len(line) <= 75 for line in raw_lines), max(len(line) for line in raw_lines)
    for line in raw_lines:
        line.decode("utf-8")  # every physical line is whole UTF-8: no character was cut in two
    assert any(line.startswith(b" ") for line in raw_lines)
    assert f"SUMMARY:{escape_text(LONG_GERMAN)}" in unfold(body)
    vevent = parsed(body).walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == LONG_GERMAN and str(vevent["DESCRIPTION"]) == LONG_GERMAN * 2


@pytest.mark.parametrize("text", ["ä" * 100, "a" + "€" * 60, "x" * 74, "x" * 75, "x" * 76, "🙂" * 40])
def test_folding_fills_lines_up_to_the_limit_and_unfolds_to_the_original(text):
    folded = fold(text)

    pieces = folded.split("\r\n")
    assert all(len(piece.encode()) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert folded.replace("\r\n ", "") == text
    for piece, following in zip(pieces, pieces[1:]):  # cut only where the next character would not fit
        assert len(piece.encode()) + len(following[1].encode()) > 75


def test_an_event_without_description_or_url_leaves_them_out():
    body = icalendar("Calendar", [event(description="", url=None)])

    vevent = parsed(body).walk("VEVENT")[0]
    assert "DESCRIPTION" not in vevent and "URL" not in vevent


def test_naive_stamps_and_backwards_events_are_refused():
    with pytest.raises(ValueError):
        utc_stamp(datetime(2026, 1, 1))
    with pytest.raises(ValueError):
        icalendar("Calendar", [event(end=date(2026, 5, 1))])
    assert utc_stamp(WHEN.astimezone(timezone(timedelta(hours=2)))) == "20260304T050607Z"


def test_an_empty_calendar_is_still_valid():
    calendar = parsed(icalendar("Nothing yet", []))

    assert calendar.walk("VEVENT") == []


def test_the_response_is_text_calendar_in_utf_8_and_cacheable(app):
    with app.test_request_context():
        response = calendar_response(icalendar("Calendar", [event()]))

    assert response.headers["Content-Type"] == CONTENT_TYPE == "text/calendar; charset=utf-8"
    assert response.headers["Cache-Control"].startswith("public, max-age=")
