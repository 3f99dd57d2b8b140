"""Demo solutions for `flask demo load`: one live with ratings, one in development with milestones and a team."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.extensions import db
from app.users.services import find_by_username
from ideas.models import Idea
from ideas.solutions import services
from ideas.solutions.models import Role, Solution, SolutionStatus
from ideas.solutions.services import SolutionInput

BOOKING = SolutionInput(
    title="Online-Terminbuchung im Bürgerbüro",
    summary="Alle Termine des Bürgerbüros online sehen und buchen, mit Bestätigung und Warteliste.",
    description_md="Die Terminbuchung entsteht aus der Idee der Bürgerinnen und Bürger.\n\n"
                   "- freie Termine tagesaktuell\n- Bestätigung per E-Mail mit Kalendereintrag\n"
                   "- telefonische Buchung bleibt möglich", language="de")
WEBSITE = SolutionInput(
    title="An accessible city website",
    summary="The city's website rebuilt to WCAG 2.2 AA, with forms instead of PDFs and texts in plain language.",
    description_md="We rebuild the website step by step and test every step with people who use screen readers, "
                   "keyboards and plain language. **Everyone is welcome to test.**", language="en")


def load() -> list[str]:
    """Add the two demo solutions if they are missing (a second run changes nothing); returns lines to print."""
    staff = find_by_username("stadt")
    booking_idea = _idea("Termine im Bürgerbüro online buchen")
    website_idea = _idea("Eine barrierefreie Website der Stadt")
    if staff is None or booking_idea is None or website_idea is None:
        return ["Solutions:", "  skipped: the demo ideas are missing"]
    added = 0
    if _solution(BOOKING.title) is None:
        _live_booking(staff, booking_idea)
        added += 1
    if _solution(WEBSITE.title) is None:
        _website_in_development(staff, website_idea)
        added += 1
    return ["Solutions:", f"  {added} solutions added"]


def _idea(title: str) -> Idea | None:
    return db.session.execute(select(Idea).where(Idea.title == title)).scalar_one_or_none()


def _solution(title: str) -> Solution | None:
    return db.session.execute(select(Solution).where(Solution.title == title)).scalar_one_or_none()


def _live_booking(staff, idea: Idea) -> None:
    solution = services.create_solution(staff, BOOKING, ideas=(idea,),
                                        explanation_md="Die Idee wird zur Online-Terminbuchung.")
    today = date.today()
    for title, days in (("Prototyp mit zwei Schaltern", 60), ("Test mit Bürgerinnen und Bürgern", 30),
                        ("Start für alle", 3)):
        milestone = services.add_milestone(staff, solution, title=title, planned_on=today - timedelta(days=days + 2))
        services.set_milestone_done(staff, milestone, True, on=today - timedelta(days=days))
    services.post_update(staff, solution, "Die Buchung läuft: **über 400 Termine** in der ersten Woche.")
    services.change_status(staff, solution, SolutionStatus.LIVE,
                           "Die Online-Terminbuchung ist für alle freigeschaltet.")
    for username, score, comment in (("lena", 5, "Endlich! Ging in zwei Minuten."), ("jonas", 4, ""),
                                     ("sofia", 4, "Works well, the English page helps."),
                                     ("tom", 2, "Per Telefon kam ich trotzdem nicht durch.")):
        services.rate(find_by_username(username), solution, score, comment)


def _website_in_development(staff, idea: Idea) -> None:
    """Built from an idea still under review (linking moves only accepted ideas along)."""
    solution = services.create_solution(staff, WEBSITE, ideas=(idea,),
                                        explanation_md="The accessibility review of the website starts here.")
    services.change_status(staff, solution, SolutionStatus.IN_DEVELOPMENT)
    today = date.today()
    first = services.add_milestone(staff, solution, title="Accessibility audit of the current website",
                                   planned_on=today - timedelta(days=20))
    services.set_milestone_done(staff, first, True, on=today - timedelta(days=18))
    services.add_milestone(staff, solution, title="The ten most used forms as web forms",
                           planned_on=today - timedelta(days=3),
                           description_md="Parking permits, registration of address, dog tax and seven more.")
    services.add_milestone(staff, solution, title="Plain language pages", planned_on=today + timedelta(days=30))
    for username, role, note, accept in (("noah", Role.TESTING, "I use a screen reader every day.", True),
                                         ("aylin", Role.DOMAIN, "I can write texts in plain language.", True),
                                         ("jonas", Role.DEVELOPMENT, "I could help with the web forms.", None)):
        offer = services.volunteer(find_by_username(username), solution, role=role, note=note, public=True)
        if accept is not None:
            services.decide_volunteer(staff, offer, accept=accept)
    services.post_update(find_by_username("noah"), solution,
                         "Tested the new registration form with NVDA: **all fields labelled**, two error messages "
                         "were not read out. Fixed the same day.")
