"""The solutions' search source: title, summary, description, milestones and progress updates; hidden solutions
and their discussions; a fixed number of statements."""
from __future__ import annotations

from datetime import date

from factories import make_reply, make_user
from flask_babel import force_locale
from search_helpers import ANONYMOUS, document, documents, shown, statements
from solution_scene import OWNER, STAFF, SUPPORTER, solution_text
from sqlalchemy import select

from app.extensions import db
from app.moderation import hiding
from app.moderation.models import Reason
from app.search import sources
from app.urls import path_for
from app.users.models import Role, User
from forums.embedded import thread_about
from ideas.models import IdeaCategory
from ideas.solutions import services
from ideas.solutions.models import Solution
from ideas.solutions.services import SolutionInput


def user(username: str) -> User:
    return db.session.execute(select(User).where(User.username == username)).scalar_one()


def test_a_solution_is_found_by_its_texts_milestones_and_updates(cast):
    solution = db.session.get(Solution, cast.solution)
    services.add_milestone(user(STAFF), solution, title="Accessibility audit", planned_on=date(2030, 3, 1),
                           description_md="With **screen reader** users.")
    services.post_update(user(OWNER), db.session.get(Solution, cast.solution), "The pilot starts in *May*.")
    found = document("solution", cast.solution)
    assert found.title == "Online appointments"
    assert found.body == ("Book the citizens' office online. A booking service. Prototype Accessibility audit "
                          "With screen reader users. The pilot starts in May.")
    assert (found.language, found.author_id, found.status, found.category) == ("en", user(OWNER).id, None, None)
    solution = db.session.get(Solution, cast.solution)
    services.update_solution(user(STAFF), solution, SolutionInput(
        title="Online appointments", summary="Book online.", description_md="A service.", language="en",
        category=db.session.execute(select(IdeaCategory)).scalar_one()))
    assert document("solution", cast.solution).category == "idea:city"


def test_a_hidden_solution_and_its_discussion_are_found_by_its_owner_and_moderators_only(cast):
    moderator = make_user("mia", roles=(Role.MODERATOR,), locale="en")
    solution = db.session.get(Solution, cast.solution)
    thread = thread_about(solution.subject_id)
    reply = make_reply(thread, user(SUPPORTER), "When does it start?")
    hiding.hide(solution.subject, Reason.OTHER)
    db.session.commit()
    found, _ = documents(("@subject", solution.subject_id), ("@subject", thread.subject_id))
    assert found[("solution", cast.solution)].hidden
    assert found[("solution", cast.solution)].visible_to == frozenset({user(OWNER).id})
    assert found[("post", reply.id)].hidden
    for viewer in (ANONYMOUS, user(SUPPORTER), user(STAFF)):
        assert shown("solution", cast.solution, viewer) is None
    assert shown("solution", cast.solution, user(OWNER)).hidden
    assert shown("solution", cast.solution, moderator).hidden
    assert shown("solution", cast.other, ANONYMOUS) is not None  # the other one stays
    hiding.show(db.session.get(Solution, cast.solution).subject)
    db.session.commit()
    assert not document("solution", cast.solution).hidden
    assert shown("solution", cast.solution, ANONYMOUS).hidden is False


def test_shown_solutions_carry_status_and_progress(cast):
    with force_locale("en"):
        found = shown("solution", cast.solution, ANONYMOUS)
    assert found.title == "Online appointments"
    assert found.url == path_for("ideas.solutions.show", solution_id=cast.solution)
    assert found.facts[:2] == ("Planned", "0% done")


def test_load_and_show_send_a_fixed_number_of_statements(cast, count_queries):
    staff = user(STAFF)
    more = [services.create_solution(staff, solution_text(f"Solution {n}")).id for n in range(4)]
    for solution_id in more:
        services.add_milestone(staff, db.session.get(Solution, solution_id), title="Step", planned_on=date(2030, 1, 1))
        services.post_update(staff, db.session.get(Solution, solution_id), "Going well.")
    source = sources.get("solution")
    few, many = [cast.solution], [cast.solution, cast.other, *more]
    assert statements(count_queries, lambda: source.load(few)) == statements(count_queries, lambda: source.load(many))
    for viewer in (ANONYMOUS, staff):
        assert statements(count_queries, lambda: source.show(few, viewer)) == \
            statements(count_queries, lambda: source.show(many, viewer))
