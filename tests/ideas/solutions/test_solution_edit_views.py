"""Staff's solution pages: start one (from ideas, with a preview), edit it, change its status, link an idea."""
from __future__ import annotations

import pytest
from factories import make_idea, make_user
from helpers import field_error, flashes, soup, summary_links, words
from solution_scene import ADMIN, CONTRIBUTOR, ENGLISH, MEMBER, OWNER, STAFF, SUPPORTER, VOLUNTEER, count, fresh, \
    notices, user_id
from sqlalchemy import select

from app.extensions import db
from app.users.models import User
from ideas.models import Idea, IdeaStatusChange, Status
from ideas.solutions import services
from ideas.solutions.models import Solution, SolutionIdea, SolutionStatus


def proposal(**fields) -> dict:
    data = {"title": "Appointment reminders", "summary": "A reminder before each appointment.",
            "description": "Sends a **reminder** the day before.", "category": "", "language": "en",
            "progress": "", "ideas": "", "explanation": "", "action": "save"}
    data.update(fields)
    return data


def last_change(idea_id: int) -> IdeaStatusChange:
    db.session.rollback()
    return db.session.execute(select(IdeaStatusChange).where(IdeaStatusChange.idea_id == idea_id)
                              .order_by(IdeaStatusChange.id.desc())).scalars().first()


def links_of(solution_id: int) -> int:
    return count(SolutionIdea, SolutionIdea.solution_id == solution_id)


# --- who may -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/solutions/new", "/solutions/{id}/edit", "/solutions/{id}/status",
                                  "/solutions/{id}/ideas"])
def test_anonymous_visitors_are_sent_to_log_in_and_change_nothing(client, cast, path):
    path = path.format(id=cast.solution)
    assert client.get(path).location.startswith("/login?next=")
    data = {**proposal(title="Taken over"), "status": "live", "explanation": "Live.", "idea": str(cast.accepted)}
    response = client.post(path, data=data)
    assert response.status_code == 302 and response.location.startswith("/login?next=")
    assert count(Solution) == 2 and links_of(cast.solution) == 1
    solution = fresh(Solution, cast.solution)
    assert (solution.title, solution.state) == ("Online appointments", SolutionStatus.PLANNED)


@pytest.mark.parametrize(("who", "allowed"), [(MEMBER, False), (OWNER, False), (CONTRIBUTOR, False),
                                              (STAFF, True), (ADMIN, True)])
def test_only_staff_and_admins_start_a_solution(client, auth, cast, who, allowed):
    auth.login(who)
    assert client.get("/solutions/new").status_code == (200 if allowed else 403)
    assert client.post("/solutions/new", data=proposal()).status_code == (302 if allowed else 403)
    assert count(Solution, Solution.title == "Appointment reminders") == (1 if allowed else 0)


@pytest.mark.parametrize(("who", "allowed"), [(MEMBER, False), (VOLUNTEER, False), (CONTRIBUTOR, False),
                                              (OWNER, True), (STAFF, True), (ADMIN, True)])
def test_the_owner_staff_and_admins_edit(client, auth, cast, who, allowed):
    auth.login(who)
    assert client.get(f"/solutions/{cast.solution}/edit").status_code == (200 if allowed else 403)
    response = client.post(f"/solutions/{cast.solution}/edit", data=proposal(title="Renamed solution"))
    assert response.status_code == (302 if allowed else 403)
    assert fresh(Solution, cast.solution).title == ("Renamed solution" if allowed else "Online appointments")


@pytest.mark.parametrize(("who", "allowed"), [(MEMBER, False), (CONTRIBUTOR, False), (OWNER, False),
                                              (STAFF, True), (ADMIN, True)])
def test_only_staff_and_admins_change_the_status(client, auth, cast, who, allowed):
    auth.login(who)
    assert client.get(f"/solutions/{cast.solution}/status").status_code == (200 if allowed else 403)
    response = client.post(f"/solutions/{cast.solution}/status", data={"status": "piloting"})
    assert response.status_code == (302 if allowed else 403)
    assert fresh(Solution, cast.solution).state == (SolutionStatus.PILOTING if allowed else SolutionStatus.PLANNED)


@pytest.mark.parametrize(("who", "allowed"), [(MEMBER, False), (CONTRIBUTOR, False), (OWNER, False),
                                              (STAFF, True), (ADMIN, True)])
def test_only_staff_and_admins_link_ideas(client, auth, cast, who, allowed):
    auth.login(who)
    assert client.get(f"/solutions/{cast.solution}/ideas").status_code == (200 if allowed else 403)
    response = client.post(f"/solutions/{cast.solution}/ideas", data={"idea": cast.accepted, "explanation": "Yes."})
    assert response.status_code == (302 if allowed else 403)
    assert links_of(cast.solution) == (2 if allowed else 1)
    assert fresh(Idea, cast.accepted).state == (Status.IN_DEVELOPMENT if allowed else Status.ACCEPTED)


def test_nobody_links_ideas_to_a_discontinued_solution(client, auth, cast):
    services.change_status(db.session.get(User, user_id(STAFF)), fresh(Solution, cast.solution),
                           SolutionStatus.DISCONTINUED)
    auth.login(STAFF)
    assert client.get(f"/solutions/{cast.solution}/ideas").status_code == 403
    assert client.post(f"/solutions/{cast.solution}/ideas", data={"idea": cast.accepted, "explanation": "Yes."}
                       ).status_code == 403
    assert links_of(cast.solution) == 1


@pytest.mark.parametrize("path", ["/solutions/999/edit", "/solutions/999/status", "/solutions/999/ideas"])
def test_an_unknown_solution_answers_404(client, auth, cast, path):
    assert client.get(path).status_code == 404
    auth.login(STAFF)
    assert client.get(path).status_code == 404
    assert client.post(path, data={**proposal(), "status": "live", "idea": cast.accepted}).status_code == 404


# --- starting and editing ------------------------------------------------------------------------------------

def test_staff_start_a_solution_from_an_accepted_idea(client, auth, cast):
    auth.login(STAFF)
    form = soup(client.get(f"/solutions/new?idea={cast.accepted}"))
    assert form.h1.get_text(strip=True) == "Start a solution"
    assert form.find(id="ideas")["value"] == str(cast.accepted)
    assert form.find(id="language").find("option", selected=True)["value"] == "en"
    response = client.post("/solutions/new", data=proposal(
        category=cast.category, progress="10", ideas=f"#{cast.accepted}",
        explanation="Reminders belong to the **booking** service."))
    created = db.session.execute(select(Solution).where(Solution.title == "Appointment reminders")).scalar_one()
    assert response.status_code == 302 and response.location == f"/solutions/{created.id}"
    assert created.owner.username == STAFF and created.category.slug == cast.category
    assert created.progress_manual == 10 and "<strong>reminder</strong>" in created.description_html
    assert fresh(Idea, cast.accepted).state == Status.IN_DEVELOPMENT
    change = last_change(cast.accepted)
    assert change.to_status == Status.IN_DEVELOPMENT and change.from_status == Status.ACCEPTED
    assert change.explanation_md == "Reminders belong to the **booking** service."  # no route in the stored text
    assert change.reference_subject_id == created.subject_id
    page = client.get(response.location)
    assert "Done: The solution has been created. Add its milestones next." in flashes(page)
    assert [a.get_text(strip=True) for a in soup(page).select("ul.solution-ideas a")] == ["Reminders by text message"]
    history = soup(client.get(f"/ideas/{cast.accepted}")).find(id="history")
    assert "Reminders belong to the booking service." in words(history.get_text(" "))
    assert [a.get_text() for a in history.find_all("a", href=f"/solutions/{created.id}")] == ["Appointment reminders"]


def test_a_bad_proposal_comes_back_with_every_error_and_everything_typed(client, auth, cast):
    auth.login(STAFF)
    response = client.post("/solutions/new", data=proposal(
        title="Hi", summary="", description="Still **here**", category=cast.category, progress="150",
        ideas="12, twelve", explanation="Because."))
    assert response.status_code == 200
    assert field_error(response, "title") == "Error: Please use between 5 and 150 characters."
    assert field_error(response, "summary") == "Error: Please fill in this field."
    assert field_error(response, "description") is None
    assert field_error(response, "progress") == "Error: Please enter a whole number from 0 to 100, e.g. 40."
    assert field_error(response, "ideas") == "Error: Please enter idea numbers separated by commas, e.g. 12, 15."
    assert summary_links(response) == ["title", "summary", "progress", "ideas"]
    page = soup(response)
    assert page.find(id="title")["value"] == "Hi" and page.find(id="progress")["value"] == "150"
    assert page.find(id="description").get_text().strip() == "Still **here**"
    assert page.find(id="ideas")["value"] == "12, twelve"
    assert page.find(id="explanation").get_text().strip() == "Because."
    assert page.find(id="category").find("option", selected=True)["value"] == cast.category
    assert count(Solution) == 2


def test_naming_ideas_needs_a_public_explanation(client, auth, cast):
    auth.login(STAFF)
    response = client.post("/solutions/new", data=proposal(ideas=str(cast.accepted), explanation="  "))
    assert field_error(response, "explanation") == \
        "Error: Please explain publicly why these ideas lead to this solution."
    assert summary_links(response) == ["explanation"]
    assert soup(response).find(id="ideas")["value"] == str(cast.accepted)
    assert count(Solution) == 2 and fresh(Idea, cast.accepted).state == Status.ACCEPTED


def test_unknown_and_draft_idea_numbers_are_named_and_nothing_is_created(client, auth, cast):
    draft = make_idea(make_user(locale="en"), title="Not published yet", publish=False).id
    auth.login(STAFF)
    response = client.post("/solutions/new", data=proposal(ideas=f"{cast.accepted}, 99999, {draft}",
                                                           explanation="From these."))
    assert response.status_code == 200
    assert field_error(response, "ideas") == f"Error: There are no published ideas with the numbers 99999, {draft}."
    assert summary_links(response) == ["ideas"]
    page = soup(response)
    assert page.find(id="ideas")["value"] == f"{cast.accepted}, 99999, {draft}"
    assert page.find(id="title")["value"] == "Appointment reminders"
    assert page.find(id="explanation").get_text().strip() == "From these."
    assert count(Solution) == 2 and fresh(Idea, cast.accepted).state == Status.ACCEPTED


def test_a_number_too_big_for_any_id_is_no_idea_either(client, auth, cast):
    auth.login(STAFF)
    response = client.post("/solutions/new", data=proposal(ideas="99999999999999999999", explanation="Big."))
    assert response.status_code == 200
    assert field_error(response, "ideas") == "Error: There is no published idea with the number 99999999999999999999."
    assert count(Solution) == 2


def test_preview_renders_the_markdown_and_saves_nothing(client, auth, cast):
    auth.login(STAFF)
    response = client.post("/solutions/new", data=proposal(
        description="Make it **fast** <script>alert(1)</script>", ideas=str(cast.accepted), action="preview"))
    assert response.status_code == 200
    preview = soup(response).find("section", class_="preview")
    assert preview.find("strong").get_text() == "fast" and preview.find("script") is None
    assert soup(response).find(id="description").get_text().strip() == "Make it **fast** <script>alert(1)</script>"
    assert soup(response).find(id="title")["value"] == "Appointment reminders"
    assert soup(response).find(class_="error-summary") is None
    assert count(Solution) == 2 and fresh(Idea, cast.accepted).state == Status.ACCEPTED


def test_the_owner_edits_and_what_is_not_changed_stays(client, auth, cast):
    auth.login(OWNER)
    form = soup(client.get(f"/solutions/{cast.solution}/edit"))
    assert form.h1.get_text(strip=True) == "Edit the solution" and form.find(id="ideas") is None
    assert form.find(id="title")["value"] == "Online appointments"
    assert form.find(id="description").get_text().strip() == "A **booking** service."
    assert form.find(id="category").find("option", selected=True)["value"] == ""
    data = proposal(title="Online appointments for all", summary="Book the citizens' office online.",
                    description="A **booking** service.", category=cast.category, progress="40")
    response = client.post(f"/solutions/{cast.solution}/edit", data=data)
    assert response.status_code == 302 and response.location == f"/solutions/{cast.solution}"
    solution = fresh(Solution, cast.solution)
    assert solution.title == "Online appointments for all" and solution.summary == "Book the citizens' office online."
    assert solution.description_md == "A **booking** service." and solution.category.slug == cast.category
    assert solution.progress == 40 and solution.owner.username == OWNER
    assert "Done: Your changes have been saved." in flashes(client.get(response.location))
    client.post(f"/solutions/{cast.solution}/edit", data={**data, "progress": ""})
    assert fresh(Solution, cast.solution).progress_manual is None  # computed from the milestones again


def test_editing_with_errors_keeps_the_input_and_changes_nothing(client, auth, cast):
    auth.login(OWNER)
    response = client.post(f"/solutions/{cast.solution}/edit", data=proposal(
        title="", summary="x" * 301, description="Kept *text*", progress="-1"))
    assert field_error(response, "title") == "Error: Please fill in this field."
    assert field_error(response, "summary") == "Error: Please use at most 300 characters."
    assert field_error(response, "progress") == "Error: Please enter a whole number from 0 to 100, e.g. 40."
    assert summary_links(response) == ["title", "summary", "progress"]
    assert soup(response).find(id="summary")["value"] == "x" * 301
    assert soup(response).find(id="description").get_text().strip() == "Kept *text*"
    assert fresh(Solution, cast.solution).title == "Online appointments"


def test_an_edit_preview_changes_nothing(client, auth, cast):
    auth.login(STAFF)
    response = client.post(f"/solutions/{cast.solution}/edit", data=proposal(
        title="Not yet", description="New *plan*", action="preview"))
    assert soup(response).find("section", class_="preview").find("em").get_text() == "plan"
    assert soup(response).find(id="title")["value"] == "Not yet"
    assert fresh(Solution, cast.solution).description_md == "A **booking** service."


# --- status --------------------------------------------------------------------------------------------------

def test_going_live_implements_the_ideas_and_asks_their_supporters(client, auth, cast):
    auth.login(STAFF)
    form = soup(client.get(f"/solutions/{cast.solution}/status"))
    assert [o["value"] for o in form.find(id="status").find_all("option")] == [
        "in_development", "piloting", "live", "discontinued"]
    response = client.post(f"/solutions/{cast.solution}/status",
                           data={"status": "live", "explanation": "Book at **the new site**."})
    assert response.status_code == 302 and response.location == f"/solutions/{cast.solution}"
    solution = fresh(Solution, cast.solution)
    assert solution.state == SolutionStatus.LIVE and solution.went_live_at is not None
    assert fresh(Idea, cast.idea).state == Status.IMPLEMENTED
    assert last_change(cast.idea).explanation_md.startswith("Book at **the new site**.")
    assert fresh(Idea, cast.accepted).state == Status.ACCEPTED  # not linked, not moved
    assert notices(SUPPORTER, "closure_question") == 1 and notices(MEMBER, "closure_question") == 0
    assert "Done: The status has been changed to “Live”." in flashes(client.get(response.location))
    auth.logout()
    auth.login(SUPPORTER)
    page = soup(client.get(f"/solutions/{cast.solution}"))
    assert page.find("a", href=f"/solutions/{cast.solution}/rating").get_text(strip=True) == \
        "Answer: does it meet the need?"


def test_going_live_needs_an_explanation_and_keeps_the_choice(client, auth, cast):
    auth.login(STAFF)
    response = client.post(f"/solutions/{cast.solution}/status", data={"status": "live", "explanation": " "})
    assert response.status_code == 200
    assert field_error(response, "explanation") == \
        "Error: Please explain publicly what is live now: the ideas' supporters read it."
    assert summary_links(response) == ["explanation"]
    assert soup(response).find(id="status").find("option", selected=True)["value"] == "live"
    assert fresh(Solution, cast.solution).state == SolutionStatus.PLANNED
    assert fresh(Idea, cast.idea).state == Status.IN_DEVELOPMENT
    assert notices(SUPPORTER, "closure_question") == 0


# --- linking ideas -------------------------------------------------------------------------------------------

def test_staff_link_an_accepted_idea_which_moves_into_development(client, auth, cast):
    auth.login(STAFF)
    response = client.post(f"/solutions/{cast.solution}/ideas",
                           data={"idea": str(cast.accepted), "explanation": "Reminders are *part* of it."})
    assert response.status_code == 302 and response.location == f"/solutions/{cast.solution}#ideas-title"
    assert links_of(cast.solution) == 2 and fresh(Idea, cast.accepted).state == Status.IN_DEVELOPMENT
    assert last_change(cast.accepted).explanation_md.startswith("Reminders are *part* of it.")
    page = client.get(response.location)
    assert "Done: “Reminders by text message” is now linked to this solution." in flashes(page)
    assert [a.get_text(strip=True) for a in soup(page).select("ul.solution-ideas a")] == [
        "Book appointments online", "Reminders by text message"]


@pytest.mark.parametrize(("number", "message"), [
    ("{linked}", "This idea is linked to the solution already."),
    ("99999", "There is no published idea with the number 99999."),
    ("", "Please enter the number of an idea, e.g. 12 for /ideas/12."),
    ("0", "There is no published idea with the number 0."),
    ("twelve", "Please enter the number of an idea, e.g. 12 for /ideas/12."),
    ("99999999999999999999", "There is no published idea with the number 99999999999999999999."),  # no 500
])
def test_a_refused_link_says_why_next_to_the_number_and_keeps_the_input(client, auth, cast, number, message):
    number = number.format(linked=cast.idea)
    auth.login(STAFF)
    response = client.post(f"/solutions/{cast.solution}/ideas", data={"idea": number, "explanation": "Kept."})
    assert response.status_code == 200
    assert field_error(response, "idea") == f"Error: {message}"
    assert summary_links(response) == ["idea"]
    assert soup(response).find(id="idea").get("value", "") == number
    assert soup(response).find(id="explanation").get_text().strip() == "Kept."
    assert links_of(cast.solution) == 1


def test_a_link_needs_an_explanation(client, auth, cast):
    auth.login(STAFF)
    response = client.post(f"/solutions/{cast.solution}/ideas", data={"idea": str(cast.accepted), "explanation": ""})
    assert field_error(response, "explanation") == "Error: Please fill in this field."
    assert soup(response).find(id="idea")["value"] == str(cast.accepted)
    assert links_of(cast.solution) == 1 and fresh(Idea, cast.accepted).state == Status.ACCEPTED


# --- CSRF ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("app_overrides", [{"WTF_CSRF_ENABLED": True}])
@pytest.mark.parametrize("path", ["/solutions/new", "/solutions/{id}/edit", "/solutions/{id}/status",
                                  "/solutions/{id}/ideas"])
def test_a_post_without_the_token_changes_nothing(client, cast, path):
    token = soup(client.get("/login")).find("input", attrs={"name": "csrf_token"})["value"]
    client.post("/login", data={"login": STAFF, "password": "correct horse battery", "csrf_token": token})
    path = path.format(id=cast.solution)
    data = {**proposal(title="Forged title"), "status": "live", "explanation": "Forged.", "idea": str(cast.accepted)}
    assert client.post(path, data=data).status_code == 400
    assert count(Solution) == 2 and links_of(cast.solution) == 1
    solution = fresh(Solution, cast.solution)
    assert (solution.title, solution.state) == ("Online appointments", SolutionStatus.PLANNED)
    token = soup(client.get(path)).find("input", attrs={"name": "csrf_token"})["value"]
    assert client.post(path, data={**data, "csrf_token": token}).status_code == 302  # the same form, signed


# --- who sees which tools ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("who", "tools"), [
    (None, []), (MEMBER, []), (VOLUNTEER, []), (SUPPORTER, []), (CONTRIBUTOR, ["updates/new"]),
    (OWNER, ["edit", "milestones/new", "updates/new"]),
    (STAFF, ["edit", "status", "ideas", "milestones/new", "updates/new"]),
    (ADMIN, ["edit", "status", "ideas", "milestones/new", "updates/new"]),
])
def test_each_reader_sees_the_tools_they_may_use(client, auth, cast, who, tools):
    if who:
        auth.login(who)
    nav = soup(client.get(f"/solutions/{cast.solution}", headers=ENGLISH)).find("nav", class_="idea-tools")
    shown = [a["href"].removeprefix(f"/solutions/{cast.solution}/") for a in nav.find_all("a")] if nav else []
    assert shown == tools


@pytest.mark.parametrize(("who", "idea", "shown"), [
    (STAFF, "accepted", True), (ADMIN, "accepted", True), (STAFF, "idea", True), (STAFF, "new", False),
    (MEMBER, "accepted", False), (OWNER, "idea", False), (None, "accepted", False),
])
def test_staff_may_start_a_solution_from_an_accepted_idea_page(client, auth, cast, who, idea, shown):
    idea_id = make_idea(make_user(locale="en"), title="Fresh idea").id if idea == "new" else getattr(cast, idea)
    if who:
        auth.login(who)
    link = soup(client.get(f"/ideas/{idea_id}", headers=ENGLISH)).find("a", href=f"/solutions/new?idea={idea_id}")
    assert (link is not None) is shown
    if shown:
        assert link.get_text(strip=True) == "Start a solution from this idea"


@pytest.mark.parametrize(("who", "shown"), [(None, False), (MEMBER, False), (OWNER, False), (STAFF, True),
                                            (ADMIN, True)])
def test_only_staff_see_start_a_solution_on_the_list(client, auth, cast, who, shown):
    if who:
        auth.login(who)
    link = soup(client.get("/solutions", headers=ENGLISH)).find("a", href="/solutions/new")
    assert (link is not None) is shown
    if shown:
        assert link.get_text(strip=True) == "Start a solution"
