"""Atom feeds of ideas: all published ideas (filtered like the list) and one idea's history; never a draft."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from factories import PASSWORD, make_idea, make_idea_category, make_user
from helpers import ATOM as A, atom, atom_entries as entries, soup

from app.users.models import Role
from ideas.feeds import FEED_SIZE
from ideas.models import Status
from ideas.services import change_status, withdraw_idea

EN = {"Accept-Language": "en"}
NASTY = "Please **bold** this. <script>alert(1)</script> & more"


def titles(root: ET.Element) -> list[str]:
    return [entry.findtext(f"{A}title") for entry in entries(root)]


def self_link(root: ET.Element) -> str:
    return next(link.get("href") for link in root.findall(f"{A}link") if link.get("rel") == "self")


def feed_links(response) -> list[tuple[str, str]]:
    """(href, title) of the Atom alternates in the page's head."""
    head = soup(response).head
    return [(link["href"], link.get("title")) for link in head.find_all("link", rel="alternate")
            if link.get("type") == "application/atom+xml"]


def staff_user():
    return make_user("staff", roles=(Role.CITY_STAFF,), locale="en")


# --- all ideas ---------------------------------------------------------------------------------------------

def test_the_idea_feed_lists_published_ideas_newest_first_with_every_required_element(db, client):
    category = make_idea_category("city")
    make_idea(category=category, title="Older idea")
    make_idea(make_user("alice", display_name="Alice A."), category, title="Newer idea")

    root = atom(client.get("/ideas/feed.atom", headers=EN))

    assert titles(root) == ["Newer idea", "Older idea"]
    assert root.findtext(f"{A}id") == "tag:werkstadt,2026:ideas"
    assert self_link(root) == "http://localhost/ideas/feed.atom"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    first = entries(root)[0]
    assert first.findtext(f"{A}author/{A}name") == "Alice A."
    assert first.findtext(f"{A}published")
    assert first.find(f"{A}link").get("href").startswith("http://localhost/ideas/")
    assert root.findtext(f"{A}updated") == first.findtext(f"{A}updated")


def test_idea_text_in_the_feed_went_through_the_text_pipeline(db, client):
    make_idea(body=NASTY, title="Tom & <Jerry>")

    body = client.get("/ideas/feed.atom").data
    entry = entries(ET.fromstring(body))[0]
    content = entry.findtext(f"{A}content")  # the HTML a feed reader renders

    assert entry.find(f"{A}content").get("type") == "html"
    assert "<strong>bold</strong>" in content
    assert "<script" not in content and "**bold**" not in content
    assert "&lt;script&gt;" in content  # shown as text, as on the page
    assert entry.findtext(f"{A}title") == "Tom & <Jerry>"  # plain text, escaped in the XML
    assert b"<script>" not in body and b"<Jerry>" not in body


def test_drafts_never_appear_in_the_feed(db, client):
    author = make_user("alice")
    make_idea(author, title="Public idea")
    make_idea(author, title="Secret draft", publish=False)

    assert titles(atom(client.get("/ideas/feed.atom"))) == ["Public idea"]
    assert b"Secret draft" not in client.get("/ideas/feed.atom?status=draft").data


def test_the_feed_filters_by_category_and_status_like_the_list(db, client):
    city, school = make_idea_category("city"), make_idea_category("school")
    staff = staff_user()
    make_idea(category=city, title="City new")
    accepted = make_idea(category=city, title="City accepted")
    make_idea(category=school, title="School new")
    change_status(staff, accepted, Status.ACCEPTED, "We do it.")

    by_category = atom(client.get("/ideas/feed.atom?category=city"))
    by_status = atom(client.get("/ideas/feed.atom?status=new"))
    both = atom(client.get("/ideas/feed.atom?category=city&status=accepted&sort=supported&mine=1"))

    assert sorted(titles(by_category)) == ["City accepted", "City new"]
    assert sorted(titles(by_status)) == ["City new", "School new"]
    assert titles(both) == ["City accepted"]
    assert self_link(both) == "http://localhost/ideas/feed.atom?category=city&status=accepted"
    assert len({root.findtext(f"{A}id") for root in (by_category, by_status, both)}) == 3
    assert sorted(titles(atom(client.get("/ideas/feed.atom?status=nonsense")))) == sorted(
        ["City new", "City accepted", "School new"])  # an unknown status is ignored, as on the list
    assert client.get("/ideas/feed.atom?category=nowhere").status_code == 404


def test_the_feed_holds_at_most_fifty_ideas(db, client):
    category, author = make_idea_category(), make_user()
    for number in range(FEED_SIZE + 2):
        make_idea(author, category, title=f"Idea {number}")

    shown = titles(atom(client.get("/ideas/feed.atom")))

    assert len(shown) == FEED_SIZE
    assert shown[0] == f"Idea {FEED_SIZE + 1}" and "Idea 0" not in shown


def test_the_feed_speaks_the_readers_language(db, client):
    make_idea()

    root = atom(client.get("/ideas/feed.atom", headers={"Accept-Language": "de"}))

    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    assert entries(root)[0].get("{http://www.w3.org/XML/1998/namespace}lang") == "en"  # the idea's own language


# --- one idea ----------------------------------------------------------------------------------------------

def test_an_idea_feed_has_its_publication_status_changes_and_answers(db, client):
    staff = staff_user()
    idea = make_idea(title="Wifi in parks", body="Free **wifi**.")
    change_status(staff, idea, Status.UNDER_REVIEW, "We *look* at it. <script>x()</script>")
    change_status(staff, idea, Status.ACCEPTED, "We **do** it.")

    root = atom(client.get(f"/ideas/{idea.id}/feed.atom", headers=EN))

    assert titles(root) == ["Official answer: Accepted", "Status changed to Under review", "Published"]
    assert root.findtext(f"{A}title") == "WerkSTADT: Wifi in parks"
    assert self_link(root) == f"http://localhost/ideas/{idea.id}/feed.atom"
    answer, review, published = (entry.findtext(f"{A}content") for entry in entries(root))
    assert "<strong>do</strong>" in answer
    assert "<em>look</em>" in review and "<script" not in review
    assert "<strong>wifi</strong>" in published  # the publication carries the idea's text
    assert entries(root)[0].findtext(f"{A}author/{A}name") == "Staff"
    ids = [entry.findtext(f"{A}id") for entry in entries(root)]
    assert len(set(ids)) == 3 and all(i.startswith(f"tag:werkstadt,2026:idea-{idea.id}/change-") for i in ids)
    assert root.findtext(f"{A}updated") == entries(root)[0].findtext(f"{A}updated")


def test_a_withdrawal_without_explanation_gets_a_sentence_of_ours(db, client):
    author = make_user("alice")
    idea = make_idea(author)
    withdraw_idea(author, idea)

    root = atom(client.get(f"/ideas/{idea.id}/feed.atom", headers=EN))

    assert entries(root)[0].findtext(f"{A}content") == "<p>The status is now Withdrawn.</p>"


def test_a_drafts_feed_is_404_for_everyone_even_its_author(db, client, auth):
    author = make_user("alice")
    draft = make_idea(author, title="Secret draft", publish=False)

    assert client.get(f"/ideas/{draft.id}/feed.atom").status_code == 404
    auth.login("alice", PASSWORD)
    assert client.get(f"/ideas/{draft.id}/feed.atom").status_code == 404
    assert client.get("/ideas/999999/feed.atom").status_code == 404


# --- links on the pages --------------------------------------------------------------------------------------

def test_the_idea_list_links_the_feed_of_its_filter(db, client):
    make_idea_category("city")

    plain = feed_links(client.get("/ideas", headers=EN))
    filtered = feed_links(client.get("/ideas?category=city&status=new&sort=supported", headers=EN))

    assert plain == [("/ideas/feed.atom", "WerkSTADT: ideas")]
    assert filtered[0][0] == "/ideas/feed.atom?category=city&status=new"
    page = soup(client.get("/ideas", headers=EN))
    assert page.find("a", href="/ideas/feed.atom", string="Subscribe (Atom feed)")


def test_the_idea_page_links_its_feed_and_its_discussions(db, client):
    idea = make_idea(title="Wifi in parks")

    links = feed_links(client.get(f"/ideas/{idea.id}", headers=EN))

    assert (f"/ideas/{idea.id}/feed.atom", "WerkSTADT: Wifi in parks") in links
    assert (f"/t/{idea.discussion.id}/feed.atom", "Discussion: Wifi in parks") in links
    for href, _title in links:
        assert client.get(href).status_code == 200


def test_a_draft_page_links_no_feed(db, client, auth):
    draft = make_idea(make_user("alice"), publish=False)
    auth.login("alice", PASSWORD)

    response = client.get(f"/ideas/{draft.id}")

    assert response.status_code == 200
    assert feed_links(response) == []
    assert b"feed.atom" not in response.data


# --- statements ----------------------------------------------------------------------------------------------

def test_feeds_take_the_same_few_statements_for_few_and_many_ideas(db, client, count_queries):
    category, staff = make_idea_category("city"), staff_user()
    idea = make_idea(category=category)

    def measure() -> list[int]:
        counts = []
        for url in ("/ideas/feed.atom", "/ideas/feed.atom?category=city&status=accepted",
                    f"/ideas/{idea.id}/feed.atom"):
            with count_queries() as counter:
                assert client.get(url).status_code == 200
            counts.append(counter.count)
        return counts

    few = measure()
    for number in range(12):
        make_idea(make_user(), category, title=f"More {number}")
    other_staff = make_user("staff2", roles=(Role.CITY_STAFF,))
    change_status(staff, idea, Status.UNDER_REVIEW, "Looking.")
    change_status(other_staff, idea, Status.ACCEPTED, "Yes.")
    change_status(staff, idea, Status.IN_DEVELOPMENT, "Building.")
    many = measure()

    assert few == many
    assert max(many) <= 3  # categories + ideas; idea + its history (authors joined)
