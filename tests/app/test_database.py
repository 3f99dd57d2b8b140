"""Database rules hold on SQLite as on PostgreSQL: foreign keys are enforced and ON DELETE rules run."""
import pytest
from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from app.pages.models import Page
from app.pages.services import save_page
from app.users.models import User, UserRole
from factories import make_user


def test_a_row_pointing_at_a_missing_user_is_refused(db):
    with pytest.raises(IntegrityError):
        db.session.execute(insert(UserRole).values(user_id=999_999, role="member"))
        db.session.commit()
    db.session.rollback()


def test_deleting_a_user_runs_the_on_delete_rules(db):
    editor = make_user("editor")
    save_page("imprint", "de", title="Impressum", body_md="Text", editor=editor)
    db.session.execute(delete(User).where(User.id == editor.id))  # plain SQL: only the database acts
    db.session.commit()
    assert db.session.execute(select(UserRole).where(UserRole.user_id == editor.id)).first() is None
    page = db.session.execute(select(Page).where(Page.slug == "imprint")).scalar_one()
    db.session.refresh(page)
    assert page.updated_by_id is None


def test_a_sqlite_file_is_written_ahead_and_a_commit_does_not_wait_for_the_disk(tmp_path):
    """WAL and synchronous=NORMAL on every new connection to a database file; a memory database keeps its journal.
    (Called on plain connections: the suite's own listener turns synchronous off for every engine it makes.)"""
    import sqlite3

    from app.extensions import _configure_sqlite

    on_file, in_memory = sqlite3.connect(tmp_path / "app.db"), sqlite3.connect(":memory:")
    for connection in (on_file, in_memory):
        _configure_sqlite(connection, None)
    assert on_file.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert on_file.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL
    assert in_memory.execute("PRAGMA journal_mode").fetchone() == ("memory",)
    assert [c.execute("PRAGMA foreign_keys").fetchone() for c in (on_file, in_memory)] == [(1,), (1,)]
    on_file.close()
    in_memory.close()
