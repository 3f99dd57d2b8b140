"""Demo solutions: one live with ratings, one in development with milestones and a team; loading twice adds nothing."""
from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from ideas.models import Idea, Status
from ideas.solutions.models import Contribution, Rating, Solution, SolutionStatus


def test_demo_load_adds_a_live_and_a_building_solution_once(app, db, demo_loaded):
    live = db.session.execute(select(Solution).where(Solution.status == SolutionStatus.LIVE.value)).scalar_one()
    building = db.session.execute(select(Solution).where(
        Solution.status == SolutionStatus.IN_DEVELOPMENT.value)).scalar_one()
    assert live.rating_count == db.session.scalar(select(func.count(Rating.id)).where(Rating.solution_id == live.id)) == 4
    assert live.progress == 100 and building.milestone_count == 3 and 0 < building.progress < 100
    accepted = db.session.scalar(select(func.count(Contribution.id)).where(
        Contribution.solution_id == building.id, Contribution.state == "accepted"))
    assert accepted == 2
    statuses = dict(db.session.execute(select(Idea.title, Idea.status)).all())
    assert statuses["Termine im Bürgerbüro online buchen"] == Status.IMPLEMENTED.value
    assert statuses["Eine barrierefreie Website der Stadt"] == Status.IN_DEVELOPMENT.value  # accepted, then built
    assert "0 solutions added" in app.test_cli_runner().invoke(args=["demo", "load"]).output
    assert db.session.scalar(select(func.count(Solution.id))) == 2
