"""The team's solution pages: add a milestone, tick it off and open it again, post a progress update."""
from __future__ import annotations

from datetime import date

import pytest
from helpers import field_error, flashes, soup, summary_links, words
from solution_scene import ADMIN, CONTRIBUTOR, ENGLISH, MEMBER, OWNER, STAFF, VOLUNTEER, count, fresh, notices, \
    user_id

from app.extensions import db
from app.models import utcnow
from app.users.models import User
from ideas.solutions import services
from ideas.solutions.models import Contribution, Milestone, ProgressUpdate, Solution, SolutionStatus


def milestone(**fields) -> dict:
    data = {"title": "Pilot in two offices", "planned_on": "2030-03-31", "description": "In *two* offices."}
    data.update(fields)
    return data


def milestones_of(solution_id: int) -> int:
    return count(Milestone, Milestone.solution_id == solution_id)


def updates_of(solution_id: int) -> int:
    return count(ProgressUpdate, ProgressUpdate.solution_id == solution_id)


def tick(client, cast, done: str, milestone_id: int | None = None, solution_id: int | None = None,
         confirmed: bool = True):
    data = {"done": done, **({"confirmed": "1"} if confirmed else {})}
    return client.post(f"/solutions/{solution_id or cast.solution}/milestones/{milestone_id or cast.milestone}/done",
                       data=data)


# --- who may -------------------------------------------------------------------------------------------------

def test_anonymous_visitors_are_sent_to_log_in_and_change_nothing(client, cast):
    for path in (f"/solutions/{cast.solution}/milestones/new", f"/solutions/{cast.solution}/updates/new"):
        assert client.get(path).location.startswith("/login?next=")
    responses = [client.post(f"/solutions/{cast.solution}/milestones/new", data=milestone()),
                 tick(client, cast, "1"),
                 client.post(f"/solutions/{cast.solution}/updates/new", data={"body": "Anonymous news."})]
    assert all(r.status_code == 302 and r.location.startswith("/login?next=") for r in responses)
    assert milestones_of(cast.solution) == 1 and updates_of(cast.solution) == 0
    assert fresh(Milestone, cast.milestone).done_on is None


@pytest.mark.parametrize(("who", "allowed"), [(MEMBER, False), (VOLUNTEER, False), (CONTRIBUTOR, False),
                                              (OWNER, True), (STAFF, True), (ADMIN, True)])
def test_the_owner_staff_and_admins_add_milestones(client, auth, cast, who, allowed):
    auth.login(who)
    assert client.get(f"/solutions/{cast.solution}/milestones/new").status_code == (200 if allowed else 403)
    response = client.post(f"/solutions/{cast.solution}/milestones/new", data=milestone())
    assert response.status_code == (302 if allowed else 403)
    assert milestones_of(cast.solution) == (2 if allowed else 1)
    assert fresh(Solution, cast.solution).milestone_count == (2 if allowed else 1)


def test_no_milestones_are_added_once_the_solution_is_live(client, auth, cast):
    services.change_status(db.session.get(User, user_id(STAFF)), fresh(Solution, cast.solution),
                           SolutionStatus.LIVE, "Online.")
    auth.login(STAFF)
    assert client.get(f"/solutions/{cast.solution}/milestones/new").status_code == 403
    assert client.post(f"/solutions/{cast.solution}/milestones/new", data=milestone()).status_code == 403
    assert milestones_of(cast.solution) == 1


@pytest.mark.parametrize(("who", "allowed"), [(MEMBER, False), (VOLUNTEER, False), (CONTRIBUTOR, True),
                                              (OWNER, True), (STAFF, True), (ADMIN, True)])
def test_the_team_staff_and_admins_tick_milestones(client, auth, cast, who, allowed):
    auth.login(who)
    assert tick(client, cast, "1").status_code == (302 if allowed else 403)
    ticked = fresh(Milestone, cast.milestone)
    assert (ticked.done_on is not None) is allowed
    assert ticked.done_by_id == (user_id(who) if allowed else None)
    assert fresh(Solution, cast.solution).milestones_done == (1 if allowed else 0)


@pytest.mark.parametrize(("who", "allowed"), [(MEMBER, False), (VOLUNTEER, False), (CONTRIBUTOR, True),
                                              (OWNER, True), (STAFF, True), (ADMIN, True)])
def test_the_team_staff_and_admins_post_updates(client, auth, cast, who, allowed):
    auth.login(who)
    assert client.get(f"/solutions/{cast.solution}/updates/new").status_code == (200 if allowed else 403)
    response = client.post(f"/solutions/{cast.solution}/updates/new", data={"body": "Going well."})
    assert response.status_code == (302 if allowed else 403)
    assert updates_of(cast.solution) == (1 if allowed else 0)


def test_a_declined_volunteer_may_neither_post_nor_tick(client, auth, cast):
    offer = db.session.get(Contribution, cast.offer)
    services.decide_volunteer(db.session.get(User, user_id(OWNER)), offer, accept=False)
    auth.login(VOLUNTEER)
    assert client.post(f"/solutions/{cast.solution}/updates/new", data={"body": "Hello."}).status_code == 403
    assert tick(client, cast, "1").status_code == 403
    assert updates_of(cast.solution) == 0 and fresh(Milestone, cast.milestone).done_on is None


def test_a_contributor_of_one_solution_is_no_one_on_another(client, auth, cast):
    auth.login(CONTRIBUTOR)
    assert tick(client, cast, "1", cast.other_milestone, cast.other).status_code == 403
    assert client.post(f"/solutions/{cast.other}/updates/new", data={"body": "Hi."}).status_code == 403
    assert fresh(Milestone, cast.other_milestone).done_on is None and updates_of(cast.other) == 0


def test_unknown_solutions_and_milestones_of_another_solution_answer_404(client, auth, cast):
    auth.login(STAFF)
    assert client.get("/solutions/999/milestones/new").status_code == 404
    assert client.post("/solutions/999/milestones/new", data=milestone()).status_code == 404
    assert client.get("/solutions/999/updates/new").status_code == 404
    assert client.post("/solutions/999/updates/new", data={"body": "Lost."}).status_code == 404
    assert tick(client, cast, "1", solution_id=999).status_code == 404
    assert tick(client, cast, "1", milestone_id=999).status_code == 404
    assert tick(client, cast, "1", milestone_id=cast.other_milestone).status_code == 404  # of `other`
    assert fresh(Milestone, cast.other_milestone).done_on is None
    assert fresh(Solution, cast.other).milestones_done == 0 and count(Milestone) == 2 and count(ProgressUpdate) == 0


# --- milestones ----------------------------------------------------------------------------------------------

def test_the_owner_adds_a_milestone_and_followers_are_told(client, auth, cast):
    auth.login(OWNER)
    form = soup(client.get(f"/solutions/{cast.solution}/milestones/new"))
    assert form.h1.get_text(strip=True) == "Add a milestone to “Online appointments”"
    response = client.post(f"/solutions/{cast.solution}/milestones/new", data=milestone())
    assert response.status_code == 302 and response.location == f"/solutions/{cast.solution}#milestones-title"
    db.session.rollback()
    added = db.session.execute(db.select(Milestone).where(Milestone.title == "Pilot in two offices")).scalar_one()
    assert added.solution_id == cast.solution and added.planned_on == date(2030, 3, 31)
    assert "<em>two</em>" in added.description_html and added.done_on is None
    assert fresh(Solution, cast.solution).milestone_count == 2
    assert notices(STAFF, "solution_milestone") == 1  # the creator follows the solution
    page = client.get(response.location)
    assert "Done: The milestone has been added." in flashes(page)
    titles = [h.get_text(strip=True) for h in soup(page).select("ol.milestones h3")]
    assert titles == ["Prototype", "Pilot in two offices"]  # by planned date


def test_a_bad_milestone_comes_back_with_its_errors_and_everything_typed(client, auth, cast):
    auth.login(STAFF)
    response = client.post(f"/solutions/{cast.solution}/milestones/new",
                           data=milestone(title=" ", planned_on="31.03.2030", description="Kept *text*"))
    assert response.status_code == 200
    assert field_error(response, "title") == "Error: Please fill in this field."
    assert field_error(response, "planned_on") == "Error: Please enter a valid date, e.g. 2027-03-31."
    assert field_error(response, "description") is None
    assert summary_links(response) == ["title", "planned_on"]
    page = soup(response)
    assert page.find(id="planned_on")["value"] == "31.03.2030"
    assert page.find(id="description").get_text().strip() == "Kept *text*"
    assert milestones_of(cast.solution) == 1


def test_a_milestone_needs_a_date(client, auth, cast):
    auth.login(STAFF)
    response = client.post(f"/solutions/{cast.solution}/milestones/new", data=milestone(planned_on=""))
    assert field_error(response, "planned_on") == "Error: Please enter a date, e.g. 2027-03-31."
    assert field_error(response, "title") is None
    assert soup(response).find(id="title")["value"] == "Pilot in two offices"
    assert milestones_of(cast.solution) == 1


@pytest.mark.parametrize("done", ["", "yes", "2"])
def test_a_tick_other_than_done_or_not_done_is_a_bad_request(client, auth, cast, done):
    auth.login(CONTRIBUTOR)
    tick(client, cast, "1")
    assert tick(client, cast, done).status_code == 400
    assert fresh(Milestone, cast.milestone).done_on is not None  # not opened again


def test_a_contributor_ticks_a_milestone_off_and_opens_it_again(client, auth, cast):
    auth.login(CONTRIBUTOR)
    response = tick(client, cast, "1")
    assert response.location == f"/solutions/{cast.solution}#milestone-{cast.milestone}"
    done = fresh(Milestone, cast.milestone)
    assert done.done_on == utcnow().date() and done.done_by_id == user_id(CONTRIBUTOR)
    solution = fresh(Solution, cast.solution)
    assert (solution.milestones_done, solution.progress) == (1, 100)
    page = client.get(response.location, headers=ENGLISH)
    assert "Done: “Prototype” is marked as done." in flashes(page)
    item = soup(page).find(id=f"milestone-{cast.milestone}")
    assert item.find("button").get_text(strip=True) == "Mark “Prototype” as not done"
    assert item.find("input", attrs={"name": "done"})["value"] == "0"
    tick(client, cast, "1")  # ticked already: nothing moves twice
    assert fresh(Solution, cast.solution).milestones_done == 1
    assert "marked as done" not in flashes(client.get(f"/solutions/{cast.solution}"))
    asked = tick(client, cast, "0", confirmed=False)  # opening it again is confirmed first
    assert asked.location == f"/solutions/{cast.solution}/milestones/{cast.milestone}/reopen"
    assert fresh(Milestone, cast.milestone).done_on is not None
    question = soup(client.get(asked.location, headers=ENGLISH))
    assert question.h1.get_text(strip=True) == "Open “Prototype” again?"
    confirm = question.find("main").find("form")
    assert {i["name"]: i["value"] for i in confirm.find_all("input")} == {
        "csrf_token": confirm.find("input", attrs={"name": "csrf_token"})["value"], "done": "0", "confirmed": "1"}
    tick(client, cast, "0")
    opened = fresh(Milestone, cast.milestone)
    assert opened.done_on is None and opened.done_by_id is None
    assert fresh(Solution, cast.solution).milestones_done == 0
    assert "Done: “Prototype” is open again." in flashes(client.get(f"/solutions/{cast.solution}"))


# --- updates -------------------------------------------------------------------------------------------------

def test_a_contributor_posts_an_update_whose_markdown_is_rendered_and_html_escaped(client, auth, cast):
    auth.login(CONTRIBUTOR)
    response = client.post(f"/solutions/{cast.solution}/updates/new",
                           data={"body": "Tested with **NVDA** <script>alert(1)</script>"})
    assert response.status_code == 302 and response.location == f"/solutions/{cast.solution}#updates-title"
    db.session.rollback()
    posted = db.session.execute(db.select(ProgressUpdate)).scalar_one()
    assert posted.author_id == user_id(CONTRIBUTOR)
    assert posted.body_md == "Tested with **NVDA** <script>alert(1)</script>"
    assert notices(STAFF, "solution_update") == 1
    page = client.get(response.location)
    assert "Done: Your update has been posted." in flashes(page)
    updates = soup(page).select_one("ol.solution-updates")
    assert updates.find("strong").get_text() == "NVDA" and updates.find("script") is None
    assert "<script>alert(1)</script>" in words(updates.get_text(" "))  # shown as text
    assert "Carl Contributor" in updates.get_text()


@pytest.mark.parametrize(("body", "message"), [("   ", "Please fill in this field."),
                                               ("x" * 5001, "Please use at most 5000 characters.")])
def test_a_bad_update_comes_back_with_its_error_and_the_text(client, auth, cast, body, message):
    auth.login(OWNER)
    response = client.post(f"/solutions/{cast.solution}/updates/new", data={"body": body})
    assert response.status_code == 200
    assert field_error(response, "body") == f"Error: {message}"
    assert summary_links(response) == ["body"]
    assert soup(response).find(id="body").get_text().strip() == body.strip()
    assert updates_of(cast.solution) == 0


# --- CSRF ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("app_overrides", [{"WTF_CSRF_ENABLED": True}])
def test_posts_without_the_token_change_nothing(client, cast):
    token = soup(client.get("/login")).find("input", attrs={"name": "csrf_token"})["value"]
    client.post("/login", data={"login": OWNER, "password": "correct horse battery", "csrf_token": token})
    assert client.post(f"/solutions/{cast.solution}/milestones/new", data=milestone()).status_code == 400
    assert tick(client, cast, "1").status_code == 400
    assert client.post(f"/solutions/{cast.solution}/updates/new", data={"body": "Forged."}).status_code == 400
    assert milestones_of(cast.solution) == 1 and updates_of(cast.solution) == 0
    assert fresh(Milestone, cast.milestone).done_on is None
    page = soup(client.get(f"/solutions/{cast.solution}"))  # the page's own tick button carries the token
    token = page.find(id=f"milestone-{cast.milestone}").find("input", attrs={"name": "csrf_token"})["value"]
    client.post(f"/solutions/{cast.solution}/milestones/{cast.milestone}/done", data={"done": "1", "csrf_token": token})
    assert fresh(Milestone, cast.milestone).done_on is not None


# --- who sees the tick buttons -------------------------------------------------------------------------------

@pytest.mark.parametrize(("who", "shown"), [(None, False), (MEMBER, False), (VOLUNTEER, False),
                                            (CONTRIBUTOR, True), (OWNER, True), (STAFF, True), (ADMIN, True)])
def test_the_team_staff_and_admins_see_tick_buttons(client, auth, cast, who, shown):
    if who:
        auth.login(who)
    item = soup(client.get(f"/solutions/{cast.solution}", headers=ENGLISH)).find(id=f"milestone-{cast.milestone}")
    form = item.find("form")
    assert (form is not None) is shown
    if shown:
        assert form["action"] == f"/solutions/{cast.solution}/milestones/{cast.milestone}/done"
        assert form.find("button").get_text(strip=True) == "Mark “Prototype” as done"


def test_a_title_in_another_language_is_marked_up_in_the_heading_and_plain_in_the_window_title(client, auth, cast):
    solution = fresh(Solution, cast.solution)
    solution.title, solution.language = "Termine <online>", "de"
    db.session.commit()
    auth.login(STAFF)
    page = soup(client.get(f"/solutions/{cast.solution}/milestones/new", headers=ENGLISH))
    quoted = page.h1.find("bdi")
    assert (quoted["lang"], quoted.get_text()) == ("de", "Termine <online>")
    assert page.title.get_text() == "Add a milestone to “Termine <online>” – WerkSTADT"


def test_only_the_team_is_asked_to_open_a_milestone_again(client, auth, cast):
    from solution_scene import MEMBER

    auth.login(CONTRIBUTOR)
    tick(client, cast, "1")
    auth.logout()
    path = f"/solutions/{cast.solution}/milestones/{cast.milestone}/reopen"
    assert client.get(path).status_code == 302  # a visitor logs in first
    auth.login(MEMBER)
    assert client.get(path).status_code == 403
    assert tick(client, cast, "0").status_code == 403
    assert fresh(Milestone, cast.milestone).done_on is not None
