"""The unit of work: the outermost use case commits once, signals go out after that commit and never on rollback."""
from __future__ import annotations

import pytest
from blinker import Namespace
from sqlalchemy import event, func, select

from app.extensions import db
from app.unit_of_work import in_use_case, send_after_commit, use_case
from app.users.models import User
from app.users.services import create_user

happened = Namespace().signal("happened")


def committed_users() -> int:
    """Users as another connection sees them: only committed rows count."""
    with db.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(User)).scalar_one()


@pytest.fixture
def commits(db) -> list[int]:
    """How many users were committed at each commit of the test's session."""
    seen: list[int] = []
    session = db.session()

    def after_commit(_session) -> None:
        seen.append(committed_users())

    event.listen(session, "after_commit", after_commit)
    yield seen
    event.remove(session, "after_commit", after_commit)


@use_case
def two_users(fail: bool = False) -> None:
    create_user(email="ann@example.org", username="ann", password="a long password")
    send_after_commit(happened, "first")
    create_user(email="ben@example.org", username="ben", password="a long password")
    send_after_commit(happened, "second")
    if fail:
        raise RuntimeError("half-way")


def test_nested_use_cases_commit_once_at_the_end_and_signal_after_it(db, commits):
    received: list[tuple[str, int]] = []
    with happened.connected_to(lambda sender: received.append((sender, committed_users()))):
        two_users()

    assert commits == [2]
    assert received == [("first", 2), ("second", 2)]


def test_a_failure_rolls_back_every_step_and_drops_the_signals(db, commits):
    received: list[str] = []
    with happened.connected_to(lambda sender: received.append(sender)):
        with pytest.raises(RuntimeError):
            two_users(fail=True)
        create_user(email="cy@example.org", username="cy", password="a long password")

    assert committed_users() == 1 and received == []
    assert not in_use_case()


def test_a_signal_queued_outside_a_use_case_waits_for_the_next_commit_and_a_closed_session_drops_it(db):
    received: list[str] = []
    with happened.connected_to(lambda sender: received.append(sender)):
        send_after_commit(happened, "kept")
        assert received == []
        db.session.commit()
        send_after_commit(happened, "dropped")
        db.session.remove()
        db.session.commit()

    assert received == ["kept"]


def test_receivers_may_run_use_cases_of_their_own_which_commit(db, commits):
    def on_happened(sender) -> None:
        if sender == "second":
            create_user(email="dee@example.org", username="dee", password="a long password")

    with happened.connected_to(on_happened):
        two_users()

    assert commits == [2, 3]


def test_in_use_case_is_true_only_inside_one(db):
    inside: list[bool] = []

    @use_case
    def look() -> None:
        inside.append(in_use_case())

    look()
    assert inside == [True] and not in_use_case()
