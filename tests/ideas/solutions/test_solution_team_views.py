"""Co-development pages: citizens offer their help with a solution; its owner accepts or declines the offer."""
from __future__ import annotations

import pytest
from helpers import field_error, flashes, page_text, soup, summary_links
from solution_scene import ADMIN, CONTRIBUTOR, ENGLISH, MEMBER, OWNER, STAFF, SUPPORTER, VOLUNTEER, checked, \
    count, fresh, group_error, notices, user_id

from app.extensions import db
from app.users.models import User
from ideas.solutions import services
from ideas.solutions.models import Contribution, Solution, SolutionStatus


def offer(**fields) -> dict:
    data = {"role": "design", "note": "I draw interfaces.", "public": "y"}
    data.update(fields)
    return data


def offers_by(username: str) -> int:
    return count(Contribution, Contribution.user_id == user_id(username))


def decide(client, cast, decision: str, contribution_id: int | None = None, solution_id: int | None = None):
    return client.post(f"/solutions/{solution_id or cast.solution}/offers/{contribution_id or cast.offer}",
                       data={"decision": decision})


def go_live(cast) -> None:
    services.change_status(db.session.get(User, user_id(STAFF)), fresh(Solution, cast.solution),
                           SolutionStatus.LIVE, "Online.")


# --- who may -------------------------------------------------------------------------------------------------

def test_anonymous_visitors_are_sent_to_log_in_and_change_nothing(client, cast):
    assert client.get(f"/solutions/{cast.solution}/volunteer").location.startswith("/login?next=")
    responses = [client.post(f"/solutions/{cast.solution}/volunteer", data=offer()), decide(client, cast, "accept")]
    assert all(r.status_code == 302 and r.location.startswith("/login?next=") for r in responses)
    assert count(Contribution) == 3 and fresh(Contribution, cast.offer).state == "pending"


@pytest.mark.parametrize(("who", "allowed"), [(OWNER, False), (VOLUNTEER, False), (CONTRIBUTOR, False),
                                              (MEMBER, True), (SUPPORTER, True), (STAFF, True), (ADMIN, True)])
def test_signed_in_people_off_the_team_offer_help_once(client, auth, cast, who, allowed):
    before = offers_by(who)
    auth.login(who)
    assert client.get(f"/solutions/{cast.solution}/volunteer").status_code == (200 if allowed else 403)
    response = client.post(f"/solutions/{cast.solution}/volunteer", data=offer())
    assert response.status_code == (302 if allowed else 403)
    assert offers_by(who) == before + (1 if allowed else 0)
    if who == VOLUNTEER:  # the pending offer stays as it was
        assert (fresh(Contribution, cast.offer).role, fresh(Contribution, cast.offer).note) == (
            "testing", "I test with NVDA.")


def test_nobody_offers_help_once_the_solution_is_live(client, auth, cast):
    go_live(cast)
    auth.login(MEMBER)
    assert client.get(f"/solutions/{cast.solution}/volunteer").status_code == 403
    assert client.post(f"/solutions/{cast.solution}/volunteer", data=offer()).status_code == 403
    assert offers_by(MEMBER) == 0


@pytest.mark.parametrize(("who", "allowed"), [(MEMBER, False), (VOLUNTEER, False), (CONTRIBUTOR, False),
                                              (STAFF, False), (OWNER, True), (ADMIN, True)])
def test_the_owner_and_admins_decide_on_offers(client, auth, cast, who, allowed):
    auth.login(who)
    assert decide(client, cast, "accept").status_code == (302 if allowed else 403)
    answered = fresh(Contribution, cast.offer)
    assert answered.state == ("accepted" if allowed else "pending")
    assert answered.decided_by_id == (user_id(who) if allowed else None)
    assert notices(VOLUNTEER, "volunteer_decision") == (1 if allowed else 0)


def test_unknown_solutions_and_offers_made_to_another_solution_answer_404(client, auth, cast):
    auth.login(OWNER)
    assert client.get("/solutions/999/volunteer").status_code == 404
    assert client.post("/solutions/999/volunteer", data=offer()).status_code == 404
    assert decide(client, cast, "accept", solution_id=999).status_code == 404
    assert decide(client, cast, "accept", contribution_id=999).status_code == 404
    assert decide(client, cast, "accept", contribution_id=cast.other_offer).status_code == 404
    assert fresh(Contribution, cast.other_offer).state == "pending" and offers_by(OWNER) == 0


# --- offering help -------------------------------------------------------------------------------------------

def test_a_member_offers_help_the_owner_is_told_and_a_second_offer_is_refused(client, auth, cast):
    told = notices(OWNER, "volunteer_offer")  # of the scene's two offers
    auth.login(MEMBER)
    form = client.get(f"/solutions/{cast.solution}/volunteer")
    assert soup(form).h1.get_text(strip=True) == "Offer your help with “Online appointments”"
    assert [o["value"] for o in soup(form).find(id="role").find_all("input", type="radio")] == [
        "testing", "design", "development", "domain", "other"]
    response = client.post(f"/solutions/{cast.solution}/volunteer", data=offer())
    assert response.status_code == 302 and response.location == f"/solutions/{cast.solution}#team-title"
    db.session.rollback()
    made = db.session.execute(db.select(Contribution).where(Contribution.user_id == user_id(MEMBER))).scalar_one()
    assert (made.role, made.note, made.public, made.state) == ("design", "I draw interfaces.", True, "pending")
    assert notices(OWNER, "volunteer_offer") == told + 1
    page = client.get(response.location)
    assert "Done: Thank you for offering your help. The team will answer you soon." in flashes(page)
    assert "You offered your help (Design). The team has not answered yet." in page_text(page)
    assert soup(page).find("a", href=f"/solutions/{cast.solution}/volunteer") is None
    assert client.get(f"/solutions/{cast.solution}/volunteer").status_code == 403
    assert client.post(f"/solutions/{cast.solution}/volunteer", data=offer(role="other")).status_code == 403
    assert offers_by(MEMBER) == 1 and fresh(Contribution, made.id).role == "design"


@pytest.mark.parametrize("role", [None, "boss"])
def test_an_offer_without_a_known_role_comes_back_with_the_note_and_the_consent(client, auth, cast, role):
    auth.login(MEMBER)
    data = offer(note="Evenings only.")
    if role is None:
        del data["role"]
    else:
        data["role"] = role
    response = client.post(f"/solutions/{cast.solution}/volunteer", data=data)
    assert response.status_code == 200
    assert group_error(response, "role") == "Error: Please choose how you would like to help."
    assert summary_links(response) == ["role-0"]  # the first option of the group
    assert soup(response).find(id="note").get_text().strip() == "Evenings only."
    assert soup(response).find(id="public").has_attr("checked")
    assert offers_by(MEMBER) == 0


def test_a_long_note_is_refused_and_the_chosen_role_kept(client, auth, cast):
    auth.login(MEMBER)
    response = client.post(f"/solutions/{cast.solution}/volunteer", data=offer(role="domain", note="n" * 501))
    assert field_error(response, "note") == "Error: Please use at most 500 characters."
    assert group_error(response, "role") is None and checked(response, "role") == ["domain"]
    assert soup(response).find(id="note").get_text().strip() == "n" * 501
    assert offers_by(MEMBER) == 0


# --- answering offers ----------------------------------------------------------------------------------------

def test_the_owner_accepts_an_offer_and_the_volunteer_is_told(client, auth, cast):
    auth.login(OWNER)
    response = decide(client, cast, "accept")
    assert response.location == f"/solutions/{cast.solution}#team-title"
    answered = fresh(Contribution, cast.offer)
    assert (answered.state, answered.decided_by_id) == ("accepted", user_id(OWNER))
    assert answered.decided_at is not None
    assert notices(VOLUNTEER, "volunteer_decision") == 1
    page = client.get(response.location)
    assert "Done: Vera Volunteer is now on the team." in flashes(page)
    assert soup(page).find(id="offers-title") is None  # nothing waits any more


def test_the_owner_declines_an_offer(client, auth, cast):
    auth.login(OWNER)
    response = decide(client, cast, "decline")
    assert fresh(Contribution, cast.offer).state == "declined"
    assert "Done: You declined the offer of Vera Volunteer." in flashes(client.get(response.location))
    auth.logout()
    auth.login(VOLUNTEER)
    assert "Your offer to help was declined this time." in page_text(client.get(f"/solutions/{cast.solution}"))


def test_an_offer_answered_already_stays_as_it_was(client, auth, cast):
    auth.login(OWNER)
    decide(client, cast, "accept")
    client.get(f"/solutions/{cast.solution}")  # the first answer's message is read
    first = fresh(Contribution, cast.offer)
    decided_at = first.decided_at
    response = decide(client, cast, "decline")
    assert response.status_code == 302
    assert "This offer has been answered already." in flashes(client.get(response.location))
    again = fresh(Contribution, cast.offer)
    assert (again.state, again.decided_at) == ("accepted", decided_at)
    assert notices(VOLUNTEER, "volunteer_decision") == 1


@pytest.mark.parametrize("decision", ["", "maybe", "Accept"])
def test_a_decision_other_than_accept_or_decline_is_a_bad_request(client, auth, cast, decision):
    auth.login(OWNER)
    assert decide(client, cast, decision).status_code == 400
    assert fresh(Contribution, cast.offer).state == "pending"
    assert notices(VOLUNTEER, "volunteer_decision") == 0


# --- CSRF ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("app_overrides", [{"WTF_CSRF_ENABLED": True}])
def test_posts_without_the_token_change_nothing(app, client, cast):
    token = soup(client.get("/login")).find("input", attrs={"name": "csrf_token"})["value"]
    client.post("/login", data={"login": OWNER, "password": "correct horse battery", "csrf_token": token})
    assert decide(client, cast, "accept").status_code == 400
    assert fresh(Contribution, cast.offer).state == "pending"
    member = app.test_client()
    token = soup(member.get("/login")).find("input", attrs={"name": "csrf_token"})["value"]
    member.post("/login", data={"login": MEMBER, "password": "correct horse battery", "csrf_token": token})
    assert member.post(f"/solutions/{cast.solution}/volunteer", data=offer()).status_code == 400
    assert offers_by(MEMBER) == 0
    token = soup(member.get(f"/solutions/{cast.solution}/volunteer")).find("input", attrs={"name": "csrf_token"})
    assert member.post(f"/solutions/{cast.solution}/volunteer", data={**offer(), "csrf_token": token["value"]}
                       ).status_code == 302
    assert offers_by(MEMBER) == 1


# --- who sees what in the team section -----------------------------------------------------------------------

@pytest.mark.parametrize(("who", "offer_link", "note"), [
    (MEMBER, True, None), (STAFF, True, None), (OWNER, False, None),
    (VOLUNTEER, False, "You offered your help (Testing). The team has not answered yet."),
    (CONTRIBUTOR, False, "You are on the team (Development): you can post updates and tick off milestones."),
])
def test_each_reader_sees_their_part_in_the_team(client, auth, cast, who, offer_link, note):
    auth.login(who)
    page = client.get(f"/solutions/{cast.solution}")
    link = soup(page).find("a", href=f"/solutions/{cast.solution}/volunteer")
    assert (link is not None) is offer_link
    if offer_link:
        assert link.get_text(strip=True) == "Offer your help"
    if note:
        assert note in page_text(page)
    assert "Log in to offer your help" not in page_text(page)


def test_anonymous_readers_are_invited_to_log_in_while_the_work_is_open(client, cast):
    page = soup(client.get(f"/solutions/{cast.solution}", headers=ENGLISH))
    link = page.find("a", string="Log in to offer your help")
    assert link["href"] == f"/login?next=/solutions/{cast.solution}/volunteer"
    assert page.find("a", href=f"/solutions/{cast.solution}/volunteer") is None
    go_live(cast)
    assert "Log in to offer your help" not in page_text(client.get(f"/solutions/{cast.solution}", headers=ENGLISH))


@pytest.mark.parametrize(("who", "shown"), [(OWNER, True), (ADMIN, True), (STAFF, False), (VOLUNTEER, False),
                                            (CONTRIBUTOR, False), (MEMBER, False)])
def test_the_owner_and_admins_see_the_offers_waiting(client, auth, cast, who, shown):
    auth.login(who)
    page = soup(client.get(f"/solutions/{cast.solution}"))
    assert (page.find(id="offers-title") is not None) is shown
    form = page.find("form", action=f"/solutions/{cast.solution}/offers/{cast.offer}")
    assert (form is not None) is shown
    if shown:
        assert page.find(id="offers-title").get_text(strip=True) == "Offers waiting for your answer"
        buttons = [(b["value"], b.get_text(strip=True)) for b in form.find_all("button")]
        assert buttons == [("accept", "Accept the offer of Vera Volunteer"),
                           ("decline", "Decline the offer of Vera Volunteer")]
        offers = page.select_one("ul.solution-offers").get_text(" ", strip=True)
        assert "I test with NVDA." in offers and "Carl" not in offers  # accepted offers do not wait
        assert page.find("form", action=f"/solutions/{cast.other}/offers/{cast.other_offer}") is None
