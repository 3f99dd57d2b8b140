"""/search over the real sources (ideas, threads, replies, people, categories) and the Whoosh index: what writes
put in the index is found, linked and described, the filters the features offer work, and the statements per page
stay the same as the data grows."""
from __future__ import annotations

import re

import pytest

from app.search import indexer
from factories import make_category, make_idea, make_idea_category, make_reply, make_thread, make_user

ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def app_overrides(tmp_path):
    return {"SEARCH_INDEX_DIR": str(tmp_path / "index")}


def links(html: str) -> list[str]:
    return re.findall(r'<h3 class="search-result-title"><a href="([^"]*)"', html)


def get(client, query: str) -> str:
    response = client.get("/search?" + query, headers=ENGLISH)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_ideas_threads_and_replies_are_found_with_their_facts_and_drafts_are_not(client, db):
    author = make_user("alice", display_name="Alice Adler")
    mobility = make_idea_category("mobility", name="Mobility")
    idea = make_idea(author, mobility, title="Safer cycle lanes", body="Paint the cycle lanes red.")
    make_idea(author, mobility, title="Cycle lanes draft", publish=False)
    thread = make_thread(author, make_category("talk"), title="Cycle parking", body="Where to park bikes?")
    make_reply(thread, author, "More cycle racks at the station, please.")
    idea_id, thread_id = idea.id, thread.id
    indexer.rebuild()

    html = get(client, "q=cycle")

    assert f"/ideas/{idea_id}" in links(html)
    assert len([link for link in links(html) if link.startswith(f"/t/{thread_id}")]) == 2  # thread and reply
    assert "Cycle lanes draft" not in html
    assert "0 supports" in html
    assert ">3 results</h2>" in html
    assert 'Ideas <span class="count">(1)' in html and 'Threads <span class="count">(1)' in html
    assert 'Replies <span class="count">(1)' in html


def test_the_scoped_idea_search_and_the_idea_category_and_status_filters(client, db):
    mobility = make_idea_category("mobility", name="Mobility")
    culture = make_idea_category("culture", name="Culture")
    bus = make_idea(title="Night bus to the suburbs", category=mobility)
    make_idea(title="Bus museum", category=culture)
    make_thread(title="Bus timetable", body="The bus comes late.")
    bus_id = bus.id
    indexer.rebuild()

    scoped = get(client, "q=bus&kind=idea")
    filtered = get(client, "q=bus&category=idea:mobility")

    assert len(links(scoped)) == 2 and all("/ideas/" in link for link in links(scoped))
    assert links(filtered) == [f"/ideas/{bus_id}"]
    assert '<optgroup label="Idea categories">' in filtered
    assert '<option value="idea:mobility" selected>Mobility</option>' in filtered
    assert '<option value="forum:' in filtered  # the forum categories are offered too
    assert len(links(get(client, "q=bus&status=new"))) == 2
    assert links(get(client, "q=bus&status=accepted")) == []


def test_statements_per_search_page_stay_the_same_with_5_or_40_matching_documents(client, db, count_queries):
    from app.users.models import User
    from forums.models import ForumCategory, Thread
    from ideas.models import IdeaCategory

    ids = {"author": make_user("writer").id, "ideas": make_idea_category("ideas").id,
           "forum": make_category("forum").id, "thread": None}
    made = 0

    def grow_to(documents: int) -> None:
        nonlocal made
        author, ideas = db.session.get(User, ids["author"]), db.session.get(IdeaCategory, ids["ideas"])
        forum = db.session.get(ForumCategory, ids["forum"])
        thread = db.session.get(Thread, ids["thread"]) if ids["thread"] else None
        while made < documents:
            if made % 3 == 0:
                make_idea(author, ideas, title=f"Playground idea {made}")
            elif made % 3 == 1:
                thread = make_thread(author, forum, title=f"Playground thread {made}")
                ids["thread"] = thread.id
            else:
                make_reply(thread, author, f"A playground reply {made}.")
            made += 1
        indexer.rebuild()

    def statements() -> int:
        get(client, "q=playground&sort=newest")  # warm: an app's first request loads its settings
        with count_queries() as counter:
            html = get(client, "q=playground&sort=newest")
        assert f">{made} results</h2>" in html
        kinds = {badge for badge in re.findall(r'<span class="badge">(\w+)</span>', html)}
        assert kinds == {"Ideas", "Threads", "Replies"}  # every kind on both pages: each costs its own statements
        return counter.count

    grow_to(5)
    few = statements()
    grow_to(40)
    assert statements() == few
