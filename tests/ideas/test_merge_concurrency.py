"""A merge racing supports of both ideas (PostgreSQL): threads start together at a barrier, one marks the duplicate,
the others support the original or the duplicate; afterwards every counter equals its rows, the duplicate keeps no
support, and everyone who supported either idea (before, or by a support the merge did not refuse) counts once on
the original."""
from __future__ import annotations

import pytest
from concurrency import Act, engine_options, run_together, skip_unless_postgresql
from factories import add_supporters, make_idea, make_idea_category, make_user
from sqlalchemy import func, select

from app.extensions import db
from app.users.models import Role, User
from ideas import services
from ideas.models import Idea, Status
from voting.models import Vote

ON_DUPLICATE = 12  # new members supporting the duplicate while it is merged
ON_ORIGINAL = 12  # members supporting the original meanwhile: half of them supported the duplicate before
WORKERS = 1 + ON_DUPLICATE + ON_ORIGINAL


@pytest.fixture
def app_overrides() -> dict:
    return engine_options(WORKERS)


@pytest.fixture(autouse=True)
def postgresql_only(db):
    skip_unless_postgresql(db, "merges")


def committed(idea_id: int) -> tuple[int, set[int]]:
    """(the counter, the voters) as committed."""
    db.session.rollback()
    idea = db.session.get(Idea, idea_id)
    db.session.refresh(idea)
    voters = set(db.session.execute(select(Vote.voter_id).where(Vote.subject_id == idea.subject_id)).scalars())
    return idea.support_count, voters


@pytest.mark.parametrize("round_", range(3))
def test_a_merge_racing_supports_of_both_ideas_counts_everyone_once(app, db, round_):
    category = make_idea_category(threshold=1000)
    original_id = make_idea(category=category, title="Original").id
    duplicate_id = make_idea(category=category, title="Copy").id
    before_original = [u.id for u in add_supporters(db.session.get(Idea, original_id), 3)]
    before_duplicate = [u.id for u in add_supporters(db.session.get(Idea, duplicate_id), 8)]
    on_duplicate = [make_user().id for _ in range(ON_DUPLICATE)]
    on_original = before_duplicate[:ON_ORIGINAL // 2] + [make_user().id for _ in range(ON_ORIGINAL // 2)]
    staff_id = make_user(roles=(Role.CITY_STAFF,)).id
    db.session.commit()

    def load(idea_id: int) -> Idea:
        idea = db.session.get(Idea, idea_id)
        _ = (idea.category.support_threshold, idea.category.authors_may_support, idea.subject.is_hidden)
        return idea

    def supporting(user_id: int, idea_id: int) -> Act:
        user, idea = db.session.get(User, user_id), load(idea_id)

        def act():
            try:
                return ("supported", user_id, idea_id, services.support(user, idea).changed)
            except services.NotAllowed:
                return ("refused", user_id, idea_id, False)
        return act

    def prepare(index: int) -> Act:
        if index == 0:
            staff, duplicate, original = db.session.get(User, staff_id), load(duplicate_id), load(original_id)
            return lambda: ("merged", services.change_status(staff, duplicate, Status.DUPLICATE, "Same.",
                                                             duplicate_of=original).id)
        if index <= ON_DUPLICATE:
            return supporting(on_duplicate[index - 1], duplicate_id)
        return supporting(on_original[index - 1 - ON_DUPLICATE], original_id)

    results = run_together(app, WORKERS, prepare)

    supported_duplicate = {r[1] for r in results if r[0] == "supported" and r[2] == duplicate_id}
    refused = {r[1] for r in results if r[0] == "refused"}
    assert supported_duplicate | refused == set(on_duplicate)  # each either came first and moved, or was refused
    assert all(r[2] == duplicate_id for r in results if r[0] == "refused")  # the original kept taking supports
    expected = set(before_original) | set(before_duplicate) | set(on_original) | supported_duplicate
    assert committed(original_id) == (len(expected), expected)
    assert committed(duplicate_id) == (0, set())
    assert db.session.scalar(select(func.count(Vote.id))) == len(expected)
