"""Likes on posts through the pages: a POST form per post that works without JavaScript, 403 for refused likes
(one's own post, a locked thread) with nothing changed, 404 for unknown or deleted posts, counts for everyone."""
from __future__ import annotations

import pytest
from factories import make_reply
from forum_pages import ENGLISH, build_forum, login, reload
from helpers import page_text, soup, words
from sqlalchemy import func, select

from app.extensions import db
from app.models import utcnow
from app.users.models import User
from forums import likes
from forums.models import Post, Thread
from voting.models import Vote


@pytest.fixture
def forum(db):
    return build_forum()


@pytest.fixture
def bobs_reply(forum) -> int:
    """A reply by bob in alice's thread."""
    return make_reply(reload(Thread, forum.thread), reload(User, forum.bob), "Worth a like").id


def state(post_id: int) -> tuple[int, int]:
    """(the post's like counter, its vote rows) as committed."""
    post = reload(Post, post_id)
    rows = db.session.execute(select(func.count()).select_from(Vote).where(Vote.subject_id == post.subject_id))
    return post.like_count, rows.scalar_one()


def like_area(response, post_id: int):
    """The like item of a post on a thread page (None when the post shows neither a button nor a count)."""
    article = soup(response).find("article", id=f"post-{post_id}")
    assert article is not None, f"post {post_id} is not on the page"
    return article.find("li", class_="likes")


def button_of(response, post_id: int) -> str | None:
    """The visible label of the post's like button; None without one."""
    area = like_area(response, post_id)
    button = area.find("button") if area is not None else None
    return button.find(string=True, recursive=False).strip() if button is not None else None


def count_text(response, post_id: int) -> str | None:
    area = like_area(response, post_id)
    shown = area.find(class_="like-count") if area is not None else None
    return words(shown.get_text(" ")) if shown is not None else None


def thread_page(client, forum, **args):
    query = "&".join(f"{key}={value}" for key, value in {"page": 1, **args}.items())
    return client.get(f"/t/{forum.thread}?{query}", headers=ENGLISH)


# --- liking and unliking -----------------------------------------------------------------------------------

def test_a_member_likes_a_post_and_returns_to_it(client, forum):
    login(client, "bob")
    assert button_of(thread_page(client, forum), forum.opening) == "Like"

    response = client.post(f"/posts/{forum.opening}/like")

    assert response.status_code == 302
    assert response.location.startswith(f"/t/{forum.thread}") and response.location.endswith(f"#post-{forum.opening}")
    assert state(forum.opening) == (1, 1)
    page = client.get(response.location, headers=ENGLISH)
    assert "You like this post." in page_text(page)
    assert button_of(page, forum.opening) == "Unlike"
    assert count_text(page, forum.opening) == "1 like"


def test_a_member_takes_a_like_back(client, forum):
    login(client, "bob")
    client.post(f"/posts/{forum.opening}/like")

    response = client.post(f"/posts/{forum.opening}/unlike")

    assert response.status_code == 302 and response.location.endswith(f"#post-{forum.opening}")
    assert state(forum.opening) == (0, 0)
    page = client.get(response.location, headers=ENGLISH)
    assert "You no longer like this post." in page_text(page)
    assert button_of(page, forum.opening) == "Like"
    assert count_text(page, forum.opening) is None  # no count while nobody likes it


def test_repeats_change_nothing_and_say_so(client, forum):
    login(client, "bob")
    client.post(f"/posts/{forum.opening}/like")

    again = client.post(f"/posts/{forum.opening}/like")
    assert again.status_code == 302 and state(forum.opening) == (1, 1)
    assert "You already liked this post." in page_text(client.get(again.location, headers=ENGLISH))

    client.post(f"/posts/{forum.opening}/unlike")
    unliked_again = client.post(f"/posts/{forum.opening}/unlike")
    assert unliked_again.status_code == 302 and state(forum.opening) == (0, 0)
    assert "You had not liked this post." in page_text(client.get(unliked_again.location, headers=ENGLISH))


def test_likes_of_several_members_add_up_in_the_plural(client, forum):
    likes.like_post(reload(User, forum.carol), reload(Post, forum.opening))
    likes.like_post(reload(User, forum.mod), reload(Post, forum.opening))
    login(client, "bob")

    client.post(f"/posts/{forum.opening}/like")

    page = thread_page(client, forum)
    assert state(forum.opening) == (3, 3)
    assert count_text(page, forum.opening) == "3 likes"


def test_the_like_button_names_whose_post_it_is(client, forum, bobs_reply):
    login(client, "carol")

    page = thread_page(client, forum)

    for post_id, name in ((forum.opening, "Alice"), (bobs_reply, "Bob")):
        button = like_area(page, post_id).find("button")
        assert button["type"] == "submit"
        assert words(button.find("span", class_="visually-hidden").get_text()) == f"the post by {name}"
        form = button.find_parent("form")
        assert form["method"] == "post" and form["action"] == f"/posts/{post_id}/like"
        assert form.find("input", attrs={"name": "csrf_token"}) is not None


def test_the_flat_view_returns_to_the_flat_view(client, forum, bobs_reply):
    login(client, "carol")
    form = like_area(thread_page(client, forum, view="flat"), bobs_reply).find("form")
    assert form.find("input", attrs={"name": "view"})["value"] == "flat"

    response = client.post(f"/posts/{bobs_reply}/like", data={"view": "flat"})

    assert response.status_code == 302 and "view=flat" in response.location
    assert button_of(client.get(response.location, headers=ENGLISH), bobs_reply) == "Unlike"


# --- refused -------------------------------------------------------------------------------------------------

def test_ones_own_post_cannot_be_liked(client, forum, bobs_reply):
    likes.like_post(reload(User, forum.carol), reload(Post, bobs_reply))
    login(client, "bob")

    response = client.post(f"/posts/{bobs_reply}/like")

    assert response.status_code == 403
    assert state(bobs_reply) == (1, 1)
    page = thread_page(client, forum)
    assert button_of(page, bobs_reply) is None  # just the count on one's own post
    assert count_text(page, bobs_reply) == "1 like"


def test_ones_own_post_without_likes_shows_nothing(client, forum, bobs_reply):
    login(client, "bob")

    assert like_area(thread_page(client, forum), bobs_reply) is None


def test_a_locked_thread_takes_no_likes_and_gives_none_back(client, forum, bobs_reply):
    likes.like_post(reload(User, forum.carol), reload(Post, bobs_reply))
    thread = reload(Thread, forum.thread)
    thread.locked = True
    db.session.commit()
    login(client, "carol")

    assert client.post(f"/posts/{bobs_reply}/unlike").status_code == 403
    response = client.post(f"/posts/{forum.opening}/like", headers=ENGLISH)

    assert response.status_code == 403
    assert "locked" in page_text(response)
    assert state(bobs_reply) == (1, 1) and state(forum.opening) == (0, 0)
    page = thread_page(client, forum)
    assert button_of(page, bobs_reply) is None and button_of(page, forum.opening) is None
    assert count_text(page, bobs_reply) == "1 like"


@pytest.mark.parametrize("action", ["like", "unlike"])
def test_unknown_and_deleted_posts_are_404(client, forum, bobs_reply, action):
    likes.like_post(reload(User, forum.carol), reload(Post, bobs_reply))
    post = reload(Post, bobs_reply)
    post.deleted_at, post.deleted_by_id = utcnow(), forum.bob
    db.session.commit()
    login(client, "carol")

    assert client.post(f"/posts/{bobs_reply}/{action}").status_code == 404
    assert client.post(f"/posts/999999/{action}").status_code == 404
    assert state(bobs_reply) == (1, 1)


@pytest.mark.parametrize("action", ["like", "unlike"])
def test_anonymous_visitors_are_sent_to_log_in_and_nothing_changes(client, forum, action):
    likes.like_post(reload(User, forum.carol), reload(Post, forum.opening))

    response = client.post(f"/posts/{forum.opening}/{action}")

    assert response.status_code == 302 and response.location.startswith("/login?next=")
    assert state(forum.opening) == (1, 1)


@pytest.mark.parametrize("action", ["like", "unlike"])
def test_likes_are_not_changed_by_get(client, forum, action):
    login(client, "bob")

    assert client.get(f"/posts/{forum.opening}/{action}").status_code == 405
    assert state(forum.opening) == (0, 0)


# --- what visitors see -------------------------------------------------------------------------------------

def test_anonymous_visitors_see_the_counts_without_buttons(client, forum, bobs_reply):
    likes.like_post(reload(User, forum.carol), reload(Post, forum.opening))
    likes.like_post(reload(User, forum.mod), reload(Post, forum.opening))
    likes.like_post(reload(User, forum.carol), reload(Post, bobs_reply))

    for view in ("nested", "flat"):
        page = thread_page(client, forum, view=view)
        assert count_text(page, forum.opening) == "2 likes"
        assert count_text(page, bobs_reply) == "1 like"
        assert soup(page).find("button", class_="like-button") is None
        assert not [form for form in soup(page).find_all("form") if "/like" in form.get("action", "")]


class TestWithCsrf:
    @pytest.fixture
    def app_overrides(self):
        return {"WTF_CSRF_ENABLED": True}

    def test_the_like_form_carries_a_working_token_and_a_post_without_one_is_refused(self, client, forum):
        token = soup(client.get("/login")).find("input", attrs={"name": "csrf_token"})["value"]
        client.post("/login", data={"login": "bob", "password": "correct horse battery", "csrf_token": token})

        assert client.post(f"/posts/{forum.opening}/like").status_code == 400
        assert state(forum.opening) == (0, 0)

        form = like_area(thread_page(client, forum), forum.opening).find("form")
        data = {field["name"]: field["value"] for field in form.find_all("input")}
        assert client.post(form["action"], data=data).status_code == 302
        assert state(forum.opening) == (1, 1)


class TestWithThePageCache:
    @pytest.fixture
    def app_overrides(self):
        return {"ANONYMOUS_PAGE_CACHE_SECONDS": 60}

    def test_a_like_refreshes_the_page_anonymous_visitors_get(self, app, forum):
        visitor, member = app.test_client(), app.test_client()
        assert count_text(thread_page(visitor, forum), forum.opening) is None  # now cached
        login(member, "bob")

        assert member.post(f"/posts/{forum.opening}/like").status_code == 302

        assert count_text(thread_page(visitor, forum), forum.opening) == "1 like"
