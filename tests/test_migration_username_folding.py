"""Migration 0021: usernames' keys fold the Turkish i and Arabic spellings, on SQLite and PostgreSQL, up and
down with existing accounts."""
from __future__ import annotations

from datetime import datetime, timezone

from flask_migrate import downgrade, upgrade
from sqlalchemy import insert, text

from app.extensions import db
from test_migrations import postgresql_scratch, scratch_app, sqlite_scratch  # noqa: F401 (fixtures)

NAMES = ("İlker", "ılker", "أَحْمَد", "احمد", "nina", "straße")


def keys() -> dict[str, str]:
    with db.engine.connect() as connection:
        return dict(connection.execute(text('SELECT username, username_key FROM "user"')).all())


def test_0021_folds_the_turkish_i_and_arabic_spellings_and_reports_new_clashes(scratch_app, capsys):
    from app.users.models import User

    made = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
    upgrade(revision="0020_data_exports")
    with db.engine.begin() as connection:
        ids = [connection.execute(insert(User.__table__).values(
            username=name, username_key=name.casefold(), display_name=name, email=f"user{number}@example.org",
            password_hash="x", locale="tr", session_token=f"token-{number}", created_at=made,
            updated_at=made)).inserted_primary_key[0] for number, name in enumerate(NAMES)]

    capsys.readouterr()
    upgrade(revision="0021_username_folding")
    reported = capsys.readouterr().err

    assert keys() == {"İlker": "ilker", "ılker": f"ilker#{ids[1]}", "أَحْمَد": "احمد", "احمد": f"احمد#{ids[3]}",
                      "nina": "nina", "straße": "strasse"}
    assert "'ılker'" in reported and "'İlker'" in reported and "same name" in reported
    assert "'nina'" not in reported

    downgrade(revision="0020_data_exports")
    assert keys() == {"İlker": "i̇lker", "ılker": "ılker", "أَحْمَد": "أَحْمَد", "احمد": "احمد", "nina": "nina",
                      "straße": "strasse"}
    upgrade()
