"""The closure question: once a solution is live, the supporters of its ideas say whether it meets the need."""
from __future__ import annotations

import pytest
from helpers import field_error, flashes, page_text, soup, summary_links
from solution_scene import ADMIN, CONTRIBUTOR, ENGLISH, MEMBER, OWNER, SECOND_SUPPORTER, STAFF, SUPPORTER, \
    checked, count, fresh, group_error, user_id

from app.extensions import db
from app.users.models import User
from ideas.solutions import services
from ideas.solutions.models import Rating, Solution, SolutionStatus


@pytest.fixture
def live(cast):
    """The scene's solution, live now."""
    services.change_status(db.session.get(User, user_id(STAFF)), fresh(Solution, cast.solution),
                           SolutionStatus.LIVE, "Online.")
    return cast


def rate(client, cast, score: str | None, comment: str = ""):
    data = {"comment": comment} if score is None else {"score": score, "comment": comment}
    return client.post(f"/solutions/{cast.solution}/rating", data=data)


def button(response, cast) -> str:
    """The label of the rating form's button."""
    form = soup(response).find("form", action=f"/solutions/{cast.solution}/rating")
    return form.find("button", type="submit").get_text(strip=True)


def counters(cast) -> tuple[int, int]:
    solution = fresh(Solution, cast.solution)
    return solution.rating_count, solution.rating_sum


# --- who may -------------------------------------------------------------------------------------------------

def test_anonymous_visitors_are_sent_to_log_in_and_change_nothing(client, live):
    assert client.get(f"/solutions/{live.solution}/rating").location.startswith("/login?next=")
    response = rate(client, live, "5")
    assert response.status_code == 302 and response.location.startswith("/login?next=")
    assert count(Rating) == 0 and counters(live) == (0, 0)


@pytest.mark.parametrize(("who", "allowed"), [(MEMBER, False), (OWNER, False), (CONTRIBUTOR, False),
                                              (STAFF, False), (ADMIN, False), (SUPPORTER, True)])
def test_only_supporters_of_a_linked_idea_answer(client, auth, live, who, allowed):
    auth.login(who)
    assert client.get(f"/solutions/{live.solution}/rating").status_code == (200 if allowed else 403)
    assert rate(client, live, "4").status_code == (302 if allowed else 403)
    assert count(Rating) == (1 if allowed else 0)
    assert counters(live) == ((1, 4) if allowed else (0, 0))


@pytest.mark.parametrize("state", [SolutionStatus.PLANNED, SolutionStatus.PILOTING, SolutionStatus.DISCONTINUED])
def test_supporters_answer_only_while_the_solution_is_live(client, auth, cast, state):
    if state != SolutionStatus.PLANNED:
        services.change_status(db.session.get(User, user_id(STAFF)), fresh(Solution, cast.solution), state)
    auth.login(SUPPORTER)
    assert client.get(f"/solutions/{cast.solution}/rating").status_code == 403
    assert rate(client, cast, "5").status_code == 403
    assert count(Rating) == 0 and counters(cast) == (0, 0)


def test_an_unknown_solution_answers_404(client, auth, live):
    auth.login(SUPPORTER)
    assert client.get("/solutions/999/rating").status_code == 404
    assert client.post("/solutions/999/rating", data={"score": "5"}).status_code == 404
    assert count(Rating) == 0


# --- answering -----------------------------------------------------------------------------------------------

def test_a_supporter_answers_then_changes_the_answer_keeping_one_row(client, auth, live):
    auth.login(SUPPORTER)
    form = client.get(f"/solutions/{live.solution}/rating")
    assert soup(form).h1.get_text(strip=True) == "Does “Online appointments” meet the need?"
    assert checked(form, "score") == [] and button(form, live) == "Send my answer"
    response = rate(client, live, "4", "Works **well** <script>alert(1)</script>")
    assert response.status_code == 302 and response.location == f"/solutions/{live.solution}#ratings-title"
    answer = db.session.execute(db.select(Rating)).scalar_one()
    assert (answer.user_id, answer.score) == (user_id(SUPPORTER), 4)
    assert counters(live) == (1, 4)
    page = client.get(response.location)
    assert "Done: Thank you for your answer." in flashes(page)
    assert "Your answer: 4 of 5." in page_text(page)
    assert soup(page).find("a", href=f"/solutions/{live.solution}/rating").get_text(strip=True) == \
        "Change your answer"
    said = soup(page).select_one("ul.rating-comments")
    assert said.find("strong").get_text() == "well" and said.find("script") is None
    assert "Sue" not in said.get_text()  # comments are shown without names

    again = client.get(f"/solutions/{live.solution}/rating")
    assert checked(again, "score") == ["4"]
    assert soup(again).find(id="comment").get_text().strip() == "Works **well** <script>alert(1)</script>"
    assert button(again, live) == "Change my answer"
    response = rate(client, live, "2", "")
    assert response.status_code == 302
    assert count(Rating) == 1 and counters(live) == (1, 2)
    changed = fresh(Rating, answer.id)
    assert (changed.score, changed.comment_md) == (2, "")
    page = client.get(response.location)
    assert "Done: Thank you: your answer has been changed." in flashes(page)
    assert "Your answer: 2 of 5." in page_text(page)


def test_two_supporters_make_two_answers_and_the_average(client, auth, live, app):
    auth.login(SUPPORTER)
    rate(client, live, "5")
    other = app.test_client()
    other.post("/login", data={"login": SECOND_SUPPORTER, "password": "correct horse battery"})
    rate(other, live, "2")
    rate(other, live, "3")  # changed: still one row each
    assert count(Rating) == 2 and counters(live) == (2, 8)
    page = client.get(f"/solutions/{live.solution}", headers=ENGLISH)
    assert "2 supporters of its ideas answered. Average: 4.0 of 5." in page_text(page)
    rows = {tr.th.get_text(strip=True): tr.td.get_text(strip=True) for tr in soup(page).select("table tbody tr")}
    assert rows == {"5 of 5": "1", "4 of 5": "0", "3 of 5": "1", "2 of 5": "0", "1 of 5": "0"}


@pytest.mark.parametrize("score", [None, "9", "five"])
def test_an_answer_without_a_valid_score_comes_back_with_the_comment(client, auth, live, score):
    auth.login(SUPPORTER)
    response = rate(client, live, score, "Kept **text**")
    assert response.status_code == 200
    assert group_error(response, "score") == "Error: Please choose a rating from 1 to 5."
    assert summary_links(response) == ["score-0"]  # the first option of the group
    assert soup(response).find(id="comment").get_text().strip() == "Kept **text**"
    assert count(Rating) == 0 and counters(live) == (0, 0)


def test_a_long_comment_is_refused_and_the_chosen_score_kept(client, auth, live):
    auth.login(SUPPORTER)
    response = rate(client, live, "3", "c" * 5001)
    assert field_error(response, "comment") == "Error: Please use at most 5000 characters."
    assert group_error(response, "score") is None and checked(response, "score") == ["3"]
    assert summary_links(response) == ["comment"]
    assert soup(response).find(id="comment").get_text().strip() == "c" * 5001
    assert count(Rating) == 0


# --- CSRF ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("app_overrides", [{"WTF_CSRF_ENABLED": True}])
def test_an_answer_without_the_token_changes_nothing(client, live):
    token = soup(client.get("/login")).find("input", attrs={"name": "csrf_token"})["value"]
    client.post("/login", data={"login": SUPPORTER, "password": "correct horse battery", "csrf_token": token})
    assert rate(client, live, "5").status_code == 400
    assert count(Rating) == 0 and counters(live) == (0, 0)
    token = soup(client.get(f"/solutions/{live.solution}/rating")).find("input", attrs={"name": "csrf_token"})
    response = client.post(f"/solutions/{live.solution}/rating", data={"score": "5", "csrf_token": token["value"]})
    assert response.status_code == 302 and counters(live) == (1, 5)


# --- who is asked on the page --------------------------------------------------------------------------------

@pytest.mark.parametrize(("who", "shown"), [(None, False), (MEMBER, False), (OWNER, False), (STAFF, False),
                                            (ADMIN, False), (SUPPORTER, True), (SECOND_SUPPORTER, True)])
def test_supporters_see_the_question_once_live(client, auth, live, who, shown):
    if who:
        auth.login(who)
    page = soup(client.get(f"/solutions/{live.solution}", headers=ENGLISH))
    assert page.find(id="ratings-title").get_text(strip=True) == "Does it meet the need?"
    link = page.find("a", href=f"/solutions/{live.solution}/rating")
    assert (link is not None) is shown
    if shown:
        assert link.get_text(strip=True) == "Answer: does it meet the need?"


def test_before_it_is_live_nobody_is_asked(client, auth, cast):
    auth.login(SUPPORTER)
    page = soup(client.get(f"/solutions/{cast.solution}"))
    assert page.find(id="ratings-title") is None
    assert page.find("a", href=f"/solutions/{cast.solution}/rating") is None
