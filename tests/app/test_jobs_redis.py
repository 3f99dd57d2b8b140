"""With REDIS_URL: the app and its commands start, rate limits live in Redis, and a real RQ worker runs the jobs.

Needs a Redis server named by REDIS_TEST_URL (e.g. redis://127.0.0.1:6379/15; CI starts one). Its database is
emptied before and after each test.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis
import rq
from helpers import link_path
from sqlalchemy import select

from app import create_app
from app.extensions import db
from app.notifications.models import EmailOutbox
from app.notifications.services import follow
from app.users.models import Role
from config import TestingConfig
from factories import make_idea, make_idea_category, make_user
from ideas.models import Status
from ideas.services import change_status

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL")
ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not REDIS_TEST_URL, reason="REDIS_TEST_URL is not set (CI sets it)")


@pytest.fixture
def redis_db():
    connection = redis.Redis.from_url(REDIS_TEST_URL)
    connection.flushdb()
    yield connection
    connection.flushdb()
    connection.close()


@pytest.fixture
def app_overrides(redis_db) -> dict:
    return {"REDIS_URL": REDIS_TEST_URL}


def queued(app) -> int:
    return rq.Queue(app.config["JOBS_QUEUE"], connection=redis.Redis.from_url(REDIS_TEST_URL)).count


def work(app) -> None:
    """`flask jobs worker --burst`: a real RQ worker runs every queued job, then stops."""
    result = app.test_cli_runner().invoke(args=["jobs", "worker", "--burst"])
    assert result.exit_code == 0, result.output


def test_a_reset_mail_enqueued_by_a_request_is_sent_by_the_worker_and_its_link_works(app, client, smtp_server):
    with app.app_context():
        make_user("alice")
    response = client.post("/reset-password", data={"email": "alice@example.org"})
    assert response.status_code == 200
    assert queued(app) == 1 and smtp_server.messages == []  # in Redis, not run by the web process
    work(app)
    assert queued(app) == 0
    (message,) = smtp_server.to("alice@example.org")
    assert client.get(link_path(message, "/reset-password/")).status_code == 200


def test_a_registration_mail_reaches_the_new_member_through_the_worker(app, client, smtp_server):
    response = client.post("/register", data={"username": "nina", "display_name": "Nina", "email": "nina@example.org",
                                              "password": "long enough secret"})
    assert response.status_code == 200 and queued(app) == 1
    work(app)
    (message,) = smtp_server.to("nina@example.org")
    response = client.get(link_path(message, "/confirm/"))
    assert response.status_code == 302 and response.location == "/"  # the browser that registered is signed in


def test_notification_mails_go_to_redis_at_the_commit_and_the_worker_sends_them(app, db, smtp_server):
    app.config["NOTIFICATION_EMAILS_ENQUEUE"] = True
    author, fan = make_user("autorin"), make_user("fan", locale="en")
    staff = make_user("staff", roles=(Role.CITY_STAFF,))
    idea = make_idea(author, make_idea_category(threshold=5), title="Radwege", body="Mehr.", language="de")
    follow(fan, idea)
    change_status(staff, idea, Status.UNDER_REVIEW, "Wir prüfen das.")
    assert queued(app) == 1 and smtp_server.messages == []
    work(app)
    assert len(smtp_server.to("fan@example.org")) == 1 and len(smtp_server.to("autorin@example.org")) == 1
    db.session.expire_all()
    assert all(row.sent_at is not None for row in db.session.execute(select(EmailOutbox)).scalars())


def test_a_failing_job_ends_in_rqs_failed_registry_and_the_worker_goes_on(app, client, smtp_server):
    with app.app_context():
        make_user("alice")
        make_user("bruno")
    app.config["MAIL_PORT"], working_port = 1, app.config["MAIL_PORT"]  # nothing listens on port 1
    client.post("/reset-password", data={"email": "alice@example.org"})
    work(app)
    app.config["MAIL_PORT"] = working_port
    client.post("/reset-password", data={"email": "bruno@example.org"})
    work(app)
    queue = rq.Queue(app.config["JOBS_QUEUE"], connection=redis.Redis.from_url(REDIS_TEST_URL))
    assert queue.failed_job_registry.count == 1
    assert smtp_server.to("alice@example.org") == [] and len(smtp_server.to("bruno@example.org")) == 1


def test_the_login_rate_limit_is_counted_in_redis_across_app_instances(database_uri, redis_db):
    """Two workers of one site share the limit: five tries in each make ten, the eleventh is refused."""
    apps = [create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=database_uri, REDIS_URL=REDIS_TEST_URL,
                       RATELIMIT_ENABLED=True) for _ in range(2)]
    clients = [a.test_client() for a in apps]
    login = {"login": "nobody", "password": "wrong password"}
    for number in range(10):
        assert clients[number % 2].post("/login", data=login).status_code == 200
    assert clients[0].post("/login", data=login).status_code == 429
    assert clients[1].post("/login", data=login).status_code == 429
    assert redis_db.keys("LIMITS*")  # the counters are in Redis, not in either process
    redis_db.flushdb()
    assert clients[1].post("/login", data=login).status_code == 200
    for each in apps:
        with each.app_context():
            db.engine.dispose()


def test_commands_start_with_redis_url_set_and_a_worker_from_the_shell_sends_the_mail(app, client, smtp_server,
                                                                                   tmp_path, database_uri):
    """`flask db upgrade` used to fail as soon as REDIS_URL was set; `flask jobs worker` is how production runs jobs."""
    env = {**os.environ, "WERKSTADT_ENV": "development", "REDIS_URL": REDIS_TEST_URL,
           "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}"}
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    upgrade = subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert upgrade.returncode == 0, upgrade.stderr

    with app.app_context():
        make_user("alice")
    client.post("/reset-password", data={"email": "alice@example.org"})
    assert queued(app) == 1
    env.update(DATABASE_URL=database_uri, MAIL_SERVER=smtp_server.host, MAIL_PORT=str(smtp_server.port))
    worker = subprocess.run([*flask, "jobs", "worker", "--burst"], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert worker.returncode == 0, worker.stderr
    assert queued(app) == 0
    (message,) = smtp_server.to("alice@example.org")
    assert client.get(link_path(message, "/reset-password/")).status_code == 200
