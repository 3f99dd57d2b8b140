"""GET /search on a real index: results, kind tabs and counts, filters, sorts, pagination, escaping and marks,
what each viewer sees, the states of the page, and a constant number of SQL statements."""
from __future__ import annotations

import re

import pytest
from search_page_scene import SearchScene, search_scene, when  # noqa: F401 - the fixture

from app.users.models import Role
from factories import make_user


ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def app_overrides(tmp_path):
    return {"SEARCH_INDEX_DIR": str(tmp_path / "index")}


def page(client, query: str) -> str:
    response = client.get("/search?" + query, headers=ENGLISH)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def main(html: str) -> str:
    return html.split('<main id="main"', 1)[1]


def titles(html: str) -> list[str]:
    """The result titles in page order, without markup."""
    return [re.sub(r"<[^>]+>", "", title) for title in
            re.findall(r'<h3 class="search-result-title"><a href="[^"]*" dir="auto">(.*?)</a></h3>', html)]


def test_results_link_their_title_mark_the_match_and_say_their_kind_and_facts(client, search_scene):
    search_scene.add("note", 1, "Bus stop at the station", "A shelter for the bus stop")
    search_scene.add("memo", 2, "Tram line", "Nothing about it")
    search_scene.index()

    html = main(page(client, "q=shelter"))

    assert titles(html) == ["Bus stop at the station"]
    assert '<a href="/notes/1" dir="auto">' in html
    assert "<mark>shelter</mark>" in html
    assert '<span class="badge">Notes</span>' in html
    assert "note fact 1" in html
    assert ">1 result</h2>" in html
    assert "Tram line" not in html


def test_a_title_with_markup_and_a_body_with_fake_markers_show_escaped_with_marks_only_around_matches(
        client, search_scene):
    search_scene.add("note", 1, "<script>alert(1)</script> Bus plan",
                     "Read \ue000this\ue001 <b>bold</b> & <img src=x onerror=alert(2)> bus text")
    search_scene.index()

    html = main(page(client, "q=bus"))

    assert "<script>" not in html and "<b>bold" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Bus</mark> plan" in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;img" in html
    marked = re.findall(r"<mark>(.*?)</mark>", html)
    assert marked and all(word.lower() == "bus" for word in marked)


def test_kind_tabs_count_every_kind_and_a_tab_filters_to_its_kind(client, search_scene):
    for number in range(1, 4):
        search_scene.add("note", number, f"Cycle path {number}")
    for number in range(1, 3):
        search_scene.add("memo", number, f"Cycle lane {number}")
    search_scene.index()

    everything = main(page(client, "q=cycle"))
    memos = main(page(client, "q=cycle&kind=memo"))

    assert re.search(r'<a href="/search\?q=cycle" aria-current="page">Everything <span class="count">\(5\)', everything)
    assert 'Notes <span class="count">(3)</span>' in everything and 'Memos <span class="count">(2)' in everything
    assert ">5 results</h2>" in everything
    assert sorted(titles(memos)) == ["Cycle lane 1", "Cycle lane 2"]
    assert re.search(r'href="/search\?q=cycle&amp;kind=memo" aria-current="page">Memos', memos)
    assert 'Everything <span class="count">(5)' in memos  # the tabs count before the kind filter
    assert ">2 results</h2>" in memos


def test_several_kinds_at_once_as_the_scoped_forum_search_asks(client, search_scene):
    search_scene.add("note", 1, "Parking plan")
    search_scene.add("memo", 1, "Parking memo")
    search_scene.index()

    html = main(page(client, "q=parking&kind=note,memo"))

    assert sorted(titles(html)) == ["Parking memo", "Parking plan"]
    assert '<option selected value="note,memo">Notes, Memos</option>' in html


def test_category_status_author_and_date_filters(client, search_scene):
    alice = make_user("alice")
    search_scene.add("note", 1, "Library hours", category="idea:culture", status="accepted", author_id=alice.id,
                     created=when(5))
    search_scene.add("note", 2, "Library card", category="idea:culture", status="new", created=when(20))
    search_scene.add("note", 3, "Library van", category="idea:transport", status="accepted", created=when(25))
    search_scene.index()

    from app.search import facets

    culture = facets.Group("Idea categories", (facets.Choice("idea:culture", "Culture"),
                                               facets.Choice("idea:transport", "Transport")))
    statuses = facets.Group("Ideas", (facets.Choice("accepted", "Accepted"), facets.Choice("new", "New")))
    saved = dict(facets._categories), dict(facets._statuses)
    facets.register_categories("ideas", lambda: culture)
    facets.register_statuses("ideas", lambda: statuses)
    try:
        assert sorted(titles(page(client, "q=library&category=idea:culture"))) == ["Library card", "Library hours"]
        assert sorted(titles(page(client, "q=library&status=accepted"))) == ["Library hours", "Library van"]
        assert titles(page(client, "q=library&author=alice")) == ["Library hours"]
        assert titles(page(client, "q=library&since=2027-03-20&until=2027-03-20")) == ["Library card"]
        assert sorted(titles(page(client, "q=library&since=2027-03-10"))) == ["Library card", "Library van"]
        assert titles(page(client, "q=library&until=2027-03-10")) == ["Library hours"]
        both = page(client, "q=library&category=idea:culture&status=accepted")
        assert titles(both) == ["Library hours"]
        assert '<option value="idea:culture" selected>Culture</option>' in both
    finally:
        facets._categories.clear(), facets._categories.update(saved[0])
        facets._statuses.clear(), facets._statuses.update(saved[1])


def test_newest_first_and_best_match_orders(client, search_scene):
    search_scene.add("note", 1, "Bench", "a bench in the park near another bench", created=when(1))
    search_scene.add("note", 2, "Bench bench repair", "", created=when(2))
    search_scene.add("note", 3, "Fountain", "one bench", created=when(3))
    search_scene.index()

    assert titles(page(client, "q=bench&sort=newest")) == ["Fountain", "Bench bench repair", "Bench"]
    best = titles(page(client, "q=bench"))
    assert best[-1] == "Fountain"  # only in the body, once: the weakest match
    assert '<option selected value="newest">' in page(client, "q=bench&sort=newest")


def test_pagination_keeps_the_query_and_filters_and_numbers_the_results(client, search_scene):
    for number in range(1, 26):
        search_scene.add("note", number, f"Street light {number}", created=when(number))
    search_scene.index()

    first = main(page(client, "q=light&kind=note&sort=newest"))
    second = main(page(client, "q=light&kind=note&sort=newest&page=2"))

    assert len(titles(first)) == 20 and len(titles(second)) == 5
    assert titles(first)[0] == "Street light 25" and titles(second)[-1] == "Street light 1"
    assert ">25 results</h2>" in first and ">25 results</h2>" in second
    assert '<ol class="search-results" start="21"' in second
    assert 'href="/search?q=light&amp;kind=note&amp;sort=newest&amp;page=2" rel="next"' in first
    assert client.get("/search?q=light&page=3", headers=ENGLISH).status_code == 404
    assert client.get("/search?q=light&page=nonsense").status_code == 404
    assert client.get("/search?page=2").status_code == 404


def test_what_moderation_hid_is_found_by_its_author_and_moderators_marked_and_by_nobody_else(
        client, auth, search_scene):
    author = make_user("author", locale="en")
    make_user("other", locale="en")
    make_user("mod", roles=(Role.MODERATOR,), locale="en")
    search_scene.add("note", 1, "Hidden garden", hidden=True, visible_to=frozenset({author.id}), author_id=author.id)
    search_scene.add("note", 2, "Open garden")
    search_scene.index()

    visitor = main(page(client, "q=garden"))
    assert titles(visitor) == ["Open garden"]
    assert ">1 result</h2>" in visitor and 'Notes <span class="count">(1)' in visitor
    assert "Hidden by moderation" not in visitor

    for who, sees in (("other", False), ("author", True), ("mod", True)):
        auth.login(who)
        html = main(page(client, "q=garden"))
        assert ("Hidden garden" in titles(html)) is sees, who
        assert ("Hidden by moderation" in html) is sees, who
        assert (">2 results</h2>" in html) is sees, who
        auth.logout()


def test_a_hit_the_source_no_longer_shows_is_left_out(client, search_scene):
    search_scene.add("note", 1, "Old bridge")
    search_scene.add("note", 2, "New bridge")
    search_scene.index()
    search_scene.gone.add(("note", 1))

    assert titles(page(client, "q=bridge")) == ["New bridge"]


def test_statements_per_page_stay_the_same_with_5_or_40_matching_documents(client, search_scene, count_queries):
    def statements(documents: int) -> int:
        search_scene.documents.clear()
        for number in range(1, documents + 1):
            search_scene.add("note" if number % 2 else "memo", number, f"Playground {number}")
        search_scene.index()
        client.get("/search?q=playground")  # warm: the first request of an app loads its settings
        with count_queries() as counter:
            html = page(client, "q=playground")
        assert f">{documents} results</h2>" in html
        return counter.count

    assert statements(5) == statements(40)
    assert search_scene.shows[-1][0] in ("note", "memo") and len(search_scene.shows[-2:]) == 2  # once per kind


def test_before_a_search_the_page_says_what_and_how_to_search(client, search_scene):
    html = main(page(client, ""))

    assert "What you can search" in html and "<li>Notes</li>" in html and "<li>Memos</li>" in html
    assert '"bus stop"' in html and "bus -night" in html and "bus or tram" in html
    assert "results</h2>" not in html and 'role="alert"' not in html


def test_no_results_suggest_fewer_words_and_links_that_remove_each_filter(client, search_scene):
    make_user("alice")
    search_scene.add("note", 1, "Swimming pool")
    search_scene.index()

    html = main(page(client, "q=pool&kind=memo&author=alice&since=2027-01-01"))

    assert ">0 results</h2>" in html
    assert "Nothing matches “pool”." in html and "use fewer words" in html
    assert 'href="/search?q=pool&amp;author=alice&amp;since=2027-01-01">search everything' in html
    assert 'href="/search?q=pool&amp;kind=memo&amp;since=2027-01-01">search what anyone wrote' in html
    assert 'href="/search?q=pool&amp;kind=memo&amp;author=alice">search any date' in html
    assert 'href="/search?q=pool">remove every filter' in html


def test_a_query_with_too_many_words_is_searched_shortened_and_says_so(client, search_scene):
    search_scene.add("note", 1, "Alpha words")
    search_scene.index()

    html = main(page(client, "q=" + "+".join(["alpha"] * 17)))
    short = main(page(client, "q=alpha"))

    assert "only its first part was used" in html and titles(html) == ["Alpha words"]
    assert "only its first part was used" not in short
