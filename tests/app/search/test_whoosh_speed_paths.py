"""The Whoosh backend's fast paths give the answers of the slow ones: the indexing (and snippet) analysis equals
the language analysers, bulk postings equal Whoosh's matchers (several segments, deletions), word pairs find phrases and only
phrases (indexed pairs, pairs left to the stored text, longer phrases), relevance tiers, and a rebuild written by
two processes."""
from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta

import pytest
from whoosh import index as whoosh_index

from app.search.backends import Unavailable
from app.search.backends import whoosh as whoosh_module
from app.search.backends import whoosh_analysis as analysis
from app.search.backends import whoosh_postings as postings
from app.search.backends import whoosh_ranking as ranking
from app.search.backends.whoosh import FREQUENT, WhooshBackend
from app.search.backends.whoosh_schema import ANALYSERS, fields_of, make_schema
from app.search.documents import Document
from app.search.query import SearchRequest, Viewer, parse

START = datetime(2024, 1, 1, tzinfo=UTC)
MOD = Viewer(1, sees_hidden=True)

TEXTS = [
    "Die Bürgerbüros der Stadt sind überfüllt; wir schlagen zwei neue Häuser vor!",
    "The bicycles were parked at the stations, running out of racks.",
    "Şükrü İstanbul ılık ÖZTÜRK café résumé naïve Straße STRASSE ß",
    "حديقة المدينة نُريد حديقةً جديدة", "a I x 42 3D A4-Papier e-mail co2 über-all",
    "", "   ", "Zoë's ﬁle ＦＵＬＬ ｗｉｄｔｈ Ⅻ ①",
]


@pytest.mark.parametrize("suffix", sorted(ANALYSERS))
@pytest.mark.parametrize("text", TEXTS)
def test_the_fast_analysis_gives_the_analysers_terms(suffix, text):
    expected = [token.text for token in ANALYSERS[suffix](text)]
    assert analysis.stems(suffix, text) == expected
    assert analysis.stems(suffix, text) == expected  # remembered words give the same
    assert analysis.pairs(expected) == [f"{a} {b}" for a, b in zip(expected, expected[1:])]
    tokens = ANALYSERS[suffix](text, chars=True, removestops=True)
    assert analysis.spans(suffix, text) == [(token.startchar, token.endchar, token.text) for token in tokens]


def test_only_pairs_of_common_terms_are_indexed():
    texts = [("en", ["bike", "stop", f"word{n}"]) for n in range(10)] + [("en", ["rare", "bike"])]
    shares = analysis.frequent_terms(texts)["en"]
    assert shares == {"bike": 1.0, "stop": round(10 / 11, 6)}
    assert analysis.paired(shares, "bike", "stop") and not analysis.paired(shares, "rare", "bike")
    assert analysis.pairs(["rare", "bike", "stop", "word1"], shares) == ["bike stop"]


def post(id: int, title: str, body: str, hours: int = 0, language: str = "en") -> Document:
    return Document("post", id, title, body, language, START + timedelta(hours=hours))


def filler(id: int) -> Document:
    return post(id, f"Note {id}", f"The bike stop is near the park {id}.", hours=id)


PHRASES = [
    post(1, "Bike stop", "A new shelter.", 1),
    post(2, "Stop bike", "Turned around.", 2),
    post(3, "Bike", "Near the old stop.", 3),
    post(4, "Shelter", "The bike at the stop is new.", 4),  # stop words between: neighbours
    post(5, "Quiet", "A zorblat quinwes here and quinwes zorblat there.", 5),
    post(6, "Quiet", "A quinwes zorblat here.", 6),
    post(7, "Long", "The red bike stop sign, a stop sign bike red.", 7),
]


@pytest.fixture
def paired(tmp_path, monkeypatch) -> WhooshBackend:
    """A rebuild of 30 documents that counts as large (a sample of 20: pairs of common terms indexed, two
    writing processes), then an update in a second segment."""
    monkeypatch.setattr(analysis, "SAMPLE", 20)
    monkeypatch.setattr(whoosh_module, "REBUILD_JOB", 10)
    backend = WhooshBackend(str(tmp_path / "index"))
    assert backend.rebuild([[filler(n) for n in range(100, 110)], [filler(n) for n in range(110, 120)],
                            PHRASES[:4] + [filler(n) for n in range(120, 126)]]) == 30
    path = backend.current_generation()
    backend.segments_rebuilt = [name for name in os.listdir(path) if name.endswith(".seg")]
    backend.apply(PHRASES[4:], [("post", 125)])
    return backend


def found(backend: WhooshBackend, text: str, **options) -> list[int]:
    results = backend.search(SearchRequest(parse(text), MOD, per_page=50, **options))
    assert results.total == len(results.hits)
    return [hit.id for hit in results.hits]


def test_a_large_rebuild_is_written_by_several_processes_and_keeps_its_frequent_terms(paired):
    assert len(paired.segments_rebuilt) >= whoosh_module.REBUILD_PROCS
    path = paired.current_generation()
    with open(os.path.join(path, FREQUENT), encoding="utf-8") as file:
        shares = json.load(file)["en"]
    assert analysis.paired(shares, "bike", "stop") and not analysis.paired(shares, "zorblat", "quinwes")
    assert len(found(paired, "bike")) == 25 + 5  # the fillers but the removed one, and 1, 2, 3, 4, 7


def test_phrases_find_the_words_in_a_row_and_nothing_else(paired):
    assert set(found(paired, '"bike stop"')) == {1, 4, 7} | set(range(100, 125))  # an indexed pair
    assert set(found(paired, '"stop bike"')) == {2}
    assert set(found(paired, '"zorblat quinwes"')) == {5}  # not indexed: checked against the stored text
    assert set(found(paired, '"quinwes zorblat"')) == {5, 6}
    assert set(found(paired, '"red bike stop"')) == {7}  # three words
    assert set(found(paired, '"bike stop sign"')) == {7}
    assert set(found(paired, '"stop sign bike red"')) == {7}
    assert found(paired, '"sign stop bike"') == []
    assert set(found(paired, 'bike -"bike stop"')) == {2, 3}


def test_bulk_postings_equal_whooshs_matchers_across_segments_and_deletions(paired):
    ix = whoosh_index.open_dir(paired.current_generation(), schema=make_schema())
    writer = ix.writer()
    writer.delete_by_term("key", "post:101")
    writer.add_document(**fields_of(post(8, "Bike", "A bike stop.", 8)))
    writer.commit(merge=False)  # a segment more, and a deletion in an older one
    with ix.searcher() as searcher:
        reader = searcher.reader()
        assert len(reader.leaf_readers()) >= 2
        for field, text in [("body_en", "bike"), ("title_en", "note"), ("body_pairs_en", "bike stop"),
                            ("body_en", "zorblat"), ("body_en", "nothing"), ("kind", "post")]:
            btext = text.encode()
            expected = set(reader.postings(field, btext).all_ids()) if (field, btext) in reader else set()
            assert postings.term_docs(reader, field, text) == expected
        column = reader.column_reader("created_at", translate=False)
        assert postings.numeric_column(reader, "created_at") == list(column)
    ix.close()


def test_relevance_tiers_title_and_body_then_title_then_body_newest_first(tmp_path):
    backend = WhooshBackend(str(tmp_path / "index"))
    backend.rebuild([[
        post(1, "Fountain", "The fountain in the park.", 1),
        post(2, "Fountain", "Water.", 2),
        post(3, "Water", "A fountain.", 3),
        post(4, "Water", "A fountain and a fountain again.", 4),
        post(5, "Fountain square", "A square with a fountain.", 0),
        post(6, "Square", "A fountain on the square.", 6),
    ]])
    hits = backend.search(SearchRequest(parse("fountain"), MOD)).hits
    assert [hit.id for hit in hits] == [1, 5, 2, 6, 4, 3]
    assert [hit.score for hit in hits] == [3.0, 3.0, 2.0, 1.0, 1.0, 1.0]
    any_word = backend.search(SearchRequest(parse("fountain square", match="any"), MOD)).hits
    assert [hit.id for hit in any_word][:2] == [5, 6]  # both words first (in title and body beats body)
    pages = [backend.search(SearchRequest(parse("fountain"), MOD, page=page, per_page=4)).hits for page in (1, 2)]
    assert [hit.id for page in pages for hit in page] == [1, 5, 2, 6, 4, 3]


def test_ranking_reads_whole_tiers_only_as_far_as_the_page_needs():
    when = list(range(100))
    terms = [({1, 2}, set(range(100)))]
    asked: list[int] = []

    def created(size: int):
        asked.append(size)
        return when

    assert ranking.ranked(set(range(100)), terms, 3, created) == [(2, 3.0), (1, 3.0), (99, 1.0)]
    assert asked == [2, 98]
    asked.clear()
    assert ranking.ranked(set(range(100)), terms, 2, created) == [(2, 3.0), (1, 3.0)]
    assert asked == [2]


def test_a_large_rebuild_that_dies_leaves_the_old_index(paired, monkeypatch):
    before = set(found(paired, "bike"))

    def batches():
        yield [filler(n) for n in range(200, 230)]
        yield [filler(n) for n in range(230, 250)]
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        paired.rebuild(batches())
    assert set(found(paired, "bike")) == before
    assert len([entry for entry in os.listdir(paired.index_dir) if entry.startswith("gen-")]) == 1


def test_an_index_without_its_list_of_frequent_terms_is_unavailable_until_a_rebuild(tmp_path):
    backend = WhooshBackend(str(tmp_path / "index"))
    backend.rebuild([[post(1, "Bike stop", "A shelter.")]])
    os.remove(os.path.join(backend.current_generation(), FREQUENT))  # as an index of the version before
    fresh = WhooshBackend(str(tmp_path / "index"))
    for attempt in (fresh.check, lambda: fresh.search(SearchRequest(parse("bike"), MOD)),
                    lambda: fresh.apply([post(2, "Bike", "")], [])):
        with pytest.raises(Unavailable, match="older version"):
            attempt()
    fresh.rebuild([[post(1, "Bike stop", "A shelter.")]])
    assert found(fresh, '"bike stop"') == [1]
