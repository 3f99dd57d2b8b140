"""Shared fixtures: `app`, `db`, `client`, `auth`, a real SMTP server, and a SQL statement counter.

Under pytest-xdist (`-n 2`) every worker has a database of its own: SQLite a file in the worker's temporary
directory, PostgreSQL `<TEST_DATABASE_URL's database>_<worker>` (created when missing), Redis the database number of
REDIS_TEST_URL less the worker's number.
"""
from __future__ import annotations

import contextlib
import email
import email.policy
import gc
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator

import jinja2
import jinja2.bccache
import pytest
from remote_resources import resource_urls
from snapshots import loaded_once
from aiosmtpd.controller import Controller
from flask.globals import _cv_app
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, event, make_url, text
from sqlalchemy.engine import Engine
from werkzeug.routing.rules import Rule

from app import create_app
from app.extensions import db as _db
from config import TestingConfig, database_url
from dataset_spec import write_small_spec

PASSWORD = "correct horse battery"


def _compile_url_builders_once_per_process() -> None:
    """Every test makes a fresh app, and werkzeug compiles two URL builders (Python source, `compile()`) for each
    of its routes: most of the CPU that create_app takes. A builder's code depends only on its rule's parts,
    defaults and converters, and takes the rule itself as its first argument, so the process compiles each one
    once, the first time a test builds such a URL, and every later app reuses it."""
    compile_builder = getattr(Rule, "_compile_builder", None)
    if compile_builder is None:  # another werkzeug: leave it as it is
        return
    compiled: dict[tuple, Callable] = {}

    def once_per_process(rule: Rule, append_unknown: bool = True):
        function = None

        def build(self, *args, **kwargs):
            nonlocal function
            if function is None:
                key = (rule.rule, repr(rule._trace), repr(sorted((rule.defaults or {}).items())), append_unknown,
                       tuple((name, type(converter), repr({k: v for k, v in vars(converter).items() if k != "map"}))
                             for name, converter in rule._converters.items()))
                function = compiled.get(key) or compiled.setdefault(key, compile_builder(rule, append_unknown))
            return function(self, *args, **kwargs)

        return build

    Rule._compile_builder = once_per_process


_compile_url_builders_once_per_process()


class _SharedTemplateCode(jinja2.BytecodeCache):
    """Compiled templates kept for the whole session: every test makes a fresh app with a fresh Jinja environment,
    which would lex, parse and compile each template it renders again (a fifth of a view test's CPU). Jinja checks
    the source's checksum before it reuses code, and every test app has the same environment settings."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CODE = _SharedTemplateCode()


@event.listens_for(Engine, "connect")
def _sqlite_without_waiting_for_the_disk(dbapi_connection, connection_record) -> None:
    """A test database need not survive a crash: SQLite commits stop waiting for fsync (PostgreSQL's
    `synchronous_commit = off` below is the same choice); 3 ms less for every one of some 50,000 commits."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.close()

WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1", ... under pytest-xdist, else ""


def pytest_configure(config) -> None:
    """Each xdist worker its own Redis database: REDIS_TEST_URL's number less the worker's (gw1 of /15 uses /14).

    The garbage collector leaves the objects of the imports alone and runs less often: a test makes and drops many
    short-lived objects (an app, requests, ORM rows), and the default thresholds spent a tenth of the suite's CPU
    going over them again and again (tests/forums and tests/app/moderation: 70 s against 64 s).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)
    redis_url = os.environ.get("REDIS_TEST_URL")
    if WORKER and redis_url:
        base, _, number = redis_url.rpartition("/")
        if number.isdigit():
            os.environ["REDIS_TEST_URL"] = f"{base}/{max(int(number) - int(WORKER.removeprefix('gw')), 0)}"


def _worker_database(uri: str) -> str:
    """This xdist worker's own PostgreSQL database, `<name>_<worker>`, created through `postgres` when missing."""
    url = make_url(uri)
    if not WORKER or not url.drivername.startswith("postgresql"):
        return uri
    name = f"{url.database}_{WORKER}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name})
            if exists.scalar() is None:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_uri(tmp_path_factory) -> str:
    """The test database, emptied and migrated once per session with the real Alembic history."""
    uri = database_url(os.environ.get("TEST_DATABASE_URL")) or f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    uri = _worker_database(uri)
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=uri)
    with app.app_context():
        with _db.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
                # A test database need not survive a crash: commits stop waiting for the disk (3x faster).
                name = connection.dialect.identifier_preparer.quote(make_url(uri).database)
                connection.execute(text(f"ALTER DATABASE {name} SET synchronous_commit = off"))
        upgrade()
        _db.engine.dispose()
    return uri


@pytest.fixture(scope="session")
def small_spec(tmp_path_factory) -> str:
    """The path of a small benchmark data-set spec (tests/dataset_spec.py), for `flask bench load-dataset --spec`."""
    return str(write_small_spec(tmp_path_factory.mktemp("spec")))


VNU_JAR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "node_modules", "vnu-jar",
                       "build", "dist", "vnu.jar")


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    """The command that runs the Nu Html Checker; skipped without java or vnu.jar (failed under CI's flag)."""
    java = shutil.which("java")
    problem = None if java else "java is not installed (apt-get install -y default-jre-headless)"
    if not problem and not os.path.isfile(VNU_JAR):
        problem = f"vnu.jar missing at {VNU_JAR} (run `npm ci`)"
    if problem:
        if os.environ.get("WERKSTADT_REQUIRE_BROWSER", "").strip() == "1":
            pytest.fail(problem + "; WERKSTADT_REQUIRE_BROWSER=1 forbids skipping", pytrace=False)
        pytest.skip(problem)
    # A short run: the quick JIT (C1) and the serial collector take half the CPU of the default JVM, which would
    # compile and collect on every core for a checker that runs a few seconds; the checker wants a 512k stack.
    return [java, "-Xss2m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", VNU_JAR, "--format", "json",
            "--stdout"]


@pytest.fixture
def app_overrides() -> dict:
    """Configuration a test module wants on top of TestingConfig (override the fixture to change it)."""
    return {}


class IsolatedClient(FlaskClient):
    """A test client whose every request gets its own app context, as in production.

    Without this, a request made while the test holds an app context (the `db` fixture) would reuse it,
    and `g` (Flask-Login's user, Flask-Babel's locale) and the database session would leak between requests.
    It also closes each response before handing it over, as a WSGI server does once it has sent one, so the
    background jobs a request enqueued (app.jobs) have run; set `close_responses = False` to see them wait.
    """

    close_responses = True

    def open(self, *args, **kwargs):
        token = _cv_app.set(None)
        try:
            response = super().open(*args, **kwargs)
            if self.close_responses:
                response.make_sequence()
                response.close()
            return response
        finally:
            _cv_app.reset(token)


_SHARED_ENGINES: dict[tuple[str, str], Engine] = {}


def _share_the_engine(app, database_uri: str) -> None:
    """Every test app on the session's database uses one engine per process, so SQLAlchemy compiles each statement
    once per process instead of once per test (its compiled cache lives on the engine: a sixth of the suite's CPU).

    Only for the session's database with the usual engine options; a test that brings its own database or options
    (migrations, races) keeps the engine its app made.
    """
    if app.config["SQLALCHEMY_DATABASE_URI"] != database_uri:
        return
    engines = _db._app_engines[app]
    key = (database_uri, repr(sorted(app.config["SQLALCHEMY_ENGINE_OPTIONS"].items())))
    shared = _SHARED_ENGINES.setdefault(key, engines[None])
    if shared is not engines[None]:
        engines[None].dispose()
        engines[None] = shared


@pytest.fixture
def app(database_uri, app_overrides):
    """A fresh app on the migrated test database; every table is emptied afterwards."""
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=database_uri, **app_overrides)
    app.test_client_class = IsolatedClient
    app.jinja_env.bytecode_cache = TEMPLATE_CODE
    _share_the_engine(app, database_uri)
    yield app
    with app.app_context():
        _db.session.remove()
        _empty_tables()
        _db.engine.dispose()


def _empty_tables() -> None:
    """Every table empty and every id counting from its start again, as a new test expects.

    One query finds the tables with rows, and only those are emptied, children first (a test fills a few of the
    tables; a TRUNCATE of all of them costs PostgreSQL new files for each table and index, tenths of a second).
    On PostgreSQL the sequences a test used start again (SQLite reuses the ids of an empty table by itself).
    """
    tables = list(reversed(_db.metadata.sorted_tables))
    with _db.engine.begin() as connection:
        quote = connection.dialect.identifier_preparer.quote
        found = " UNION ALL ".join(
            f"SELECT '{t.name}' WHERE EXISTS (SELECT 1 FROM {quote(t.name)})" for t in tables)
        filled = set(connection.execute(text(found)).scalars())
        for table in tables:
            if table.name in filled:
                _empty(connection, table)
        if connection.dialect.name == "postgresql":
            connection.execute(text(
                "SELECT setval(format('%I.%I', schemaname, sequencename), start_value, false) FROM pg_sequences"
                " WHERE schemaname = current_schema() AND last_value IS NOT NULL"))


APPEND_ONLY = {"audit_entry"}  # triggers refuse DELETE (migration 0011); a test's rows go all the same


def _empty(connection, table) -> None:
    if table.name not in APPEND_ONLY:
        connection.execute(table.delete())
    elif connection.dialect.name == "postgresql":
        connection.execute(text(f"TRUNCATE {table.name}"))  # row triggers do not fire on TRUNCATE
    else:
        triggers = connection.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :table"),
            {"table": table.name}).all()
        for name, _ in triggers:
            connection.execute(text(f"DROP TRIGGER {name}"))
        connection.execute(table.delete())
        for _, sql in triggers:
            connection.execute(text(sql))


@pytest.fixture
def db(app):
    """The database handle, inside an app context for the length of the test."""
    with app.app_context():
        yield _db


@pytest.fixture
def client(app):
    return app.test_client()


class AuthActions:
    """Log in and out through the real forms, as the flaskr tutorial does."""

    def __init__(self, client):
        self._client = client

    def login(self, login: str = "alice", password: str = PASSWORD, remember: bool = False):
        data = {"login": login, "password": password}
        if remember:
            data["remember"] = "y"
        return self._client.post("/login", data=data)

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)


# --- a real SMTP server on 127.0.0.1 with a port the OS picks -------------------------------------

class _Inbox:
    """Messages the test SMTP server accepted, parsed with the modern e-mail policy."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.host = "127.0.0.1"
        self.port = 0

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if address in m["To"]]

    def resources(self) -> list[tuple[str, str]]:
        """(subject, URL) of anything an e-mail's HTML would make the reader's mail program fetch: there must be
        none, from any host (a picture from our own server would tell it who read the mail, and when)."""
        return [(message["Subject"], url) for message in self.messages for part in message.walk()
                if part.get_content_type() == "text/html" for url in resource_urls(part.get_content())]

    def wait_for(self, address: str, count: int = 1, timeout: float = 15.0) -> list[email.message.EmailMessage]:
        """The messages to `address` once `count` have arrived, for a server in another thread (a live server
        sends its background jobs' e-mails after the response); fails after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while len(self.to(address)) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        messages = self.to(address)
        assert len(messages) >= count, f"{len(messages)} of {count} e-mail(s) to {address} within {timeout} s"
        return messages


class _EphemeralController(Controller):
    def _trigger_server(self):  # learn the port the OS picked before the readiness probe connects
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@pytest.fixture
def smtp_server(app) -> Iterator[_Inbox]:
    """A real aiosmtpd server; the app is configured to deliver to it."""
    inbox = _Inbox()
    controller = _EphemeralController(inbox, hostname="127.0.0.1", port=0)
    controller.start()
    inbox.port = controller.port
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port)
    yield inbox
    controller.stop()
    assert inbox.resources() == [], "an e-mail would make its reader's mail program fetch something"


# --- the demo, loaded once per process ---------------------------------------------------------

@pytest.fixture
def demo_loaded(app, db) -> str:
    """The demo in the database, as after one `flask demo load` on an empty one; returns what the load printed.

    Loading it runs every use case behind it (seconds on PostgreSQL), so each test process loads it once and
    copies its rows back for the next test that asks (tests/snapshots.py)."""

    def load() -> str:
        result = app.test_cli_runner().invoke(args=["demo", "load"])
        assert result.exit_code == 0, result.output
        return result.output

    return loaded_once(("demo",), load)


# --- counting SQL statements -------------------------------------------------------------------

class QueryCounter:
    def __init__(self) -> None:
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app):
    """`with count_queries() as counter:` records every SQL statement the app sends."""

    @contextlib.contextmanager
    def counting():
        counter = QueryCounter()
        with app.app_context():
            engine = _db.engine

        def before(conn, cursor, statement, parameters, context, executemany):
            counter.statements.append(statement)

        event.listen(engine, "before_cursor_execute", before)
        try:
            yield counter
        finally:
            event.remove(engine, "before_cursor_execute", before)

    return counting
