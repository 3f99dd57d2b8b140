"""The benchmark data set's idea topics become ideas with their supports and history (`flask bench load-dataset`).

Each idea topic's forum thread becomes the idea's discussion (`about_subject_id` = the idea's Subject; it stays
in its forum category, so the forum's counters and benchmark pages are those of the plain forum load). The
idea's text is the topic's first post. Rows go in with bulk INSERTs and explicit ids, in the forum load's
transaction; the counters (supports, ideas per category) are computed before writing, so they are exact.
"""
from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, insert, select, update

from app.extensions import db
from app.models import Subject
from app.text import PIPELINE_VERSION
from app.users.models import Role, User, UserRole
from bench.dataset.forums import BENCH_EMAIL_DOMAIN, Extra, LoadContext, bulk_insert, next_id
from bench.dataset.generator import Dataset, Topic
from forums.models import Post, Thread
from ideas.models import TITLE_MAX, Idea, IdeaCategory, IdeaStatusChange, Status
from ideas.services import cook
from voting.models import Vote

CATEGORIES = (  # slug, German and English name; ideas are spread over them by forum
    ("bench-verwaltung", "Verwaltung digital (Bench)", "Digital administration (bench)"),
    ("bench-mobilitaet", "Mobilität (Bench)", "Mobility (bench)"),
    ("bench-offene-daten", "Offene Daten (Bench)", "Open data (bench)"),
)
THRESHOLD, ANSWER_DAYS = 25, 30
SEED_OFFSET = 101  # the statuses come from random.Random(data set seed + this): every load is the same
BATCH = 2000
EXPLANATIONS = {
    Status.UNDER_REVIEW: "We are **looking into this idea** with the departments concerned and will report back here.",
    Status.ACCEPTED: "Thank you for your support. **We will do this:**\n\n1. plan it with the department,\n"
                     "2. budget it for next year,\n3. report the progress on this page.",
    Status.DECLINED: "Thank you for the idea. **We cannot do this now**: it does not fit this year's budget, "
                     "and the law leaves the matter to the state.",
    Status.IN_DEVELOPMENT: "Work has started; a first version is planned for the spring.",
    Status.IMPLEMENTED: "**Done.** Thank you to everyone who supported and discussed this idea.",
}


@dataclass
class Change:
    """A status change after publication: to what, when, and whether it is the city's official answer."""

    to: Status
    at: datetime
    is_answer: bool = False


@dataclass
class IdeaPlan:
    """An idea topic in the load, with its supports (voter id, time; in time order) and its history."""

    id: int
    subject_id: int
    thread_id: int
    topic: Topic
    author_id: int
    category_id: int
    votes: list[tuple[int, datetime]] = field(default_factory=list)
    reached_at: datetime | None = None
    changes: list[Change] = field(default_factory=list)


def extra() -> Extra:
    """The ideas' part of `flask bench load-dataset` (added by bench.register)."""
    return Extra("ideas", has_data=has_data, reset=reset, load=load,
                 models=(IdeaCategory, Idea, IdeaStatusChange, Vote))


def has_data() -> bool:
    return any(db.session.execute(select(model.id).limit(1)).first() is not None for model in (IdeaCategory, Idea))


def reset() -> None:
    """Delete every idea, its supports, history and Subject, and every idea category with its Subject. No commit."""
    session = db.session
    session.execute(update(Idea).values(answer_id=None, duplicate_of_id=None))
    session.execute(delete(IdeaStatusChange))
    session.execute(delete(Vote).where(Vote.subject_id.in_(select(Idea.subject_id))))
    session.execute(delete(Idea))
    session.execute(delete(IdeaCategory))
    # the ideas' Subjects cascade to their discussions' threads; the categories' to their follows
    session.execute(delete(Subject).where(Subject.kind.in_(("idea", "idea_category"))))


def load(ctx: LoadContext) -> list[str]:
    """Insert the idea topics of the load as ideas with supports, history and discussion; returns lines to print."""
    ds = ctx.ds
    categories = _insert_categories(ds)
    plans = _plan_ideas(ctx, categories)
    _collect_votes(ds, plans, ctx.users)
    rng = random.Random(ds.seed + SEED_OFFSET)
    for plan in plans:
        _plan_history(plan, rng, ds.end)
    actor_id = _staff_actor(ctx.users[0])  # the data set's administrator (user 0) answers for the city
    with ctx.progress("Ideas", len(plans) + sum(len(plan.votes) for plan in plans)) as bar:
        _write(plans, actor_id, ds.language, bar)
    _count_ideas(plans)
    return _summary(plans)


# --- planning -----------------------------------------------------------------------------------------------

def _plan_ideas(ctx: LoadContext, categories: list[int]) -> list[IdeaPlan]:
    """The idea topics whose thread is in the load, in the order they were published (which gives their ids)."""
    threads = sorted((thread for index, thread in ctx.threads.items() if ctx.ds.topics[index].is_idea),
                     key=lambda thread: (thread.topic.created, thread.id))
    idea_base, subject_base = next_id(Idea), next_id(Subject)
    return [IdeaPlan(idea_base + n, subject_base + n, thread.id, thread.topic, ctx.users[thread.topic.author],
                     categories[thread.topic.category % len(categories)])
            for n, thread in enumerate(threads, start=1)]


def _collect_votes(ds: Dataset, plans: list[IdeaPlan], users: dict[int, int]) -> None:
    """Each idea's supports from the data set's, in time order, and when the threshold was met.

    A support by the idea's author is left out: the bench categories, like the default, do not let authors
    support their own ideas.
    """
    by_topic = {plan.topic.index: plan for plan in plans}
    for support in ds.supports():
        plan = by_topic.get(support.topic)
        if plan is not None and users[support.user] != plan.author_id:
            plan.votes.append((users[support.user], support.created))
    for plan in plans:
        plan.votes.sort(key=lambda v: v[1])
        if len(plan.votes) >= THRESHOLD:
            plan.reached_at = plan.votes[THRESHOLD - 1][1]


def _plan_history(plan: IdeaPlan, rng: random.Random, end: datetime) -> None:
    """Statuses spread like a living platform's: most ideas past the threshold answered (a fifth of them late),
    some never; below it mostly new, a few under review or declined. Supports stop at a final state, so a final
    decision comes after the idea's last support (and is left out if that is past the data set's end)."""
    if plan.reached_at is not None:
        plan.changes = _answered(rng, plan.reached_at)
    else:
        roll, days = rng.random(), rng.uniform(5, 90)
        if roll < 0.08:
            plan.changes = [Change(Status.UNDER_REVIEW, plan.topic.created + timedelta(days=days))]
        elif roll < 0.12:
            plan.changes = [Change(Status.DECLINED, plan.topic.created + timedelta(days=days), is_answer=True)]
    last_support = plan.votes[-1][1] if plan.votes else None
    plan.changes = [change for change in _after_supports(plan.changes, last_support) if change.at <= end]


def _after_supports(changes: list[Change], last_support: datetime | None) -> list[Change]:
    """`changes` with the first final one (and all after it) moved to a day after `last_support` if needed."""
    for index, change in enumerate(changes):
        if change.to.is_final and last_support is not None and change.at <= last_support:
            shift = last_support - change.at + timedelta(days=1)
            return changes[:index] + [replace(later, at=later.at + shift) for later in changes[index:]]
    return changes


def _answered(rng: random.Random, reached: datetime) -> list[Change]:
    """An idea past the threshold: unanswered (15 %), or answered on time (4 in 5) or late, perhaps carried out."""
    if rng.random() < 0.15:
        return []
    days = rng.uniform(2, 28) if rng.random() < 0.8 else ANSWER_DAYS + rng.uniform(1, 30)
    answered = reached + timedelta(days=days)
    decision = rng.choices((Status.ACCEPTED, Status.DECLINED, Status.UNDER_REVIEW), weights=(45, 30, 25))[0]
    changes = [Change(decision, answered, is_answer=True)]
    if decision == Status.ACCEPTED and rng.random() < 0.4:
        started = answered + timedelta(days=rng.uniform(20, 90))
        changes.append(Change(Status.IN_DEVELOPMENT, started))
        if rng.random() < 0.5:
            changes.append(Change(Status.IMPLEMENTED, started + timedelta(days=rng.uniform(30, 180))))
    return changes


# --- writing ------------------------------------------------------------------------------------------------

def _insert_categories(ds: Dataset) -> list[int]:
    """The bench idea categories (threshold 25, answer within 30 days) with their Subjects, placed after any
    others; their ids."""
    base, subject_base = next_id(IdeaCategory), next_id(Subject)
    last = db.session.execute(select(IdeaCategory.position).order_by(IdeaCategory.position.desc()).limit(1)).scalar()
    rows = [{"id": base + n, "subject_id": subject_base + n, "slug": slug, "names": {"de": name_de, "en": name_en},
             "descriptions": {"de": "Ideen aus dem Benchmark-Datensatz.", "en": "Ideas from the benchmark data set."},
             "position": (last or 0) + n, "support_threshold": THRESHOLD, "answer_days": ANSWER_DAYS,
             "authors_may_support": False, "idea_count": 0, "created_at": ds.start}
            for n, (slug, name_de, name_en) in enumerate(CATEGORIES, start=1)]
    bulk_insert(Subject, [{"id": row["subject_id"], "kind": "idea_category", "created_at": ds.start} for row in rows])
    bulk_insert(IdeaCategory, rows)
    return [row["id"] for row in rows]


def _staff_actor(user_id: int) -> int | None:
    """Who changes the statuses: `user_id` if it is city staff or an administrator; a bench account becomes
    city staff; any other account is left alone (the history then shows no actor)."""
    user = db.session.get(User, user_id)
    if user.has_role(Role.CITY_STAFF, Role.ADMIN):
        return user.id
    if user.email.endswith(f"@{BENCH_EMAIL_DOMAIN}"):
        db.session.execute(insert(UserRole.__table__), [{"user_id": user.id, "role": Role.CITY_STAFF.value}])
        return user.id
    return None


def _write(plans: list[IdeaPlan], actor_id: int | None, language: str, bar) -> None:
    """Subjects, ideas, their history and supports; the topic threads become the ideas' discussions."""
    bodies = _opening_posts([plan.thread_id for plan in plans])
    bulk_insert(Subject, [{"id": p.subject_id, "kind": "idea", "created_at": p.topic.created} for p in plans])
    rows = [_idea_row(plan, bodies[plan.thread_id], language) for plan in plans]
    for start in range(0, len(rows), BATCH):
        bulk_insert(Idea, rows[start:start + BATCH])
        bar.update(len(rows[start:start + BATCH]))
    answers = _write_history(plans, actor_id)
    if answers:
        db.session.execute(update(Idea.__table__).where(Idea.__table__.c.id == bindparam("idea"))
                           .values(answer_id=bindparam("answer")), answers)
    if plans:
        db.session.execute(update(Thread.__table__).where(Thread.__table__.c.id == bindparam("thread"))
                           .values(about_subject_id=bindparam("subject")),
                           [{"thread": p.thread_id, "subject": p.subject_id} for p in plans])
    _write_votes(plans, bar)


def _opening_posts(thread_ids: list[int]) -> dict[int, str]:
    """Thread id -> the Markdown of its first post (the idea's text)."""
    bodies: dict[int, str] = {}
    for start in range(0, len(thread_ids), 500):
        chunk = thread_ids[start:start + 500]
        bodies.update(db.session.execute(
            select(Post.thread_id, Post.body_md).where(Post.thread_id.in_(chunk), Post.number == 1)).all())
    return bodies


def _idea_row(plan: IdeaPlan, body_md: str, language: str) -> dict:
    published = plan.topic.created
    last = plan.changes[-1] if plan.changes else None
    answers = [change for change in plan.changes if change.is_answer]
    return {
        "id": plan.id, "subject_id": plan.subject_id, "author_id": plan.author_id, "category_id": plan.category_id,
        "title": plan.topic.title[:TITLE_MAX], "body_md": body_md, "body_html": cook(body_md),
        "cooked_version": PIPELINE_VERSION, "language": language,
        "status": last.to.value if last else Status.NEW.value, "duplicate_of_id": None,
        "support_count": len(plan.votes), "created_at": published, "updated_at": published,
        "published_at": published, "status_changed_at": last.at if last else published,
        "threshold_reached_at": plan.reached_at,
        "answer_due_at": plan.reached_at + timedelta(days=ANSWER_DAYS) if plan.reached_at else None,
        "answered_at": answers[0].at if answers else None, "answer_id": None,
    }


def _write_history(plans: list[IdeaPlan], actor_id: int | None) -> list[dict]:
    """Every idea's publication ("new") and later changes; returns (idea, answer change) pairs for answer_id."""
    cooked = {status: cook(text) for status, text in EXPLANATIONS.items()}
    change_id = next_id(IdeaStatusChange)
    rows, answers = [], []
    for plan in plans:
        before = Status.DRAFT
        steps = [(Change(Status.NEW, plan.topic.created), plan.author_id, ""), *(
            (change, actor_id, EXPLANATIONS[change.to]) for change in plan.changes)]
        for change, actor, text in steps:
            change_id += 1
            rows.append({"id": change_id, "idea_id": plan.id, "actor_id": actor, "from_status": before.value,
                         "to_status": change.to.value, "explanation_md": text,
                         "explanation_html": cooked[change.to] if text else "", "is_answer": change.is_answer,
                         "created_at": change.at})
            if change.is_answer:
                answers.append({"idea": plan.id, "answer": change_id})
            before = change.to
    bulk_insert(IdeaStatusChange, rows)
    return answers


def _write_votes(plans: list[IdeaPlan], bar) -> None:
    vote_id = next_id(Vote)
    rows = []
    for plan in plans:
        for voter_id, created in plan.votes:
            vote_id += 1
            rows.append({"id": vote_id, "subject_id": plan.subject_id, "voter_id": voter_id, "created_at": created})
            if len(rows) >= BATCH:
                bulk_insert(Vote, rows)
                bar.update(len(rows))
                rows.clear()
    bulk_insert(Vote, rows)
    bar.update(len(rows))


def _count_ideas(plans: list[IdeaPlan]) -> None:
    per_category: dict[int, int] = defaultdict(int)
    for plan in plans:
        per_category[plan.category_id] += 1
    for category_id, count in per_category.items():
        db.session.execute(update(IdeaCategory).where(IdeaCategory.id == category_id).values(idea_count=count))


def _summary(plans: list[IdeaPlan]) -> list[str]:
    reached = [plan for plan in plans if plan.reached_at is not None]
    answered = [plan for plan in reached if any(change.is_answer for change in plan.changes)]
    statuses: dict[str, int] = defaultdict(int)
    for plan in plans:
        statuses[plan.changes[-1].to.value if plan.changes else Status.NEW.value] += 1
    lines = [f"Ideas: {len(plans)} with {sum(len(plan.votes) for plan in plans)} supports; {len(reached)} past the "
             f"threshold of {THRESHOLD}, {len(answered)} of them answered",
             "  statuses: " + ", ".join(f"{status} {count}" for status, count in sorted(statuses.items()))]
    if plans:
        top = max(plans, key=lambda plan: (len(plan.votes), -plan.id))
        lines.append(f"  most supported idea: /ideas/{top.id} ({len(top.votes)} supports)")
    return lines
