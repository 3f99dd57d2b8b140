"""A solution's feeds: Atom of its milestones and progress updates, iCalendar of its milestone dates."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta, timezone

import icalendar as ical
import pytest
from factories import make_user
from helpers import ATOM as A, atom, atom_entries as entries

from app.extensions import db
from app.users.models import Role
from ideas.solutions import services
from ideas.solutions.feeds import FEED_SIZE
from ideas.solutions.services import SolutionInput

EN = {"Accept-Language": "en"}
NASTY = "Please **bold** this. <script>alert(1)</script> & more"
TEXT = SolutionInput(title="Online appointments", summary="Book the citizens' office online.",
                     description_md="A **booking** service.", language="en")
T0 = datetime(2026, 2, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def staff(db):
    return make_user("staff", roles=(Role.CITY_STAFF,), display_name="Sam Staff", locale="en")


@pytest.fixture
def solution(staff):
    return services.create_solution(staff, TEXT)


def titles(root: ET.Element) -> list[str]:
    return [entry.findtext(f"{A}title") for entry in entries(root)]


def link(root: ET.Element, rel: str) -> str:
    return next(element.get("href") for element in root.findall(f"{A}link") if element.get("rel") == rel)


def calendar(response) -> ical.Calendar:
    """The parsed calendar, after checking its type and that the parser found nothing wrong."""
    assert response.status_code == 200, response.status_code
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    parsed = ical.Calendar.from_ical(response.data)
    for component in parsed.walk():
        assert not component.errors, component.errors
    return parsed


def at(thing, moment: datetime) -> None:
    """Move a milestone's or an update's creation to `moment` (the services stamp it with the clock)."""
    thing.created_at = moment
    db.session.commit()


# --- Atom ----------------------------------------------------------------------------------------------------

def test_the_feed_has_milestones_added_and_done_and_updates_newest_first(client, staff, solution):
    prototype = services.add_milestone(staff, solution, title="Prototype", planned_on=date(2026, 3, 1))
    at(prototype, T0)
    update = services.post_update(staff, solution, "First **tests** done.")
    at(update, T0 + timedelta(days=1))
    services.set_milestone_done(staff, prototype, True, on=date(2026, 2, 5))
    pilot = services.add_milestone(staff, solution, title="Pilot", planned_on=date(2026, 6, 1))
    at(pilot, T0 + timedelta(days=10))

    root = atom(client.get(f"/solutions/{solution.id}/feed.atom", headers=EN))

    assert titles(root) == ["New milestone: Pilot", "Milestone reached: Prototype",
                            "Progress update by Sam Staff", "New milestone: Prototype"]
    assert root.findtext(f"{A}title") == "WerkSTADT: progress of “Online appointments”"
    assert root.findtext(f"{A}id") == f"tag:werkstadt,2026:solution-{solution.id}/progress"
    assert link(root, "self") == f"http://localhost/solutions/{solution.id}/feed.atom"
    assert link(root, "alternate") == f"http://localhost/solutions/{solution.id}"
    ids = [entry.findtext(f"{A}id") for entry in entries(root)]
    assert ids == [f"tag:werkstadt,2026:solution-{solution.id}/{rest}" for rest in (
        f"milestone-{pilot.id}/added", f"milestone-{prototype.id}/done", f"update-{update.id}",
        f"milestone-{prototype.id}/added")]
    pilot_entry, done_entry, update_entry, _added = entries(root)
    assert root.findtext(f"{A}updated") == pilot_entry.findtext(f"{A}updated") == "2026-02-11T09:00:00Z"
    assert done_entry.findtext(f"{A}updated") == "2026-02-05T00:00:00Z"  # the day it was done on, in UTC
    assert update_entry.findtext(f"{A}author/{A}name") == "Sam Staff"
    assert "<strong>tests</strong>" in update_entry.findtext(f"{A}content")


def test_user_text_in_the_feed_went_through_the_text_pipeline(client, staff, solution):
    services.add_milestone(staff, solution, title="Tom & <Jerry>", planned_on=date(2026, 3, 1), description_md=NASTY)
    services.post_update(staff, solution, NASTY)

    body = client.get(f"/solutions/{solution.id}/feed.atom", headers=EN).data
    root = atom(client.get(f"/solutions/{solution.id}/feed.atom", headers=EN))

    assert b"<script>" not in body and b"<Jerry>" not in body
    contents = [entry.findtext(f"{A}content") for entry in entries(root)]
    assert len(contents) == 2
    for content in contents:  # the HTML a feed reader renders
        assert "<strong>bold</strong>" in content
        assert "<script" not in content and "**bold**" not in content
        assert "&lt;script&gt;" in content  # shown as text, as on the page
    milestone_content = next(c for c in contents if "Jerry" in c)
    assert milestone_content.startswith("<p><strong>Tom &amp; &lt;Jerry&gt;</strong></p>")  # the title, escaped
    assert "New milestone: Tom & <Jerry>" in titles(root)  # plain text, escaped in the XML


def test_a_new_solution_has_an_empty_feed_dated_by_the_solution(client, solution):
    root = atom(client.get(f"/solutions/{solution.id}/feed.atom"))

    assert entries(root) == []
    assert root.findtext(f"{A}updated") == solution.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_milestone_opened_again_loses_its_done_entry(client, staff, solution):
    milestone = services.add_milestone(staff, solution, title="Prototype", planned_on=date(2026, 3, 1))
    services.set_milestone_done(staff, milestone, True)
    assert len(entries(atom(client.get(f"/solutions/{solution.id}/feed.atom")))) == 2
    services.set_milestone_done(staff, milestone, False)

    assert len(entries(atom(client.get(f"/solutions/{solution.id}/feed.atom")))) == 1


def test_the_feed_holds_the_fifty_newest_entries(client, staff, solution):
    for number in range(FEED_SIZE):
        update = services.post_update(staff, solution, f"Update {number}")
        at(update, T0 + timedelta(hours=number))
    milestone = services.add_milestone(staff, solution, title="Late milestone", planned_on=date(2026, 9, 1))
    at(milestone, T0 - timedelta(days=1))  # older than every update
    services.set_milestone_done(staff, milestone, True, on=date(2026, 9, 2))  # newer than every update

    shown = titles(atom(client.get(f"/solutions/{solution.id}/feed.atom", headers=EN)))

    assert len(shown) == FEED_SIZE
    assert shown[0] == "Milestone reached: Late milestone"
    assert "New milestone: Late milestone" not in shown


def test_unknown_solutions_have_no_feeds(client, db):
    assert client.get("/solutions/999999/feed.atom").status_code == 404
    assert client.get("/solutions/999999/milestones.ics").status_code == 404


# --- iCalendar -------------------------------------------------------------------------------------------------

def test_the_calendar_has_one_all_day_event_per_milestone(client, staff, solution):
    pilot = services.add_milestone(staff, solution, title="Pilot, in two offices; then more",
                                   planned_on=date(2026, 6, 1), description_md=NASTY)
    prototype = services.add_milestone(staff, solution, title="Prototype", planned_on=date(2026, 3, 1))
    services.set_milestone_done(staff, prototype, True, on=date(2026, 3, 2))

    parsed = calendar(client.get(f"/solutions/{solution.id}/milestones.ics", headers=EN))

    assert str(parsed["PRODID"]) == "-//WerkSTADT//Solutions//EN" and str(parsed["VERSION"]) == "2.0"
    assert str(parsed["CALSCALE"]) == "GREGORIAN"
    assert str(parsed["X-WR-CALNAME"]) == "WerkSTADT: milestones of “Online appointments”"
    first, second = parsed.walk("VEVENT")
    assert str(first["UID"]) == f"milestone-{prototype.id}@werkstadt"
    assert str(first["SUMMARY"]) == "Prototype (done)"
    assert (first["DTSTART"].dt, first["DTEND"].dt) == (date(2026, 3, 1), date(2026, 3, 2))
    assert first["DTSTART"].params["VALUE"] == "DATE"
    assert "DESCRIPTION" not in first
    assert str(second["UID"]) == f"milestone-{pilot.id}@werkstadt"
    assert str(second["SUMMARY"]) == "Pilot, in two offices; then more"  # escaped and read back
    assert (second["DTSTART"].dt, second["DTEND"].dt) == (date(2026, 6, 1), date(2026, 6, 2))
    description = str(second["DESCRIPTION"])
    assert description.startswith("Please bold this.")  # the stored HTML as plain text
    assert "**" not in description and "<strong>" not in description
    for vevent in (first, second):
        assert str(vevent["URL"]) == f"http://localhost/solutions/{solution.id}"
        assert vevent["DTSTAMP"].dt.tzinfo is not None
    body = client.get(f"/solutions/{solution.id}/milestones.ics").data
    assert b"\r\n" in body and b"\n" not in body.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))


def test_the_calendar_speaks_the_readers_language(client, staff, solution):
    milestone = services.add_milestone(staff, solution, title="Prototyp", planned_on=date(2026, 3, 1))
    services.set_milestone_done(staff, milestone, True)

    response = client.get(f"/solutions/{solution.id}/milestones.ics", headers={"Accept-Language": "de"})

    summary = str(calendar(response).walk("VEVENT")[0]["SUMMARY"])
    assert summary.startswith("Prototyp (") and summary.endswith(")")
    assert "Accept-Language" in response.headers["Vary"]


def test_a_solution_without_milestones_has_an_empty_calendar(client, solution):
    assert calendar(client.get(f"/solutions/{solution.id}/milestones.ics")).walk("VEVENT") == []


# --- statements ----------------------------------------------------------------------------------------------

def test_the_feeds_take_the_same_few_statements_for_few_and_many_milestones(client, staff, solution, count_queries):
    def add(count: int) -> None:
        for number in range(count):
            milestone = services.add_milestone(staff, solution, title=f"Step {number}",
                                               planned_on=date(2026, 3, 1) + timedelta(days=number))
            if number % 2:
                services.set_milestone_done(staff, milestone, True)
            author = make_user(roles=(Role.CITY_STAFF,))  # a different author for every update
            services.post_update(author, solution, f"Note {number}")

    def measure() -> list[int]:
        counts = []
        for url in (f"/solutions/{solution.id}/feed.atom", f"/solutions/{solution.id}/milestones.ics"):
            with count_queries() as counter:
                assert client.get(url).status_code == 200
            counts.append(counter.count)
        return counts

    add(2)
    few = measure()
    add(18)
    many = measure()

    assert few == many
    assert many[0] <= 3 and many[1] <= 2  # solution, milestones, updates with authors; solution, milestones
