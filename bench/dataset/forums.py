"""The benchmark data set's forum part in our tables (`flask bench load-dataset`; generator.py makes the records).

2,000 users, 10 categories, 5,000 threads and 100,000 posts, for benchmarks on a realistic size.
Rows go in with bulk INSERTs and explicit ids in one transaction; every post is cooked once (Markdown to stored
HTML, as `reply` does), and the counters a write would move are computed beforehand, so they are exact.
Further parts (ideas.py: the idea topics and their supports) are `Extra`s, run after the forum rows in the same
transaction; `bench.register` adds the ideas' one with `add_extra`.
"""
from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from flask import Flask, current_app
from sqlalchemy import delete, func, insert, select, text, update

from app.auth.passwords import hash_password
from app.extensions import db
from app.models import Subject
from app.slugs import slugify
from app.text import PIPELINE_VERSION
from app.users.models import Role, User, UserRole, new_session_token
from app.users.usernames import key as username_key
from bench.dataset.generator import Dataset, Topic
from forums.cooking import cook
from forums.models import ForumCategory, Post, PostMention, PostRevision, Thread, ThreadRead

BENCH_EMAIL_DOMAIN = "example.invalid"
BENCH_PASSWORD = "bench-password"
BATCH = 2000
USERNAME_RE = re.compile(r"^[a-z0-9_]{3,30}$")

def valid_username(raw: str, taken: set[str]) -> str:
    """`raw` lower-cased and made to match ^[a-z0-9_]{3,30}$, unique among `taken` (which it joins)."""
    name = re.sub(r"[^a-z0-9_]", "_", raw.strip().lower())[:30]
    name = name + "_" * (3 - len(name)) if len(name) < 3 else name
    base, n = name, 1
    while name in taken:
        suffix = f"_{n}"
        name, n = base[: 30 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


# --- what the load computes before writing ------------------------------------------------------------------

@dataclass
class ThreadPlan:
    """A data set topic that has its first post in the load, with the counters its posts will give it."""

    id: int
    topic: Topic
    category_id: int
    posts: int = 0
    last_posted_at: datetime | None = None
    last_poster_id: int | None = None


@dataclass
class Summary:
    users: int = 0
    users_reused: int = 0
    categories: int = 0
    threads: int = 0
    posts: int = 0
    seconds: float = 0.0
    targets: dict = field(default_factory=dict)
    extra_lines: list[str] = field(default_factory=list)


class Bar(Protocol):
    def update(self, n_steps: int) -> None: ...


# (label, length) -> a context manager giving a bar: click.progressbar on the command line, nothing in tests.
Progress = Callable[[str, int], contextlib.AbstractContextManager[Bar]]


class _NoBar:
    def update(self, n_steps: int) -> None:
        pass


@contextlib.contextmanager
def no_progress(label: str, length: int) -> Iterator[Bar]:
    yield _NoBar()


@dataclass(frozen=True)
class LoadContext:
    """What an extra loader gets: the data set, where its records went (data set index -> our id), a progress bar."""

    ds: Dataset
    users: dict[int, int]
    categories: dict[int, int]
    threads: dict[int, ThreadPlan]  # topic index -> its thread (only topics whose first post is in the load)
    progress: Progress


@dataclass(frozen=True)
class Extra:
    """A further part of the load (ideas.py's): checked, reset and loaded with the forum data, in its transaction.

    `load` returns lines to print; `models` are the tables it writes with explicit ids (PostgreSQL sequences
    are moved past them at the end).
    """

    name: str
    has_data: Callable[[], bool]
    reset: Callable[[], None]
    load: Callable[[LoadContext], list[str]]
    models: tuple = ()


EXTRAS_KEY = "werkstadt.dataset_extras"


def add_extra(app: Flask, extra: Extra) -> None:
    """Load `extra` with the forum data in `app` (bench.register adds the ideas; tests add their own)."""
    app.extensions.setdefault(EXTRAS_KEY, []).append(extra)


def extras() -> list[Extra]:
    return list(current_app.extensions.get(EXTRAS_KEY, []))


def next_id(model) -> int:
    """The highest id in `model`'s table (0 when empty): explicit ids continue from here."""
    return db.session.execute(select(func.coalesce(func.max(model.id), 0))).scalar_one()


# --- checks and reset ----------------------------------------------------------------------------------------

def has_forum_data() -> bool:
    for model in (ForumCategory, Thread, Post):
        if db.session.execute(select(model.id).limit(1)).first() is not None:
            return True
    return _bench_users().first() is not None or any(extra.has_data() for extra in extras())


def _bench_users():
    return db.session.execute(select(User.id).where(User.email.like(f"%@{BENCH_EMAIL_DOMAIN}")).limit(1))


def reset_forum_data() -> None:
    """Delete the extras' rows, every forum row (categories, threads, posts and what hangs on them) and the bench
    users. No commit."""
    session = db.session
    for extra in extras():
        extra.reset()
    for model in (PostMention, PostRevision, ThreadRead):
        session.execute(delete(model))
    session.execute(delete(Post))
    session.execute(delete(Thread))
    session.execute(delete(ForumCategory))
    session.execute(delete(Subject).where(Subject.kind.in_(("forum_category", "thread", "post"))))
    bench = select(User.id).where(User.email.like(f"%@{BENCH_EMAIL_DOMAIN}")).scalar_subquery()
    session.execute(delete(UserRole).where(UserRole.user_id.in_(bench)))
    session.execute(delete(User).where(User.email.like(f"%@{BENCH_EMAIL_DOMAIN}")))


FORUM_MODELS = (User, Subject, ForumCategory, Thread, Post)


def reset_sequences(models=FORUM_MODELS) -> None:
    """PostgreSQL: move the id sequences of `models` past the explicit ids the load wrote."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for model in models:
        table = model.__table__.name
        db.session.execute(text(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM \"{table}\"), 0) + 1, false)"))


# --- the load ------------------------------------------------------------------------------------------------

def load(ds: Dataset, *, limit_posts: int | None = None, progress: Progress = no_progress,
         extra_loaders: list[Extra] | None = None) -> Summary:
    """Insert data set `ds` into our tables, then run the extra loaders; commit once.

    Expects no forum rows and no bench users (see reset_forum_data). `progress(label, length)` gives the bar
    the posts (and each extra) report to. Extra loaders default to those added with `add_extra`.
    """
    started = time.perf_counter()
    session = db.session
    summary = Summary()

    # Skeleton pass (no bodies): which topics are in, and the counters of each.
    skeleton = list(ds.posts(with_body=False))
    if limit_posts is not None:
        skeleton = skeleton[:limit_posts]

    users = _insert_users(ds, summary)
    categories = _insert_categories(ds, summary)

    thread_base, subject_base = next_id(Thread), next_id(Subject)
    plans: dict[int, ThreadPlan] = {}
    for item in skeleton:
        if item.first:
            topic = ds.topics[item.topic]
            plans[item.topic] = ThreadPlan(thread_base + topic.index + 1, topic, categories[topic.category])
        plan = plans[item.topic]
        plan.posts += 1
        plan.last_posted_at, plan.last_poster_id = item.created, users[item.author]

    thread_rows, subject_rows = [], []
    for plan in sorted(plans.values(), key=lambda plan: plan.id):  # thread id = topic index + 1
        topic = plan.topic
        subject_id = subject_base + len(subject_rows) + 1
        subject_rows.append({"id": subject_id, "kind": "thread", "created_at": topic.created})
        thread_rows.append({
            "id": plan.id, "category_id": plan.category_id, "about_subject_id": None, "subject_id": subject_id,
            "title": topic.title[:200], "slug": slugify(topic.title), "language": ds.language,
            "author_id": users[topic.author],
            "created_at": topic.created, "last_posted_at": plan.last_posted_at,
            "last_poster_id": plan.last_poster_id, "highest_post_number": plan.posts,
            "reply_count": plan.posts - 1, "for_count": 0, "against_count": 0, "question_count": 0,
            "pinned": False, "locked": False,
        })
    bulk_insert(Subject, subject_rows)
    bulk_insert(Thread, thread_rows)
    summary.threads = len(thread_rows)

    # Category counters, exactly what create_thread and reply would have moved them to.
    per_category: dict[int, dict] = {}
    for plan in plans.values():
        c = per_category.setdefault(plan.category_id, {"threads": 0, "posts": 0, "last": None})
        c["threads"] += 1
        c["posts"] += plan.posts
        c["last"] = plan.last_posted_at if c["last"] is None else max(c["last"], plan.last_posted_at)
    for category_id, c in per_category.items():
        session.execute(update(ForumCategory).where(ForumCategory.id == category_id).values(
            thread_count=c["threads"], post_count=c["posts"], last_posted_at=c["last"]))

    # Posts, with bodies, in chronological order: ids and subject ids follow that order.
    post_base = next_id(Post)
    subject_base = subject_base + len(subject_rows)
    total = len(skeleton)
    with progress("Posts", total) as bar:
        _insert_posts(ds, total, plans, users, post_base, subject_base, bar)
    summary.posts = total

    context = LoadContext(ds, users, categories, plans, progress)
    models = list(FORUM_MODELS)
    for extra in extras() if extra_loaders is None else extra_loaders:
        extra_started = time.perf_counter()
        summary.extra_lines.extend(extra.load(context))
        summary.extra_lines.append(f"  ({extra.name} loaded in {time.perf_counter() - extra_started:.1f} s)")
        models.extend(extra.models)

    reset_sequences(models)
    session.commit()
    summary.targets = _targets(ds, users, categories, plans)
    summary.seconds = time.perf_counter() - started
    return summary


def _insert_posts(ds: Dataset, total: int, plans: dict[int, ThreadPlan], users: dict[int, int], post_base: int,
                  subject_base: int, bar: Bar) -> None:
    """The first `total` posts of the data set, with bodies, in chronological order."""
    numbers: dict[int, int] = {}
    posts, subjects = [], []
    for position, item in enumerate(ds.posts()):
        if position >= total:
            break
        plan = plans[item.topic]
        number = numbers[item.topic] = numbers.get(item.topic, 0) + 1
        post_id, subject_id = post_base + position + 1, subject_base + position + 1
        subjects.append({"id": subject_id, "kind": "post", "created_at": item.created})
        opening = number == 1
        posts.append({
            "id": post_id, "thread_id": plan.id, "number": number, "author_id": users[item.author],
            "parent_id": None, "reply_to_id": None, "root_id": None if opening else post_id,
            "depth": 0 if opening else 1, "sort_path": "" if opening else f"{number:08d}",
            "body_md": item.body.strip(), "body_html": cook(item.body.strip(), []),
            "cooked_version": PIPELINE_VERSION, "stance": None, "created_at": item.created, "edited_at": None,
            "revision_count": 0, "child_count": 0, "deleted_at": None, "deleted_by_id": None,
            "subject_id": subject_id,
        })
        if len(posts) >= BATCH:
            _flush_posts(subjects, posts, bar)
    _flush_posts(subjects, posts, bar)


def _flush_posts(subjects: list, posts: list, bar: Bar) -> None:
    if not posts:
        return
    bulk_insert(Subject, subjects)
    bulk_insert(Post, posts)
    bar.update(len(posts))
    subjects.clear()
    posts.clear()


def bulk_insert(model, rows: list[dict]) -> None:
    """Executemany INSERTs of `rows` (explicit ids: no RETURNING round trips), a few thousand at a time."""
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(model.__table__), rows[start:start + BATCH])


def _insert_users(ds: Dataset, summary: Summary) -> dict[int, int]:
    """Users for every data set user; returns data set index -> our user id.

    A data set name that an account outside the bench already uses (a demo "admin") maps to that account.
    """
    existing = dict(db.session.execute(select(User.username, User.id)).all())
    password_hash = hash_password(BENCH_PASSWORD)  # once: argon2 is slow on purpose
    base = next_id(User)
    taken: set[str] = set()
    ids: dict[int, int] = {}
    user_rows, role_rows = [], []
    for person in ds.users:
        name = valid_username(person.username, taken)
        if name in existing:
            ids[person.index] = existing[name]
            summary.users_reused += 1
            continue
        user_id = base + len(user_rows) + 1
        ids[person.index] = user_id
        user_rows.append({
            "id": user_id, "username": name, "username_key": username_key(name), "display_name": name,
            "email": f"{name}@{BENCH_EMAIL_DOMAIN}",
            "pending_email": None, "password_hash": password_hash, "email_confirmed_at": person.joined,
            "bio_md": "", "locale": "de", "session_token": new_session_token(), "is_active_account": True,
            "created_at": person.joined, "updated_at": person.joined,
            "trust_level": 1,  # bench accounts are operator-made members (docs/trust.md), not sandboxed
        })
        role_rows.append({"user_id": user_id, "role": Role.MEMBER.value})
    bulk_insert(User, user_rows)
    bulk_insert(UserRole, role_rows)
    summary.users = len(user_rows)
    return ids


def _insert_categories(ds: Dataset, summary: Summary) -> dict[int, int]:
    """The data set's categories, each with its Subject, after any others; returns its index -> category id."""
    base, subject_base = next_id(ForumCategory), next_id(Subject)
    start_position = db.session.execute(select(func.coalesce(func.max(ForumCategory.position), 0))).scalar_one()
    rows, ids = [], {}
    for category in ds.categories:
        category_id = base + len(rows) + 1
        ids[category.index] = category_id
        rows.append({
            "id": category_id, "subject_id": subject_base + len(rows) + 1,
            "slug": slugify(category.title, max_length=60), "names": {"de": category.title, "en": category.title},
            "descriptions": {"de": category.description, "en": category.description},
            "position": start_position + category.index + 1, "color": "#0b4f8a",
            "thread_count": 0, "post_count": 0, "last_posted_at": None, "created_at": ds.start,
        })
    bulk_insert(Subject, [{"id": row["subject_id"], "kind": "forum_category", "created_at": ds.start} for row in rows])
    bulk_insert(ForumCategory, rows)
    summary.categories = len(rows)
    return ids


def _targets(ds: Dataset, users: dict[int, int], categories: dict[int, int], plans: dict[int, ThreadPlan]) -> dict:
    """The data set's targets (generator.Dataset.targets) as our slugs, ids and usernames."""
    targets = ds.targets()
    biggest = targets["biggest_category"]
    long, short = plans.get(targets["long_topic"]), plans.get(targets["short_topic"])
    return {
        "biggest_category_slug": slugify(ds.categories[biggest].title, max_length=60),
        "biggest_category_threads": targets["topics_per_category"][biggest],
        "heavy_thread_id": long.id if long else None,
        "heavy_thread_posts": long.posts if long else 0,
        "small_thread_id": short.id if short else None,
        "small_thread_posts": short.posts if short else 0,
        "top_username": db.session.get(User, users[targets["busiest_user"]]).username,
        "median_username": db.session.get(User, users[targets["median_user"]]).username,
    }
