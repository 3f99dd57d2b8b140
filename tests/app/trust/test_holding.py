"""Pre-moderation: in a pre-moderated category, what a sandboxed member writes waits hidden in the review queue
("Waiting for review") until a moderator keeps it; its author sees it, nobody else does."""
from __future__ import annotations

from factories import PASSWORD, make_category, make_idea_category, make_thread, make_user
from helpers import soup
from sqlalchemy import select

from app.extensions import db
from app.moderation import actions
from app.moderation.hiding import HELD
from app.moderation.models import AuditEntry, ItemStatus, ReviewItem
from app.trust import gate
from app.users.models import Role
from forums import services as forum_services
from forums.models import ForumCategory, Post, Thread
from ideas.models import Idea
from ideas.services import IdeaInput, create_idea

ENGLISH = {"Accept-Language": "en"}


def premoderated(category):
    category.premoderated = True
    db.session.commit()
    return category


def sign_in(client, username: str) -> None:
    client.post("/login", data={"login": username, "password": PASSWORD})


def pending_items() -> list[ReviewItem]:
    db.session.rollback()
    return list(db.session.execute(select(ReviewItem).where(ReviewItem.status == ItemStatus.PENDING.value))
                .scalars())


def test_a_sandboxed_reply_in_a_premoderated_category_waits(app, client, db):
    category = premoderated(make_category("mobility"))
    thread = make_thread(category=category)
    nina = make_user("nina", trust_level=0, locale="en")

    post = forum_services.reply(nina, thread, "Please **review** me")

    db.session.rollback()
    post = db.session.get(Post, post.id)
    assert post.subject.hidden_reason == HELD and post.subject.hidden_automatically
    (item,) = pending_items()
    assert (item.subject_id, item.author_id, item.report_count) == (post.subject_id, nina.id, 0)
    assert db.session.get(Thread, thread.id).reply_count == 0  # out of the counters while held
    assert db.session.execute(select(AuditEntry.reason).where(AuditEntry.action == "trust.held")).scalar_one()

    make_user("bob", locale="en")
    sign_in(client, "bob")
    assert "Please <strong>review</strong> me" not in client.get(f"/t/{thread.id}", headers=ENGLISH).get_data(
        as_text=True)
    client = app.test_client()
    sign_in(client, "nina")
    own = client.get(f"/t/{thread.id}", headers=ENGLISH).get_data(as_text=True)
    assert "Please <strong>review</strong> me" in own and "Waiting for review" in own


def test_keeping_a_held_post_publishes_it(client, db):
    thread = make_thread(category=premoderated(make_category("mobility")))
    post = forum_services.reply(make_user("nina", trust_level=0), thread, "Please review me")
    moderator = make_user("mona", roles=(Role.MODERATOR,))
    (item,) = pending_items()

    actions.disagree_and_keep(moderator, item)

    db.session.rollback()
    assert not db.session.get(Post, post.id).subject.is_hidden
    assert db.session.get(Thread, thread.id).reply_count == 1
    assert pending_items() == []
    make_user("bob")
    sign_in(client, "bob")
    assert "Please review me" in client.get(f"/t/{thread.id}").get_data(as_text=True)


def test_a_held_thread_is_out_of_its_category_until_kept(db):
    category = premoderated(make_category("mobility"))
    thread = forum_services.create_thread(make_user("nina", trust_level=0), category, title="New", body_md="Text")

    db.session.rollback()
    thread = db.session.get(Thread, thread.id)
    opening = db.session.execute(select(Post).where(Post.thread_id == thread.id, Post.number == 1)).scalar_one()
    assert thread.subject.hidden_reason == HELD and opening.subject.hidden_reason == HELD
    assert db.session.get(ForumCategory, category.id).thread_count == 0
    (item,) = pending_items()
    actions.disagree_and_keep(make_user("mona", roles=(Role.MODERATOR,)), item)
    db.session.rollback()
    assert db.session.get(ForumCategory, category.id).thread_count == 1


def test_members_and_other_categories_are_not_held(db):
    premod = premoderated(make_category("mobility"))
    forum_services.create_thread(make_user("bob"), premod, title="Member", body_md="Text")
    forum_services.create_thread(make_user("nina", trust_level=0), make_category("other"), title="Open",
                                 body_md="Text")
    assert pending_items() == []
    assert db.session.execute(select(Thread.id).join(Thread.subject).where(
        Thread.subject.property.mapper.class_.hidden_reason.is_not(None))).first() is None


def test_a_sandboxed_idea_in_a_premoderated_category_waits(db):
    category = make_idea_category("administration")
    category.premoderated = True
    db.session.commit()

    idea = create_idea(make_user("nina", trust_level=0), IdeaInput("Benches", "More", category, "en"),
                       publish=True)

    db.session.rollback()
    assert db.session.get(Idea, idea.id).subject.hidden_reason == HELD
    assert len(pending_items()) == 1


def test_the_holder_serves_any_screen(db):
    """Watched words hold a write for their own reason through the same holder."""
    def watched(write, verdict):
        verdict.hold("watched word")

    gate.register(watched, order=99)
    try:
        thread = forum_services.create_thread(make_user("bob"), make_category(), title="Hi", body_md="Text")
    finally:
        gate._SCREENS[:] = [pair for pair in gate._SCREENS if pair[1] is not watched]
    db.session.rollback()
    assert db.session.get(Thread, thread.id).subject.hidden_reason == HELD
    assert db.session.execute(select(AuditEntry.reason).where(AuditEntry.action == "trust.held")).scalar_one() \
        == "watched word"


def test_the_category_forms_carry_pre_moderation(app, db):
    from forums.categories import save_category as save_forum_category
    from forums.forms import ForumCategoryForm
    from ideas.admin_forms import IdeaCategoryForm
    from ideas.categories import save_category as save_idea_category

    admin = make_user("ada", roles=(Role.ADMIN,))
    category = premoderated(make_category("mobility"))
    idea_category = premoderated(make_idea_category("administration"))
    with app.test_request_context("/", headers=ENGLISH):
        forum_form = ForumCategoryForm.for_category(category)
        idea_form = IdeaCategoryForm.for_category(idea_category)
        assert forum_form.premoderated.data is True and idea_form.premoderated.data is True
        forum_form.premoderated.data = idea_form.premoderated.data = False
        save_forum_category(admin, forum_form.to_input(), category)
        save_idea_category(admin, idea_form.to_input(), idea_category)
        assert 'name="premoderated"' in str(forum_form.premoderated())

    db.session.rollback()
    assert not db.session.get(ForumCategory, category.id).premoderated
    assert not db.session.get(type(idea_category), idea_category.id).premoderated
    changed = db.session.execute(select(AuditEntry).where(AuditEntry.action == "category.edit")).scalars().all()
    assert [entry.before["premoderated"] for entry in changed] == [True, True]
    assert [entry.after["premoderated"] for entry in changed] == [False, False]


def test_a_draft_waits_only_once_it_is_published(db):
    from ideas.services import publish_idea

    category = make_idea_category("administration")
    category.premoderated = True
    db.session.commit()
    nina = make_user("nina", trust_level=0)

    draft = create_idea(nina, IdeaInput("Benches", "More", category, "en"), publish=False)
    assert pending_items() == [] and not db.session.get(Idea, draft.id).subject.is_hidden

    publish_idea(nina, db.session.get(Idea, draft.id))
    db.session.rollback()
    assert db.session.get(Idea, draft.id).subject.hidden_reason == HELD
    assert len(pending_items()) == 1


def test_the_author_of_a_held_write_is_told_it_waits_for_review(client, db):
    category = premoderated(make_category("mobility"))
    thread = make_thread(category=category)
    make_user("nina", trust_level=0, locale="en")
    sign_in(client, "nina")

    replied = client.post(f"/t/{thread.id}/reply", data={"body": "Held, please", "to": "", "action": "save"},
                          headers=ENGLISH, follow_redirects=True)
    opened = client.post(f"/forums/{category.slug}/new", data={"title": "A held thread", "body": "Held, too",
                                                          "action": "save"}, headers=ENGLISH, follow_redirects=True)

    waiting = "A moderator looks at it before others can see it"
    for response, published in ((replied, "Your reply has been published."),
                                (opened, "Your thread has been published.")):
        status = soup(response).find(attrs={"role": "status"}).get_text(" ", strip=True)
        assert waiting in status and published not in status
    db.session.rollback()
    assert db.session.execute(select(Thread).where(Thread.title == "A held thread")).scalar_one().subject.is_hidden
