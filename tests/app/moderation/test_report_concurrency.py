"""Reports under real concurrency (PostgreSQL): many threads, each with its own app context and connection, report
one Subject at the same moment; one row per person, one pending review item, counts that agree.

Named test_report_concurrency.py so that no other tests folder can clash with the module name.
"""
from __future__ import annotations

import pytest
from concurrency import engine_options, run_together, skip_unless_postgresql
from moderation_members import member
from sqlalchemy import func, select

from app.extensions import db
from app.models import Subject
from app.moderation import profiles, reports
from app.moderation.models import Reason, Report, ReviewItem
from app.users.models import User

WORKERS = 20


@pytest.fixture
def app_overrides() -> dict:
    return engine_options(WORKERS)


@pytest.fixture(autouse=True)
def postgresql_only(db):
    skip_unless_postgresql(db, "reports")


def target(db) -> int:
    subject = profiles.subject_of(member("ann"))
    db.session.commit()
    return subject.id


def counted(subject_id: int) -> tuple[int, int, int]:
    """(report rows, pending items, the item's report count) as committed."""
    db.session.rollback()
    rows = db.session.execute(select(func.count()).select_from(Report).where(Report.subject_id == subject_id))
    items = db.session.execute(select(ReviewItem).where(ReviewItem.subject_id == subject_id)).scalars().all()
    return rows.scalar_one(), len(items), items[0].report_count if items else 0


def test_one_member_reporting_20_times_at_once_makes_one_report(app, db):
    subject_id, reporter = target(db), member("ben").id

    def prepare(_index: int):
        user, subject = db.session.get(User, reporter), db.session.get(Subject, subject_id)
        return lambda: reports.report(user, subject, Reason.SPAM).already_open

    already = run_together(app, WORKERS, prepare)

    assert counted(subject_id) == (1, 1, 1)
    assert sorted(already) == [False] + [True] * (WORKERS - 1)


def test_20_members_reporting_at_once_make_20_reports_one_item_and_one_automatic_hiding(app, db):
    subject_id = target(db)
    reporters = [member(f"reporter{number}").id for number in range(WORKERS)]

    def prepare(index: int):
        user, subject = db.session.get(User, reporters[index]), db.session.get(Subject, subject_id)
        return lambda: reports.report(user, subject, Reason.SPAM)

    run_together(app, WORKERS, prepare)

    from app.moderation.models import Decision

    assert counted(subject_id) == (WORKERS, 1, WORKERS)
    assert db.session.get(Subject, subject_id).hidden_reason == "spam"
    assert db.session.execute(select(func.count()).select_from(Decision)).scalar_one() == 1
