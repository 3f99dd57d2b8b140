"""The Alembic history: one line, matching the models, and reversible on SQLite and PostgreSQL."""
from __future__ import annotations

import os
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, insert, inspect, select, text

from app import create_app
from app.extensions import db
from config import TestingConfig, database_url

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
POSTGRES_URL = database_url(os.environ.get("TEST_DATABASE_URL"))


def schema_differences(connection) -> list:
    """What `flask db migrate` would write for this database: empty when the models and migrations agree."""
    context = MigrationContext.configure(connection, opts={"compare_type": True, "compare_server_default": True})
    return compare_metadata(context, db.metadata)


def model_tables() -> set[str]:
    return set(db.metadata.tables)


# --- the shared test database -----------------------------------------------------------------------

def test_models_and_migrations_agree_on_the_test_database(app):
    with app.app_context(), db.engine.connect() as connection:
        assert schema_differences(connection) == []
        assert model_tables() <= set(inspect(connection).get_table_names())


# --- the history ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def history() -> ScriptDirectory:
    return ScriptDirectory(str(MIGRATIONS))


def test_history_has_one_head_and_one_base(history):
    assert len(history.get_heads()) == 1, history.get_heads()
    assert len(history.get_bases()) == 1, history.get_bases()


def test_history_is_a_single_line(history):
    revisions = list(history.walk_revisions())  # from head down to base
    assert all(isinstance(r.down_revision, str | None) for r in revisions), "a merge revision"
    assert [r.down_revision for r in revisions[:-1]] == [r.revision for r in revisions[1:]]
    assert revisions[-1].down_revision is None
    files = [p for p in (MIGRATIONS / "versions").glob("*.py")]
    assert len(files) == len(revisions), "a file in versions/ that is not part of the history"


# --- down to nothing and up again, on a database of its own ----------------------------------------

@pytest.fixture
def sqlite_scratch(tmp_path) -> dict:
    return {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'migrations.db'}"}


@pytest.fixture
def postgresql_scratch(database_uri) -> dict:
    """A schema of its own in the PostgreSQL test database, so the shared `public` schema is not touched."""
    if not (POSTGRES_URL or "").startswith("postgresql"):
        pytest.skip("TEST_DATABASE_URL does not name a PostgreSQL database")
    schema = f"migration_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(database_uri)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield {
        "SQLALCHEMY_DATABASE_URI": database_uri,
        "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"options": f"-csearch_path={schema}"}},
    }
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def scratch_app(request):
    overrides = request.getfixturevalue(f"{request.param}_scratch")
    app = create_app(TestingConfig, **overrides)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def tables_now() -> set[str]:
    with db.engine.connect() as connection:
        return set(inspect(connection).get_table_names()) - {"alembic_version"}


def current_revision() -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def test_full_downgrade_and_upgrade(scratch_app, history):
    head = history.get_current_head()
    assert tables_now() == set()

    upgrade()
    assert current_revision() == head
    assert tables_now() == model_tables()

    downgrade(revision="base")
    assert current_revision() is None
    assert tables_now() == set()

    upgrade()
    assert current_revision() == head
    assert tables_now() == model_tables()
    with db.engine.connect() as connection:
        assert schema_differences(connection) == []


def test_each_step_down_and_up_again(scratch_app, history):
    """Every revision's downgrade undoes exactly its upgrade, one step at a time from the head."""
    upgrade()
    steps = [r.revision for r in history.walk_revisions()]
    for revision in steps:
        assert current_revision() == revision
        before = tables_now()
        downgrade(revision="-1")
        upgrade(revision="+1")
        assert tables_now() == before
        downgrade(revision="-1")
    assert current_revision() is None
    assert tables_now() == set()


def test_0008_gives_existing_categories_subjects_and_takes_them_back(scratch_app):
    """Categories made before 0008 get a Subject each (created when they were); down again, the Subjects and what
    follows them go, and the categories, their threads and ideas stay."""
    from app.models import Subject
    from app.notifications.models import Follow
    from app.users.models import User
    from forums.models import ForumCategory, Thread
    from ideas.models import Idea, IdeaCategory

    made = datetime(2025, 3, 1, 12, 30, tzinfo=timezone.utc)
    upgrade(revision="0007_notifications")
    with db.engine.begin() as connection:
        category_ids = [connection.execute(insert(ForumCategory.__table__).values(
            slug=slug, names={"de": slug}, descriptions={}, created_at=made)).inserted_primary_key[0]
            for slug in ("talk", "help")]
        idea_category_id = connection.execute(insert(IdeaCategory.__table__).values(
            slug="city", names={"de": "Stadt"}, descriptions={}, created_at=made)).inserted_primary_key[0]
        thread_subject, idea_subject = (connection.execute(insert(Subject.__table__).values(
            kind=kind, created_at=made)).inserted_primary_key[0] for kind in ("thread", "idea"))
        connection.execute(insert(Thread.__table__).values(
            category_id=category_ids[0], subject_id=thread_subject, title="Hello", slug="hello"))
        connection.execute(insert(Idea.__table__).values(
            category_id=idea_category_id, subject_id=idea_subject, title="An idea", body_md="Text",
            body_html="<p>Text</p>", language="de", status="new"))
        user_id = connection.execute(insert(User.__table__).values(
            username="ada", display_name="Ada", email="ada@example.org", password_hash="x", locale="de",
            session_token="token")).inserted_primary_key[0]

    upgrade(revision="0008_category_subjects")
    with db.engine.begin() as connection:
        owned = connection.execute(
            select(ForumCategory.__table__.c.subject_id, Subject.__table__.c.kind, Subject.__table__.c.created_at)
            .join(Subject.__table__, Subject.__table__.c.id == ForumCategory.__table__.c.subject_id)
            .union_all(select(IdeaCategory.__table__.c.subject_id, Subject.__table__.c.kind,
                              Subject.__table__.c.created_at)
                       .join(Subject.__table__, Subject.__table__.c.id == IdeaCategory.__table__.c.subject_id))
        ).all()
        assert sorted(kind for _, kind, _ in owned) == ["forum_category", "forum_category", "idea_category"]
        assert len({subject_id for subject_id, _, _ in owned}) == 3
        assert {created for _, _, created in owned} == {made}
        connection.execute(insert(Follow.__table__).values(user_id=user_id, subject_id=owned[0][0], created_at=made))

    downgrade(revision="0007_notifications")
    with db.engine.connect() as connection:
        kinds = connection.execute(text("SELECT kind FROM subject ORDER BY kind")).scalars().all()
        assert kinds == ["idea", "thread"]
        assert connection.execute(text("SELECT COUNT(*) FROM follow")).scalar_one() == 0
        for table, count in (("forum_category", 2), ("idea_category", 1), ("thread", 1), ("idea", 1)):
            assert connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one() == count, table

    upgrade()
    with db.engine.connect() as connection:
        assert connection.execute(text(
            "SELECT COUNT(*) FROM subject WHERE kind IN ('forum_category', 'idea_category')")).scalar_one() == 3


def test_0010_moves_the_solution_link_of_a_history_step_into_a_reference_and_back(scratch_app):
    """A step written before 0010 ends in "[title](/solutions/<id>)": up, the text loses the link and the step keeps
    the solution's Subject; down, the link is written back into the Markdown and the HTML."""
    from app.models import Subject
    from app.users.models import User
    from ideas.models import Idea, IdeaCategory, IdeaStatusChange
    from ideas.solutions.models import Solution

    made = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)
    title = "Online <b>appointments</b> & more"
    old_md = f"We build it.\n\n[{title}](/solutions/1)"
    old_html = ('<p>We build it.</p>\n<p><a href="/solutions/1" rel="nofollow ugc noopener">'
                'Online &lt;b&gt;appointments&lt;/b&gt; &amp; more</a></p>\n')
    upgrade(revision="0009_solutions")
    with db.engine.begin() as connection:
        user_id = connection.execute(insert(User.__table__).values(
            username="clara", display_name="Clara", email="clara@example.org", password_hash="x", locale="de",
            session_token="token")).inserted_primary_key[0]
        category_subject, idea_subject, solution_subject = (connection.execute(insert(Subject.__table__).values(
            kind=kind, created_at=made)).inserted_primary_key[0] for kind in ("idea_category", "idea", "solution"))
        category_id = connection.execute(insert(IdeaCategory.__table__).values(
            slug="city", names={"de": "Stadt"}, descriptions={}, created_at=made,
            subject_id=category_subject)).inserted_primary_key[0]
        idea_id = connection.execute(insert(Idea.__table__).values(
            category_id=category_id, subject_id=idea_subject, title="Book online", body_md="Text",
            body_html="<p>Text</p>", language="de", status="in_development")).inserted_primary_key[0]
        connection.execute(insert(Solution.__table__).values(
            id=1, subject_id=solution_subject, title=title, summary="s", description_md="d",
            description_html="<p>d</p>", language="de", status="planned", created_at=made, updated_at=made))
        steps = {text_md: connection.execute(insert(IdeaStatusChange.__table__).values(
            idea_id=idea_id, actor_id=user_id, from_status=from_status, to_status=to_status,
            explanation_md=text_md, explanation_html=text_html, created_at=made)).inserted_primary_key[0]
            for text_md, text_html, from_status, to_status in (
                (old_md, old_html, "accepted", "in_development"),
                ("We like it.", "<p>We like it.</p>\n", "new", "accepted"))}

    def step(step_id: int):
        table = IdeaStatusChange.__table__
        with db.engine.connect() as connection:
            return connection.execute(select(table.c.explanation_md, table.c.explanation_html,
                                             table.c.reference_subject_id).where(table.c.id == step_id)).one()

    upgrade(revision="0010_status_change_reference")
    assert tuple(step(steps[old_md])) == ("We build it.", "<p>We build it.</p>", solution_subject)
    assert tuple(step(steps["We like it."])) == ("We like it.", "<p>We like it.</p>\n", None)

    downgrade(revision="0009_solutions")
    with db.engine.connect() as connection:
        source, html = connection.execute(text(
            f"SELECT explanation_md, explanation_html FROM idea_status_change WHERE id = {steps[old_md]}")).one()
        untouched = connection.execute(text(
            f"SELECT explanation_md FROM idea_status_change WHERE id = {steps['We like it.']}")).scalar_one()
    assert source == old_md
    assert html == ('<p>We build it.</p>\n<p><a href="/solutions/1">'
                    'Online &lt;b&gt;appointments&lt;/b&gt; &amp; more</a></p>')
    assert untouched == "We like it."
    upgrade()


def test_0011_keeps_existing_subjects_shown_and_gives_pages_their_first_revision(scratch_app):
    """Up, every Subject is shown and every page's text becomes its revision 1 (by its editor, when it was saved);
    the audit log refuses changes. Down, the revisions go and the pages and Subjects stay as they were."""
    from app.models import Subject
    from app.users.models import User

    saved = datetime(2026, 10, 1, 8, 0, tzinfo=timezone.utc)
    upgrade(revision="0010_status_change_reference")
    with db.engine.begin() as connection:
        editor = connection.execute(insert(User.__table__).values(
            username="ada", display_name="Ada", email="ada@example.org", password_hash="x", locale="de",
            session_token="token")).inserted_primary_key[0]
        subject = connection.execute(insert(Subject.__table__).values(kind="idea", created_at=saved)
                                     ).inserted_primary_key[0]
        connection.execute(text(
            "INSERT INTO page (slug, locale, title, body_md, updated_by_id, created_at, updated_at) "
            "VALUES ('privacy', 'de', 'Datenschutz', 'Wir speichern wenig.', :editor, :saved, :saved)"),
            {"editor": editor, "saved": saved})
        page = connection.execute(text("SELECT id FROM page WHERE slug = 'privacy'")).scalar_one()

    upgrade(revision="0011_moderation")
    with db.engine.begin() as connection:
        assert connection.execute(text(f"SELECT hidden_reason, hidden_automatically FROM subject WHERE id = {subject}")
                                  ).one() == (None, False)
        revision = connection.execute(text(
            "SELECT page_id, version, title, body_md, editor_id, created_at FROM page_revision")).one()
        assert revision[:5] == (page, 1, "Datenschutz", "Wir speichern wenig.", editor)
        assert connection.execute(text(f"SELECT version FROM page WHERE id = {page}")).scalar_one() == 1
        connection.execute(text("INSERT INTO audit_entry (actor_name, action, object_kind, reason, before, after, "
                                "refused, created_at) VALUES ('ada', 'page.save', 'page', '', '{}', '{}', false, "
                                ":saved)"), {"saved": saved})
    with pytest.raises(Exception, match="append-only"), db.engine.begin() as connection:
        connection.execute(text("UPDATE audit_entry SET reason = 'rewritten'"))

    downgrade(revision="0010_status_change_reference")
    assert "page_revision" not in tables_now() and "audit_entry" not in tables_now()
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT title FROM page")).scalar_one() == "Datenschutz"
        assert connection.execute(text("SELECT count(*) FROM subject")).scalar_one() == 1
    upgrade()


def test_0013_makes_existing_accounts_members_and_keeps_categories_and_votes(scratch_app):
    """Up, every account that existed is a member (trust level 1, not locked), no category is pre-moderated, and
    every support still counts (none set aside); down again, accounts, categories and votes stay as they were."""
    from app.models import Subject
    from app.users.models import User
    from forums.models import ForumCategory
    from ideas.models import Idea, IdeaCategory

    made = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
    upgrade(revision="0012_mod_reports")
    with db.engine.begin() as connection:
        users = [connection.execute(insert(User.__table__).values(
            username=name, display_name=name.title(), email=f"{name}@example.org", password_hash="x", locale="de",
            session_token=f"token-{name}", created_at=made, updated_at=made)).inserted_primary_key[0]
            for name in ("ada", "ben", "cem")]
        forum_subject, category_subject, idea_subject = (connection.execute(insert(Subject.__table__).values(
            kind=kind, created_at=made)).inserted_primary_key[0] for kind in ("forum_category", "idea_category",
                                                                               "idea"))
        connection.execute(insert(ForumCategory.__table__).values(
            slug="talk", names={"de": "Reden"}, descriptions={}, created_at=made, subject_id=forum_subject))
        category = connection.execute(insert(IdeaCategory.__table__).values(
            slug="city", names={"de": "Stadt"}, descriptions={}, created_at=made, subject_id=category_subject)
        ).inserted_primary_key[0]
        connection.execute(insert(Idea.__table__).values(
            category_id=category, subject_id=idea_subject, title="An idea", body_md="Text", body_html="<p>Text</p>",
            language="de", status="new", author_id=users[0], support_count=2))
        for voter in users[1:]:
            connection.execute(text("INSERT INTO vote (subject_id, voter_id, created_at) VALUES (:s, :v, :at)"),
                               {"s": idea_subject, "v": voter, "at": made})

    upgrade(revision="0013_trust")
    with db.engine.connect() as connection:
        assert connection.execute(text(
            'SELECT trust_level, trust_locked, trust_changed_at FROM "user" ORDER BY id')).all() == [(1, False, None)] * 3
        for table in ("forum_category", "idea_category"):
            assert connection.execute(text(f"SELECT premoderated FROM {table}")).scalars().all() == [False]
        assert connection.execute(text("SELECT COUNT(*) FROM vote WHERE set_aside_at IS NULL")).scalar_one() == 2
        assert connection.execute(text("SELECT support_count FROM idea")).scalar_one() == 2
        assert connection.execute(text("SELECT COUNT(*) FROM setting")).scalar_one() == 0

    downgrade(revision="0012_mod_reports")
    assert not {"setting", "watched_word", "support_trace"} & tables_now()
    with db.engine.connect() as connection:
        assert connection.execute(text('SELECT username FROM "user" ORDER BY id')).scalars().all() == ["ada", "ben",
                                                                                                      "cem"]
        assert "trust_level" not in {c["name"] for c in inspect(connection).get_columns("user")}
        for table in ("forum_category", "idea_category", "idea"):
            assert connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one() == 1, table
        assert connection.execute(text("SELECT COUNT(*) FROM vote")).scalar_one() == 2
        assert connection.execute(text("SELECT support_count FROM idea")).scalar_one() == 2
    upgrade()


def test_0015_gives_threads_their_language_and_takes_it_back(scratch_app):
    """Up, a discussion of an idea or a solution takes its language and every other thread the site's (German);
    down again, the threads stay as they were, without the column."""
    from app.models import Subject
    from forums.models import ForumCategory, Thread
    from ideas.models import Idea, IdeaCategory
    from ideas.solutions.models import Solution

    made = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
    upgrade(revision="0014_search")
    with db.engine.begin() as connection:
        def subject(kind: str) -> int:
            return connection.execute(insert(Subject.__table__).values(kind=kind, created_at=made)
                                      ).inserted_primary_key[0]

        forum = connection.execute(insert(ForumCategory.__table__).values(
            slug="talk", names={"de": "Reden"}, descriptions={}, created_at=made, subject_id=subject("forum_category"))
        ).inserted_primary_key[0]
        category = connection.execute(insert(IdeaCategory.__table__).values(
            slug="city", names={"de": "Stadt"}, descriptions={}, created_at=made, subject_id=subject("idea_category"))
        ).inserted_primary_key[0]
        idea, solution = subject("idea"), subject("solution")
        connection.execute(insert(Idea.__table__).values(
            category_id=category, subject_id=idea, title="An idea", body_md="Text", body_html="<p>Text</p>",
            language="en", status="new"))
        connection.execute(insert(Solution.__table__).values(
            subject_id=solution, title="A solution", summary="s", description_md="d", description_html="<p>d</p>",
            language="en", status="planned", created_at=made, updated_at=made))
        for title, place in (("Plain", {"category_id": forum}), ("About the idea", {"about_subject_id": idea}),
                             ("About the solution", {"about_subject_id": solution})):
            connection.execute(insert(Thread.__table__).values(
                title=title, slug="x", subject_id=subject("thread"), **place))

    upgrade(revision="0015_thread_language")
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT title, language FROM thread ORDER BY id")).all() == [
            ("Plain", "de"), ("About the idea", "en"), ("About the solution", "en")]

    downgrade(revision="0014_search")
    with db.engine.connect() as connection:
        assert "language" not in {c["name"] for c in inspect(connection).get_columns("thread")}
        assert connection.execute(text("SELECT title FROM thread ORDER BY id")).scalars().all() == [
            "Plain", "About the idea", "About the solution"]
    upgrade()


def test_0016_gives_existing_search_documents_word_pairs_and_a_title_vector_and_takes_them_back(scratch_app):
    """Up, an indexed document keeps its words, gains its word pairs and its title's own tsvector (PostgreSQL;
    SQLite only gains the column); down again, the pairs leave and the words stay."""
    made = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
    upgrade(revision="0015_thread_language")
    on_postgres = db.engine.dialect.name == "postgresql"
    vector = ("setweight(to_tsvector('werkstadt_en', 'District city'), 'A')"
              " || setweight(to_tsvector('werkstadt_en', 'New parks'), 'B')") if on_postgres else "'x'"
    with db.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO search_document (kind, object_id, title, body, language, config, tsv, created_at, hidden)"
            f" VALUES ('idea', 1, 'District city', 'New parks', 'en', 'werkstadt_en', {vector}, :made, false)"),
            {"made": made})

    upgrade(revision="0016_search_speed")
    with db.engine.connect() as connection:
        row = connection.execute(text("SELECT CAST(tsv AS text), CAST(title_tsv AS text) FROM search_document"
                                      )).one()
        if on_postgres:
            assert row == ("'citi':2A 'citi new' 'district':1A 'district citi' 'new':3B 'new park' 'park':4B",
                           "'citi':2 'district':1")
            assert connection.execute(text(
                "SELECT count(*) FROM search_document WHERE config = 'werkstadt_en'"
                " AND tsv @@ CAST('''district citi''' AS tsquery)")).scalar_one() == 1
        else:
            assert row == ("x", None)

    downgrade(revision="0015_thread_language")
    with db.engine.connect() as connection:
        assert "title_tsv" not in {c["name"] for c in inspect(connection).get_columns("search_document")}
        tsv = connection.execute(text("SELECT CAST(tsv AS text) FROM search_document")).scalar_one()
        assert tsv == ("'citi':2A 'district':1A 'new':3B 'park':4B" if on_postgres else "x")
    upgrade()


def test_0017_makes_stored_links_without_a_scheme_explicit_https_links(scratch_app):
    """Up, a protocol-relative link in an idea's and a status change's stored HTML becomes an https:// link, the
    rest of the text as it was; down again the texts stay (the links are what the pipeline writes now)."""
    from app.models import Subject
    from ideas.models import Idea, IdeaCategory, IdeaStatusChange

    made = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
    body = '<p>See <a href="//elsewhere.example/x" rel="nofollow ugc noopener">this</a> and <a href="/ideas/2">that</a>.</p>'
    upgrade(revision="0016_search_speed")
    with db.engine.begin() as connection:
        category = connection.execute(insert(IdeaCategory.__table__).values(
            slug="city", names={"de": "Stadt"}, descriptions={}, created_at=made,
            subject_id=connection.execute(insert(Subject.__table__).values(kind="idea_category", created_at=made)
                                          ).inserted_primary_key[0])).inserted_primary_key[0]
        idea = connection.execute(insert(Idea.__table__).values(
            category_id=category, title="An idea", body_md="x", body_html=body, language="en", status="new",
            subject_id=connection.execute(insert(Subject.__table__).values(kind="idea", created_at=made)
                                          ).inserted_primary_key[0])).inserted_primary_key[0]
        connection.execute(insert(IdeaStatusChange.__table__).values(
            idea_id=idea, to_status="new", explanation_md="x", explanation_html=body, created_at=made))

    upgrade(revision="0017_scheme_links")
    expected = body.replace('href="//', 'href="https://')
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT body_html FROM idea")).scalar_one() == expected
        assert connection.execute(text("SELECT explanation_html FROM idea_status_change")).scalar_one() == expected

    downgrade(revision="0016_search_speed")
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT body_html FROM idea")).scalar_one() == expected
    upgrade()


def test_0018_gives_usernames_unique_keys_and_reports_what_it_could_not_settle(scratch_app, capsys):
    """Up, every account gets its username's key; a second account whose name is the same but for case or form
    gets its key with "#<id>" and the upgrade names both, as it names existing usernames the new rules would
    refuse; from then on the database refuses a second account with a taken key. Down again, the keys go."""
    from sqlalchemy.exc import IntegrityError

    from app.users.models import User

    made = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
    upgrade(revision="0017_scheme_links")
    names = ("straße", "nina", "strasse", "12345", "admin", "pаypal")  # the "а" of the last is Cyrillic
    with db.engine.begin() as connection:
        ids = [connection.execute(insert(User.__table__).values(
            username=name, display_name=name, email=f"user{number}@example.org", password_hash="x", locale="de",
            session_token=f"token-{number}", created_at=made, updated_at=made)).inserted_primary_key[0]
            for number, name in enumerate(names)]

    capsys.readouterr()
    upgrade(revision="0018_username_keys")
    reported = capsys.readouterr().err  # where alembic.ini's logging writes, as `flask db upgrade` shows it

    with db.engine.connect() as connection:
        keys = dict(connection.execute(text('SELECT username, username_key FROM "user"')).all())
    assert keys == {"straße": "strasse", "nina": "nina", "strasse": f"strasse#{ids[2]}", "12345": "12345",
                    "admin": "admin", "pаypal": "pаypal"}
    assert "'strasse'" in reported and "'straße'" in reported and "same name" in reported
    assert "'12345'" in reported and "has no letter" in reported
    assert "'admin'" in reported and "word of the site's own" in reported
    assert "'pаypal'" in reported and "mixes alphabets (CYRILLIC, LATIN)" in reported
    assert "'nina'" not in reported
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        connection.execute(insert(User.__table__).values(
            username="Nina", username_key="nina", display_name="N", email="other@example.org", password_hash="x",
            locale="de", session_token="token-x", created_at=made, updated_at=made))

    downgrade(revision="0017_scheme_links")
    with db.engine.connect() as connection:
        assert "username_key" not in {c["name"] for c in inspect(connection).get_columns("user")}
        assert sorted(connection.execute(text('SELECT username FROM "user"')).scalars()) == sorted(names)
    upgrade()
