"""The PostgreSQL full-text backend (app.search.backends.postgres) on a real PostgreSQL database: languages,
compound words, weights, hostile queries, visibility, filters, sorts, pages, highlights, the GIN index, rebuilds.
Skipped unless TEST_DATABASE_URL names a PostgreSQL database (the contract suite runs on both backends)."""
from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from postgres_search import app_overrides, backend, needs_postgres  # noqa: F401 - the fixtures
from app.search.backends import Unavailable
from app.search.backends.postgres import settle
from app.search.backends.postgres_query import search_statement
from app.search.backends.postgres_tsquery import (Queries, compose, configuration, lexemes_statement,
                                                  prefixed, term_text, terms_of)
from app.search.documents import Document
from app.search.query import MARK_END, MARK_START, Parsed, SearchRequest, Term, Viewer, parse

pytestmark = needs_postgres

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


def doc(kind: str, id: int, title: str, body: str = "", language: str = "de", days: int = 0, **extra) -> Document:
    return Document(kind, id, title, body, language, T0 + timedelta(days=days), **extra)


def index(backend, db, *documents: Document) -> None:
    backend.apply(list(documents), [])
    db.session.commit()


def found(backend, query: str, **request) -> list[tuple[str, int]]:
    results = backend.search(SearchRequest(parse(query), **request))
    return [(hit.kind, hit.id) for hit in results.hits]


def unmarked(value: str) -> str:
    return value.replace(MARK_START, "").replace(MARK_END, "")


# --- languages -------------------------------------------------------------------------------------------------

def test_a_language_picks_its_configuration_and_others_fall_back_to_simple():
    assert configuration("de") == "werkstadt_de"
    assert configuration("de-AT") == "werkstadt_de"
    assert configuration("EN") == "werkstadt_en"
    assert configuration("tr-TR") == "werkstadt_tr" and configuration("ar") == "werkstadt_ar"
    assert configuration("fa") == configuration("") == configuration(None) == "werkstadt_simple"


def test_german_words_are_stemmed_in_german_documents_only(backend, db):
    index(backend, db, doc("idea", 1, "Neue Häuser am Markt"), doc("idea", 2, "Neue Häuser am Markt", language="fa"))
    assert found(backend, "Hauses") == [("idea", 1)]  # genitive of Haus: the German stem, not a prefix
    assert sorted(found(backend, "häuser")) == [("idea", 1), ("idea", 2)]


def test_english_words_are_stemmed_in_english_documents_only(backend, db):
    index(backend, db, doc("post", 1, "Greener cities", language="en"),
          doc("post", 2, "Greener cities", language="fa"))
    assert found(backend, "city") == [("post", 1)]
    assert found(backend, "runs") == []
    index(backend, db, doc("post", 3, "", "She was running late", language="en"))
    assert found(backend, "runs") == [("post", 3)]


def test_accents_and_case_are_ignored_in_every_language(backend, db):
    index(backend, db, doc("idea", 1, "Das Café am Fluß"), doc("idea", 2, "Élan vital", language="fr"),
          doc("idea", 3, "A NAÏVE plan", language="en"))
    assert found(backend, "cafe") == [("idea", 1)]
    assert found(backend, "CAFÉ") == [("idea", 1)]
    assert found(backend, "elan") == [("idea", 2)]
    assert found(backend, "naive") == [("idea", 3)]


def test_a_word_of_four_letters_or_more_finds_the_compounds_it_starts(backend, db):
    index(backend, db, doc("idea", 1, "Ein Bürgerbüro für Lindenau"), doc("idea", 2, "Radwege überall"),
          doc("idea", 3, "Bürger fragen"))
    assert sorted(found(backend, "Bürger")) == [("idea", 1), ("idea", 3)]
    assert found(backend, "Rad") == []  # three letters: whole words only
    assert found(backend, "Radweg") == [("idea", 2)]
    assert found(backend, "Lindenau") == [("idea", 1)]
    assert found(backend, "Lindenau -Bürger") == []  # an excluded word excludes its compounds too


# --- the query --------------------------------------------------------------------------------------------------

def test_all_clauses_must_match_alternatives_or_and_phrases_keep_their_order(backend, db):
    index(backend, db, doc("post", 1, "grüne Straßen", language="de"), doc("post", 2, "Straßen grüne", "", "de"),
          doc("post", 3, "Tram", "Bäume und Tram", "de"), doc("post", 4, "Bäume", "", "de"))
    assert found(backend, '"grüne straßen"') == [("post", 1)]
    assert sorted(found(backend, "grüne straßen")) == [("post", 1), ("post", 2)]
    # (tram or grüne) and bäume: websearch_to_tsquery alone would read tram | (grüne & bäume)
    assert found(backend, "tram or grüne bäume") == [("post", 3)]
    assert found(backend, "straßen -grüne or tram") == [("post", 3)]  # (straßen | tram) & !grüne
    assert sorted(found(backend, "tram or grüne")) == [("post", 1), ("post", 2), ("post", 3)]


def test_only_german_words_find_compounds_and_phrases_match_their_words_exactly(backend, db):
    index(backend, db, doc("idea", 1, "Parking spaces", language="en"), doc("idea", 2, "Parkingspaces", language="en"),
          doc("idea", 3, "Bürgerbüro am Markt"), doc("idea", 4, "Bürger am Marktplatz"))
    assert found(backend, "parking") == [("idea", 1)]  # English: whole words (stemmed), as the Whoosh backend
    assert found(backend, '"Bürger am Markt"') == []  # the phrase's words whole: not "Bürgerbüro ... Marktplatz"
    assert found(backend, '"Bürger am Marktplatz"') == [("idea", 4)]
    assert sorted(found(backend, "Bürger Markt")) == [("idea", 3), ("idea", 4)]  # words alone: prefixes


def test_a_term_of_stop_words_only_drops_out_in_that_language(backend, db):
    index(backend, db, doc("idea", 1, "Der Park"), doc("idea", 2, "Der Park", language="en"))
    assert sorted(found(backend, "der park")) == [("idea", 1), ("idea", 2)]
    assert found(backend, "der") == [("idea", 2)]  # "der" is a German stop word, an English word


def test_prefixes_are_added_to_long_lexemes_only_and_escaped_lexemes_stay_whole():
    assert prefixed("'burg' & 'rad' | !( 'haus' <-> 'ab' )") == "'burg':* & 'rad' | !( 'haus':* <-> 'ab' )"
    assert prefixed("'it''s' & 'a\\\\b'") == "'it''s':* & 'a\\\\b'"
    assert prefixed("'ab' <-> 'cd'") == "'ab' <-> 'cd'"  # never a lexeme made of the text between two
    assert prefixed("") == ""


HOSTILE = ['"', '"""', "'", "a'b", "&", "|", "!", ":*", "a:*", "a & b | !c", "(", ")", "((a", "-", "--x", "- -",
           "or", "or or", "a or", "or a", "-\"a b", "\\", "a\\'b", "title:x", "*", "x" * 5000, "\x00", "a\x00b",
           " ".join(["w"] * 2000), "<->", "a <-> b", "a <2> b", "'a':*A", "😀", "ß" * 40, "ＡＢＣ", "\u200b", ""]


@pytest.mark.parametrize("query", HOSTILE)
def test_a_hostile_query_never_raises(backend, db, query):
    index(backend, db, doc("idea", 1, "a b c title x", "w"))
    results = backend.search(SearchRequest(parse(query)))
    assert results.total == len(results.hits)


def test_raw_terms_reach_postgresql_only_as_words(backend, db):
    index(backend, db, doc("idea", 1, "it s a b"), doc("idea", 2, "x y"))
    raw = ["it's", "a&b|!c", "x:*", "\x00", "-x", "or", '"', "a\\b", "(x", "x) | (y", "'x':*"]
    for word in raw:
        parsed = Parsed(clauses=((Term((word,)),), (Term((word, word)),)), excluded=(Term((word,), True),))
        results = backend.search(SearchRequest(parsed))
        assert results.total == len(results.hits) <= 2
    assert term_text(Term(("-x",))) == "x"
    assert term_text(Term(("or",))) == ""
    assert term_text(Term(('a"b', "c"))) == '"a b c"'
    assert found_raw(backend, Parsed(((Term(("x:*",)),),))) == [("idea", 2)]


def found_raw(backend, parsed: Parsed) -> list[tuple[str, int]]:
    return [(hit.kind, hit.id) for hit in backend.search(SearchRequest(parsed)).hits]


# --- ranking and highlights ----------------------------------------------------------------------------------

def test_a_title_match_ranks_above_a_body_match_and_ties_go_newest_first(backend, db):
    index(backend, db, doc("idea", 1, "Parkplätze", "Ein Spielplatz", days=2),
          doc("idea", 2, "Spielplatz", "Parkplätze", days=0), doc("idea", 3, "Spielplatz", "Bänke", days=1))
    assert found(backend, "spielplatz") == [("idea", 3), ("idea", 2), ("idea", 1)]
    assert found(backend, "spielplatz", sort="newest") == [("idea", 1), ("idea", 3), ("idea", 2)]
    scores = [hit.score for hit in backend.search(SearchRequest(parse("spielplatz"))).hits]
    assert scores[0] == scores[1] > scores[2] > 0


def test_highlights_mark_only_the_matches_and_leave_the_rest_as_text(backend, db):
    body = 'Wir planen <b>fett</b> & "mehr" <script>x</script> neue Bürgerbüros für 5 € im Jahr.'
    index(backend, db, doc("idea", 1, "Bürgerbüro <i>jetzt</i>", body), doc("idea", 2, "Der Bürger", "Nichts hier"))
    hits = {hit.id: hit for hit in backend.search(SearchRequest(parse("bürger"))).hits}
    first = hits[1]
    assert first.title == f"{MARK_START}Bürgerbüro{MARK_END} <i>jetzt</i>"
    assert f"{MARK_START}Bürgerbüros{MARK_END}" in first.snippet
    assert first.snippet.count(MARK_START) == first.snippet.count(MARK_END) == 1
    assert unmarked(first.snippet) in body and "<b>fett</b> &" in first.snippet
    assert hits[2].title == f"Der {MARK_START}Bürger{MARK_END}"
    assert hits[2].snippet == "Nichts hier"  # the start of the body when nothing in it matched


def test_an_excluded_word_is_not_highlighted_and_a_long_body_gives_a_short_snippet(backend, db):
    filler = " ".join(["Text"] * 200)
    index(backend, db, doc("idea", 1, "Plan", f"{filler} Der Marktplatz und der Brunnen sind schön. {filler}"))
    hit = backend.search(SearchRequest(parse("marktplatz -baum"))).hits[0]
    assert f"{MARK_START}Marktplatz{MARK_END}" in hit.snippet
    assert hit.snippet.count(MARK_START) == 1
    assert 60 < len(unmarked(hit.snippet)) < 400


def test_without_snippets_the_title_is_plain_and_the_snippet_empty(backend, db):
    index(backend, db, doc("idea", 1, "Bürgerbüro", "Bürger"))
    hit = backend.search(SearchRequest(parse("bürger"), snippets=False)).hits[0]
    assert (hit.title, hit.snippet) == ("Bürgerbüro", "")


# --- visibility, filters, pages ------------------------------------------------------------------------------

def test_hidden_documents_reach_moderators_and_the_listed_accounts_only_and_are_marked(backend, db):
    index(backend, db, doc("post", 1, "Laterne"), doc("post", 2, "Laterne", hidden=True, visible_to=frozenset({7})),
          doc("idea", 3, "Laterne", hidden=True))
    for viewer in (Viewer(), Viewer(8)):
        results = backend.search(SearchRequest(parse("laterne"), viewer))
        assert [(hit.id, hit.hidden) for hit in results.hits] == [(1, False)]
        assert (results.total, results.by_kind) == (1, {"post": 1})
    listed = backend.search(SearchRequest(parse("laterne"), Viewer(7)))
    assert sorted((hit.id, hit.hidden) for hit in listed.hits) == [(1, False), (2, True)]
    assert (listed.total, listed.by_kind) == (2, {"post": 2})
    moderator = backend.search(SearchRequest(parse("laterne"), Viewer(9, sees_hidden=True)))
    assert sorted((hit.id, hit.hidden) for hit in moderator.hits) == [(1, False), (2, True), (3, True)]
    assert (moderator.total, moderator.by_kind) == (3, {"post": 2, "idea": 1})


def test_filters_narrow_and_by_kind_counts_without_the_kind_filter(backend, db):
    index(backend, db,
          doc("idea", 1, "Brücke", category="idea:verkehr", status="new", author_id=1, days=0),
          doc("idea", 2, "Brücke", category="idea:verkehr", status="accepted", author_id=2, days=1),
          doc("idea", 3, "Brücke", category="idea:umwelt", status="new", author_id=1, days=2),
          doc("thread", 4, "Brücke", category="forum:verkehr", author_id=1, days=3),
          doc("post", 5, "Brücke", author_id=2, days=4))
    ids = lambda **request: sorted(id for _, id in found(backend, "brücke", **request))  # noqa: E731
    assert ids(kinds=("idea", "thread")) == [1, 2, 3, 4]
    assert ids(category="idea:verkehr") == [1, 2]
    assert ids(statuses=("new", "accepted")) == [1, 2, 3]
    assert ids(statuses=("accepted",)) == [2]
    assert ids(author_id=1) == [1, 3, 4]
    day = T0.date()
    assert ids(since=day + timedelta(days=1), until=day + timedelta(days=3)) == [2, 3, 4]
    assert ids(since=day + timedelta(days=4)) == [5]
    assert ids(until=day) == [1]
    results = backend.search(SearchRequest(parse("brücke"), kinds=("idea",), author_id=1))
    assert (results.total, results.by_kind) == (2, {"idea": 2, "thread": 1})


def test_the_date_filter_reads_whole_utc_days(backend, db):
    late = Document("idea", 1, "Uhr", "", "de", datetime(2026, 3, 1, 23, 59, 59, tzinfo=timezone.utc))
    index(backend, db, late)
    assert found(backend, "uhr", since=date(2026, 3, 1), until=date(2026, 3, 1)) == [("idea", 1)]
    assert found(backend, "uhr", since=date(2026, 3, 2)) == []
    assert found(backend, "uhr", until=date(2026, 2, 28)) == []


def test_pages_hold_their_part_and_total_counts_everything(backend, db):
    index(backend, db, *[doc("post", n, "Baum", days=n) for n in range(1, 8)])
    pages = [backend.search(SearchRequest(parse("baum"), sort="newest", page=page, per_page=3))
             for page in (1, 2, 3, 4)]
    assert [[hit.id for hit in results.hits] for results in pages] == [[7, 6, 5], [4, 3, 2], [1], []]
    assert {(results.total, results.page, results.per_page) for results in pages[:3]} == {(7, 1, 3), (7, 2, 3),
                                                                                           (7, 3, 3)}
    assert pages[3].total == 7


def test_a_search_takes_two_statements_whatever_the_page_holds(backend, db, count_queries):
    for n in (3, 30):
        index(backend, db, *[doc("post", i, "Baum", "Bank und Baum", days=i) for i in range(n)])
        with count_queries() as counter:
            results = backend.search(SearchRequest(parse("baum bank"), per_page=50))
        assert results.total == n
        assert counter.count == 2


# --- writes, rebuilds, failures ---------------------------------------------------------------------------------

def test_apply_replaces_a_key_and_removes_keys(backend, db):
    index(backend, db, doc("idea", 1, "Ampel"), doc("idea", 2, "Ampel"))
    backend.apply([doc("idea", 1, "Kreisel")], [("idea", 2), ("idea", 99)])
    db.session.commit()
    assert found(backend, "ampel") == []
    assert found(backend, "kreisel") == [("idea", 1)]
    assert db.session.scalar(text("SELECT count(*) FROM search_document")) == 1


def test_apply_writes_in_the_callers_transaction(backend, db):
    index(backend, db, doc("idea", 1, "Ampel"))
    backend.apply([doc("idea", 2, "Ampel")], [("idea", 1)])
    db.session.rollback()
    assert found(backend, "ampel") == [("idea", 1)]


def test_rebuild_replaces_everything_and_a_failed_rebuild_keeps_the_old_rows(backend, db):
    index(backend, db, doc("idea", 1, "Alt"), doc("idea", 2, "Alt"))
    assert backend.rebuild(iter([[doc("idea", 3, "Neu")], [doc("post", 4, "Neu"), doc("post", 4, "Neu")]])) == 2
    assert found(backend, "alt") == []
    assert sorted(found(backend, "neu")) == [("idea", 3), ("post", 4)]

    def dying():
        yield [doc("idea", 5, "Kaputt")]
        raise RuntimeError("killed half-way")

    with pytest.raises(RuntimeError):
        backend.rebuild(dying())
    assert found(backend, "kaputt") == []
    assert sorted(found(backend, "neu")) == [("idea", 3), ("post", 4)]


def test_other_connections_see_the_old_rows_until_the_rebuild_commits(backend, db):
    index(backend, db, doc("idea", 1, "Alt"))
    seen = []

    def batches():
        yield [doc("idea", 2, "Neu")]
        with db.engine.connect() as other:  # a search on another connection, half-way through the rebuild
            seen.append(other.execute(text("SELECT object_id FROM search_document ORDER BY object_id")).scalars().all())
        yield [doc("idea", 3, "Neu")]

    backend.rebuild(batches())
    assert seen == [[1]]
    with db.engine.connect() as other:
        assert other.execute(text("SELECT object_id FROM search_document ORDER BY object_id")).scalars().all() == [2, 3]


def test_an_any_word_query_finds_what_shares_a_word_best_first(backend, db):
    index(backend, db, doc("idea", 1, "Mehr Bänke am Marktplatz"), doc("idea", 2, "Bänke", "am Marktplatz"),
          doc("idea", 3, "Neue Bäume"), doc("idea", 4, "Kino"))
    hits = backend.search(SearchRequest(parse("Bänke für den Marktplatz", match="any"), per_page=5)).hits
    assert [hit.id for hit in hits] == [1, 2]


def test_a_rebuild_that_cannot_settle_the_index_is_done_all_the_same(backend, db, monkeypatch, caplog):
    def not_the_owner():
        db.session.execute(text("SELECT gin_clean_pending_list(CAST('no_such_index' AS regclass))"))

    monkeypatch.setattr("app.search.backends.postgres.settle", not_the_owner)
    assert backend.rebuild([[doc("idea", 1, "Neu")]]) == 1
    assert found(backend, "neu") == [("idea", 1)]
    assert "could not be vacuumed" in caplog.text


def test_a_missing_table_is_unavailable_and_the_session_goes_on(backend, db):
    backend.check()
    index(backend, db, doc("idea", 1, "Ampel"))
    db.session.execute(text("ALTER TABLE search_document RENAME TO search_document_away"))  # undone by the rollback
    with pytest.raises(Unavailable):
        backend.search(SearchRequest(parse("ampel")))
    assert db.session.scalar(text("SELECT 1")) == 1
    db.session.execute(text("ALTER TABLE search_document RENAME TO search_document_away"))
    with pytest.raises(Unavailable):
        backend.check()
    db.session.execute(text("ALTER TABLE search_document RENAME TO search_document_away"))
    with pytest.raises(Unavailable):
        backend.apply([doc("idea", 2, "Ampel")], [])
    assert found(backend, "ampel") == [("idea", 1)]


def test_a_missing_configuration_is_unavailable(backend, db):
    db.session.execute(text("ALTER TEXT SEARCH CONFIGURATION werkstadt_en RENAME TO werkstadt_en_away"))
    with pytest.raises(Unavailable):
        backend.check()
    db.session.rollback()
    backend.check()


def test_the_gin_index_answers_a_search_on_twenty_thousand_documents(backend, db):
    started = time.monotonic()
    db.session.execute(text(
        "INSERT INTO search_document (kind, object_id, title, body, language, config, tsv, created_at, hidden)"
        " SELECT 'post', n, 'Beitrag ' || n, 'Text über Thema ' || (n % 500) || ' und Wort' || n, 'de',"
        " 'werkstadt_de', setweight(to_tsvector('werkstadt_de', 'Beitrag ' || n), 'A')"
        " || setweight(to_tsvector('werkstadt_de', 'Text über Thema ' || (n % 500) || ' und Wort' || n), 'B'),"
        " now(), false FROM generate_series(1, 20000) AS n"))
    db.session.commit()
    settle()  # as a rebuild does
    request = SearchRequest(parse("wort1234"))
    terms = terms_of(request.parsed)
    sql, params = lexemes_statement(terms)
    queries: Queries = compose(request.parsed, terms, db.session.execute(sql, params).all())
    sql, params = search_statement(request, queries, 0, 20)
    plan = "\n".join(db.session.execute(text(f"EXPLAIN {sql.text}"), params).scalars())
    assert "Bitmap Index Scan on ix_search_document_tsv" in plan, plan
    assert "Seq Scan" not in plan, plan
    results = backend.search(request)
    assert results.hits[0].id == 1234 and results.total == 11  # 1234, 12340..12349
    assert time.monotonic() - started < 30
