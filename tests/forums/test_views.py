"""Forum pages: the index, category pages, new threads, thread pages (nested and flat), read tracking, replies."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from factories import add_replies, make_category, make_discussion, make_reply, make_thread, make_user
from forum_pages import ENGLISH, assert_novalidate, assert_outline, build_forum, login, reload
from helpers import field_error, page_text, soup, summary_links, translated, words
from sqlalchemy import func, select

from app.extensions import db
from app.users.models import User
from forums import reading, services
from forums.categories import CategoryInput, save_category
from forums.models import ForumCategory, Post, Stance, Thread, ThreadRead

TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


@pytest.fixture
def forum(db):
    return build_forum()


def thread_of(forum) -> Thread:
    return reload(Thread, forum.thread)


def user(ident) -> User:
    return reload(User, ident)


def article(response, post_id: int):
    return soup(response).find("article", id=f"post-{post_id}")


def count(model, *where) -> int:
    db.session.rollback()
    return db.session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


# --- navigation --------------------------------------------------------------------------------------------

def test_the_main_navigation_links_the_forums_apart_from_the_account_navigation(client, db):
    page = soup(client.get("/"))

    main_nav = page.find("nav", attrs={"aria-label": translated(client.application, "de", "Main")})
    account_nav = page.find("nav", attrs={"aria-label": translated(client.application, "de", "Account")})
    assert main_nav is not None and account_nav is not None and main_nav is not account_nav
    assert main_nav.find("a", href="/forums") is not None
    assert page.find("main").find("a", href="/forums") is not None  # the home page links the forums too


def test_the_forums_link_is_the_current_page_on_the_index(client, db):
    link = soup(client.get("/forums")).find("nav", class_="main-nav").find("a", href="/forums")

    assert link["aria-current"] == "page"


# --- the index ---------------------------------------------------------------------------------------------

def test_index_lists_categories_with_counts_and_latest_activity(client, forum):
    bob = user(forum.bob)
    make_reply(thread_of(forum), bob, "Near the station.")

    response = client.get("/forums", headers=ENGLISH)

    assert response.status_code == 200
    card = soup(response).find("a", href="/forums/mobility").find_parent("li")
    text = words(card.get_text(" "))
    assert "Mobility" in text and "About Mobility" in text
    assert "1 thread" in text and "2 posts" in text
    latest = card.find("a", href=f"/t/{forum.thread}/bike-lanes-downtown")
    assert latest.get_text() == "Bike lanes downtown"
    assert card.find("a", href="/u/bob") is not None  # the last poster
    assert TIME.match(card.find("time")["datetime"])
    assert_outline(response)


def test_index_names_categories_in_the_readers_language(client, db):
    save_category(None, CategoryInput("verkehr", {"de": "Verkehr", "en": "Traffic"},
                                      {"de": "Wege durch die Stadt", "en": "Ways through the city"}, "#0b4f8a"))

    german = page_text(client.get("/forums", headers={"Accept-Language": "de"}))
    english = page_text(client.get("/forums", headers=ENGLISH))

    assert "Verkehr" in german and "Wege durch die Stadt" in german and "Traffic" not in german
    assert "Traffic" in english and "Ways through the city" in english


def test_a_category_colour_only_decorates_its_named_card(client, forum):
    card = soup(client.get("/forums")).find("a", href="/forums/mobility").find_parent("li")

    assert "category-colour-green" in card["class"]
    assert card.find("h2").get_text(strip=True) == "Mobility"  # the name says it; the colour adds nothing new


def test_new_thread_links_are_for_signed_in_members(client, forum):
    assert soup(client.get("/forums")).find("a", href="/forums/mobility/new") is None

    login(client, "bob")

    assert soup(client.get("/forums")).find("a", href="/forums/mobility/new") is not None


def test_an_empty_forum_says_so(client, db):
    response = client.get("/forums", headers=ENGLISH)

    assert response.status_code == 200
    assert "There are no categories yet." in page_text(response)


# --- a category --------------------------------------------------------------------------------------------

def test_category_page_lists_threads_pinned_first_with_states_in_words(client, forum):
    alice, mod = user(forum.alice), user(forum.mod)
    category = reload(ForumCategory, forum.category)
    older = make_thread(alice, category, title="Pinned rules of the forum")
    services.set_pinned(mod, older, True)
    locked = make_thread(alice, category, title="A locked thread here")
    services.set_locked(mod, locked, True)
    make_reply(thread_of(forum), user(forum.bob), "Newest activity.")

    response = client.get("/forums/mobility", headers=ENGLISH)

    assert response.status_code == 200
    rows = soup(response).find("table").find("tbody").find_all("tr")
    titles = [row.find("a", class_="thread-title").get_text() for row in rows]
    assert titles == ["Pinned rules of the forum", "Bike lanes downtown", "A locked thread here"]
    assert "Pinned" in words(rows[0].get_text(" "))
    assert "Locked" in words(rows[2].get_text(" "))
    assert "Pinned" not in words(rows[1].get_text(" ")) and "Locked" not in words(rows[1].get_text(" "))
    assert rows[1].find("td", class_="numeric").get_text(strip=True) == "1"  # replies
    assert TIME.match(rows[1].find("time")["datetime"])
    assert rows[1].find("a", href="/u/alice") is not None
    assert_outline(response)


def test_category_page_is_paginated(client, forum):
    alice = user(forum.alice)
    category = reload(ForumCategory, forum.category)
    for number in range(reading.THREADS_PER_PAGE):
        make_thread(alice, category, title=f"Thread number {number}")

    first, second = client.get("/forums/mobility"), client.get("/forums/mobility?page=2")

    assert len(soup(first).find("tbody").find_all("tr")) == reading.THREADS_PER_PAGE
    assert len(soup(second).find("tbody").find_all("tr")) == 1
    assert soup(first).find("nav", class_="pagination").find("a", href="/forums/mobility?page=2") is not None
    assert client.get("/forums/mobility?page=3").status_code == 404
    assert client.get("/forums/mobility?page=0").status_code == 404
    assert client.get("/forums/mobility?page=x").status_code == 404


def test_unknown_category_is_404(client, db):
    assert client.get("/forums/nowhere").status_code == 404
    assert client.get("/forums/nowhere/new").status_code in (302, 404)


def test_category_page_invites_anonymous_visitors_to_log_in(client, forum):
    main = soup(client.get("/forums/mobility")).find("main")

    links = [link["href"] for link in main.find_all("a", href=re.compile(r"^/login\?next="))]
    assert "/login?next=/forums/mobility/new" in links  # besides the link to log in to follow the category


# --- read tracking -----------------------------------------------------------------------------------------

def test_listing_shows_new_posts_since_the_last_visit(client, forum):
    login(client, "alice")
    assert client.get(f"/t/{forum.thread}").status_code == 200  # read up to the opening post
    listing = soup(client.get("/forums/mobility")).find("tbody")
    assert listing.find(class_="badge-new") is None

    thread, bob = thread_of(forum), user(forum.bob)
    for text in ("One", "Two", "Three"):
        make_reply(thread, bob, text)

    badge = soup(client.get("/forums/mobility")).find("tbody").find(class_="badge-new")
    assert badge is not None and words(badge.get_text()) == "3 new posts"


def test_never_opened_threads_show_no_count(client, forum):
    login(client, "bob")

    assert soup(client.get("/forums/mobility")).find(class_="badge-new") is None


def test_a_thread_opens_at_the_first_unread_post(client, forum):
    login(client, "alice")
    client.get(f"/t/{forum.thread}")
    thread, bob = thread_of(forum), user(forum.bob)
    first_new = make_reply(thread, bob, "New one").id
    make_reply(thread, bob, "Newer one")

    response = client.get(f"/t/{forum.thread}")

    assert response.status_code == 302
    assert response.location == f"/t/{forum.thread}/bike-lanes-downtown?page=1#post-{first_new}"
    page = client.get(response.location)
    jump = soup(page).find("p", class_="jump-unread").find("a")
    assert jump["href"] == f"/t/{forum.thread}/p/{first_new}?view=nested"
    db.session.rollback()
    read = db.session.get(ThreadRead, (forum.alice, forum.thread))
    assert read.last_read_number == 3
    assert client.get(f"/t/{forum.thread}").status_code == 200  # all read: no more redirects


def test_an_explicit_page_is_never_redirected(client, forum):
    login(client, "alice")
    client.get(f"/t/{forum.thread}")
    make_reply(thread_of(forum), user(forum.bob), "Unread")

    assert client.get(f"/t/{forum.thread}/bike-lanes-downtown?page=1").status_code == 200


def test_anonymous_readers_are_not_tracked(client, forum):
    make_reply(thread_of(forum), user(forum.bob), "Hello")

    response = client.get(f"/t/{forum.thread}")

    assert response.status_code == 200
    assert soup(response).find("p", class_="jump-unread") is None
    assert count(ThreadRead) == 0


# --- a new thread ------------------------------------------------------------------------------------------

def test_new_thread_needs_a_login(client, forum):
    for response in (client.get("/forums/mobility/new"),
                     client.post("/forums/mobility/new", data={"title": "Hello there", "body": "Text"})):
        assert response.status_code == 302 and response.location.startswith("/login?next=")
    assert count(Thread) == 1


def test_the_new_thread_form_has_labelled_fields_and_a_preview_button(client, forum):
    login(client, "bob")

    response = client.get("/forums/mobility/new")

    assert response.status_code == 200
    page = soup(response)
    assert page.find("label", attrs={"for": "title"}) and page.find("label", attrs={"for": "body"})
    assert page.find("button", attrs={"name": "action", "value": "preview"}) is not None
    assert_outline(response)
    assert_novalidate(response)


def test_publishing_a_thread_redirects_to_it(client, forum):
    login(client, "bob")

    response = client.post("/forums/mobility/new", data={"title": "  More benches  ", "body": "Please **more**."})

    db.session.rollback()
    thread = db.session.execute(select(Thread).where(Thread.title == "More benches")).scalar_one()
    assert response.status_code == 302
    assert response.location == f"/t/{thread.id}/more-benches"
    page = client.get(response.location)
    assert soup(page).find("h1").get_text() == "More benches"
    assert "<strong>more</strong>" in page.get_data(as_text=True)
    assert reload(ForumCategory, forum.category).thread_count == 2


def test_thread_errors_are_shown_next_to_the_fields_and_keep_the_input(client, forum):
    login(client, "bob")

    response = client.post("/forums/mobility/new", data={"title": "Hey", "body": ""})

    assert response.status_code == 200
    assert summary_links(response) == ["title", "body"]
    assert field_error(response, "title") == "Error: " + translated(
        client.application, "en", "Please use between %(min)d and %(max)d characters.", min=5, max=150)
    assert field_error(response, "body") is not None
    assert soup(response).find("input", id="title")["value"] == "Hey"
    assert count(Thread) == 1
    assert_outline(response)


def test_a_thread_of_invisible_text_is_refused_next_to_each_field_and_keeps_the_input(client, forum):
    login(client, "bob")
    typed = {"title": "\u200b\u200b\u200b\u200b\u200b\u200b", "body": "***\n\n[](https://example.org)"}

    response = client.post("/forums/mobility/new", data=typed)

    assert response.status_code == 200
    assert summary_links(response) == ["title", "body"]
    assert field_error(response, "title") == "Error: " + translated(
        client.application, "en", "This field holds only invisible characters, such as spaces or zero-width "
                                  "characters. Please write something readable.")
    assert field_error(response, "body") == "Error: " + translated(
        client.application, "en", "Once formatted, your text shows nothing: only formatting marks, empty links or "
                                  "invisible characters. Please write some text.")
    assert soup(response).find("textarea", id="body").get_text().strip() == typed["body"]
    assert count(Thread) == 1


def test_a_reply_with_a_control_character_is_refused_and_nothing_is_stored(client, forum):
    login(client, "bob")
    before = count(Post)

    response = client.post(f"/t/{forum.thread}/reply", data={"body": "Hello\x00 there"})

    assert response.status_code == 200
    assert field_error(response, "body") == "Error: " + translated(
        client.application, "en", "This text contains a control character (such as NUL), which cannot be shown. "
                                  "Please type it again or paste it as plain text.")
    assert count(Post) == before


def test_thread_preview_renders_the_text_and_keeps_everything(client, forum):
    login(client, "bob")

    response = client.post("/forums/mobility/new",
                           data={"title": "Preview me", "body": "# Big idea\n\n*soon*", "action": "preview"})

    assert response.status_code == 200
    preview = soup(response).find("section", class_="preview")
    assert preview.find("h2") is not None
    assert preview.find("h3").get_text() == "Big idea"  # the text's headings sit below the preview's
    assert preview.find("em").get_text() == "soon"
    assert soup(response).find("input", id="title")["value"] == "Preview me"
    assert soup(response).find("textarea", id="body").get_text().strip() == "# Big idea\n\n*soon*"
    assert count(Thread) == 1
    assert_outline(response)


def test_a_thread_mentioning_more_than_ten_people_is_refused_next_to_the_text(client, forum):
    for number in range(11):
        make_user(f"person{number}")
    login(client, "bob")
    body = " ".join(f"@person{number}" for number in range(11))

    response = client.post("/forums/mobility/new", data={"title": "Everyone look", "body": body})

    assert response.status_code == 200
    assert field_error(response, "body") == "Error: You can mention at most 10 people in one post."
    assert count(Thread) == 1


# --- a thread ----------------------------------------------------------------------------------------------

@pytest.fixture
def conversation(forum):
    """bob replies to the thread; carol to bob; alice to carol (depth 3); bob to alice (attached at depth 3)."""
    thread = thread_of(forum)
    alice, bob, carol = user(forum.alice), user(forum.bob), user(forum.carol)
    first = make_reply(thread, bob, "First reply by @alice")
    second = make_reply(thread, carol, "Second level", to=first)
    third = make_reply(thread, alice, "Third level", to=second)
    fourth = make_reply(thread, bob, "Too deep", to=third)
    other = make_reply(thread, carol, "Another top-level reply")
    return {"first": first.id, "second": second.id, "third": third.id, "fourth": fourth.id, "other": other.id}


def test_thread_page_shows_title_breadcrumb_and_opening_post(client, forum, conversation):
    response = client.get(f"/t/{forum.thread}/bike-lanes-downtown", headers=ENGLISH)

    assert response.status_code == 200
    page = soup(response)
    assert page.find("h1").get_text() == "Bike lanes downtown"
    crumbs = page.find("nav", class_="breadcrumbs")
    assert crumbs.find("a", href="/forums") and crumbs.find("a", href="/forums/mobility")
    opening = article(response, forum.opening)
    assert opening.find("strong").get_text() == "bike lanes"
    assert opening.find("a", href="/u/alice").get_text() == "Alice"
    assert TIME.match(opening.find("time")["datetime"])
    assert "5 replies" in page_text(response)
    assert_outline(response)
    assert_novalidate(response)


def test_nested_view_is_a_list_of_articles_with_nested_lists(client, forum, conversation):
    response = client.get(f"/t/{forum.thread}")

    top = soup(response).find("ol", class_="replies")
    items = top.find_all("li", recursive=False)
    assert [item.find("article", recursive=False)["id"] for item in items] == [
        f"post-{conversation['first']}", f"post-{conversation['other']}"]
    level2 = items[0].find("ol", recursive=False).find_all("li", recursive=False)
    assert [li.article["id"] for li in level2] == [f"post-{conversation['second']}"]
    level3 = level2[0].find("ol", recursive=False).find_all("li", recursive=False)
    assert [li.article["id"] for li in level3] == [f"post-{conversation['third']}", f"post-{conversation['fourth']}"]
    for post in soup(response).find_all("article"):
        label = soup(response).find(id=post["aria-labelledby"])
        assert label is not None and post in label.parents  # labelled by its own author line


def test_a_reply_attached_at_depth_three_says_whom_it_answers(client, forum, conversation):
    response = client.get(f"/t/{forum.thread}", headers=ENGLISH)

    deep = article(response, conversation["fourth"]).find(class_="in-reply-to")
    assert words(deep.get_text(" ")) == "In reply to Alice"
    assert deep.find("a")["href"] == f"#post-{conversation['third']}"
    assert article(response, conversation["third"]).find(class_="in-reply-to") is None  # it sits under its parent


def test_flat_view_is_chronological_and_says_in_reply_to(client, forum, conversation):
    response = client.get(f"/t/{forum.thread}?view=flat", headers=ENGLISH)

    listing = soup(response).find("ol", class_="replies-flat")
    ids = [li.article["id"] for li in listing.find_all("li", recursive=False)]
    assert ids == [f"post-{conversation[key]}" for key in ("first", "second", "third", "fourth", "other")]
    second = article(response, conversation["second"]).find(class_="in-reply-to")
    assert words(second.get_text(" ")) == "In reply to Bob"
    assert second.find("a")["href"] == f"/t/{forum.thread}/p/{conversation['first']}?view=flat"
    assert article(response, conversation["first"]).find(class_="in-reply-to") is None
    assert_outline(response)


def test_the_other_view_is_one_click_away(client, forum, conversation):
    nested = soup(client.get(f"/t/{forum.thread}/bike-lanes-downtown"))
    flat = soup(client.get(f"/t/{forum.thread}/bike-lanes-downtown?view=flat"))

    assert nested.find("p", class_="view-switch").find("a")["href"] == f"/t/{forum.thread}/bike-lanes-downtown?view=flat"
    assert flat.find("p", class_="view-switch").find("a")["href"] == f"/t/{forum.thread}/bike-lanes-downtown?view=nested"


def test_posts_show_cooked_text_never_raw_html(client, forum):
    thread = thread_of(forum)
    post = make_reply(thread, user(forum.bob), "<script>alert(1)</script> hi @alice")

    response = client.get(f"/t/{forum.thread}")

    body = article(response, post.id).find(class_="user-text")
    assert body.find("script") is None and "<script>" in body.get_text()
    assert body.find("a", class_="mention")["href"] == "/u/alice"


def test_actions_follow_the_policy(client, forum, conversation):
    login(client, "bob")

    response = client.get(f"/t/{forum.thread}?page=1")

    own, others = article(response, conversation["first"]), article(response, conversation["second"])
    assert own.find("a", href=f"/posts/{conversation['first']}/edit") is not None
    assert own.find("a", href=f"/posts/{conversation['first']}/delete") is not None
    assert others.find("a", href=re.compile(r"/edit$")) is None and others.find("a", href=re.compile("/delete$")) is None
    reply = others.find("a", href=f"/t/{forum.thread}/reply?to={conversation['second']}")
    assert reply is not None and reply.has_attr("data-inline-reply")
    assert others.find("a", href=f"/t/{forum.thread}/reply?quote={conversation['second']}") is not None
    assert others.find("a", href=f"/t/{forum.thread}/p/{conversation['second']}") is not None


def test_anonymous_readers_see_no_write_actions_and_a_login_link(client, forum, conversation):
    response = client.get(f"/t/{forum.thread}", headers=ENGLISH)

    page = soup(response)
    assert page.find("a", href=re.compile(r"/reply\?")) is None and page.find("a", href=re.compile("/edit$")) is None
    login_link = page.find("section", class_="reply-section").find("a")
    assert login_link.get_text() == "Log in to reply"
    assert login_link["href"].startswith("/login?next=")
    assert page.find("form", class_="reply-form") is None


def test_members_get_a_reply_form_at_the_bottom(client, forum):
    login(client, "bob")

    form = soup(client.get(f"/t/{forum.thread}")).find("section", class_="reply-section").find("form")

    assert form["action"] == f"/t/{forum.thread}/reply" and form.has_attr("novalidate")
    assert form.find("textarea", attrs={"name": "body"}) is not None
    assert form.find("input", attrs={"name": "stance"}) is None  # a category thread takes no stances


def test_a_locked_thread_says_so_instead_of_a_form(client, forum):
    services.set_locked(user(forum.mod), thread_of(forum), True)
    login(client, "bob")

    response = client.get(f"/t/{forum.thread}", headers=ENGLISH)

    assert "Locked" in words(soup(response).find("p", class_="thread-state").get_text(" "))
    section = soup(response).find("section", class_="reply-section")
    assert section.find("form") is None
    assert "This thread is locked. New replies are not possible." in words(section.get_text(" "))


def test_deleted_posts_with_replies_leave_a_placeholder(client, forum, conversation):
    thread = thread_of(forum)
    target = make_reply(thread, user(forum.carol), "Moderate me")
    make_reply(thread, user(forum.alice), "An answer to it", to=target)
    db.session.rollback()
    services.delete_post(user(forum.bob), db.session.get(Post, conversation["first"]))
    services.delete_post(user(forum.mod), db.session.get(Post, target.id))

    for view in ("nested", "flat"):
        response = client.get(f"/t/{forum.thread}?view={view}", headers=ENGLISH)
        by_author, by_mod = article(response, conversation["first"]), article(response, target.id)
        assert words(by_author.get_text(" ")) == "Deleted by its author"
        assert words(by_mod.get_text(" ")) == "Deleted by a moderator"
        assert "First reply" not in response.get_data(as_text=True)
        assert "Moderate me" not in response.get_data(as_text=True)
        assert by_author["aria-labelledby"] == by_author.find("p")["id"]
        assert article(response, conversation["second"]) is not None


def test_deleted_posts_without_replies_disappear(client, forum, conversation):
    db.session.rollback()
    services.delete_post(user(forum.carol), db.session.get(Post, conversation["other"]))

    for view in ("nested", "flat"):
        assert article(client.get(f"/t/{forum.thread}?view={view}"), conversation["other"]) is None


def test_edited_posts_say_so_and_link_the_history_for_those_who_may_see_it(client, forum, conversation):
    db.session.rollback()
    services.edit_post(user(forum.bob), db.session.get(Post, conversation["first"]), "First reply, better")

    anonymous = article(client.get(f"/t/{forum.thread}", headers=ENGLISH), conversation["first"])
    login(client, "bob")
    author = article(client.get(f"/t/{forum.thread}?page=1"), conversation["first"])

    assert anonymous.find(class_="edited").name == "span" and anonymous.find(class_="edited").get_text() == "edited"
    assert author.find("a", class_="edited")["href"] == f"/posts/{conversation['first']}/history"


def test_a_wrong_slug_redirects_to_the_right_one_and_unknown_threads_are_404(client, forum):
    response = client.get(f"/t/{forum.thread}/old-title?view=flat")

    assert response.status_code == 301
    assert response.location == f"/t/{forum.thread}/bike-lanes-downtown?view=flat"
    assert client.get("/t/999").status_code == 404
    assert client.get("/t/999/some-slug").status_code == 404
    assert client.get(f"/t/{forum.thread}?page=2").status_code == 404


def test_long_threads_are_paginated(client, forum):
    add_replies(thread_of(forum), 45, user(forum.bob), nested=False)

    page3 = client.get(f"/t/{forum.thread}/bike-lanes-downtown?view=flat&page=3")

    assert len(soup(page3).find("ol", class_="replies-flat").find_all("li", recursive=False)) == 5
    assert soup(page3).find("section", class_="opening") is None  # the opening post is on page 1 only
    pages = soup(page3).find("nav", class_="pagination")
    assert pages.find("a", attrs={"aria-current": "page"})["href"].endswith("page=3")


# --- permalinks --------------------------------------------------------------------------------------------

def test_permalink_opens_the_right_page_of_a_long_thread(client, forum):
    add_replies(thread_of(forum), 45, user(forum.bob))  # 12 conversations of up to four posts
    db.session.rollback()
    last = db.session.execute(select(Post).where(Post.thread_id == forum.thread, Post.number == 46)).scalar_one()

    flat = client.get(f"/t/{forum.thread}/p/{last.id}?view=flat")
    nested = client.get(f"/t/{forum.thread}/p/{last.id}")

    assert flat.status_code == 302
    assert flat.location == f"/t/{forum.thread}/bike-lanes-downtown?page=3&view=flat#post-{last.id}"
    assert nested.location == f"/t/{forum.thread}/bike-lanes-downtown?page=1#post-{last.id}"
    assert article(client.get(flat.location), last.id) is not None


def test_permalink_of_a_post_in_another_thread_is_404(client, forum):
    other = make_thread(user(forum.bob), reload(ForumCategory, forum.category), title="Another thread")
    db.session.rollback()
    opening = db.session.execute(select(Post.id).where(Post.thread_id == other.id)).scalar_one()

    assert client.get(f"/t/{forum.thread}/p/{opening}").status_code == 404
    assert client.get(f"/t/{forum.thread}/p/99999").status_code == 404


# --- replies -----------------------------------------------------------------------------------------------

def test_replying_needs_a_login(client, forum):
    get = client.get(f"/t/{forum.thread}/reply")
    post = client.post(f"/t/{forum.thread}/reply", data={"body": "Anonymous words"})

    for response in (get, post):
        assert response.status_code == 302 and response.location.startswith("/login?next=")
    assert count(Post) == 1


def test_reply_page_works_on_its_own(client, forum, conversation):
    login(client, "carol")

    response = client.get(f"/t/{forum.thread}/reply?to={conversation['first']}", headers=ENGLISH)

    assert response.status_code == 200
    page = soup(response)
    assert page.find("input", attrs={"name": "to"})["value"] == str(conversation["first"])
    assert "You are replying to Bob" in page_text(response)
    assert_outline(response)
    assert_novalidate(response)


def test_a_reply_to_a_post_is_nested_under_it_and_opens_at_its_permalink(client, forum, conversation):
    login(client, "carol")

    response = client.post(f"/t/{forum.thread}/reply", data={"body": "I agree!", "to": str(conversation["first"])})

    db.session.rollback()
    post = db.session.execute(select(Post).where(Post.body_md == "I agree!")).scalar_one()
    assert (post.parent_id, post.depth, post.author_id) == (conversation["first"], 2, forum.carol)
    assert response.status_code == 302
    assert response.location == f"/t/{forum.thread}/p/{post.id}"
    shown = client.get(client.get(response.location).location)
    assert article(shown, post.id) is not None


def test_a_reply_to_the_thread_is_top_level(client, forum):
    login(client, "bob")

    client.post(f"/t/{forum.thread}/reply", data={"body": "To everyone", "to": ""})

    db.session.rollback()
    post = db.session.execute(select(Post).where(Post.body_md == "To everyone")).scalar_one()
    assert post.depth == 1 and post.parent_id is None


def test_reply_errors_keep_the_input_and_the_post_replied_to(client, forum, conversation):
    login(client, "carol")

    response = client.post(f"/t/{forum.thread}/reply", data={"body": "   ", "to": str(conversation["first"])})

    assert response.status_code == 200
    assert summary_links(response) == ["body"]
    assert field_error(response, "body") is not None
    assert soup(response).find("input", attrs={"name": "to"})["value"] == str(conversation["first"])
    assert count(Post) == 6


def test_reply_preview_keeps_everything_and_saves_nothing(client, forum, conversation):
    login(client, "carol")

    response = client.post(f"/t/{forum.thread}/reply",
                           data={"body": "## Point\n\n**yes**", "to": str(conversation["first"]), "action": "preview"})

    preview = soup(response).find("section", class_="preview")
    assert preview.find("h3").get_text() == "Point" and preview.find("strong").get_text() == "yes"
    assert soup(response).find("textarea", id="body").get_text().strip() == "## Point\n\n**yes**"
    assert soup(response).find("input", attrs={"name": "to"})["value"] == str(conversation["first"])
    assert count(Post) == 6
    assert_outline(response)


def test_quote_prefills_a_markdown_quote_with_attribution(client, forum):
    quoted = make_reply(thread_of(forum), user(forum.bob), "Line one\nLine two")
    login(client, "carol")

    response = client.get(f"/t/{forum.thread}/reply?quote={quoted.id}")

    text = soup(response).find("textarea", id="body").get_text().strip()
    assert text == "> Line one\n> Line two\n>\n> — @bob"
    assert soup(response).find("input", attrs={"name": "to"})["value"] == str(quoted.id)


def test_replies_to_a_locked_thread_are_refused_with_a_clear_message(client, forum):
    services.set_locked(user(forum.mod), thread_of(forum), True)
    login(client, "bob")

    get = client.get(f"/t/{forum.thread}/reply", headers=ENGLISH)
    post = client.post(f"/t/{forum.thread}/reply", data={"body": "Let me in"}, headers=ENGLISH)

    for response in (get, post):
        assert response.status_code == 403
        assert "This thread is locked. New replies are not possible." in page_text(response)
    assert count(Post) == 1


def test_moderators_may_still_reply_to_a_locked_thread(client, forum):
    services.set_locked(user(forum.mod), thread_of(forum), True)
    login(client, "mod")

    response = client.post(f"/t/{forum.thread}/reply", data={"body": "Closing words"})

    assert response.status_code == 302
    assert count(Post) == 2


def test_a_reply_mentioning_more_than_ten_people_is_refused_next_to_the_text(client, forum):
    for number in range(11):
        make_user(f"person{number}")
    login(client, "bob")

    response = client.post(f"/t/{forum.thread}/reply",
                           data={"body": " ".join(f"@person{number}" for number in range(11))})

    assert field_error(response, "body") == "Error: You can mention at most 10 people in one post."
    assert count(Post) == 1


@pytest.mark.parametrize("query", ["to=99999", "quote=99999", "to=abc"])
def test_replying_to_an_unknown_post_is_404(client, forum, query):
    login(client, "bob")

    assert client.get(f"/t/{forum.thread}/reply?{query}").status_code == 404


def test_replying_to_a_post_of_another_thread_is_404(client, forum):
    other = make_thread(user(forum.bob), reload(ForumCategory, forum.category), title="Another thread")
    stranger = make_reply(other, user(forum.carol), "Elsewhere")
    login(client, "bob")

    assert client.get(f"/t/{forum.thread}/reply?to={stranger.id}").status_code == 404
    response = client.post(f"/t/{forum.thread}/reply", data={"body": "Hi", "to": str(stranger.id)})
    assert response.status_code == 404
    assert count(Post, Post.thread_id == forum.thread) == 1


def test_a_reply_to_a_post_deleted_meanwhile_keeps_the_text_and_explains(client, forum, conversation):
    db.session.rollback()
    services.delete_post(user(forum.carol), db.session.get(Post, conversation["other"]))
    login(client, "bob")

    response = client.post(f"/t/{forum.thread}/reply", data={"body": "Too late?", "to": str(conversation["other"])})

    assert response.status_code == 200
    assert field_error(response, "body") is not None
    assert soup(response).find("textarea", id="body").get_text().strip() == "Too late?"
    assert soup(response).find("input", attrs={"name": "to"})["value"] == ""


def test_reply_to_an_unknown_thread_is_404(client, forum):
    login(client, "bob")

    assert client.get("/t/999/reply").status_code == 404
    assert client.post("/t/999/reply", data={"body": "x"}).status_code == 404


# --- discussions about a subject: stances ------------------------------------------------------------------

@pytest.fixture
def discussion(forum):
    """A thread attached to a Subject (the forum thread's own), so replies may carry stances."""
    thread = services.open_thread(thread_of(forum).subject, title="About the bike lanes", author=user(forum.alice))
    db.session.commit()
    return thread.id


def test_replies_in_a_discussion_carry_stances_and_the_top_counts_them(client, forum, discussion):
    login(client, "bob")
    form = soup(client.get(f"/t/{discussion}/reply", headers=ENGLISH)).find("form", class_="reply-form")
    stances = [radio["value"] for radio in form.find_all("input", attrs={"name": "stance"})]
    assert stances == ["none", "for", "against", "question"]
    assert form.find("fieldset").find("legend").get_text() == "Your stance"

    client.post(f"/t/{discussion}/reply", data={"body": "Yes please", "stance": "for"})
    client.post(f"/t/{discussion}/reply", data={"body": "Why here?", "stance": "question"})
    client.post(f"/t/{discussion}/reply", data={"body": "Just a remark", "stance": "none"})

    response = client.get(f"/t/{discussion}?page=1", headers=ENGLISH)
    counts = [words(li.get_text(" ")) for li in soup(response).find("ul", class_="stance-counts").find_all("li")]
    assert counts == ["For: 1", "Against: 0", "Question: 1"]
    db.session.rollback()
    yes = db.session.execute(select(Post).where(Post.body_md == "Yes please")).scalar_one()
    remark = db.session.execute(select(Post).where(Post.body_md == "Just a remark")).scalar_one()
    badge = article(response, yes.id).find(class_="stance")
    assert words(badge.get_text(" ")) == "Stance: For"
    assert article(response, remark.id).find(class_="stance") is None
    assert remark.stance is None


def test_a_discussion_page_links_its_subject_and_has_no_opening_post(client, forum, discussion):
    response = client.get(f"/t/{discussion}", headers=ENGLISH)

    assert response.status_code == 200
    page = soup(response)
    assert page.find("h1").get_text() == "About the bike lanes"
    assert page.find("nav", class_="breadcrumbs").find("a", href=f"/t/{forum.thread}/bike-lanes-downtown")
    assert page.find("section", class_="opening") is None
    assert_outline(response)


def test_a_discussion_about_an_unregistered_kind_still_shows(client, forum):
    thread = make_discussion(user(forum.alice), title="About a test subject")

    response = client.get(f"/t/{thread.id}")

    assert response.status_code == 200
    assert soup(response).find("nav", class_="breadcrumbs") is not None


def test_a_stance_outside_the_choices_is_an_error(client, forum, discussion):
    login(client, "bob")

    response = client.post(f"/t/{discussion}/reply", data={"body": "Hmm", "stance": "maybe"})

    assert response.status_code == 200
    assert soup(response).find("fieldset", id="stance") is not None
    assert soup(response).find(id="stance-error") is not None
    assert all(radio.get("aria-invalid") == "true"
               for radio in soup(response).find_all("input", attrs={"name": "stance"}))
    assert count(Post, Post.thread_id == discussion) == 0


def test_category_threads_ignore_a_stance_sent_anyway(client, forum):
    login(client, "bob")

    client.post(f"/t/{forum.thread}/reply", data={"body": "Sneaky", "stance": "for"})

    db.session.rollback()
    assert db.session.execute(select(Post.stance).where(Post.body_md == "Sneaky")).scalar_one() is None


def test_the_thread_macro_renders_inside_any_page(app, forum, discussion):
    """Ideas will call the macro on their own pages: it needs only the page data, the viewer and a form."""
    from flask import render_template_string
    from flask_login import AnonymousUserMixin

    make_reply(reload(Thread, discussion), user(forum.bob), "For it", stance=Stance.FOR)
    template = ('{% from "forums/_thread.html" import thread %}<h1>An idea</h1>'
                "{{ thread(tp, viewer, heading_level=2) }}")
    with app.test_request_context("/forums"):  # any page: the macro links within the page it is on
        html = render_template_string(template, tp=reading.thread_page(reload(Thread, discussion), "nested", 1),
                                      viewer=AnonymousUserMixin())

    page = soup(html)
    assert [words(li.get_text(" ")) for li in page.find("ul", class_="stance-counts").find_all("li")][0].endswith("1")
    assert page.find("ol", class_="replies").find("article") is not None
    assert page.find("section", class_="reply-section").find("a", href=re.compile("^/login")) is not None


# --- queries -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("view", ["nested", "flat"])
def test_a_thread_page_takes_as_many_statements_with_5_posts_as_with_200(client, forum, count_queries, view):
    login(client, "carol")
    people = [user(forum.alice), user(forum.bob), user(forum.carol)]
    add_replies(thread_of(forum), 4, people)  # the same shapes as below: nested replies, "in reply to"
    reading.mark_read(user(forum.carol), thread_of(forum), 2)  # unread posts in both measurements
    path = f"/t/{forum.thread}/bike-lanes-downtown?view={view}&page=1"
    with count_queries() as small:
        assert client.get(path).status_code == 200

    add_replies(thread_of(forum), 195, [user(forum.alice), user(forum.bob), user(forum.carol)])
    with count_queries() as big:
        assert client.get(path).status_code == 200

    assert big.count == small.count, big.statements
    assert big.count <= 14, big.statements


def test_a_category_page_takes_as_many_statements_with_2_threads_as_with_40(client, forum, count_queries):
    login(client, "carol")
    make_thread(user(forum.bob), reload(ForumCategory, forum.category), title="Second thread")
    with count_queries() as small:
        assert client.get("/forums/mobility").status_code == 200

    people = [make_user(f"person{number}") for number in range(10)]
    category = reload(ForumCategory, forum.category)
    for number in range(38):
        make_thread(people[number % 10], category, title=f"Thread {number}")
    with count_queries() as big:
        assert client.get("/forums/mobility").status_code == 200

    assert big.count == small.count, big.statements
    assert big.count <= 8, big.statements


# --- CSRF --------------------------------------------------------------------------------------------------

class TestWithCsrf:
    @pytest.fixture
    def app_overrides(self):
        return {"WTF_CSRF_ENABLED": True}

    def _login(self, client, username):
        token = soup(client.get("/login")).find("input", attrs={"name": "csrf_token"})["value"]
        client.post("/login", data={"login": username, "password": "correct horse battery", "csrf_token": token})

    def test_every_forum_form_carries_a_token_and_posts_without_one_are_refused(self, client, forum):
        self._login(client, "mod")
        page = soup(client.get(f"/t/{forum.thread}"))

        forms = page.find("main").find_all("form", method="post")
        assert len(forms) >= 3  # lock, pin, reply
        assert all(form.find("input", attrs={"name": "csrf_token"}) for form in forms)
        assert client.post(f"/t/{forum.thread}/reply", data={"body": "No token"}).status_code == 400
        assert client.post(f"/t/{forum.thread}/lock", data={"value": "1"}).status_code == 400
        assert count(Post) == 1 and reload(Thread, forum.thread).locked is False


def test_times_are_formatted_for_the_reader(client, forum):
    thread = thread_of(forum)
    thread.last_posted_at = datetime(2024, 3, 5, 13, 7, 30, 123456, tzinfo=timezone.utc)
    db.session.commit()

    german = soup(client.get("/forums/mobility", headers={"Accept-Language": "de"})).find("tbody").find("time")
    english = soup(client.get("/forums/mobility", headers=ENGLISH)).find("tbody").find("time")

    assert german["datetime"] == english["datetime"] == "2024-03-05T13:07:30Z"
    assert "05.03.2024" in german.get_text() and "14:07" in german.get_text()  # Berlin time
    assert "Mar 5, 2024" in english.get_text()
