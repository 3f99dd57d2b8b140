"""The pages of one post: editing (with preview), its history with a readable diff, and deleting after a confirmation."""
from __future__ import annotations

import pytest
from factories import make_reply
from forum_pages import ENGLISH, assert_novalidate, assert_outline, build_forum, login, reload
from helpers import field_error, page_text, soup, summary_links, words
from sqlalchemy import func, select

from app.extensions import db
from app.users.models import User
from forums import services
from forums.models import Post, PostRevision, Stance, Thread


@pytest.fixture
def forum(db):
    return build_forum()


@pytest.fixture
def bobs_reply(forum) -> int:
    """A reply by bob in alice's thread."""
    return make_reply(reload(Thread, forum.thread), reload(User, forum.bob), "Original words here").id


def post(ident) -> Post:
    return reload(Post, ident)


def revisions(ident) -> int:
    db.session.rollback()
    return db.session.execute(select(func.count()).select_from(PostRevision)
                              .where(PostRevision.post_id == ident)).scalar_one()


# --- editing -----------------------------------------------------------------------------------------------

def test_the_author_edits_a_post_and_returns_to_it(client, forum, bobs_reply):
    login(client, "bob")
    form = soup(client.get(f"/posts/{bobs_reply}/edit")).find("textarea", id="body")
    assert form.get_text().strip() == "Original words here"

    response = client.post(f"/posts/{bobs_reply}/edit", data={"body": "Better words here"})

    assert response.status_code == 302
    assert response.location == f"/t/{forum.thread}/p/{bobs_reply}"
    edited = post(bobs_reply)
    assert (edited.body_md, edited.revision_count) == ("Better words here", 1)
    assert "<p>Better words here</p>" in edited.body_html


def test_the_edit_page_is_accessible(client, forum, bobs_reply):
    login(client, "bob")

    response = client.get(f"/posts/{bobs_reply}/edit")

    assert response.status_code == 200
    assert_outline(response)
    assert_novalidate(response)


def test_edit_errors_are_shown_next_to_the_field(client, forum, bobs_reply):
    login(client, "bob")

    response = client.post(f"/posts/{bobs_reply}/edit", data={"body": "x" * 20_001})

    assert response.status_code == 200
    assert summary_links(response) == ["body"]
    assert field_error(response, "body") is not None
    assert len(soup(response).find("textarea", id="body").get_text().strip()) == 20_001  # what was typed stays
    assert post(bobs_reply).body_md == "Original words here"
    assert_outline(response)


def test_edit_preview_keeps_the_text_and_changes_nothing(client, forum, bobs_reply):
    login(client, "bob")

    response = client.post(f"/posts/{bobs_reply}/edit", data={"body": "# New\n\n_fresh_", "action": "preview"})

    preview = soup(response).find("section", class_="preview")
    assert preview.find("h3").get_text() == "New" and preview.find("em").get_text() == "fresh"
    assert soup(response).find("textarea", id="body").get_text().strip() == "# New\n\n_fresh_"
    assert post(bobs_reply).body_md == "Original words here"
    assert_outline(response)


def test_saving_without_changes_keeps_no_revision(client, forum, bobs_reply):
    login(client, "bob")

    response = client.post(f"/posts/{bobs_reply}/edit", data={"body": "Original words here  "})

    assert response.status_code == 302
    assert revisions(bobs_reply) == 0


@pytest.mark.parametrize("method", ["get", "post"])
def test_others_may_not_edit_and_nothing_changes(client, forum, bobs_reply, method):
    login(client, "carol")

    response = getattr(client, method)(f"/posts/{bobs_reply}/edit", data={"body": "Hijacked"})

    assert response.status_code == 403
    assert post(bobs_reply).body_md == "Original words here"


def test_anonymous_visitors_are_sent_to_log_in_before_editing(client, forum, bobs_reply):
    response = client.post(f"/posts/{bobs_reply}/edit", data={"body": "Hijacked"})

    assert response.status_code == 302 and response.location.startswith("/login?next=")
    assert post(bobs_reply).body_md == "Original words here"


def test_authors_may_not_edit_in_a_locked_thread_but_moderators_may(client, forum, bobs_reply):
    services.set_locked(reload(User, forum.mod), reload(Thread, forum.thread), True)
    login(client, "bob")
    assert client.post(f"/posts/{bobs_reply}/edit", data={"body": "Late change"}).status_code == 403
    client.post("/logout")
    login(client, "mod")

    response = client.post(f"/posts/{bobs_reply}/edit", data={"body": "Moderated"})

    assert response.status_code == 302
    assert post(bobs_reply).body_md == "Moderated"


def test_editing_unknown_or_deleted_posts_is_404(client, forum, bobs_reply):
    services.delete_post(reload(User, forum.bob), post(bobs_reply))
    login(client, "bob")

    assert client.get("/posts/99999/edit").status_code == 404
    assert client.get(f"/posts/{bobs_reply}/edit").status_code == 404


def test_editing_the_mention_limit_is_an_error_next_to_the_text(client, forum, bobs_reply):
    from factories import make_user

    for number in range(11):
        make_user(f"person{number}")
    login(client, "bob")

    response = client.post(f"/posts/{bobs_reply}/edit",
                           data={"body": " ".join(f"@person{number}" for number in range(11))})

    assert field_error(response, "body") == "Error: You can mention at most 10 people in one post."
    assert post(bobs_reply).body_md == "Original words here"


def test_a_stance_can_be_changed_in_a_discussion(client, forum):
    thread = services.open_thread(reload(Thread, forum.thread).subject, title="About it")
    db.session.commit()
    reply = make_reply(thread, reload(User, forum.bob), "Unsure", stance=Stance.QUESTION)
    login(client, "bob")
    page = soup(client.get(f"/posts/{reply.id}/edit"))
    assert page.find("input", attrs={"name": "stance", "value": "question"}).has_attr("checked")

    client.post(f"/posts/{reply.id}/edit", data={"body": "Convinced now", "stance": "for"})

    db.session.rollback()
    discussion = db.session.get(Thread, thread.id)
    assert (post(reply.id).stance, discussion.for_count, discussion.question_count) == ("for", 1, 0)


def test_the_opening_post_offers_no_stance(client, forum):
    login(client, "alice")

    page = soup(client.get(f"/posts/{forum.opening}/edit"))

    assert page.find("input", attrs={"name": "stance"}) is None


# --- history -----------------------------------------------------------------------------------------------

def test_history_shows_each_version_with_what_changed(client, forum, bobs_reply):
    services.edit_post(reload(User, forum.bob), post(bobs_reply), "Original better words here")
    services.edit_post(reload(User, forum.mod), post(bobs_reply), "Better words here")
    login(client, "bob")

    response = client.get(f"/posts/{bobs_reply}/history", headers=ENGLISH)

    assert response.status_code == 200
    versions = soup(response).find_all("section", class_="version")
    assert [words(section.find("h2").get_text()) for section in versions] == [
        "Current version", "Version 2", "Original version"]
    current, middle, original = (section.find(class_="diff") for section in versions)
    assert [words(tag.get_text()) for tag in current.find_all("del")] == ["[removed: Original better]"]
    assert [words(tag.get_text()) for tag in current.find_all("ins")] == ["[added: Better]"]
    assert [words(tag.get_text()) for tag in middle.find_all("ins")] == ["[added: better]"]
    assert original.find("ins") is None and original.get_text() == "Original words here"
    assert "Edited by Moderator Max" in words(versions[0].get_text(" "))
    assert "Written by Bob" in words(versions[2].get_text(" "))
    assert_outline(response)


def test_the_history_is_escaped_text(client, forum, bobs_reply):
    services.edit_post(reload(User, forum.bob), post(bobs_reply), "<b>bold?</b> words here")
    login(client, "bob")

    diff = soup(client.get(f"/posts/{bobs_reply}/history")).find(class_="diff")

    assert diff.find("b") is None and "<b>bold?</b>" in diff.get_text()


def test_history_is_for_the_author_and_moderators(client, forum, bobs_reply):
    services.edit_post(reload(User, forum.bob), post(bobs_reply), "Changed")

    anonymous = client.get(f"/posts/{bobs_reply}/history")
    login(client, "carol")
    member = client.get(f"/posts/{bobs_reply}/history")
    client.post("/logout")
    login(client, "mod")
    moderator = client.get(f"/posts/{bobs_reply}/history")

    assert anonymous.status_code == 302 and anonymous.location.startswith("/login?next=")
    assert member.status_code == 403
    assert moderator.status_code == 200


def test_history_of_unknown_posts_is_404(client, forum):
    login(client, "mod")

    assert client.get("/posts/99999/history").status_code == 404


# --- deleting ----------------------------------------------------------------------------------------------

def test_deleting_asks_first(client, forum, bobs_reply):
    login(client, "bob")

    response = client.get(f"/posts/{bobs_reply}/delete", headers=ENGLISH)

    assert response.status_code == 200
    form = soup(response).find("main").find("form", method="post")
    assert form["action"] == f"/posts/{bobs_reply}/delete"
    assert "Original words here" in page_text(response)
    assert post(bobs_reply).deleted_at is None
    assert_outline(response)


def test_confirming_deletes_softly_and_returns_to_the_thread(client, forum, bobs_reply):
    make_reply(reload(Thread, forum.thread), reload(User, forum.carol), "An answer", to=post(bobs_reply))
    login(client, "bob")

    response = client.post(f"/posts/{bobs_reply}/delete")

    assert response.status_code == 302
    assert response.location == f"/t/{forum.thread}/p/{bobs_reply}"
    gone = post(bobs_reply)
    assert gone.deleted_at is not None and gone.deleted_by_id == forum.bob
    page = client.get(client.get(response.location).location, headers=ENGLISH)
    placeholder = soup(page).find("article", id=f"post-{bobs_reply}")
    assert words(placeholder.get_text(" ")) == "Deleted by its author"


@pytest.mark.parametrize("method", ["get", "post"])
def test_others_may_not_delete(client, forum, bobs_reply, method):
    login(client, "carol")

    assert getattr(client, method)(f"/posts/{bobs_reply}/delete").status_code == 403
    assert post(bobs_reply).deleted_at is None


def test_the_opening_post_cannot_be_deleted(client, forum):
    login(client, "alice")

    assert client.post(f"/posts/{forum.opening}/delete").status_code == 403
    assert post(forum.opening).deleted_at is None


def test_moderators_delete_posts_of_others(client, forum, bobs_reply):
    login(client, "mod")

    assert client.post(f"/posts/{bobs_reply}/delete").status_code == 302
    assert post(bobs_reply).deleted_by_id == forum.mod


def test_deleting_needs_a_login_and_a_known_post(client, forum, bobs_reply):
    response = client.post(f"/posts/{bobs_reply}/delete")
    assert response.status_code == 302 and response.location.startswith("/login?next=")
    login(client, "bob")
    assert client.post("/posts/99999/delete").status_code == 404
    assert client.post(f"/posts/{bobs_reply}/delete").status_code == 302
    assert client.post(f"/posts/{bobs_reply}/delete").status_code == 404  # already gone
