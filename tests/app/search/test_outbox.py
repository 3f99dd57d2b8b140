"""The search outbox with the real features: each kind of write records the keys of the documents it makes stale
in `search_outbox`, in its own transaction (a rolled-back use case leaves no row); writes that change nothing
searched record none."""
from __future__ import annotations

from datetime import date

import pytest
from factories import make_category, make_idea, make_idea_category, make_reply, make_thread, make_user
from search_helpers import clear_outbox, outbox_keys

from app.extensions import db
from app.moderation import hiding
from app.moderation.models import Reason
from app.unit_of_work import use_case
from app.users import services as user_services
from app.users.models import Role
from forums import likes, reading, services as forum_services
from forums.categories import CategoryInput as ForumCategoryInput, save_category as save_forum_category
from ideas import services as idea_services
from ideas.categories import CategoryInput as IdeaCategoryInput, save_category as save_idea_category
from ideas.models import Idea, Status
from ideas.services import IdeaInput
from ideas.solutions import services as solution_services
from ideas.solutions.services import SolutionInput


@pytest.fixture
def world(db):
    alice, bob = make_user("alice"), make_user("bob")
    staff = make_user("clara", roles=(Role.CITY_STAFF,))
    forum = make_category("mobility")
    thread = make_thread(alice, forum, title="Bike lanes")
    reply = make_reply(thread, bob, "More racks.")
    ideas = make_idea_category("city")
    idea = make_idea(alice, ideas, title="Night buses")
    clear_outbox()
    return {"alice": alice, "bob": bob, "staff": staff, "forum": forum, "thread": thread, "reply": reply,
            "ideas": ideas, "idea": idea}


def test_ideas_record_creation_edits_answers_and_status_changes(world):
    idea = make_idea(world["bob"], world["ideas"], title="Free wifi", publish=False)
    assert ("idea", idea.id) in outbox_keys()
    clear_outbox()
    idea_services.update_idea(world["bob"], idea, IdeaInput("Free wifi in parks", "Everywhere.", world["ideas"], "en"))
    assert outbox_keys() == {("idea", idea.id)}
    clear_outbox()
    idea_services.publish_idea(world["bob"], idea)
    assert ("idea", idea.id) in outbox_keys()
    clear_outbox()
    idea_services.change_status(world["staff"], world["idea"], Status.ACCEPTED, "We do it.")
    assert outbox_keys() == {("idea", world["idea"].id)}
    clear_outbox()
    idea_services.change_status(world["staff"], world["idea"], Status.IN_DEVELOPMENT, "Started.", official=True)
    assert outbox_keys() == {("idea", world["idea"].id)}


def test_forum_writes_record_the_thread_or_the_reply(world):
    thread = make_thread(world["bob"], world["forum"], title="Trams")
    assert ("thread", thread.id) in outbox_keys()
    clear_outbox()
    reply = make_reply(thread, world["alice"], "Yes.")
    assert outbox_keys() == {("post", reply.id)}
    clear_outbox()
    forum_services.edit_post(world["alice"], reply, "Yes, please.")
    assert outbox_keys() == {("post", reply.id)}
    clear_outbox()
    forum_services.delete_post(world["alice"], reply)
    assert outbox_keys() == {("post", reply.id)}
    clear_outbox()
    opening = db.session.execute(db.select(forum_services.Post).where(
        forum_services.Post.thread_id == thread.id, forum_services.Post.depth == 0)).scalar_one()
    forum_services.edit_post(world["bob"], opening, "Trams everywhere.")
    assert outbox_keys() == {("thread", thread.id)}  # the opening post is its thread's body


def test_hiding_and_showing_record_the_subject(world):
    reply = world["reply"]
    hiding.hide(reply.subject, Reason.SPAM)
    db.session.commit()
    assert outbox_keys() == {("@subject", reply.subject_id)}
    clear_outbox()
    hiding.hide(world["idea"].subject, Reason.SPAM)  # with its discussion
    db.session.commit()
    assert outbox_keys() == {("@subject", world["idea"].subject_id),
                             ("@subject", world["idea"].discussion.subject_id)}
    clear_outbox()
    hiding.show(reply.subject)
    db.session.commit()
    assert outbox_keys() == {("@subject", reply.subject_id)}


def test_renaming_a_category_records_it_and_a_new_address_records_what_files_under_it(world):
    forum = world["forum"]
    data = ForumCategoryInput(slug="mobility", names={"de": "Verkehr", "en": "Traffic"},
                              descriptions={"de": "", "en": ""}, color=forum.color)
    save_forum_category(None, data, forum)
    assert outbox_keys() == {("forum_category", forum.id)}
    clear_outbox()
    data.slug = "traffic"
    save_forum_category(None, data, forum)
    assert outbox_keys() == {("forum_category", forum.id), ("thread", world["thread"].id)}
    clear_outbox()
    ideas = world["ideas"]
    save_idea_category(None, IdeaCategoryInput(slug="town", names={"de": "Stadt", "en": "Town"},
                                               descriptions={"de": "", "en": ""}), ideas)
    assert outbox_keys() == {("idea_category", ideas.id), ("idea", world["idea"].id),
                             ("thread", world["idea"].discussion.id)}


def test_renaming_a_person_records_the_person(world):
    user_services.update_profile(world["bob"], display_name="Bob Builder", bio_md="", locale="de")
    assert outbox_keys() == {("person", world["bob"].id)}
    clear_outbox()
    user_services.update_profile(world["bob"], display_name="Bob Builder", bio_md="I build.", locale="en")
    assert outbox_keys() == set()  # neither the bio nor the language is searched


def test_solution_milestones_and_updates_record_the_solution(world):
    staff = world["staff"]
    solution = solution_services.create_solution(staff, SolutionInput("Booking", "Book online.", "A service.", "en"))
    assert ("solution", solution.id) in outbox_keys()
    clear_outbox()
    milestone = solution_services.add_milestone(staff, solution, title="Prototype", planned_on=date(2030, 1, 1))
    assert outbox_keys() == {("solution", solution.id)}
    clear_outbox()
    solution_services.post_update(staff, solution, "Going well.")
    assert outbox_keys() == {("solution", solution.id)}
    clear_outbox()
    solution_services.set_milestone_done(staff, milestone, True)  # a tick changes no text
    assert outbox_keys() == set()


def test_supports_likes_and_reading_record_nothing(world):
    idea_services.support(world["bob"], world["idea"])
    likes.like_post(world["alice"], world["reply"])
    reading.mark_read(world["bob"], world["thread"], 2)
    assert outbox_keys() == set()


def test_a_rolled_back_use_case_leaves_no_row(world):
    @use_case
    def rename_then_fail(user):
        user_services.update_profile(user, display_name="Nobody", bio_md="", locale="de")
        db.session.flush()  # the outbox row is written by now, in the same transaction
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        rename_then_fail(world["bob"])
    assert outbox_keys() == set()
    assert db.session.get(Idea, world["idea"].id).title == "Night buses"
    assert world["bob"].display_name != "Nobody"
