"""One transaction per use case: starting a solution with ideas, linking an idea and going live either happen whole
or not at all. A failure injected half-way leaves no row, sends no signal, and no notification or e-mail goes out."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from blinker import Signal
from factories import add_supporters, make_idea, make_idea_category, make_user
from sqlalchemy import func, select

import forums.signals
import ideas.signals
import ideas.solutions.signals
import voting.signals
from app.extensions import db
from app.notifications.delivery import send_due
from app.notifications.models import EmailOutbox, Notification
from app.users.models import Role
from forums.models import Thread
from ideas.models import Idea, IdeaStatusChange, Status
from ideas.services import change_status as change_idea_status
from ideas.solutions import services
from ideas.solutions.models import Solution, SolutionIdea, SolutionStatus
from ideas.solutions.services import SolutionInput

TEXT = SolutionInput(title="Online appointments", summary="Book the citizens' office online.",
                     description_md="A booking service.", language="en")


class Broken(RuntimeError):
    """The failure injected half-way through a use case."""


@pytest.fixture
def accepted(db) -> tuple:
    """City staff and two accepted ideas, each supported (and so followed) by two people who want e-mails."""
    staff = make_user("staff", roles=(Role.CITY_STAFF,))
    category = make_idea_category(threshold=2)
    first = make_idea(make_user("author1"), category, title="Book appointments online")
    second = make_idea(make_user("author2"), category, title="Pay fees online")
    for idea in (first, second):
        add_supporters(idea, 2)
        change_idea_status(staff, idea, Status.ACCEPTED, "We do it.")
    return staff, first, second


@pytest.fixture
def signals_sent() -> Iterator[list[str]]:
    """The names of every signal the feature packages send while the test runs."""
    sent: list[str] = []
    everything = [value for module in (voting.signals, forums.signals, ideas.signals, ideas.solutions.signals)
                  for value in vars(module).values() if isinstance(value, Signal)]
    receivers = []
    for signal in everything:
        def receiver(sender, _name=signal.name, **extra):
            sent.append(_name)
        receivers.append(receiver)
        signal.connect(receiver)
    yield sent
    for signal, receiver in zip(everything, receivers):
        signal.disconnect(receiver)


def fail_on_call(monkeypatch, number: int) -> list[int]:
    """Let the idea status service work normally, but raise Broken after call `number` has written its change."""
    calls: list[int] = []
    real = services.idea_services.change_status

    def change_status(*args, **kwargs):
        calls.append(1)
        change = real(*args, **kwargs)
        if len(calls) == number:
            raise Broken
        return change

    monkeypatch.setattr(services.idea_services, "change_status", change_status)
    return calls


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def status_of(idea_id: int) -> str:
    db.session.expire_all()
    return db.session.get(Idea, idea_id).status


def nothing_went_out(smtp_server, app) -> None:
    send_due()
    assert count(EmailOutbox) == 0
    assert smtp_server.messages == []


def test_starting_a_solution_whose_second_idea_fails_writes_nothing(accepted, monkeypatch, signals_sent,
                                                                     smtp_server, app):
    staff, first, second = accepted
    before = (count(Notification), count(IdeaStatusChange), count(Thread))
    calls = fail_on_call(monkeypatch, 2)
    db.session.execute(EmailOutbox.__table__.delete())
    db.session.commit()
    signals_sent.clear()

    with pytest.raises(Broken):
        services.create_solution(staff, TEXT, ideas=(first, second), explanation_md="Both go into the booking service.")

    assert len(calls) == 2  # the first idea had moved, and its change was flushed, before the failure
    assert count(Solution) == 0 and count(SolutionIdea) == 0
    assert (count(Notification), count(IdeaStatusChange), count(Thread)) == before
    assert status_of(first.id) == status_of(second.id) == Status.ACCEPTED.value
    assert signals_sent == []
    nothing_went_out(smtp_server, app)


def test_the_same_start_without_the_failure_writes_everything_and_notifies(accepted, signals_sent, smtp_server, app):
    """The counterpart of the test above, so that one cannot pass for a reason of its own."""
    staff, first, second = accepted
    notified = count(Notification)
    signals_sent.clear()

    solution = services.create_solution(staff, TEXT, ideas=(first, second), explanation_md="Both go in.")

    assert count(SolutionIdea) == 2 and status_of(first.id) == status_of(second.id) == Status.IN_DEVELOPMENT.value
    assert signals_sent.count("idea-status-changed") == 2 and "solution-created" in signals_sent
    assert count(Notification) > notified
    assert solution.id is not None


def test_linking_an_idea_that_fails_after_its_status_moved_writes_nothing(accepted, monkeypatch, signals_sent,
                                                                          smtp_server, app):
    staff, first, second = accepted
    solution = services.create_solution(staff, TEXT)
    db.session.execute(EmailOutbox.__table__.delete())
    db.session.commit()
    before = (count(Notification), count(IdeaStatusChange))
    fail_on_call(monkeypatch, 1)
    signals_sent.clear()

    with pytest.raises(Broken):
        services.link_idea(staff, solution, first, "It belongs here.")

    assert count(SolutionIdea) == 0
    assert (count(Notification), count(IdeaStatusChange)) == before
    assert status_of(first.id) == Status.ACCEPTED.value
    assert signals_sent == []
    nothing_went_out(smtp_server, app)


def test_going_live_when_the_second_idea_fails_leaves_the_solution_and_both_ideas_as_they_were(
        accepted, monkeypatch, signals_sent, smtp_server, app):
    staff, first, second = accepted
    solution = services.create_solution(staff, TEXT, ideas=(first, second), explanation_md="Both go in.")
    db.session.execute(EmailOutbox.__table__.delete())
    db.session.commit()
    before = (count(Notification), count(IdeaStatusChange))
    fail_on_call(monkeypatch, 2)
    signals_sent.clear()

    with pytest.raises(Broken):
        services.change_status(staff, solution, SolutionStatus.LIVE, "Booking is open for everyone.")

    db.session.expire_all()
    live = db.session.get(Solution, solution.id)
    assert live.status == SolutionStatus.PLANNED.value and live.went_live_at is None
    assert status_of(first.id) == status_of(second.id) == Status.IN_DEVELOPMENT.value
    assert (count(Notification), count(IdeaStatusChange)) == before
    assert signals_sent == []
    nothing_went_out(smtp_server, app)
