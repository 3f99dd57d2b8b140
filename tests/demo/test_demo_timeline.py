"""The demo tells its story in order, over every row it writes: people joined before they acted, ideas were
published before they were supported, discussed and answered, solutions started after their idea was accepted,
and forum replies came after what they answer. Generic on purpose: a new demo scene is checked without a new test.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from sqlalchemy import inspect, select

from app import subjects
from app.extensions import db
from app.models import utcnow
from app.moderation.models import Appeal, Decision, Report
from app.notifications.models import Notification
from app.users.models import User
from forums.models import ForumCategory, Post, Thread
from ideas.models import Idea, IdeaStatusChange, Status
from ideas.solutions.models import Contribution, Milestone, ProgressUpdate, Rating, Solution, SolutionIdea
from voting.models import Vote

# Columns naming a person whose own act the row records, per table: the row is dated after they joined. (Other
# user columns name someone the row is about or for, such as a notification's recipient.)
ACTORS = {"idea": ("author_id",), "idea_status_change": ("actor_id",), "thread": ("author_id",),
          "post": ("author_id",), "vote": ("voter_id",), "report": ("reporter_id",), "appeal": ("appellant_id",),
          "decision": ("moderator_id",), "content_translation": ("translator_id",), "solution": ("owner_id",),
          "progress_update": ("author_id",), "contribution": ("user_id",), "solution_rating": ("user_id",)}


@pytest.fixture
def story(demo_loaded):
    """The loaded demo, read in the test's session."""
    return demo_loaded


def test_every_dated_row_is_in_the_past(story):
    now = utcnow()
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if column.name.endswith("_at") and column.name not in ("ends_at", "answer_due_at", "expires_at"):
                latest = db.session.execute(select(column).where(column.is_not(None)).order_by(column.desc())
                                            .limit(1)).scalar()
                assert latest is None or latest <= now, (table.name, column.name, latest)


def test_people_joined_and_confirmed_before_they_acted(story):
    joined = {user.id: user for user in db.session.execute(select(User)).scalars()}
    for user in joined.values():
        assert user.email_confirmed_at is None or user.email_confirmed_at >= user.created_at, user.username
    checked = 0
    for table_name, columns in ACTORS.items():
        table = db.metadata.tables[table_name]
        for column in columns:
            for person, at in db.session.execute(select(table.c[column], table.c.created_at)
                                                 .where(table.c[column].is_not(None))):
                user = joined[person]
                assert at >= max(user.created_at, user.email_confirmed_at or user.created_at), (
                    table_name, user.username, at)
                checked += 1
    assert checked > 100  # the demo's many acts, not an empty database


def test_ideas_are_published_before_their_supports_discussion_and_steps(story):
    now = utcnow()
    ideas = db.session.execute(select(Idea).where(Idea.published_at.is_not(None))).scalars().all()
    for idea in ideas:
        published = idea.published_at
        votes = sorted(db.session.execute(select(Vote.created_at).where(Vote.subject_id == idea.subject_id)).scalars())
        assert all(published < at for at in votes), idea.title
        changes = db.session.execute(select(IdeaStatusChange).where(IdeaStatusChange.idea_id == idea.id)
                                     .order_by(IdeaStatusChange.id)).scalars().all()
        assert changes[0].created_at == published and changes[0].to_status == Status.NEW.value, idea.title
        times = [change.created_at for change in changes]
        assert times == sorted(times), idea.title
        assert changes[-1].to_status == idea.status and idea.status_changed_at in (None, times[-1]), idea.title
        answers = [change.created_at for change in changes if change.is_answer]
        assert idea.answered_at == (answers[0] if answers else None), idea.title
        if idea.threshold_reached_at is not None:
            reached = idea.threshold_reached_at
            assert published < reached <= now and idea.answer_due_at == idea.due_date_for(reached), idea.title
            threshold = idea.category.support_threshold
            assert sum(at <= reached for at in votes) >= threshold > sum(at < reached for at in votes), idea.title
            if idea.answered_at is not None:  # the demo's city keeps its promise where it answered
                assert idea.answered_at <= idea.answer_due_at, idea.title
        discussion = idea.discussion
        assert discussion.created_at == published, idea.title
        posts = db.session.execute(select(Post.created_at).where(Post.thread_id == discussion.id)).scalars()
        assert all(published < at <= now for at in posts), idea.title


def test_forum_replies_come_after_what_they_answer_and_threads_show_their_latest_post(story):
    posts_by_thread = defaultdict(list)
    for post in db.session.execute(select(Post).order_by(Post.thread_id, Post.number)).scalars():
        posts_by_thread[post.thread_id].append(post)
    by_id = {post.id: post for posts in posts_by_thread.values() for post in posts}
    threads = db.session.execute(select(Thread)).scalars().all()
    for thread in threads:
        posts = posts_by_thread[thread.id]
        times = [post.created_at for post in posts]
        assert times == sorted(times), thread.title  # numbered in the order they were written
        assert all(thread.created_at <= at for at in times), thread.title
        for post in posts:
            for earlier in (post.reply_to_id, post.parent_id):
                if earlier is not None:
                    assert by_id[earlier].created_at <= post.created_at, thread.title
        assert thread.last_posted_at == max(times, default=thread.created_at), thread.title
        if posts:
            latest = max(posts, key=lambda post: (post.created_at, post.id))
            assert thread.last_poster_id == latest.author_id, thread.title
    for category in db.session.execute(select(ForumCategory)).scalars():
        latest = [t.last_posted_at for t in threads if t.category_id == category.id]
        assert category.last_posted_at == max(latest, default=None), category.slug


def test_discussions_start_with_what_they_discuss(story):
    about = [thread for thread in db.session.execute(select(Thread).where(Thread.about_subject_id.is_not(None)))
             .scalars()]
    owners = subjects.resolve_many([thread.about_subject_id for thread in about])
    for thread in about:
        owner = owners[thread.about_subject_id]
        started = getattr(owner, "published_at", None) or owner.created_at
        assert thread.created_at == started, thread.title


def test_solutions_start_after_their_idea_was_accepted_and_move_it_along(story):
    today = date.today()
    solutions = db.session.execute(select(Solution)).scalars().all()
    assert solutions
    for solution in solutions:
        started = solution.created_at
        for link in db.session.execute(select(SolutionIdea).where(SolutionIdea.solution_id == solution.id)).scalars():
            idea = link.idea
            assert link.created_at == started and idea.published_at < started, solution.title
            changes = db.session.execute(select(IdeaStatusChange).where(IdeaStatusChange.idea_id == idea.id)
                                         .order_by(IdeaStatusChange.id)).scalars().all()
            accepted = [c.created_at for c in changes if c.to_status == Status.ACCEPTED.value]
            assert accepted and accepted[-1] <= started, solution.title
            expected = {"live": Status.IMPLEMENTED, "discontinued": Status.ACCEPTED}.get(
                solution.status, Status.IN_DEVELOPMENT)
            assert idea.status == expected.value, (solution.title, solution.status, idea.status)
            step = next(c for c in changes if c.to_status == Status.IN_DEVELOPMENT.value)
            assert step.created_at == started, solution.title
        if solution.went_live_at is not None:
            assert started < solution.went_live_at, solution.title
        milestones = db.session.execute(select(Milestone).where(Milestone.solution_id == solution.id)
                                        .order_by(Milestone.planned_on, Milestone.id)).scalars().all()
        done = [m.done_on for m in milestones if m.done_on is not None]
        assert done == sorted(done) and all(started.date() <= day <= today for day in done), solution.title
        assert all(started <= m.created_at for m in milestones), solution.title
        for model in (ProgressUpdate, Contribution, Rating):
            times = db.session.execute(select(model.created_at).where(model.solution_id == solution.id)).scalars()
            assert all(started <= at for at in times), (solution.title, model.__name__)
        for offer in db.session.execute(select(Contribution).where(Contribution.solution_id == solution.id)).scalars():
            assert offer.decided_at is None or offer.created_at <= offer.decided_at, solution.title
        if solution.went_live_at is not None:
            ratings = db.session.execute(select(Rating.created_at).where(Rating.solution_id == solution.id)).scalars()
            assert all(solution.went_live_at <= at for at in ratings), solution.title


def test_reports_follow_what_they_report_and_decisions_and_appeals_follow_them(story):
    reports = db.session.execute(select(Report)).scalars().all()
    owners = subjects.resolve_many(list({report.subject_id for report in reports}))
    for report in reports:
        owner = owners[report.subject_id]
        written = getattr(owner, "published_at", None) or owner.created_at
        assert written <= report.created_at, report.note
        if report.decision_id is not None:
            assert report.created_at <= db.session.get(Decision, report.decision_id).created_at, report.note
    for appeal in db.session.execute(select(Appeal)).scalars():
        assert db.session.get(Decision, appeal.decision_id).created_at <= appeal.created_at


def test_notifications_arrive_when_what_they_tell_of_happened(story):
    """Not "just now" for a reply of weeks ago, and never before their recipient joined."""
    rows = db.session.execute(select(Notification, User.created_at).join(User, User.id == Notification.user_id)).all()
    targets = subjects.resolve_many(list({n.target_subject_id or n.subject_id for n, _ in rows}))
    dated = 0
    for notification, joined in rows:
        assert notification.created_at >= joined, notification.event
        owner = targets.get(notification.target_subject_id or notification.subject_id)
        written = getattr(owner, "published_at", None) or getattr(owner, "created_at", None)
        if isinstance(owner, Post):
            assert notification.created_at == max(owner.created_at, joined), notification.event
            dated += 1
        elif written is not None:
            assert notification.created_at >= written, notification.event
    assert dated > 10


def test_the_checked_tables_exist(app):
    """The actor columns above are real (a renamed column would otherwise pass unnoticed)."""
    with app.app_context():
        for table_name, columns in ACTORS.items():
            names = {column["name"] for column in inspect(db.engine).get_columns(table_name)}
            assert set(columns) | {"created_at"} <= names, table_name
