"""The home page takes the same few statements with 10 ideas or 1,000, for a visitor and for a member with
drafts, supports and unread notifications (house rule 10)."""
from __future__ import annotations

from datetime import timedelta

from factories import make_idea, make_idea_category
from helpers import soup
from sqlalchemy import func, insert, select, update
from test_list_queries import client_for, grow, small_site

from app.extensions import db
from app.models import Subject, utcnow
from app.notifications.models import Notification
from app.users.models import User
from ideas.models import Idea, Status
from ideas.solutions.models import Solution, SolutionStatus
from ideas.solutions.services import SolutionInput, create_solution
from ideas.solutions.services import change_status as change_solution_status

# The most statements the home page may take: measured on SQLite and PostgreSQL, plus one to spare.
#   visitor (8):   the welcome text; close to the threshold; due soon; newest; answered; solutions in progress;
#                  the translated titles of all of them at once; the figures
#   member (+15):  the session's user with roles; the header's unread count; which listed ideas they support;
#                  which listed ideas and solutions they follow (at once); their drafts with their number; the
#                  ideas they support, with their translated titles, the reader's supports and follows among them;
#                  their unread entries, the entries' notifications, the Subjects those point at, and one query
#                  per kind of Subject among them (here ideas, threads and posts: 3)
MOST = {None: 9, "alice": 24}
BLOCKS = ("attention-title", "newest-title", "in-progress-title", "answers-title")


def home_site() -> None:
    """The ideas lists' small site, plus what only the home page shows: an answer due in two days, Alice's
    drafts, solutions in progress."""
    small_site()
    alice = db.session.execute(select(User).where(User.username == "alice")).scalar_one()
    staff = db.session.execute(select(User).where(User.username == "staff")).scalar_one()
    reached = db.session.execute(select(Idea).where(Idea.threshold_reached_at.is_not(None),
                                                    Idea.answered_at.is_(None))).scalars().first()
    db.session.execute(update(Idea).where(Idea.id == reached.id).values(answer_due_at=utcnow() + timedelta(days=2)))
    db.session.commit()
    for n in range(2):
        make_idea(alice, make_idea_category(), title=f"Alice's draft {n}", publish=False)
    for n in range(2):
        solution = create_solution(staff, SolutionInput(f"Solution {n}", "Short.", "Text.", "en"))
        change_solution_status(staff, solution, SolutionStatus.IN_DEVELOPMENT)


def grow_home() -> None:
    """1,000 ideas (drafts of Alice's among them), 100 solutions in progress, 200 more unread notifications.

    The notifications are older than the small site's: the five shown stay about the same kinds of Subject, since
    each kind shown costs one query (the registry's `resolve_many`), however many notifications there are."""
    grow(1000)
    now = utcnow()
    subjects = [Subject(kind="solution") for _ in range(100)]
    db.session.add_all(subjects)
    db.session.flush()
    db.session.execute(insert(Solution), [dict(
        subject_id=subject.id, title=f"Bulk solution {n}", summary="Short.", description_md="Text.",
        description_html="<p>Text.</p>", language="en", status=SolutionStatus.PILOTING.value, created_at=now,
        updated_at=now - timedelta(minutes=n)) for n, subject in enumerate(subjects)])
    alice_id = db.session.execute(select(User.id).where(User.username == "alice")).scalar_one()
    some_drafts = select(Idea.id).where(Idea.status == Status.DRAFT.value).limit(20).scalar_subquery()
    db.session.execute(update(Idea).where(Idea.id.in_(some_drafts)).values(author_id=alice_id))
    idea_subjects = db.session.execute(select(Idea.subject_id).where(Idea.status != Status.DRAFT.value)
                                       .limit(200)).scalars().all()
    db.session.execute(insert(Notification), [dict(
        user_id=alice_id, kind="status_changed", subject_id=subject_id, event=f"bulk-{subject_id}", data="accepted:0",
        created_at=now - timedelta(days=1, minutes=n)) for n, subject_id in enumerate(idea_subjects)])
    db.session.commit()
    drafts = db.session.execute(select(func.count(Idea.id)).where(Idea.author_id == alice_id,
                                                                  Idea.status == Status.DRAFT.value)).scalar_one()
    assert drafts > 5


def measure(client, count_queries, signed_in: bool) -> tuple[int, list[str]]:
    """Statements of the home page after a warm-up request; every block must show something to prove anything."""
    client.get("/")
    with count_queries() as counter:
        response = client.get("/")
    assert response.status_code == 200
    page = soup(response)
    for title_id in BLOCKS:
        section = page.find("section", attrs={"aria-labelledby": title_id})
        assert section.find("ol"), f"{title_id} showed nothing, so it proves nothing"
    if signed_in:
        assert page.find("ul", class_="home-drafts").find("a"), "no drafts shown"
        assert page.select("section[aria-labelledby=following-news-title] ol a"), "no notifications shown"
        assert page.select("section[aria-labelledby=your-ideas-title] ol.idea-list"), "no supported ideas shown"
    return counter.count, counter.statements


def test_the_home_page_takes_the_same_few_statements_with_10_or_1000_ideas(app, db, count_queries):
    home_site()
    clients = {user: client_for(app, user) for user in MOST}
    small = {user: measure(client, count_queries, user is not None) for user, client in clients.items()}

    grow_home()
    big = {user: measure(client, count_queries, user is not None) for user, client in clients.items()}

    for user, most in MOST.items():
        assert big[user][0] == small[user][0], "\n\n".join(big[user][1])
        assert big[user][0] <= most, "\n\n".join(big[user][1])
