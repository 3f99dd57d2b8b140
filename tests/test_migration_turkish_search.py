"""Migrations 0022 and 0025 on PostgreSQL with a Turkish document in the index: 0022 moves it to werkstadt_tr,
0025 stems it before folding (`formları` -> `form`), and each step down gives the earlier vectors back."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from app import create_app
from app.extensions import db
from config import TestingConfig
from test_migrations import postgresql_scratch  # noqa: F401 (the fixture: a schema of its own, PostgreSQL only)


@pytest.fixture
def postgres_app(postgresql_scratch):  # noqa: F811
    app = create_app(TestingConfig, **postgresql_scratch)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def lexemes() -> tuple[str, set[str]]:
    with db.engine.connect() as connection:
        config, vector = connection.execute(text(
            "SELECT config, CAST(tsv AS text) FROM search_document WHERE object_id = 1")).one()
    return config, {part.split(":")[0].strip("'") for part in vector.split(" ") if ":" in part}


def test_a_turkish_document_moves_to_its_configuration_and_is_stemmed_before_folding(postgres_app):
    upgrade(revision="0021_username_folding")
    with db.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO search_document (kind, object_id, title, body, language, config, created_at, hidden, tsv,"
            " title_tsv) VALUES ('idea', 1, 'Belediyenin formları', 'Formlar Türkçe olsun.', 'tr',"
            " 'werkstadt_simple', :made, false,"
            " to_tsvector('werkstadt_simple', 'Belediyenin formları Formlar Türkçe olsun.'),"
            " to_tsvector('werkstadt_simple', 'Belediyenin formları'))"),
            {"made": datetime(2026, 12, 1, tzinfo=timezone.utc)})

    upgrade(revision="0022_search_languages")
    config, folded_first = lexemes()
    assert config == "werkstadt_tr" and "formlari" in folded_first  # folded, then the stemmer missed the ending

    upgrade(revision="0025_turkish_stemming")
    config, stemmed_first = lexemes()
    assert config == "werkstadt_tr" and "form" in stemmed_first and "formlari" not in stemmed_first
    assert "belediye" in stemmed_first and "turkc" in {word[:5] for word in stemmed_first}

    downgrade(revision="0024_plain_summaries")
    assert lexemes() == ("werkstadt_tr", folded_first)
    downgrade(revision="0021_username_folding")
    assert lexemes()[0] == "werkstadt_simple"
    upgrade()
