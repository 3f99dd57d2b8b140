"""`flask bench load-dataset` makes the idea topics ideas: supports, a history, the topic as their discussion."""
from __future__ import annotations

from datetime import timedelta
from itertools import islice

import pytest
from helpers import soup
from snapshots import loaded_once
from sqlalchemy import func, select

from app.extensions import db
from app.models import Subject
from app.users.models import Role, User
from bench.dataset.generator import Dataset
from bench.dataset.ideas import ANSWER_DAYS, CATEGORIES, THRESHOLD
from factories import make_idea_category
from forums.models import ForumCategory, Post, Thread
from ideas import services
from ideas.models import Idea, IdeaCategory, IdeaStatusChange, Status
from voting.models import Vote

LIMIT = 1100


@pytest.fixture
def loaded(app, run):
    """The data set's first LIMIT posts with their ideas, loaded once per test process (tests/snapshots.py)."""

    def load() -> str:
        result = run(app, "--limit-posts", str(LIMIT))
        assert result.exit_code == 0, result.output
        return result.output

    with app.app_context():
        yield loaded_once(("bench load-dataset", LIMIT), load)


def scalar(statement):
    return db.session.execute(statement).scalar_one()


def all_ideas() -> list[Idea]:
    return db.session.execute(select(Idea).order_by(Idea.id)).scalars().all()


def history(idea: Idea) -> list[IdeaStatusChange]:
    return db.session.execute(select(IdeaStatusChange).where(IdeaStatusChange.idea_id == idea.id)
                              .order_by(IdeaStatusChange.created_at, IdeaStatusChange.id)).scalars().all()


def test_idea_topics_become_ideas_with_their_topic_as_discussion(loaded, small_spec):
    ideas = all_ideas()
    data = Dataset.from_file(small_spec)
    expected = [post.topic for post in islice(data.posts(with_body=False), LIMIT)
                if post.first and data.topics[post.topic].is_idea]
    assert len(ideas) == len(expected) > 10  # the idea topics whose first post is among the first LIMIT posts
    assert f"Ideas: {len(ideas)} with" in loaded and "most supported idea: /ideas/" in loaded
    openings = dict(db.session.execute(select(Post.thread_id, Post.body_md).where(Post.number == 1)).all())
    for idea in ideas:
        thread = idea.discussion
        assert thread is not None and thread.about_subject_id == idea.subject_id
        assert thread.category_id is not None  # still a thread of its forum: the forum's counters stay exact
        assert idea.title == thread.title[:150] and idea.body_md == openings[thread.id]
        assert idea.body_html.startswith("<p>") and idea.language == "en"
        assert idea.published_at == idea.created_at == thread.created_at
        assert idea.author_id == thread.author_id and idea.subject.kind == "idea"
    assert scalar(select(func.count(Thread.id)).where(Thread.about_subject_id.is_not(None))) == len(ideas)
    assert scalar(select(func.count(Subject.id)).where(Subject.kind == "idea")) == len(ideas)


def test_support_counts_match_the_vote_rows(loaded):
    votes = dict(db.session.execute(select(Vote.subject_id, func.count(Vote.id)).group_by(Vote.subject_id)).all())
    ideas = all_ideas()
    for idea in ideas:
        assert idea.support_count == votes.get(idea.subject_id, 0), idea.id
    assert sum(votes.values()) == sum(idea.support_count for idea in ideas) > 500
    own = scalar(select(func.count(Vote.id)).join(Idea, Idea.subject_id == Vote.subject_id)
                 .where(Vote.voter_id == Idea.author_id))
    assert own == 0
    assert scalar(select(func.count(Vote.id)).join(Idea, Idea.subject_id == Vote.subject_id)
                  .where(Vote.created_at < Idea.published_at)) == 0


def test_every_vote_of_the_data_set_is_a_support_but_the_authors_own(app, loaded, small_spec):
    ds = Dataset.from_file(small_spec)
    threads = {idea.discussion.id for idea in all_ideas()}  # thread id = the data set's topic index + 1
    authors = {topic.index: topic.author for topic in ds.topics if topic.index + 1 in threads}
    expected = sum(1 for support in ds.supports()
                   if support.topic in authors and support.user != authors[support.topic])
    assert scalar(select(func.count(Vote.id))) == expected > 500


def test_the_answer_clock_starts_at_the_threshold(loaded):
    ideas = all_ideas()
    reached = [idea for idea in ideas if idea.support_count >= THRESHOLD]
    assert len(reached) >= 5
    for idea in ideas:
        if idea.support_count < THRESHOLD:
            assert (idea.threshold_reached_at, idea.answer_due_at) == (None, None)
            continue
        times = db.session.execute(select(Vote.created_at).where(Vote.subject_id == idea.subject_id)
                                   .order_by(Vote.created_at)).scalars().all()
        assert idea.threshold_reached_at == times[THRESHOLD - 1]
        assert idea.answer_due_at == idea.threshold_reached_at + timedelta(days=ANSWER_DAYS)
    answered = [idea for idea in reached if idea.answered_at is not None]
    assert answered and len(answered) < len(reached)  # most are answered, some wait (overdue by now)
    assert any(idea.answered_on_time for idea in answered)


def test_statuses_are_spread_with_a_history(loaded):
    ideas = all_ideas()
    statuses = {idea.status for idea in ideas}
    assert Status.NEW in statuses and len(statuses) >= 4 and Status.DRAFT not in statuses
    assert sum(idea.status == Status.NEW for idea in ideas) > len(ideas) / 2
    staff = db.session.execute(select(User).where(User.username == "admin")).scalar_one()
    assert staff.has_role(Role.CITY_STAFF)
    for idea in ideas:
        changes = history(idea)
        first, last = changes[0], changes[-1]
        assert (first.from_status, first.to_status, first.actor_id) == ("draft", "new", idea.author_id)
        assert first.created_at == idea.published_at
        assert (last.to_status, last.created_at) == (idea.status, idea.status_changed_at)
        assert all(a.to_status == b.from_status for a, b in zip(changes, changes[1:]))
        assert all(change.actor_id == staff.id and change.explanation_html for change in changes[1:])
        answers = [change for change in changes if change.is_answer]
        assert idea.answer_id == (answers[-1].id if answers else None)
        assert idea.answered_at == (answers[0].created_at if answers else None)
        if idea.state.is_final:  # no supports after a final decision
            later = scalar(select(func.count(Vote.id)).where(Vote.subject_id == idea.subject_id,
                                                             Vote.created_at > idea.status_changed_at))
            assert later == 0


def test_bench_categories_count_their_ideas(loaded):
    categories = db.session.execute(select(IdeaCategory).order_by(IdeaCategory.position)).scalars().all()
    assert [c.slug for c in categories] == [slug for slug, _, _ in CATEGORIES]
    assert all((c.support_threshold, c.answer_days, c.authors_may_support) == (THRESHOLD, ANSWER_DAYS, False)
               for c in categories)
    per_category = dict(db.session.execute(select(Idea.category_id, func.count(Idea.id))
                                           .group_by(Idea.category_id)).all())
    assert {c.id: c.idea_count for c in categories} == per_category


def test_the_forum_counters_are_those_of_the_forum_load(loaded):
    threads = db.session.execute(select(Thread)).scalars().all()
    assert sum(c.thread_count for c in db.session.execute(select(ForumCategory)).scalars()) == len(threads)
    assert scalar(select(func.count(Post.id))) == LIMIT


def test_the_thread_page_of_an_idea_topic_points_to_the_idea(app, loaded):
    idea = max(all_ideas(), key=lambda idea: idea.discussion.reply_count)
    thread_id, idea_id = idea.discussion.id, idea.id

    page = soup(app.test_client().get(f"/t/{thread_id}?page=1"))

    assert page.find("nav", class_="breadcrumbs").find("a", href=f"/ideas/{idea_id}") is not None


def test_the_idea_page_shows_the_topics_posts(app, loaded):
    idea = max(all_ideas(), key=lambda idea: idea.discussion.reply_count)
    reply = db.session.execute(select(Post).where(Post.thread_id == idea.discussion.id, Post.number == 2)).scalar_one()
    idea_id, reply_id = idea.id, reply.id

    response = app.test_client().get(f"/ideas/{idea_id}")

    assert response.status_code == 200
    assert soup(response).find(id=f"post-{reply_id}") is not None


def test_the_loaded_ideas_take_new_supports_and_ideas_with_the_next_ids(loaded):
    idea = next(idea for idea in all_ideas() if idea.votes_open)
    voted = set(db.session.execute(select(Vote.voter_id).where(Vote.subject_id == idea.subject_id)).scalars())
    supporter = db.session.execute(select(User).where(User.id.not_in(voted | {idea.author_id}),
                                                      User.username != "admin").limit(1)).scalar_one()
    count = idea.support_count

    services.support(supporter, idea)
    fresh = services.create_idea(supporter, services.IdeaInput(
        title="One more idea after the load", body_md="Text.", category=make_idea_category(), language="de"),
        publish=True)

    db.session.refresh(idea)
    assert idea.support_count == count + 1
    assert fresh.id == scalar(select(func.max(Idea.id))) and fresh.id > len(all_ideas()) - 1
    assert fresh.discussion.id > scalar(select(func.max(Thread.id)).where(Thread.id != fresh.discussion.id))


def test_reset_deletes_the_ideas_too(app, run, loaded):
    before = len(all_ideas())
    demo = run(app, "--limit-posts", "300")
    assert demo.exit_code != 0 and "--reset" in demo.output

    again = run(app, "--limit-posts", "300", "--reset")

    assert again.exit_code == 0, again.output
    db.session.rollback()
    ideas = all_ideas()
    assert ideas and len(ideas) < before
    assert scalar(select(func.count(Subject.id)).where(Subject.kind == "idea")) == len(ideas)
    assert scalar(select(func.count(IdeaCategory.id))) == len(CATEGORIES)
    assert scalar(select(func.count(Vote.id))) == sum(idea.support_count for idea in ideas)
    assert scalar(select(func.count(IdeaStatusChange.id))) >= len(ideas)


def test_ideas_alone_also_need_a_reset(app, run):
    with app.app_context():
        make_idea_category("own-category")
    refused = run(app, "--limit-posts", "100")
    assert refused.exit_code != 0 and "--reset" in refused.output

    assert run(app, "--limit-posts", "100", "--reset").exit_code == 0
    with app.app_context():
        slugs = set(db.session.execute(select(IdeaCategory.slug)).scalars())
        assert slugs == {slug for slug, _, _ in CATEGORIES}
