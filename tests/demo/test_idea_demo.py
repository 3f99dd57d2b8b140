"""`flask demo load` brings idea categories and ideas once: supports, a discussion, one answer, one overdue idea."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import utcnow
from app.users.models import User
from demo import support_burst
from demo.ideas import IDEAS
from demo.multilingual import IDEAS as MULTILINGUAL
from forums.models import Post, Thread
from ideas.models import Idea, IdeaCategory, IdeaStatusChange, Status
from voting.models import Vote

MODELS = (IdeaCategory, Idea, IdeaStatusChange, Vote, Thread, Post, User)


def counts() -> dict[str, int]:
    db.session.rollback()
    return {model.__name__: db.session.execute(select(func.count()).select_from(model)).scalar_one()
            for model in MODELS}


def ideas() -> list[Idea]:
    """The ideas of demo/ideas.py (demo/support_burst.py adds one of its own)."""
    return db.session.execute(select(Idea).where(Idea.title.in_([item.title for item in IDEAS]))
                              .order_by(Idea.id)).scalars().all()


def test_demo_load_adds_the_ideas_once(app, demo_loaded):
    assert "3 categories, 6 ideas and 6 supporter accounts added" in demo_loaded
    first = counts()
    # with the support burst's and the Turkish and Arabic ones (demo/multilingual.py)
    assert (first["IdeaCategory"], first["Idea"]) == (3, len(IDEAS) + 1 + len(MULTILINGUAL)) == (3, 10)
    burst = len(support_burst.REGULARS) + len(support_burst.BURST) + 1
    assert first["Vote"] == sum(len(item.supporters) for item in (*IDEAS, *MULTILINGUAL)) + burst

    second = app.test_cli_runner().invoke(args=["demo", "load"])

    assert second.exit_code == 0, second.output
    assert "0 categories, 0 ideas and 0 supporter accounts added" in second.output
    assert counts() == first


def test_the_categories_promise_answers(demo_loaded):
    promise = {c.slug: (c.support_threshold, c.answer_days, c.names["de"], c.names["en"], c.idea_count)
               for c in db.session.execute(select(IdeaCategory)).scalars()}
    assert promise == {"verwaltung-digital": (5, 30, "Verwaltung digital", "Digital administration", 6),
                       "mobilitaet": (5, 21, "Mobilität", "Mobility", 3),  # with the support burst's
                       "offene-daten": (3, 30, "Offene Daten", "Open data", 1)}


def test_ideas_are_in_both_languages_and_published(demo_loaded):
    languages = [idea.language for idea in ideas()]
    assert languages.count("de") == 3 and languages.count("en") == 3
    for idea in ideas():
        assert not idea.is_draft and idea.published_at is not None and idea.published_at < utcnow()
        assert idea.body_html.startswith("<p>") and idea.discussion is not None


def test_supports_are_counted_consistently(demo_loaded):
    votes = dict(db.session.execute(select(Vote.subject_id, func.count(Vote.id)).group_by(Vote.subject_id)).all())
    for idea in ideas():
        assert idea.support_count == votes.get(idea.subject_id, 0) > 0, idea.title
        voters = db.session.execute(select(Vote.voter_id).where(Vote.subject_id == idea.subject_id)).scalars()
        assert idea.author_id not in set(voters)  # the demo categories do not let authors support their own
        times = db.session.execute(select(Vote.created_at).where(Vote.subject_id == idea.subject_id)).scalars()
        assert all(idea.published_at < at <= utcnow() for at in times)
    reached = [idea for idea in ideas() if idea.support_count >= idea.category.support_threshold]
    assert len(reached) == 3
    assert all(idea.threshold_reached_at is not None for idea in reached)
    assert all(idea.threshold_reached_at is None for idea in ideas() if idea not in reached)


def test_one_idea_is_answered_on_time_and_one_without_a_clock(demo_loaded):
    answered = [idea for idea in ideas() if idea.answered_at is not None]
    assert [idea.title for idea in answered] == ["Termine im Bürgerbüro online buchen",
                                                  "Eine barrierefreie Website der Stadt"]
    idea, unprompted = answered
    assert unprompted.threshold_reached_at is None and unprompted.answered_on_time is None  # accepted unasked
    assert unprompted.state == Status.IN_DEVELOPMENT  # the demo solution is being built
    assert idea.state == Status.IMPLEMENTED and idea.answered_on_time is True  # the demo solution went live
    assert idea.published_at < idea.threshold_reached_at < idea.answered_at <= idea.answer_due_at
    assert idea.answer.is_answer and idea.answer.actor.username == "stadt"
    assert "<strong>" in idea.answer.explanation_html and "<ol>" in idea.answer.explanation_html
    assert not idea.is_overdue(utcnow())


def test_one_idea_is_overdue(demo_loaded):
    now = utcnow()
    overdue = [idea for idea in ideas() if idea.is_overdue(now)]
    assert [idea.title for idea in overdue] == ["Open data on bike parking"]
    idea = overdue[0]
    assert idea.state == Status.NEW and idea.answered_at is None
    assert 39 <= (now - idea.threshold_reached_at).days <= 40 and 9 <= (now - idea.answer_due_at).days <= 10
    assert idea.published_at < idea.threshold_reached_at
    waiting = [idea for idea in ideas() if idea.awaiting_answer and not idea.is_overdue(now)]
    assert [idea.title for idea in waiting] == ["Free Wi-Fi in every public library"]


def test_a_discussion_carries_stances_and_nested_replies(demo_loaded):
    idea = ideas()[0]
    thread = idea.discussion
    assert thread.about_subject_id == idea.subject_id and thread.category_id is None
    assert (thread.reply_count, thread.for_count, thread.against_count, thread.question_count) == (5, 1, 1, 1)
    posts = db.session.execute(select(Post).where(Post.thread_id == thread.id)).scalars().all()
    assert max(post.depth for post in posts) == 2
    assert any(post.author.username == "stadt" for post in posts)


def test_the_status_history_is_public_and_in_order(demo_loaded):
    review = next(idea for idea in ideas() if idea.state == Status.UNDER_REVIEW)
    changes = db.session.execute(select(IdeaStatusChange).where(IdeaStatusChange.idea_id == review.id)
                                 .order_by(IdeaStatusChange.created_at)).scalars().all()
    assert [(c.from_status, c.to_status, c.is_answer) for c in changes] == [
        ("draft", "new", False), ("new", "under_review", False)]
    assert review.answered_at is None and changes[1].explanation_md
