"""The PostgreSQL backend's ways of staying fast at 100,000 documents (app.search.backends.postgres_query and
postgres_tsquery), each checked for giving the same answers as the slow way would: phrases through word pairs,
counts that stop at COUNT_CAP, relevance in tiers across pages, and rebuilds that leave unchanged rows alone.
Skipped unless TEST_DATABASE_URL names a PostgreSQL database."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from postgres_search import app_overrides, backend, needs_postgres  # noqa: F401 - the fixtures
from app.search.backends.postgres_query import COUNT_CAP
from app.search.backends.postgres_tsquery import MAX_LEXEME_BYTES, paired
from app.search.documents import Document
from app.search.query import MARK_END, MARK_START, SearchRequest, parse

pytestmark = needs_postgres

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


def doc(kind: str, id: int, title: str, body: str = "", language: str = "en", minutes: int = 0) -> Document:
    return Document(kind, id, title, body, language, T0 + timedelta(minutes=minutes))


def index(backend, db, *documents: Document) -> None:
    backend.apply(list(documents), [])
    db.session.commit()


def ids(backend, query: str, **request) -> list[int]:
    return [hit.id for hit in backend.search(SearchRequest(parse(query), **request)).hits]


# --- phrases through word pairs --------------------------------------------------------------------------------

def test_a_phrase_is_asked_through_its_word_pairs():
    assert paired("'district' <-> 'citi'") == "'district citi'"
    assert paired("'new' <-> 'citi' <-> 'hall'") == "'new citi' & 'citi hall' & ( 'new' <-> 'citi' <-> 'hall' )"
    assert paired("'district' <3> 'citi'") == "'district' <3> 'citi'"  # stop words between: positions checked
    assert paired("'a' <2> 'b' <-> 'c'") == "'b c' & ( 'a' <2> 'b' <-> 'c' )"
    assert paired("'it''s' <-> 'a\\\\b'") == "'it''s a\\\\b'"  # quotes and backslashes stay escaped
    assert paired("'a' <-> 'a'") == "'a a'"
    for unchanged in ("'citi'", "'a' & 'b'", "'a':* <-> 'b'", "( 'a' <-> 'b' )", "'a' <->", "<-> 'a'", ""):
        assert paired(unchanged) == unchanged
    long = "x" * (MAX_LEXEME_BYTES - 1)
    assert paired(f"'{long}' <-> 'yy'") == f"'{long}' <-> 'yy'"  # too long a pair for a tsvector: positions


def test_phrases_find_exactly_what_their_words_in_a_row_find(backend, db):
    index(backend, db, doc("post", 1, "District city council"), doc("post", 2, "The city district"),
          doc("post", 3, "A district of the city"), doc("post", 4, "Districts, cities"),
          doc("post", 5, "Kiez", "Stadtteil und Stadt", language="de"), doc("post", 6, "New city hall"),
          doc("post", 7, "A new city", "Fame and glory"))
    assert sorted(ids(backend, '"district city"')) == [1, 4]  # stemmed, in a row, punctuation between is no gap
    assert ids(backend, '"city district"') == [2]
    assert ids(backend, '"district of the city"') == [3]  # stop words between: PostgreSQL checks their gap
    assert ids(backend, '"new city hall"') == [6]
    assert ids(backend, '"city fame"') == [7]  # the title's last word and the body's first, as PostgreSQL reads
    assert ids(backend, '"fame city"') == []
    assert sorted(ids(backend, '"new city"')) == [6, 7]
    assert ids(backend, '"stadtteil und stadt"') == [5]
    assert sorted(ids(backend, 'city -"district city"')) == [2, 3, 6, 7]
    stored = db.session.scalar(text("SELECT CAST(tsv AS text) FROM search_document WHERE object_id = 1"))
    assert "'district citi'" in stored and "'citi council'" in stored


def test_a_phrase_across_title_and_body_matches_as_the_words_in_a_row_do(backend, db):
    index(backend, db, doc("post", 1, "A new city", "Hall of fame"))
    plain = db.session.scalar(text(
        "SELECT tsv @@ CAST('''citi'' <-> ''hall''' AS tsquery) FROM search_document WHERE object_id = 1"))
    assert plain is True and ids(backend, '"city hall"') == [1]


# --- snippets from a window of the body ---------------------------------------------------------------------------

def test_a_long_body_is_highlighted_around_its_first_match(backend, db):
    filler = "Plain words about nothing in particular. " * 80
    index(backend, db, doc("post", 1, "Notes", filler + "The old lantern is broken. " + filler),
          doc("post", 2, "Notes", filler + "Lanterns everywhere."))
    snippets = {hit.id: hit.snippet for hit in backend.search(SearchRequest(parse("lantern"))).hits}
    assert f"{MARK_START}lantern{MARK_END} is broken" in snippets[1] and len(snippets[1]) < 400
    assert f"{MARK_START}Lanterns{MARK_END} everywhere" in snippets[2]


# --- counts that stop ------------------------------------------------------------------------------------------

def test_counting_stops_after_the_cap_and_a_kind_is_counted_on_its_own(backend, db):
    posts = [doc("post", n, "Street", "a lantern", minutes=n) for n in range(1, COUNT_CAP + 4)]
    index(backend, db, *posts, doc("idea", 1, "Lantern", minutes=-1), doc("idea", 2, "Lantern", minutes=-2),
          doc("thread", 1, "Lantern lights"))
    every = backend.search(SearchRequest(parse("lantern")))
    assert (every.total, every.more, every.by_kind_exact, len(every.hits)) == (COUNT_CAP, True, False, 20)
    assert [(hit.kind, hit.id) for hit in every.hits[:5]] == [  # the title tier, then the rest, each newest first
        ("thread", 1), ("idea", 1), ("idea", 2), ("post", COUNT_CAP + 3), ("post", COUNT_CAP + 2)]

    ideas = backend.search(SearchRequest(parse("lantern"), kinds=("idea",)))
    assert (ideas.total, ideas.more, ideas.by_kind_exact) == (2, False, False)
    assert [(hit.kind, hit.id) for hit in ideas.hits] == [("idea", 1), ("idea", 2)]

    last = backend.search(SearchRequest(parse("lantern"), sort="newest", page=COUNT_CAP // 20 + 1, per_page=20))
    assert [(hit.kind, hit.id) for hit in last.hits] == [("post", 3), ("post", 2), ("post", 1), ("thread", 1),
                                                         ("idea", 1), ("idea", 2)]  # past the count: all there

    few = backend.search(SearchRequest(parse("lights")))
    assert (few.total, few.more, few.by_kind_exact, few.by_kind) == (1, False, True, {"thread": 1})


# --- relevance in tiers, sorted from few matches or walked for many ------------------------------------------------

@pytest.fixture(params=["sorted", "walked"])
def path(request, monkeypatch) -> str:
    """Both ways to a page: sorted from the matches (the usual cap), and walked (a cap of 3 makes every search
    here one of "many" matches)."""
    if request.param == "walked":
        from app.search.backends import postgres, postgres_query
        monkeypatch.setattr(postgres_query, "COUNT_CAP", 3)
        monkeypatch.setattr(postgres, "COUNT_CAP", 3)
    return request.param


def test_the_title_tier_comes_first_on_every_page_and_each_tier_newest_first(backend, db, path):
    titled = [doc("post", n, "Bench", "old", minutes=n) for n in range(1, 8)]  # older, the word in the title
    bodies = [doc("post", n, "Seat", "a bench here", minutes=n) for n in range(8, 31)]
    index(backend, db, *titled, *bodies)
    pages = [ids(backend, "bench", page=page, per_page=10) for page in (1, 2, 3, 4)]
    assert pages[0] == [7, 6, 5, 4, 3, 2, 1, 30, 29, 28]
    assert pages[1] == list(range(27, 17, -1)) and pages[2] == list(range(17, 7, -1)) and pages[3] == []
    scores = {hit.id: hit.score for hit in backend.search(SearchRequest(parse("bench"), per_page=30)).hits}
    assert scores[1] == scores[7] > scores[8] == scores[30]


def test_several_terms_rank_by_how_many_the_title_has(backend, db, path):
    index(backend, db, doc("post", 1, "Tree", "bench", minutes=3), doc("post", 2, "Tree bench", "", minutes=1),
          doc("post", 3, "Park", "tree bench", minutes=4), doc("post", 4, "Bench", "tree", minutes=2),
          doc("post", 5, "Park", "tree bench", minutes=5), doc("idea", 1, "Tree bench", "", minutes=6))
    assert ids(backend, "tree bench") == [1, 2, 1, 4, 5, 3]  # idea 1 and post 2, then 1 and 4, then 5 and 3
    assert ids(backend, "tree bench", per_page=2, page=2) == [1, 4]
    assert ids(backend, "tree or bench", sort="newest") == [1, 5, 3, 1, 4, 2]
    assert ids(backend, "tree bench", kinds=("post",)) == [2, 1, 4, 5, 3]
    results = backend.search(SearchRequest(parse("tree bench")))
    assert results.more == (path == "walked") and results.total == (3 if path == "walked" else 6)


# --- rebuilds ----------------------------------------------------------------------------------------------------

def test_a_rebuild_rewrites_changed_rows_only_and_deletes_what_is_gone(backend, db):
    index(backend, db, doc("idea", 1, "Kept"), doc("idea", 2, "Changed"), doc("idea", 3, "Gone"))
    versions = dict(db.session.execute(text("SELECT object_id, CAST(xmin AS text) FROM search_document")).all())
    db.session.commit()
    assert backend.rebuild([[doc("idea", 1, "Kept"), doc("idea", 2, "Changed twice")], [doc("idea", 4, "New")]]) == 3
    after = dict(db.session.execute(text("SELECT object_id, CAST(xmin AS text) FROM search_document")).all())
    assert sorted(after) == [1, 2, 4]
    assert after[1] == versions[1] and after[2] != versions[2]
    assert ids(backend, "twice") == [2] and ids(backend, "gone") == [] and ids(backend, "new") == [4]
    title_tsv = db.session.scalar(text("SELECT CAST(title_tsv AS text) FROM search_document WHERE object_id = 2"))
    assert title_tsv == "'chang':1 'twice':2"


# --- plans ---------------------------------------------------------------------------------------------------------

def test_the_search_statement_is_planned_for_its_words_every_time(backend, db):
    """psycopg prepares a statement run five times on a connection; the search statement must not be, or
    PostgreSQL may run a generic plan made for no words in particular (90 ms instead of 20 for a common word at
    100,000 documents). The lexemes statement, the same for any words, may be."""
    index(backend, db, doc("post", 1, "Lantern"))
    for _ in range(8):
        assert ids(backend, "lantern") == [1]
    prepared = db.session.execute(text("SELECT statement FROM pg_prepared_statements")).scalars().all()
    assert not [statement for statement in prepared if "search_document" in statement]
    assert any("werkstadt_query" in statement for statement in prepared)
