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
    """WAL and synchronous=NORMAL on every connection to a database file; a memory database keeps its journal."""
    from sqlalchemy import create_engine, text

    on_file = create_engine(f"sqlite:///{tmp_path / 'app.db'}")
    in_memory = create_engine("sqlite://")
    with on_file.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    with in_memory.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "memory"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    on_file.dispose()
    in_memory.dispose()
