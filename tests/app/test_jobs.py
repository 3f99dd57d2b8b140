"""app.jobs without Redis: after the response in a request, at once elsewhere, after the commit it is about."""
from __future__ import annotations

import logging
import socket

import pytest
from blinker import Namespace
from flask import has_request_context
from helpers import link_path
from sqlalchemy import func, select

from app import jobs
from app.extensions import db
from app.unit_of_work import send_after_commit, use_case
from app.users.models import User
from factories import make_user

RAN: list = []


def record(*args, **kwargs) -> None:
    """A job: notes its arguments and whether it ran inside a request."""
    RAN.append((args, kwargs, has_request_context()))


def count_users(label: str) -> None:
    """A job that reads the database in its own session."""
    RAN.append((label, db.session.execute(select(func.count(User.id))).scalar_one()))


def name_of_user(user_id: int) -> None:
    """A job that reads one row in its own session."""
    RAN.append(db.session.get(User, user_id).display_name)


def _unwrapped(function):
    def wrapper(*args, **kwargs):
        return function(*args, **kwargs)

    return wrapper


@_unwrapped
def decorated() -> None:
    """Its import path names `wrapper`'s closure, not this function."""


def fail() -> None:
    raise RuntimeError("the job broke")


@pytest.fixture(autouse=True)
def ran():
    RAN.clear()
    yield RAN
    RAN.clear()


@pytest.fixture
def route(app):
    """`route(*jobs)` adds POST /test-jobs, which enqueues each (function, args) and answers "done"."""

    def add(*to_enqueue):
        def view():
            for function, args in to_enqueue:
                jobs.enqueue(function, *args)
            return "done"

        app.add_url_rule("/test-jobs", "test_jobs", view, methods=["POST"])

    return add


def test_a_job_enqueued_by_a_request_runs_after_the_response_outside_it(app, client, route, ran):
    route((record, (1, "two")))
    client.close_responses = False
    response = client.post("/test-jobs")
    assert response.status_code == 200 and response.text == "done"
    assert ran == []  # the response is out before the job runs
    response.close()
    assert ran == [((1, "two"), {}, False)]
    response.close()
    assert len(ran) == 1  # closing twice runs nothing twice


def test_a_failing_job_is_logged_the_page_is_fine_and_the_next_job_still_runs(app, client, route, ran, caplog):
    route((fail, ()), (record, ("after",)))
    with caplog.at_level(logging.ERROR, logger="werkstadt.jobs"):
        response = client.post("/test-jobs")
    assert response.status_code == 200 and response.text == "done"
    assert "job test_jobs:fail failed" in caplog.text and "RuntimeError: the job broke" in caplog.text
    assert ran == [(("after",), {}, False)]


def test_without_a_request_a_job_runs_at_once_and_a_failure_is_only_logged(db, ran, caplog):
    jobs.enqueue(record, "now", key=[1, 2])
    assert ran == [(("now",), {"key": [1, 2]}, False)]
    with caplog.at_level(logging.ERROR, logger="werkstadt.jobs"):
        jobs.enqueue(fail)
    assert "job test_jobs:fail failed" in caplog.text


@use_case
def rename(user_id: int, name: str, *, fail: bool = False) -> None:
    """A use case that changes a name and enqueues a job about it."""
    db.session.get(User, user_id).display_name = name
    jobs.enqueue(name_of_user, user_id)
    if fail:
        raise RuntimeError("half-way")


def test_a_job_enqueued_in_a_use_case_waits_for_its_commit_and_sees_its_writes(db, ran):
    user = make_user("first")
    seen: list = []

    @use_case
    def rename_and_look() -> None:
        rename(user.id, "Renamed")
        seen.extend(ran)  # the nested use case returned: still nothing, the outer one has not committed

    rename_and_look()
    assert seen == [] and ran == ["Renamed"]


def test_a_job_of_a_use_case_that_fails_never_runs(db, ran):
    user = make_user("first")

    with pytest.raises(RuntimeError):
        rename(user.id, "Never", fail=True)
    rename(user.id, "Later")  # a later use case commits: only its own job runs

    assert ran == ["Later"]


def test_a_job_enqueued_by_a_signal_receiver_after_the_commit_runs_at_once_and_reads_the_committed_rows(db, ran):
    created = Namespace().signal("created")

    @use_case
    def create() -> None:
        make_user("first")
        send_after_commit(created, "test")

    with created.connected_to(lambda sender: jobs.enqueue(count_users, "from the receiver")):
        create()
    assert ran == [("from the receiver", 1)]


def test_a_job_must_be_a_top_level_function(db, ran):
    def local():
        pass

    for function in (lambda: None, local, print, decorated, jobs.Job):
        with pytest.raises(ValueError):
            jobs.enqueue(function)
    assert ran == []


def test_a_job_takes_plain_values_only(db, ran):
    user = make_user("first")
    with pytest.raises(TypeError):
        jobs.enqueue(record, user)
    with pytest.raises(TypeError):
        jobs.enqueue(record, ids={1, 2})
    assert ran == []


def test_the_worker_command_needs_redis(app):
    result = app.test_cli_runner().invoke(args=["jobs", "worker", "--burst"])
    assert result.exit_code == 2 and "REDIS_URL is not set" in result.output


def test_when_redis_cannot_be_reached_the_job_runs_here_and_the_mail_arrives(app, client, smtp_server, caplog):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    app.config["REDIS_URL"] = f"redis://127.0.0.1:{closed_port}/0"
    with app.app_context():
        make_user("alice")
    with caplog.at_level(logging.ERROR, logger="werkstadt.jobs"):
        response = client.post("/reset-password", data={"email": "alice@example.org"})
    assert response.status_code == 200
    assert "Redis did not take job app.auth.emails:send_account_email" in caplog.text
    (message,) = smtp_server.to("alice@example.org")
    assert client.get(link_path(message, "/reset-password/")).status_code == 200
