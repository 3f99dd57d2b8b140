"""Every moderator and administrator action lands in the audit log in the same transaction: thread lock and pin,
a moderator's edit or deletion of someone else's post or idea, category changes, page saves and role changes.
An author's own edits are not staff actions and are not logged."""
from __future__ import annotations

from factories import make_category, make_idea, make_idea_category, make_reply, make_thread, make_user
from sqlalchemy import select

from app.extensions import db
from app.moderation.models import AuditEntry
from app.pages.services import save_page
from app.users.models import Role
from app.users.services import set_roles
from forums import categories as forum_categories
from forums import services as forum_services
from ideas import categories as idea_categories
from ideas.services import IdeaInput, update_idea


def _actions() -> list[tuple[str, str]]:
    db.session.rollback()
    return [(e.actor_name, e.action) for e in db.session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()]


def test_thread_lock_and_pin_are_logged(db):
    mona = make_user("mona", roles=(Role.MODERATOR,))
    thread = make_thread(make_user("bob"))
    forum_services.set_locked(mona, thread, True)
    forum_services.set_locked(mona, thread, False)
    forum_services.set_pinned(mona, thread, True)
    forum_services.set_pinned(mona, thread, False)
    assert _actions() == [("mona", "thread.lock"), ("mona", "thread.unlock"), ("mona", "thread.pin"),
                          ("mona", "thread.unpin")]
    assert db.session.execute(select(AuditEntry.object_id).limit(1)).scalar_one() == thread.id


def test_a_moderators_edit_and_delete_of_someone_elses_post_are_logged_not_the_authors(db):
    mona = make_user("mona", roles=(Role.MODERATOR,))
    bob = make_user("bob")
    thread = make_thread(bob)
    reply = make_reply(thread, bob, "Original text.")
    forum_services.edit_post(bob, reply, "Bob's own change.")
    assert _actions() == []
    forum_services.edit_post(mona, reply, "Redacted by a moderator.")
    forum_services.delete_post(mona, reply)
    entries = db.session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars().all()
    assert [(e.action, e.object_kind, e.object_id) for e in entries] == [("post.edit", "post", reply.id),
                                                                        ("post.delete", "post", reply.id)]
    assert entries[0].before == {"body": "Bob's own change."}
    assert entries[0].after == {"body": "Redacted by a moderator."}


def test_a_moderators_edit_of_an_idea_is_logged(db):
    mona = make_user("mona", roles=(Role.MODERATOR,))
    idea = make_idea(make_user("bob"), title="Original idea title")
    update_idea(mona, idea, IdeaInput(title="A neutral title", body_md="Text.", category=idea.category,
                                      language="en"))
    entry = db.session.execute(select(AuditEntry)).scalar_one()
    assert (entry.action, entry.before["title"], entry.after["title"]) == (
        "idea.edit", "Original idea title", "A neutral title")


def test_category_changes_are_logged_for_forums_and_ideas(db):
    ada = make_user("ada", roles=(Role.ADMIN,))
    first = make_category("first")
    second = make_category("second")
    forum_categories.move_category(ada, second, -1)
    idea_category = make_idea_category("city")
    data = idea_categories.CategoryInput(slug="city-services", names={"de": "Stadt", "en": "City"},
                                         descriptions={}, support_threshold=3, answer_days=30)
    idea_categories.save_category(ada, data, idea_category)
    actions = _actions()
    assert actions == [("ada", "category.move"), ("ada", "category.edit")]  # the factories act as operators
    edit = db.session.execute(select(AuditEntry).where(AuditEntry.action == "category.edit")).scalar_one()
    assert (edit.object_kind, edit.before["slug"], edit.after["slug"]) == ("idea_category", "city", "city-services")
    assert first.id is not None
    forum_categories.save_category(ada, forum_categories.CategoryInput(
        slug="third", names={"de": "Drei", "en": "Three"}, descriptions={}, color="#0b4f8a"))
    assert _actions()[-1] == ("ada", "category.create")


def test_page_saves_are_logged_with_their_editor(db):
    ada = make_user("ada", roles=(Role.ADMIN,))
    save_page("house-rules", "en", title="House rules", body_md="1. Be kind.", editor=ada)
    db.session.commit()
    save_page("house-rules", "en", title="House rules", body_md="1. Be kind.", editor=ada)  # unchanged: no entry
    db.session.commit()
    entry = db.session.execute(select(AuditEntry)).scalar_one()
    assert (entry.actor_name, entry.action, entry.after["version"]) == ("ada", "page.save", 1)


def test_role_grants_and_revocations_are_logged(db):
    ada = make_user("ada", roles=(Role.ADMIN,))
    bob = make_user("bob")
    set_roles(bob, [Role.MODERATOR], actor=ada)
    set_roles(bob, [Role.CITY_STAFF], actor=ada)
    entries = db.session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars().all()
    assert [(e.actor_name, e.action, e.after["role"]) for e in entries] == [
        ("ada", "role.granted", "moderator"), ("ada", "role.granted", "city_staff"), ("ada", "role.revoked", "moderator")]
    assert all(e.object_id == bob.id and e.object_kind == "user" for e in entries)
