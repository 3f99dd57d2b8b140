"""SQL statements for the idea lists stay few and do not grow with the data: 10 ideas or 1,000 (house rule 10)."""
from __future__ import annotations

from datetime import timedelta

from factories import PASSWORD, add_supporters, make_idea, make_idea_category, make_reply, make_user
from helpers import soup
from sqlalchemy import func, insert, select

from app.extensions import db
from app.models import Subject, utcnow
from app.users.models import Role, User, UserRole
from forums.models import Thread
from ideas.models import Idea, IdeaCategory, Status
from ideas.reading import IDEAS_PER_PAGE
from ideas.services import change_status, support
from voting.models import Vote

# The most statements each page may take: measured on SQLite and PostgreSQL, plus one to spare.
#   /ideas (4):            the categories for the filter form; COUNT of the filtered ideas; the page of ideas with
#                          category, author and discussion joined (trending adds the recent-votes subquery, no query);
#                          the titles translated into the reader's language
#   /ideas/awaiting (3):   COUNT; the page; the translated titles
#   signed in (+4):        the session's user with roles (one join); the unread notifications in the header;
#                          which listed ideas the viewer supports; which the viewer follows (the cards' buttons)
#   /ideas/dashboard (12): the session's user; the header's unread count; awaiting COUNT, page, supports,
#                          follows, translated titles; triage COUNT, page, supports, follows, translated titles
#   filtered by a category, signed in (+1): whether the viewer follows that category (its follow button)
MOST = {"list": 5, "awaiting": 4, "dashboard": 13}
SIGNED_IN_EXTRA = 4
FOLLOWS_CATEGORY_EXTRA = 1

LIST_QUERIES = [
    "", "?sort=supported", "?sort=trending", "?sort=discussed", "?sort=answered",
    "?status=new&category=city", "?sort=trending&status=new&category=school", "?sort=discussed&category=city",
]
SIGNED_IN_QUERIES = ["?mine=1", "?supported=1", "?sort=supported&mine=1&category=city", "?supported=1&sort=answered"]
STATUSES = [Status.NEW, Status.NEW, Status.NEW, Status.UNDER_REVIEW, Status.ACCEPTED, Status.DECLINED,
            Status.IN_DEVELOPMENT, Status.WITHDRAWN, Status.DRAFT, Status.NEW]


def small_site() -> None:
    """10 ideas through the services in three categories: supports, replies, an answer, one awaiting answer.

    alice proposes three and supports others; staff (city staff) reads the dashboard.
    """
    alice = make_user("alice", locale="en")
    make_user("staff", roles=(Role.CITY_STAFF,), locale="en")
    people = [make_user(f"person{i}") for i in range(3)]
    categories = [make_idea_category(slug, threshold=threshold)
                  for slug, threshold in (("city", 2), ("school", 50), ("parks", 50))]
    ideas = [make_idea(alice if i < 3 else people[i % 3], categories[i % 3], title=f"Small {i}") for i in range(10)]
    for idea in ideas[3:7]:
        support(alice, idea)
    add_supporters(ideas[0], 2)  # "city" asks for 2: the answer clock starts
    add_supporters(ideas[3], 2)
    make_reply(ideas[1].discussion, people[0])
    make_reply(ideas[4].discussion, people[1])
    staff = db.session.execute(select(User).where(User.username == "staff")).scalar_one()
    change_status(staff, ideas[3], Status.ACCEPTED, "We do it.")
    change_status(staff, ideas[5], Status.UNDER_REVIEW, "We look at it.", official=True)


def grow(total: int = 1000) -> None:
    """Bulk-insert ideas up to `total`, with subjects, discussions (most), supports and every status mix."""
    now = utcnow()
    have = db.session.execute(select(func.count(Idea.id))).scalar_one()
    alice_id = db.session.execute(select(User.id).where(User.username == "alice")).scalar_one()
    voter_ids = [alice_id, *_bulk_users(now, 15)]
    category_ids = list(db.session.execute(select(IdeaCategory.id).order_by(IdeaCategory.id)).scalars())
    count = total - have
    subjects = [Subject(kind="idea") for _ in range(count)] + [Subject(kind="thread") for _ in range(count)]
    db.session.add_all(subjects)
    db.session.flush()
    ideas, threads, votes = [], [], []
    for i in range(count):
        status = STATUSES[i % len(STATUSES)]
        supports = 0 if status in (Status.DRAFT, Status.WITHDRAWN) else i % len(voter_ids)
        idea_subject, thread_subject = subjects[i].id, subjects[count + i].id
        published = None if status == Status.DRAFT else now - timedelta(minutes=i)
        reached = now - timedelta(days=i % 40) if supports >= 8 else None
        answered = reached + timedelta(days=3) if reached and status in (Status.ACCEPTED, Status.DECLINED) else None
        ideas.append(dict(
            subject_id=idea_subject, author_id=voter_ids[(i + 1) % len(voter_ids)],
            category_id=category_ids[i % len(category_ids)], title=f"Bulk idea {i}", body_md="Text",
            body_html="<p>Text</p>", cooked_version=1, language="de" if i % 2 else "en", status=status.value,
            support_count=supports, created_at=now, updated_at=now, published_at=published,
            threshold_reached_at=reached, answer_due_at=reached and reached + timedelta(days=30),
            answered_at=answered))
        if published is not None and i % 5:  # most published ideas have their discussion
            threads.append(dict(subject_id=thread_subject, about_subject_id=idea_subject, title=f"Bulk idea {i}",
                                slug=f"bulk-idea-{i}", author_id=voter_ids[0], created_at=now, last_posted_at=now,
                                highest_post_number=i % 17, reply_count=i % 17))
        votes += [dict(subject_id=idea_subject, voter_id=voter_ids[(i + k) % len(voter_ids)],
                       created_at=now - timedelta(days=(i + k) % 30)) for k in range(supports)]
    db.session.execute(insert(Idea), ideas)
    db.session.execute(insert(Thread), threads)
    db.session.execute(insert(Vote), votes)
    db.session.commit()
    assert db.session.execute(select(func.count(Idea.id))).scalar_one() == total


def _bulk_users(now, count: int) -> list[int]:
    """`count` members inserted directly (no password hashing: they never log in)."""
    rows = [dict(username=f"bulk{i}", username_key=f"bulk{i}", display_name=f"Bulk {i}", email=f"bulk{i}@example.org",
                 password_hash="x", locale="de", session_token=f"token{i}", email_confirmed_at=now, created_at=now, updated_at=now)
            for i in range(count)]
    db.session.execute(insert(User), rows)
    ids = list(db.session.execute(select(User.id).where(User.username.like("bulk%"))).scalars())
    db.session.execute(insert(UserRole), [dict(user_id=user_id, role=Role.MEMBER.value) for user_id in ids])
    return ids


def client_for(app, username: str | None):
    client = app.test_client()
    if username:
        response = client.post("/login", data={"login": username, "password": PASSWORD})
        assert response.status_code == 302, f"{username} could not log in"
    return client


def measure(client, count_queries, path: str) -> tuple[int, list[str]]:
    """Statements for one page after a warm-up request; the page must list something to prove anything."""
    client.get(path)
    with count_queries() as counter:
        response = client.get(path)
    assert response.status_code == 200, path
    assert soup(response).select("ol.idea-list article"), f"{path} listed nothing, so it proves nothing"
    return counter.count, counter.statements


def pages() -> list[tuple[str, str | None, str]]:
    """(kind, user, path) of every page measured."""
    measured = [("list", user, f"/ideas{query}") for user in (None, "alice") for query in LIST_QUERIES]
    measured += [("list", "alice", f"/ideas{query}") for query in SIGNED_IN_QUERIES]
    measured += [("awaiting", user, "/ideas/awaiting-answer") for user in (None, "alice")]
    measured += [("dashboard", "staff", "/ideas/dashboard")]
    return measured


def most(kind: str, user: str | None, path: str = "") -> int:
    category_follow = FOLLOWS_CATEGORY_EXTRA if user and "category=" in path else 0
    return MOST[kind] + (SIGNED_IN_EXTRA if user and kind != "dashboard" else 0) + category_follow


def run_all(app, count_queries) -> dict[tuple[str | None, str], tuple[int, list[str]]]:
    clients = {user: client_for(app, user) for user in (None, "alice", "staff")}
    return {(user, path): measure(clients[user], count_queries, path) for _kind, user, path in pages()}


def shown(small: dict, big: dict) -> str:
    lines = [f"{user or 'anonymous'} {path}: {small[user, path][0]} -> {big[user, path][0]}" for user, path in small]
    worst = max(big, key=lambda key: big[key][0])
    return "\n".join(lines) + f"\n\nstatements of {worst}:\n" + "\n\n".join(big[worst][1])


def test_every_idea_list_takes_the_same_few_statements_with_10_or_1000_ideas(app, db, count_queries):
    small_site()
    small = run_all(app, count_queries)

    grow(1000)
    big = run_all(app, count_queries)

    for kind, user, path in pages():
        assert big[user, path][0] == small[user, path][0], shown(small, big)
        assert big[user, path][0] <= most(kind, user, path), shown(small, big)


def test_deep_pages_take_no_more_statements_than_the_first(app, db, count_queries):
    small_site()
    grow(1000)
    published = db.session.execute(select(func.count(Idea.id)).where(Idea.status != Status.DRAFT.value)).scalar_one()
    last = -(-published // IDEAS_PER_PAGE)
    counts = {}
    for user in (None, "alice"):
        client = client_for(app, user)
        for query in ("?sort=discussed", "?sort=trending"):
            for page in (1, 2, last):
                counts[user, query, page] = measure(client, count_queries, f"/ideas{query}&page={page}")[0]
            assert counts[user, query, 2] == counts[user, query, last] == counts[user, query, 1], counts
        assert client.get(f"/ideas?page={last + 1}").status_code == 404
    assert last > 40  # about 900 published ideas: the measured last page is a deep one
