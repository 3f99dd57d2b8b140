"""The Atom feed of a thread: its newest live posts with every required element; deleted posts never."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from factories import add_replies, make_idea, make_reply, make_thread, make_user
from helpers import ATOM as A, atom, atom_entries as entries, soup

from forums.feeds import FEED_SIZE
from forums.services import delete_post

EN = {"Accept-Language": "en"}


def contents(root: ET.Element) -> list[str]:
    return [entry.findtext(f"{A}content") for entry in entries(root)]


def test_a_thread_feed_has_its_posts_newest_first_with_every_required_element(db, client):
    thread = make_thread(make_user("alice", display_name="Alice A."), title="Bike lanes & <more>",
                         body="Where do we need them?")
    reply = make_reply(thread, make_user("bob", display_name="Bob B."), "Everywhere.")

    root = atom(client.get(f"/t/{thread.id}/feed.atom", headers=EN))

    assert root.findtext(f"{A}title") == "Bike lanes & <more>"
    assert root.findtext(f"{A}id") == f"tag:werkstadt,2026:thread-{thread.id}"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{A}link")}
    assert links["self"] == f"http://localhost/t/{thread.id}/feed.atom"
    assert links["alternate"] == f"http://localhost/t/{thread.id}/{thread.slug}"
    newest, opening = entries(root)
    assert newest.findtext(f"{A}title") == "Reply by Bob B."
    assert newest.findtext(f"{A}author/{A}name") == "Bob B."
    assert newest.find(f"{A}link").get("href") == f"http://localhost/t/{thread.id}/p/{reply.id}"
    assert opening.findtext(f"{A}title") == "Bike lanes & <more>"
    assert opening.findtext(f"{A}published")
    assert contents(root) == ["<p>Everywhere.</p>\n", "<p>Where do we need them?</p>\n"]
    assert root.findtext(f"{A}updated") == newest.findtext(f"{A}updated")


def test_post_text_in_the_feed_went_through_the_text_pipeline(db, client):
    thread = make_thread()
    make_reply(thread, body="I **agree**. <script>alert(1)</script> <img src=x onerror=alert(2)>")

    body = client.get(f"/t/{thread.id}/feed.atom").data
    content = contents(ET.fromstring(body))[0]

    assert "<strong>agree</strong>" in content
    assert "<script" not in content and "<img" not in content and "**agree**" not in content
    assert b"<script>" not in body and b"<strong>" not in body  # the HTML travels escaped inside the XML


def test_deleted_posts_never_appear(db, client):
    thread = make_thread()
    kept = make_reply(thread, body="Kept reply.")
    author = make_user("eve")
    gone = make_reply(thread, author, body="Regretted reply.")
    make_reply(thread, to=gone, body="An answer to the regretted reply.")  # keeps a placeholder on the page
    delete_post(author, gone)

    root = atom(client.get(f"/t/{thread.id}/feed.atom"))

    assert not any("Regretted" in content for content in contents(root))
    ids = [entry.findtext(f"{A}id") for entry in entries(root)]
    assert f"tag:werkstadt,2026:thread-{thread.id}/post-{gone.id}" not in ids
    assert f"tag:werkstadt,2026:thread-{thread.id}/post-{kept.id}" in ids
    assert len(ids) == 3


def test_the_feed_holds_the_newest_fifty_posts(db, client):
    thread = make_thread()
    add_replies(thread, FEED_SIZE + 5, make_user())

    root = atom(client.get(f"/t/{thread.id}/feed.atom"))

    assert len(entries(root)) == FEED_SIZE
    assert contents(root)[0] == f"<p>Reply {FEED_SIZE + 4}</p>"
    assert "<p>The opening post.</p>\n" not in contents(root)


def test_an_unknown_thread_has_no_feed(db, client):
    assert client.get("/t/999999/feed.atom").status_code == 404


def test_the_discussion_of_an_idea_has_a_feed(db, client):
    idea = make_idea(title="Wifi in parks")
    make_reply(idea.discussion, body="Yes please.")

    root = atom(client.get(f"/t/{idea.discussion.id}/feed.atom"))

    assert root.findtext(f"{A}title") == "Wifi in parks"
    assert contents(root) == ["<p>Yes please.</p>\n"]


def test_the_thread_page_links_its_feed_in_the_head(db, client):
    thread = make_thread(title="Bike lanes")

    page = soup(client.get(f"/t/{thread.id}/{thread.slug}", headers=EN))

    link = page.head.find("link", rel="alternate", type="application/atom+xml")
    assert link["href"] == f"/t/{thread.id}/feed.atom"
    assert link["title"] == "Bike lanes"
    assert page.find("a", href=f"/t/{thread.id}/feed.atom", string="Subscribe (Atom feed)")


def test_the_feed_takes_the_same_few_statements_for_few_and_many_posts(db, client, count_queries):
    small, big = make_thread(), make_thread()
    make_reply(small)
    add_replies(big, 80, [make_user() for _ in range(5)])

    counts = []
    for url in [f"/t/{thread.id}/feed.atom" for thread in (small, big)]:
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        counts.append(counter.count)

    assert counts[0] == counts[1] <= 2  # the thread; its posts with their authors
