"""The contract every search backend meets (app.search.backends), one suite run against each: Whoosh always,
PostgreSQL when the test database is PostgreSQL and app.search.backends.postgres exists. Synthetic documents only;
no source, no database rows besides the backend's own."""
from __future__ import annotations

import importlib
from datetime import UTC, date, datetime, timedelta

import pytest

from app.search.backends.whoosh import WhooshBackend
from app.search.documents import Document
from app.search.query import MARK_END, MARK_START, Results, SearchRequest, Viewer, parse

AUTHOR, OTHER, MODERATOR = 11, 12, 99


def doc(kind, id, title, body, language, when, **extra) -> Document:
    return Document(kind, id, title, body, language, when, **extra)


CORPUS = [
    doc("idea", 1, "Mehr Bürgerbüros für die Altstadt",
        "Das Bürgerbüro am Markt ist jeden Morgen überfüllt. Wir schlagen zwei neue Häuser vor.", "de",
        datetime(2024, 1, 10, 9, tzinfo=UTC), category="idea:verwaltung", status="new", author_id=10),
    doc("idea", 2, "Radwege an der Hauptstraße", "Die Hauptstraße braucht sichere Radwege für Kinder und Fahrräder.",
        "de", datetime(2024, 2, 5, 9, tzinfo=UTC), category="idea:verkehr", status="accepted", author_id=AUTHOR),
    doc("thread", 3, "Bicycle parking near the station", "Running out of bicycle racks at the café by the station.",
        "en", datetime(2024, 3, 1, 0, 0, tzinfo=UTC), category="forum:mobility", author_id=10),
    doc("post", 4, "Re: Bicycle parking", "The city council discussed new parking rules for cars.", "en",
        datetime(2024, 3, 15, 23, 30, tzinfo=UTC), category="forum:mobility", author_id=OTHER),
    doc("idea", 5, "Versteckte Idee zur Bürgerbeteiligung", "Nur Moderatoren sehen diese Bürgerbeteiligung.", "de",
        datetime(2024, 4, 1, 9, tzinfo=UTC), category="idea:verwaltung", status="new", author_id=AUTHOR,
        hidden=True, visible_to=frozenset({AUTHOR})),
    doc("person", 6, "Şükrü Öztürk", "Mahalle derneği başkanı", "tr", datetime(2024, 5, 1, 9, tzinfo=UTC)),
    doc("post", 7, "حديقة المدينة", "نريد حديقة جديدة في وسط المدينة", "ar", datetime(2024, 5, 20, 9, tzinfo=UTC),
        category="forum:mobility", author_id=OTHER),
    doc("idea", 8, "Résumé workshops", "Naïve question: free résumé help at the library?", "en",
        datetime(2024, 6, 1, 9, tzinfo=UTC), category="idea:verwaltung", status="new", author_id=10),
]
VISITOR = Viewer()
MOD = Viewer(MODERATOR, sees_hidden=True)


@pytest.fixture(params=["whoosh", "postgres"])
def backend(request, tmp_path):
    """Each backend, empty; a PostgreSQL backend runs in the test app's context, its writes committed by
    `store`/`rebuild` below."""
    if request.param == "whoosh":
        found = WhooshBackend(str(tmp_path / "index"))
        found.rebuild([])
        yield found
        return
    db = request.getfixturevalue("db")
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the PostgreSQL backend needs TEST_DATABASE_URL on PostgreSQL")
    try:
        module = importlib.import_module("app.search.backends.postgres")
    except ModuleNotFoundError:
        pytest.skip("app.search.backends.postgres does not exist yet")
    yield module.PostgresBackend()


def _commit(backend) -> None:
    if backend.name == "postgres":
        from app.extensions import db

        db.session.commit()


def store(backend, documents, removed=()) -> None:
    backend.apply(list(documents), list(removed))
    _commit(backend)


def rebuild(backend, batches) -> int:
    count = backend.rebuild(batches)
    _commit(backend)
    return count


@pytest.fixture
def loaded(backend):
    assert rebuild(backend, [CORPUS[:4], CORPUS[4:]]) == len(CORPUS)
    return backend


def find(backend, text, viewer=MOD, **options) -> Results:
    return backend.search(SearchRequest(parse(text), viewer, **options))


def ids(results: Results) -> set[int]:
    return {hit.id for hit in results.hits}


def unmarked(text: str) -> str:
    return text.replace(MARK_START, "").replace(MARK_END, "")


@pytest.mark.parametrize(("text", "expected"), [
    ("Radweg", {2}), ("Fahrrad", {2}), ("Haus", {1}), ("schlagen", {1}),  # German stems
    ("running", {3}), ("bicycles", {3, 4}), ("rule", {4}), ("discussing", {4}),  # English stems
    ("cafe", {3}), ("resume", {8}), ("naive", {8}), ("uberfullt", {1}), ("Hauptstrasse", {2}),  # accents
    ("sukru", {6}), ("ÖZTÜRK", {6}), ("BICYCLE", {3, 4}), ("bÜrGeRbÜrO", {1}),  # other languages, case
    ("حديقة", {7}), ("başkanı", {6}),
])
def test_words_match_stemmed_in_their_language_ignoring_accents_and_case(loaded, text, expected):
    assert ids(find(loaded, text)) == expected


def test_a_german_word_finds_the_compounds_it_begins(loaded):
    assert ids(find(loaded, "Bürger")) == {1, 5}
    assert ids(find(loaded, "Altstadt")) == {1}
    assert ids(find(loaded, "Alt")) == set()  # three letters: no prefix match


def test_every_clause_must_match_and_alternatives_or(loaded):
    assert ids(find(loaded, "bicycle station")) == {3}
    assert ids(find(loaded, "bicycle Hauptstraße")) == set()
    assert ids(find(loaded, "Radwege or café")) == {2, 3}
    assert ids(find(loaded, "parking Radwege or council")) == {4}


def test_phrases_match_in_order(loaded):
    assert ids(find(loaded, '"sichere Radwege"')) == {2}
    assert ids(find(loaded, '"Radwege sichere"')) == set()
    assert ids(find(loaded, '"bicycle parking"')) == {3, 4}
    assert ids(find(loaded, '"parking bicycle"')) == set()


def test_excluded_terms_exclude(loaded):
    assert ids(find(loaded, "bicycle -council")) == {3}
    assert ids(find(loaded, 'bicycle -"city council"')) == {3}
    assert ids(find(loaded, "bicycle -Radwege")) == {3, 4}


@pytest.mark.parametrize(("options", "expected"), [
    ({"kinds": ("idea",)}, {1, 2, 5, 8}),
    ({"kinds": ("idea", "thread")}, {1, 2, 3, 5, 8}),
    ({"category": "idea:verwaltung"}, {1, 5, 8}),
    ({"statuses": ("accepted",)}, {2}),
    ({"statuses": ("accepted", "new")}, {1, 2, 5, 8}),
    ({"author_id": OTHER}, {4, 7}),
    ({"since": date(2024, 3, 15)}, {4, 5, 6, 7, 8}),  # 23:30 UTC on the day itself is in
    ({"until": date(2024, 3, 1)}, {1, 2, 3}),  # 00:00 UTC on the day itself is in
    ({"since": date(2024, 3, 1), "until": date(2024, 3, 15)}, {3, 4}),
    ({"since": date(2024, 3, 2), "until": date(2024, 3, 14)}, set()),
    ({"kinds": ("post",), "author_id": OTHER, "category": "forum:mobility"}, {4, 7}),
])
def test_filters(loaded, options, expected):
    everything = "Bürger or Radwege or bicycle or sukru or حديقة or resume"
    results = find(loaded, everything, per_page=50, **options)
    assert ids(results) == expected
    assert results.total == len(expected)


def test_by_kind_counts_with_every_filter_but_the_kind_filter(loaded):
    results = find(loaded, "Bürger or bicycle or حديقة or resume", kinds=("post",), category="forum:mobility")
    assert ids(results) == {4, 7}
    assert results.total == 2
    assert results.by_kind == {"post": 2, "thread": 1}
    unfiltered = find(loaded, "Bürger or bicycle or حديقة or resume", kinds=("post",))
    assert unfiltered.by_kind == {"idea": 3, "post": 2, "thread": 1}


def test_sort_newest_orders_by_created_at(loaded):
    results = find(loaded, "Bürger or Radwege or bicycle or resume", sort="newest")
    assert [hit.id for hit in results.hits] == [8, 5, 4, 3, 2, 1]


def test_relevance_puts_title_matches_first_and_ties_newest_first(backend):
    when = datetime(2024, 1, 1, tzinfo=UTC)
    store(backend, [
        doc("idea", 1, "Ein neuer Platz", "Wir wünschen uns einen Spielplatz im Park am Fluss.", "de", when),
        doc("idea", 2, "Ein neuer Spielplatz", "Wir wünschen uns einen Platz im Park am Fluss.", "de",
            when - timedelta(days=30)),
        doc("idea", 3, "Eine neue Brücke", "Wir wünschen uns eine Brücke im Park.", "de", when - timedelta(days=2)),
        doc("idea", 4, "Eine neue Brücke", "Wir wünschen uns eine Brücke im Park.", "de", when - timedelta(days=1)),
    ])
    assert [hit.id for hit in find(backend, "Spielplatz").hits] == [2, 1]
    ranked = find(backend, "Brücke").hits
    assert [hit.id for hit in ranked] == [4, 3]
    assert ranked[0].score == pytest.approx(ranked[1].score)


def test_pages_split_all_matches_and_total_counts_them(backend):
    start = datetime(2024, 1, 1, tzinfo=UTC)
    store(backend, [doc("post", n, f"Laterne {n}", "Die Laterne ist aus.", "de", start + timedelta(hours=n))
                    for n in range(1, 26)])
    pages = [find(backend, "Laterne", sort="newest", page=page, per_page=10) for page in (1, 2, 3, 4)]
    assert [len(page.hits) for page in pages] == [10, 10, 5, 0]
    assert all(page.total == 25 and page.by_kind == {"post": 25} for page in pages)
    assert not any(page.more for page in pages) and all(page.by_kind_exact for page in pages)  # under any cap
    assert [hit.id for page in pages for hit in page.hits] == list(range(25, 0, -1))
    assert (pages[1].page, pages[1].per_page) == (2, 10)


@pytest.mark.parametrize(("viewer", "sees_hidden_idea"), [
    (VISITOR, False), (Viewer(OTHER), False), (Viewer(AUTHOR), True), (MOD, True),
])
def test_hidden_documents_only_for_moderators_and_those_it_is_visible_to(loaded, viewer, sees_hidden_idea):
    results = find(loaded, "Bürger", viewer)
    assert ids(results) == ({1, 5} if sees_hidden_idea else {1})
    assert results.total == len(results.hits)
    assert results.by_kind == {"idea": 2 if sees_hidden_idea else 1}
    assert {hit.id: hit.hidden for hit in results.hits} == ({1: False, 5: True} if sees_hidden_idea else {1: False})
    assert find(loaded, "Moderatoren", viewer).total == (1 if sees_hidden_idea else 0)


def test_snippets_mark_the_matched_words_of_title_and_body(loaded):
    [hit] = find(loaded, "Radwege Kinder").hits
    assert hit.title == f"{MARK_START}Radwege{MARK_END} an der Hauptstraße"
    assert f"{MARK_START}Radwege{MARK_END}" in hit.snippet
    assert f"{MARK_START}Kinder{MARK_END}" in hit.snippet
    assert unmarked(hit.snippet) == CORPUS[1].body
    assert hit.snippet.count(MARK_START) == hit.snippet.count(MARK_END) == 2
    [compound] = find(loaded, "Bürger", VISITOR).hits
    assert f"{MARK_START}Bürgerbüros{MARK_END}" in compound.title


def test_a_snippet_is_a_piece_of_a_long_body_around_the_first_match(backend):
    filler = "Lorem ipsum dolor sit amet consectetur. " * 20
    body = filler + "Hier steht die Straßenbahn am Rathaus. " + filler
    store(backend, [doc("post", 1, "Lange Nachricht", body, "de", datetime(2024, 1, 1, tzinfo=UTC))])
    [hit] = find(backend, "Straßenbahn").hits
    assert f"{MARK_START}Straßenbahn{MARK_END}" in hit.snippet
    assert 60 <= len(unmarked(hit.snippet)) <= 320
    assert hit.title == "Lange Nachricht"
    [plain] = find(backend, "Nachricht").hits  # nothing in the body matched: its start
    assert MARK_START not in plain.snippet
    assert plain.snippet.lstrip("…").startswith("Lorem ipsum dolor")
    assert len(plain.snippet) <= 320


def test_without_snippets_nothing_is_marked(loaded):
    [hit] = find(loaded, "Radwege", snippets=False).hits
    assert MARK_START not in hit.title + hit.snippet
    assert unmarked(hit.title) == "Radwege an der Hauptstraße"


def test_apply_replaces_by_key_and_removes(loaded):
    changed = doc("thread", 3, "Tram stop near the station", "Trams every ten minutes.", "en",
                  datetime(2024, 3, 1, tzinfo=UTC), category="forum:mobility", author_id=10)
    store(loaded, [changed], [("post", 4), ("post", 404)])
    assert ids(find(loaded, "bicycle")) == set()
    assert ids(find(loaded, "tram")) == {3}
    assert find(loaded, "station").total == 1
    store(loaded, [], [("thread", 3)])
    assert find(loaded, "tram").total == 0


def test_rebuild_replaces_everything(loaded):
    only = doc("idea", 42, "Brunnen am Markt", "Ein Trinkbrunnen.", "de", datetime(2024, 7, 1, tzinfo=UTC))
    assert rebuild(loaded, iter([[only], []])) == 1
    assert find(loaded, "Bürger or bicycle or Brunnen").total == 1
    assert ids(find(loaded, "Brunnen")) == {42}


HOSTILE = [
    "x" * 10_000, "Bürger\x00büro", "\x00\x00", "*", "?", "Bürger*", '"unbalanced quote', '"', '""', "-", "- -",
    "-\"\"", " ".join(f"wort{n}" for n in range(5_000)), "title:x", "kind:idea OR 1=1", "die der und the of",
    "!!! ??? ... ---", "()[]{}<>&|:^~", "or", "or or bicycle or", "حديقة المدينة", "Şükrü İstanbul ılık",
    "'; DROP TABLE search_document; --", "<script>alert(1)</script>", "\u202e\ufeff\ue000\ue001", "😀 🚲",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_any_query_returns_results(loaded, text):
    for viewer in (VISITOR, MOD):
        results = find(loaded, text, viewer)
        assert isinstance(results, Results)
        assert results.total >= len(results.hits)
        assert all(hit.kind and hit.id for hit in results.hits)
