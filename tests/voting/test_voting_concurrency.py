"""Votes under real concurrency (PostgreSQL): many threads, each with its own app context and connection, start
together at a barrier and support one idea or like one post; rows and counters must agree afterwards.

Named test_voting_concurrency.py so that no other tests folder can clash with the module name.
"""
from __future__ import annotations

import random
import threading

import pytest
from concurrency import Act, engine_options, run_together, skip_unless_postgresql
from factories import make_idea, make_idea_category, make_reply, make_thread, make_user
from sqlalchemy import func, select

from app.extensions import db
from app.users.models import User
from forums import likes
from forums.models import Post
from ideas import services as idea_services
from ideas import signals as idea_signals
from ideas.models import Idea
from voting.models import Vote

WORKERS = 50
INTERLEAVED_USERS = 25
STEPS = 4  # support or withdraw, chosen at random, per interleaved user


@pytest.fixture
def app_overrides() -> dict:
    return engine_options(WORKERS)


@pytest.fixture(autouse=True)
def postgresql_only(db):
    skip_unless_postgresql(db, "votes")


def vote_rows(subject_id: int) -> int:
    db.session.rollback()
    return db.session.execute(select(func.count()).select_from(Vote).where(Vote.subject_id == subject_id)
                              ).scalar_one()


# --- what the two kinds of votes share ------------------------------------------------------------------------

class Ideas:
    """Supports of one idea (by a member who did not write it)."""

    def __init__(self, threshold: int = 1000) -> None:
        self.idea_id = make_idea(category=make_idea_category(threshold=threshold)).id

    def target(self):
        idea = db.session.get(Idea, self.idea_id)
        _ = (idea.category.support_threshold, idea.category.authors_may_support)
        return idea

    def vote(self, user: User, idea: Idea) -> Act:
        return lambda: idea_services.support(user, idea)

    def unvote(self, user: User, idea: Idea) -> Act:
        return lambda: idea_services.withdraw_support(user, idea)

    def counted(self) -> tuple[int, int]:
        """(the counter, the vote rows) as committed."""
        idea = db.session.get(Idea, self.idea_id)
        db.session.refresh(idea)
        return idea.support_count, vote_rows(idea.subject_id)


class Likes:
    """Likes of one post in an open thread."""

    def __init__(self) -> None:
        self.post_id = make_reply(make_thread(), make_user(), "Like me").id

    def target(self):
        post = db.session.get(Post, self.post_id)
        _ = post.thread.locked
        return post

    def vote(self, user: User, post: Post) -> Act:
        return lambda: likes.like_post(user, post)

    def unvote(self, user: User, post: Post) -> Act:
        return lambda: likes.unlike_post(user, post)

    def counted(self) -> tuple[int, int]:
        post = db.session.get(Post, self.post_id)
        db.session.refresh(post)
        return post.like_count, vote_rows(post.subject_id)


@pytest.fixture(params=["ideas", "likes"])
def kind(request, db):
    return Ideas() if request.param == "ideas" else Likes()


def members(count: int) -> list[int]:
    return [make_user(f"member{number}").id for number in range(count)]


# --- the races ---------------------------------------------------------------------------------------------

def test_one_member_voting_50_times_at_once_counts_once(app, kind):
    (member,) = members(1)
    db.session.commit()

    def prepare(_index: int) -> Act:
        return kind.vote(db.session.get(User, member), kind.target())

    run_together(app, WORKERS, prepare)

    assert kind.counted() == (1, 1)


def test_50_members_voting_at_once_count_50(app, kind):
    voters = members(WORKERS)
    db.session.commit()

    def prepare(index: int) -> Act:
        return kind.vote(db.session.get(User, voters[index]), kind.target())

    run_together(app, WORKERS, prepare)

    assert kind.counted() == (WORKERS, WORKERS)


def test_voting_and_withdrawing_at_once_keeps_the_counter_equal_to_the_rows(app, kind):
    voters = members(INTERLEAVED_USERS)
    rng = random.Random(20240611)
    plans = [rng.choices(["vote", "unvote"], k=STEPS) for _ in voters]
    expected = sum(plan[-1] == "vote" for plan in plans)  # each member's own steps run in order
    assert 0 < expected < INTERLEAVED_USERS, "the plans should end both ways, or they prove less"
    db.session.commit()

    def prepare(index: int) -> Act:
        user, target = db.session.get(User, voters[index]), kind.target()
        steps = [getattr(kind, step)(user, target) for step in plans[index]]
        return lambda: [step() for step in steps]

    run_together(app, INTERLEAVED_USERS, prepare)

    counter, rows = kind.counted()
    assert counter == rows
    assert rows == expected


# --- the threshold of an idea --------------------------------------------------------------------------------

def test_the_threshold_is_reached_exactly_once_among_50_simultaneous_supporters(app, db):
    ideas = Ideas(threshold=10)
    voters = members(WORKERS)
    db.session.commit()
    reached: list = []
    counts: list[int] = []
    lock = threading.Lock()

    def on_reached(sender, **extra) -> None:
        with lock:
            reached.append((sender.id, extra["due"]))

    def on_supported(sender, **extra) -> None:
        with lock:
            counts.append(extra["count"])

    def prepare(index: int) -> Act:
        return ideas.vote(db.session.get(User, voters[index]), ideas.target())

    with idea_signals.threshold_reached.connected_to(on_reached), \
            idea_signals.idea_supported.connected_to(on_supported):
        run_together(app, WORKERS, prepare)

    assert ideas.counted() == (WORKERS, WORKERS)
    assert sorted(counts) == list(range(1, WORKERS + 1))  # every support saw its own count: none was lost
    idea = db.session.get(Idea, ideas.idea_id)
    assert idea.threshold_reached_at is not None
    assert len(reached) == 1, reached
    assert reached[0] == (idea.id, idea.answer_due_at)
    assert idea.answer_due_at == idea.due_date_for(idea.threshold_reached_at)
