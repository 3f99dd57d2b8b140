"""Demo solutions for `flask demo load`: one live with ratings, one in development with milestones and a team.

Both start after the city accepted their idea (which moves it to "in development"; going live moves it on to
"implemented"), and every step is dated after the one before it (demo.timeline): milestones done in the past,
volunteers who offered help after the work began, ratings after the launch.
"""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.extensions import db
from app.users.services import find_by_username
from demo.timeline import days_ago
from forums.models import Thread
from ideas.models import Idea, IdeaStatusChange, Status
from ideas.solutions import services
from ideas.solutions.models import Milestone, ProgressUpdate, Role, Solution, SolutionIdea, SolutionStatus
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
    """Started 48 days ago from the accepted idea, tested with citizens, live for everyone for ten days."""
    solution = services.create_solution(staff, BOOKING, ideas=(idea,),
                                        explanation_md="Die Idee wird zur Online-Terminbuchung.")
    _started(solution, idea, 48)
    for title, planned, done in (("Prototyp mit zwei Schaltern", 32, 30), ("Test mit Bürgerinnen und Bürgern", 16, 14),
                                 ("Start für alle", 10, 10)):
        _milestone(staff, solution, title, planned, done, created=47)
    services.change_status(staff, solution, SolutionStatus.LIVE,
                           "Die Online-Terminbuchung ist für alle freigeschaltet.")
    went_live = days_ago(10)
    solution.went_live_at = solution.updated_at = went_live
    _idea_step(idea, Status.IMPLEMENTED, went_live)
    _update(services.post_update(staff, solution, "Die Buchung läuft: **über 400 Termine** in der ersten Woche."), 2)
    for days, (username, score, comment) in zip((9, 7, 5, 1), (
            ("lena", 5, "Endlich! Ging in zwei Minuten."), ("jonas", 4, ""),
            ("sofia", 4, "Works well, the English page helps."), ("tom", 2, "Per Telefon kam ich trotzdem nicht durch."))):
        rating = services.rate(find_by_username(username), solution, score, comment)
        rating.created_at = rating.updated_at = days_ago(days)
    db.session.commit()


def _website_in_development(staff, idea: Idea) -> None:
    """Started 33 days ago from the accepted idea: the audit is done, the forms are late, plain language to come."""
    solution = services.create_solution(staff, WEBSITE, ideas=(idea,),
                                        explanation_md="The accessibility review of the website starts here.")
    services.change_status(staff, solution, SolutionStatus.IN_DEVELOPMENT)
    _started(solution, idea, 33)
    _milestone(staff, solution, "Accessibility audit of the current website", 20, 18, created=32)
    _milestone(staff, solution, "The ten most used forms as web forms", 3, None, created=32,
               description_md="Parking permits, registration of address, dog tax and seven more.")
    _milestone(staff, solution, "Plain language pages", -30, None, created=17)
    for offered, decided, (username, role, note, accept) in (
            (30, 29, ("noah", Role.TESTING, "I use a screen reader every day.", True)),
            (25, 24, ("aylin", Role.DOMAIN, "I can write texts in plain language.", True)),
            (2, None, ("jonas", Role.DEVELOPMENT, "I could help with the web forms.", None))):
        offer = services.volunteer(find_by_username(username), solution, role=role, note=note, public=True)
        if accept is not None:
            services.decide_volunteer(staff, offer, accept=accept)
        offer.created_at = days_ago(offered)
        offer.decided_at = days_ago(decided) if decided is not None else None
    _update(services.post_update(find_by_username("noah"), solution,
                                 "Tested the new registration form with NVDA: **all fields labelled**, two error "
                                 "messages were not read out. Fixed the same day."), 4)
    db.session.commit()


def _started(solution: Solution, idea: Idea, days: float) -> None:
    """The solution, its link to `idea`, its discussion and the idea's move to "in development": `days` ago."""
    started = days_ago(days)
    solution.created_at = solution.updated_at = started
    for link in db.session.execute(select(SolutionIdea).where(SolutionIdea.solution_id == solution.id)).scalars():
        link.created_at = started
    thread = db.session.execute(select(Thread).where(Thread.about_subject_id == solution.subject_id)).scalar_one()
    thread.created_at = thread.last_posted_at = started
    _idea_step(idea, Status.IN_DEVELOPMENT, started)
    db.session.commit()


def _idea_step(idea: Idea, status: Status, moment) -> None:
    """Date the idea's latest move to `status` at `moment`."""
    change = db.session.execute(select(IdeaStatusChange).where(
        IdeaStatusChange.idea_id == idea.id, IdeaStatusChange.to_status == status.value)
        .order_by(IdeaStatusChange.id.desc()).limit(1)).scalar_one()
    change.created_at = idea.status_changed_at = moment


def _milestone(staff, solution: Solution, title: str, planned: int, done: int | None, *, created: float,
               description_md: str = "") -> Milestone:
    """A milestone planned `planned` days ago (negative: ahead), done `done` days ago (None: not yet)."""
    today = date.today()
    milestone = services.add_milestone(staff, solution, title=title, planned_on=today - timedelta(days=planned),
                                       description_md=description_md)
    if done is not None:
        services.set_milestone_done(staff, milestone, True, on=today - timedelta(days=done))
    milestone.created_at = days_ago(created)
    return milestone


def _update(update: ProgressUpdate, days: float) -> None:
    update.created_at = days_ago(days)
