"""A generated burst of supports for the support integrity tests: twelve accounts made the same day support an
idea within five minutes from one IPv4 /24 with one browser, beside normal supporters on their own days,
networks and browsers."""
from __future__ import annotations

from datetime import timedelta

from factories import make_idea, make_idea_category, make_user
from sqlalchemy import update

from app.extensions import db
from app.models import utcnow
from ideas.services import support
from voting.models import SupportTrace, Vote
from voting.traces import fingerprint

BURST = 12
NORMAL = 6


def supported_at(user, idea, trace, at) -> None:
    """`user` supports `idea` with `trace`; then the vote and its trace are moved to `at`."""
    support(user, idea, trace)
    vote_id = db.session.execute(db.select(Vote.id).where(Vote.voter_id == user.id,
                                                          Vote.subject_id == idea.subject_id)).scalar_one()
    db.session.execute(update(Vote).where(Vote.id == vote_id).values(created_at=at))
    db.session.execute(update(SupportTrace).where(SupportTrace.vote_id == vote_id).values(created_at=at))
    db.session.commit()


def burst_scene(threshold: int = 100):
    """(idea, burst accounts, normal accounts)."""
    idea = make_idea(make_user("author"), make_idea_category(threshold=threshold))
    now = utcnow()
    made = now - timedelta(days=3)
    burst = [make_user(f"burst{i}", created_at=made.replace(hour=9, minute=i)) for i in range(BURST)]
    normal = [make_user(f"normal{i}", created_at=now - timedelta(days=40 + 9 * i), locale="en")
              for i in range(NORMAL)]
    start = now - timedelta(hours=2)
    for i, user in enumerate(burst):
        supported_at(user, idea, fingerprint(f"203.0.113.{10 + i}", "Mozilla/5.0 Burst"),
                     start + timedelta(seconds=25 * i))
    for i, user in enumerate(normal):
        supported_at(user, idea, fingerprint(f"198.51.{i}.7", f"Mozilla/5.0 Browser {i}"),
                     now - timedelta(days=1 + i, minutes=37 * i))
    return idea, burst, normal
