"""Idea pages: propose with preview and drafts, the idea page, edit, publish, withdraw, support, change status."""
from __future__ import annotations

from datetime import timedelta

import pytest
from factories import PASSWORD, add_supporters, make_idea, make_idea_category, make_reply, make_user
from helpers import field_error, page_text, soup, summary_links
from sqlalchemy import func, select

from app.extensions import db
from app.models import utcnow
from app.users.models import Role, User
from forums.models import Stance
from ideas.models import Idea, IdeaStatusChange, Status
from ideas.services import change_status
from voting.models import Vote


ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def people(db):
    """alice (author), bob (member), mod (moderator), clara (city staff), ada (admin); one category."""
    make_user("alice", locale="en")
    make_user("bob", locale="en")
    make_user("mod", roles=(Role.MODERATOR,), locale="en")
    make_user("clara", roles=(Role.CITY_STAFF,), locale="en")
    make_user("ada", roles=(Role.ADMIN,), locale="en")
    return make_idea_category("administration", threshold=2, answer_days=30, name="Digital administration")


def user_named(username: str) -> User:
    return db.session.execute(select(User).where(User.username == username)).scalar_one()


def an_idea(category, author="alice", **fields) -> int:
    return make_idea(user_named(author), category, **fields).id


def fresh(idea_id: int) -> Idea:
    db.session.rollback()
    db.session.expire_all()
    return db.session.get(Idea, idea_id)


def proposal(**fields) -> dict:
    data = {"title": "Book appointments online", "body": "No more *queues* at the citizens' office.",
            "category": "administration", "language": "en", "action": "publish"}
    data.update(fields)
    return data


# --- proposing ---------------------------------------------------------------------------------------------

def test_anonymous_visitors_are_sent_to_log_in_before_proposing(client, people):
    response = client.get("/ideas/new")
    assert response.status_code == 302 and "/login" in response.location


def test_invalid_input_keeps_everything_and_explains_each_field(client, auth, people):
    auth.login("alice")
    response = client.post("/ideas/new", data=proposal(title="Hi", body="", language="en"))
    assert response.status_code == 200
    assert field_error(response, "title") == "Error: Please use between 5 and 150 characters."
    assert field_error(response, "body") == "Error: Please fill in this field."
    assert summary_links(response) == ["title", "body"]
    page = soup(response)
    assert page.find(id="title")["value"] == "Hi"
    assert page.find(id="language").find("option", selected=True)["value"] == "en"
    assert db.session.scalar(select(func.count(Idea.id))) == 0


def test_a_title_over_150_characters_is_refused(client, auth, people):
    auth.login("alice")
    response = client.post("/ideas/new", data=proposal(title="x" * 151))
    assert field_error(response, "title") == "Error: Please use between 5 and 150 characters."


def test_preview_renders_markdown_on_the_server_and_keeps_the_form(client, auth, people):
    auth.login("alice")
    response = client.post("/ideas/new", data=proposal(body="Make it **fast** <script>alert(1)</script>",
                                                       action="preview"))
    preview = soup(response).find("section", class_="preview")
    assert preview.find("strong").get_text() == "fast"
    assert preview.find("script") is None
    assert soup(response).find(id="body").get_text().strip() == "Make it **fast** <script>alert(1)</script>"
    assert db.session.scalar(select(func.count(Idea.id))) == 0


def test_publishing_creates_the_idea_and_shows_it(client, auth, people):
    auth.login("alice")
    response = client.post("/ideas/new", data=proposal())
    assert response.status_code == 302
    idea = db.session.execute(select(Idea)).scalar_one()
    assert response.location.endswith(f"/ideas/{idea.id}")
    assert idea.status == Status.NEW and idea.published_at is not None and idea.discussion is not None
    page = client.get(response.location)
    assert soup(page).h1.get_text() == "Book appointments online"
    assert soup(page).find("div", class_="user-text").find("em").get_text() == "queues"
    assert "Your idea has been published." in page_text(page)


def test_a_draft_is_seen_by_its_author_only_and_published_later(client, auth, people, app):
    auth.login("alice")
    response = client.post("/ideas/new", data=proposal(action="draft"))
    idea_id = db.session.execute(select(Idea.id)).scalar_one()
    assert "only you can see it" in page_text(client.get(response.location)).lower()
    other = app.test_client()
    assert other.get(f"/ideas/{idea_id}").status_code == 404
    other.post("/login", data={"login": "clara", "password": PASSWORD})
    assert other.get(f"/ideas/{idea_id}").status_code == 404
    assert other.post(f"/ideas/{idea_id}/publish").status_code == 404
    assert client.post(f"/ideas/{idea_id}/publish").status_code == 302
    assert fresh(idea_id).status == Status.NEW
    assert other.get(f"/ideas/{idea_id}").status_code == 200


def test_content_in_another_language_is_marked_up_with_it(client, people):
    idea_id = an_idea(people, title="Termine online buchen", language="de")
    page = soup(client.get(f"/ideas/{idea_id}", headers={"Accept-Language": "en"}))
    assert page.h1["lang"] == "de"
    assert page.find("div", class_="user-text")["lang"] == "de"


# --- the idea page -----------------------------------------------------------------------------------------

def test_the_page_shows_progress_toward_the_threshold_as_text_and_element(client, people):
    idea_id = an_idea(people)
    add_supporters(fresh(idea_id), 1)
    page = soup(client.get(f"/ideas/{idea_id}", headers=ENGLISH))
    progress = page.find("progress")
    assert (progress["value"], progress["max"]) == ("1", "2")
    assert progress["aria-labelledby"] == "supports-title" and progress["aria-describedby"] == "support-count"
    assert "1 of 2 supports needed for an answer" in page.find(id="support-count").get_text()
    assert "With one more support, the city answers within 30 days." in page_text(
        client.get(f"/ideas/{idea_id}", headers=ENGLISH))
    german = page_text(client.get(f"/ideas/{idea_id}", headers={"Accept-Language": "de"}))
    assert "Mit einer weiteren Unterstützung antwortet die Stadt innerhalb von 30 Tagen." in german


def test_reaching_the_threshold_shows_the_due_date(client, people):
    idea_id = an_idea(people)
    add_supporters(fresh(idea_id), 2)
    text = page_text(client.get(f"/ideas/{idea_id}", headers=ENGLISH))
    assert "The city answers by" in text
    idea = fresh(idea_id)
    assert idea.answer_due_at - idea.threshold_reached_at == timedelta(days=30)


def test_an_overdue_idea_says_so_in_words(client, people):
    idea_id = an_idea(people)
    add_supporters(fresh(idea_id), 2)
    idea = fresh(idea_id)
    idea.answer_due_at = utcnow() - timedelta(days=1)
    db.session.commit()
    assert "Overdue: the city's answer was due by" in page_text(client.get(f"/ideas/{idea_id}", headers=ENGLISH))


def test_the_discussion_is_the_forum_thread_with_stances(client, auth, people):
    idea_id = an_idea(people)
    make_reply(fresh(idea_id).discussion, body="I want this.", stance=Stance.FOR)
    page = soup(client.get(f"/ideas/{idea_id}"))
    discussion = page.find("section", id="discussion")
    assert discussion.find(id=f"discussion-{fresh(idea_id).discussion.id}") is not None
    assert "I want this." in discussion.get_text()
    assert discussion.find(class_="stance-for") is not None


def test_a_reply_from_the_idea_page_comes_back_to_it(client, auth, people):
    idea_id = an_idea(people)
    thread_id = fresh(idea_id).discussion.id
    auth.login("bob")
    response = client.post(f"/t/{thread_id}/reply", data={"body": "Count me in.", "stance": "for"})
    post_url = client.get(response.location).location
    assert post_url.startswith(f"/ideas/{idea_id}?page=1#post-")
    assert "Count me in." in page_text(client.get(post_url))


def test_supporting_and_withdrawing_by_button(client, auth, people):
    idea_id = an_idea(people)
    auth.login("bob")
    response = client.post(f"/ideas/{idea_id}/support")
    assert response.status_code == 302 and response.location.endswith(f"/ideas/{idea_id}#supports")
    page = client.get(f"/ideas/{idea_id}")
    assert "You support this idea." in page_text(page)
    assert soup(page).find("form", action=f"/ideas/{idea_id}/unsupport") is not None
    assert fresh(idea_id).support_count == 1
    client.post(f"/ideas/{idea_id}/support")
    assert fresh(idea_id).support_count == 1
    client.post(f"/ideas/{idea_id}/unsupport")
    assert fresh(idea_id).support_count == 0
    assert db.session.scalar(select(func.count(Vote.id))) == 0


def test_supports_refused_answer_403_and_change_nothing(client, auth, people):
    idea_id = an_idea(people)
    auth.login("alice")  # her own idea, and the category does not allow that
    assert client.post(f"/ideas/{idea_id}/support").status_code == 403
    assert "you cannot support your own idea" in page_text(client.get(f"/ideas/{idea_id}"))
    auth.logout()
    response = client.post(f"/ideas/{idea_id}/support")
    assert response.status_code == 302 and "/login" in response.location
    assert fresh(idea_id).support_count == 0


def test_supports_close_with_a_final_status(client, auth, people):
    idea_id = an_idea(people)
    change_status(user_named("clara"), fresh(idea_id), Status.DECLINED, "Not possible, sorry.")
    auth.login("bob")
    assert client.post(f"/ideas/{idea_id}/support").status_code == 403
    assert "Supports are closed" in page_text(client.get(f"/ideas/{idea_id}"))


# --- editing and withdrawing ---------------------------------------------------------------------------------

def test_the_author_edits_until_the_first_support(client, auth, people):
    idea_id = an_idea(people)
    auth.login("alice")
    form = soup(client.get(f"/ideas/{idea_id}/edit"))
    assert form.find(id="title")["value"] == "Book appointments online"
    response = client.post(f"/ideas/{idea_id}/edit", data=proposal(title="Book every appointment online",
                                                                   action="save"))
    assert response.status_code == 302
    assert fresh(idea_id).title == "Book every appointment online"
    assert fresh(idea_id).discussion.title == "Book every appointment online"
    assert fresh(idea_id).discussion.slug == "book-every-appointment-online"
    add_supporters(fresh(idea_id), 1)
    assert client.get(f"/ideas/{idea_id}/edit").status_code == 403
    assert client.post(f"/ideas/{idea_id}/edit", data=proposal(title="Changed later", action="save")
                       ).status_code == 403
    assert fresh(idea_id).title == "Book every appointment online"
    assert "its text is locked" in page_text(client.get(f"/ideas/{idea_id}"))


def test_a_moderator_may_correct_a_locked_idea(client, auth, people):
    idea_id = an_idea(people)
    add_supporters(fresh(idea_id), 1)
    auth.login("mod")
    response = client.post(f"/ideas/{idea_id}/edit", data=proposal(title="Corrected by a moderator",
                                                                   action="save"))
    assert response.status_code == 302 and fresh(idea_id).title == "Corrected by a moderator"


def test_editing_with_errors_keeps_the_input(client, auth, people):
    idea_id = an_idea(people)
    auth.login("alice")
    response = client.post(f"/ideas/{idea_id}/edit", data=proposal(title="Hey", body="Still here", action="save"))
    assert field_error(response, "title") == "Error: Please use between 5 and 150 characters."
    assert soup(response).find(id="body").get_text().strip() == "Still here"
    assert fresh(idea_id).title == "Book appointments online"


def test_withdrawing_after_a_confirmation(client, auth, people):
    idea_id = an_idea(people)
    auth.login("bob")
    assert client.get(f"/ideas/{idea_id}/withdraw").status_code == 403
    auth.logout()
    auth.login("alice")
    assert soup(client.get(f"/ideas/{idea_id}/withdraw")).find("form", action=f"/ideas/{idea_id}/withdraw")
    response = client.post(f"/ideas/{idea_id}/withdraw", data={"explanation": "Someone else does it."})
    assert response.status_code == 302
    page = client.get(f"/ideas/{idea_id}")
    assert page.status_code == 200
    assert "Withdrawn" in soup(page).find(class_="idea-status").get_text()
    assert "Someone else does it." in soup(page).find(id="history").get_text()


def test_an_idea_with_a_reply_cannot_be_withdrawn(client, auth, people):
    idea_id = an_idea(people)
    make_reply(fresh(idea_id).discussion, body="Interesting.")
    auth.login("alice")
    assert client.post(f"/ideas/{idea_id}/withdraw", data={}).status_code == 403
    assert fresh(idea_id).status == Status.NEW


# --- status changes and answers ------------------------------------------------------------------------------

@pytest.mark.parametrize(("who", "status"), [(None, 302), ("bob", 403), ("alice", 403), ("mod", 403),
                                             ("clara", 200), ("ada", 200)])
def test_only_city_staff_and_admins_change_the_status(client, auth, people, who, status):
    idea_id = an_idea(people)
    if who:
        auth.login(who)
    assert client.get(f"/ideas/{idea_id}/status").status_code == status
    response = client.post(f"/ideas/{idea_id}/status", data={"status": "accepted", "explanation": "Yes."})
    assert response.status_code == (302 if status == 200 else status)
    assert (fresh(idea_id).status == Status.ACCEPTED) is (status == 200)


def test_an_answer_appears_apart_from_the_discussion_and_in_the_history(client, auth, people):
    idea_id = an_idea(people)
    add_supporters(fresh(idea_id), 2)
    auth.login("clara")
    form = soup(client.get(f"/ideas/{idea_id}/status"))
    assert [o["value"] for o in form.find(id="status").find_all("option")] == [
        "under_review", "accepted", "declined", "duplicate"]
    client.post(f"/ideas/{idea_id}/status", data={"status": "accepted", "explanation": "We **will** do it."})
    page = soup(client.get(f"/ideas/{idea_id}"))
    answer = page.find("section", class_="official-answer")
    assert answer.find("strong").get_text() == "will"
    assert "Accepted" in answer.get_text()
    history = page.find(id="history")
    assert "Official answer." in history.get_text() and "changed the status to" in history.get_text()
    assert history.find("strong", string="will") is None  # the answer is printed once, above, and linked
    assert history.find("a", href="#answer") and answer["id"] == "answer"
    assert "on time" in page.find(id="promise").get_text()
    assert fresh(idea_id).answered_at is not None


def test_a_status_change_needs_an_explanation_and_keeps_the_choice(client, auth, people):
    idea_id = an_idea(people)
    auth.login("clara")
    response = client.post(f"/ideas/{idea_id}/status", data={"status": "declined", "explanation": ""})
    assert field_error(response, "explanation") == "Error: Please fill in this field."
    assert soup(response).find(id="status").find("option", selected=True)["value"] == "declined"
    assert fresh(idea_id).status == Status.NEW


def test_a_duplicate_names_a_published_original(client, auth, people):
    original = an_idea(people, title="Appointments on the web")
    idea_id = an_idea(people)
    auth.login("clara")
    response = client.post(f"/ideas/{idea_id}/status", data={"status": "duplicate", "explanation": "Same."})
    assert field_error(response, "duplicate_of") == "Error: Please enter the number of the original idea."
    response = client.post(f"/ideas/{idea_id}/status",
                           data={"status": "duplicate", "explanation": "Same.", "duplicate_of": "999"})
    assert field_error(response, "duplicate_of") == "Error: There is no published idea with this number."
    response = client.post(f"/ideas/{idea_id}/status",
                           data={"status": "duplicate", "explanation": "Same.", "duplicate_of": str(original)})
    assert response.status_code == 302
    page = soup(client.get(f"/ideas/{idea_id}"))
    assert page.find("a", href=f"/ideas/{original}").get_text() == "Appointments on the web"
    assert db.session.scalar(select(func.count(IdeaStatusChange.id)).where(
        IdeaStatusChange.idea_id == idea_id, IdeaStatusChange.to_status == "duplicate")) == 1


def test_unknown_ideas_and_pages_answer_404(client, people):
    idea_id = an_idea(people)
    assert client.get("/ideas/999").status_code == 404
    assert client.get(f"/ideas/{idea_id}?page=2").status_code == 404
    assert client.post("/ideas/999/support").status_code == 404

