"""Forum services: threads, nested replies, counters, stances, locks, edits with revisions, soft deletes, signals."""
from __future__ import annotations

from contextlib import ExitStack

import pytest
from concurrency import engine_options, run_together, skip_unless_postgresql
from factories import add_replies, make_category, make_discussion, make_reply, make_thread, make_user
from sqlalchemy import func, select

from app import subjects
from app.extensions import db
from app.models import Subject
from app.text import PIPELINE_VERSION
from app.trust.limits import MENTIONS_EVERYONE
from app.users.models import Role, User
from forums import services, signals
from forums.cooking import TooManyMentions
from forums.models import ForumCategory, Post, PostMention, PostRevision, Stance, Thread
from forums.services import NotAllowed, ThreadLocked

MAX_MENTIONS = MENTIONS_EVERYONE.default  # the cap for everyone unless an administrator changes it


def committed(model, row_id: int) -> bool:
    """True if another connection sees the row: the writer has committed it."""
    table = model.__table__
    with db.engine.connect() as connection:
        return connection.execute(select(table.c.id).where(table.c.id == row_id)).first() is not None


def fresh(model, row_id: int):
    """The row as the database holds it now (not as the session remembers it)."""
    db.session.expire_all()
    return db.session.get(model, row_id)


def mentions_of(post: Post) -> set[int]:
    return set(db.session.execute(select(PostMention.user_id).where(PostMention.post_id == post.id)).scalars())


class Recorder:
    """Connects to forum signals for the length of a `with` block and records what they carried."""

    def __init__(self, *names: str) -> None:
        self.names = names
        self.calls: list[tuple] = []
        self._stack = ExitStack()

    def __enter__(self) -> Recorder:
        for name in self.names:
            signal = getattr(signals, name)

            def receiver(sender, _name=name, **kwargs):
                self.calls.append((_name, sender, kwargs, committed(type(sender), sender.id)))

            self._stack.enter_context(signal.connected_to(receiver))
        return self

    def __exit__(self, *exc) -> None:
        self._stack.close()

    def of(self, name: str) -> list[tuple]:
        return [call for call in self.calls if call[0] == name]


# --- opening a thread --------------------------------------------------------------------------------------

def test_create_thread_opens_with_post_number_one_at_depth_zero(db):
    author, category = make_user("alice"), make_category("verkehr")

    thread = services.create_thread(author, category, title="  Radwege am Ring  ", body_md="Wer fährt **mit**?")

    posts = db.session.execute(select(Post).where(Post.thread_id == thread.id)).scalars().all()
    assert [(post.number, post.depth, post.parent_id, post.root_id) for post in posts] == [(1, 0, None, None)]
    assert thread.title == "Radwege am Ring"
    assert thread.slug == "radwege-am-ring"
    assert (thread.highest_post_number, thread.reply_count) == (1, 0)
    assert thread.author_id == thread.last_poster_id == author.id
    assert posts[0].author_id == author.id


def test_create_thread_moves_the_category_counters(db):
    category = make_category()
    make_thread(category=category)
    make_thread(category=category)

    category = fresh(ForumCategory, category.id)
    assert (category.thread_count, category.post_count) == (2, 2)
    latest = db.session.execute(select(func.max(Thread.last_posted_at))).scalar_one()
    assert category.last_posted_at == latest


def test_create_thread_stores_the_cooked_html_with_the_pipeline_version(db):
    thread = make_thread(body="Hello *city* <script>alert(1)</script>")

    post = db.session.execute(select(Post).where(Post.thread_id == thread.id)).scalar_one()
    assert post.body_md == "Hello *city* <script>alert(1)</script>"
    assert "<em>city</em>" in post.body_html
    assert "<script>" not in post.body_html
    assert post.cooked_version == PIPELINE_VERSION


def test_mentions_are_recorded_and_linked_only_for_existing_active_users(db):
    bob, carol = make_user("bob"), make_user("carol")
    make_user("dora", is_active_account=False)

    thread = make_thread(body="Hi @Bob, @carol, @dora and @nobody_here.")

    post = db.session.execute(select(Post).where(Post.thread_id == thread.id)).scalar_one()
    assert mentions_of(post) == {bob.id, carol.id}
    assert 'href="/u/bob"' in post.body_html and 'href="/u/carol"' in post.body_html
    assert "/u/dora" not in post.body_html and "/u/nobody_here" not in post.body_html
    assert post.body_html.count('class="mention"') == 2


def test_a_mention_finds_the_user_whatever_the_case_or_form_of_the_name(db):
    grete = make_user("straße")

    thread = make_thread(body="Frag @STRASSE oder @Strasse.")

    post = db.session.execute(select(Post).where(Post.thread_id == thread.id)).scalar_one()
    assert mentions_of(post) == {grete.id}
    assert post.body_html.count('class="mention"') == 2
    assert post.body_html.count('href="/u/stra%C3%9Fe"') == 2


def test_create_thread_signals_after_the_commit(db):
    author, bob = make_user("alice"), make_user("bob")
    category = make_category()

    with Recorder("thread_created", "post_created", "user_mentioned") as recorder:
        thread = services.create_thread(author, category, title="T", body_md="Hello @bob and @alice")

    opening = db.session.execute(select(Post).where(Post.thread_id == thread.id)).scalar_one()
    assert [call[0] for call in recorder.calls] == ["thread_created", "post_created", "user_mentioned"]
    assert recorder.of("thread_created")[0][1] is thread
    assert recorder.of("post_created")[0][1] is opening
    assert recorder.of("user_mentioned")[0][1:3] == (opening, {"user_ids": [bob.id]})  # never the author
    assert all(call[3] for call in recorder.calls), "a signal went out before the commit"


@pytest.mark.parametrize("role", [None, "unconfirmed"])
def test_create_thread_refuses_who_may_not_and_writes_nothing(db, role):
    category = make_category()
    user = make_user(confirmed=role != "unconfirmed")
    if role is None:
        user.is_active_account = False
        db.session.commit()

    with pytest.raises(NotAllowed):
        services.create_thread(user, category, title="T", body_md="Body")

    assert db.session.execute(select(func.count(Thread.id))).scalar_one() == 0
    assert fresh(ForumCategory, category.id).thread_count == 0


# --- replies: nesting, numbering, counters -----------------------------------------------------------------

def test_replies_nest_to_depth_three_and_deeper_replies_attach_at_three(db):
    thread = make_thread()
    a = make_reply(thread)
    b = make_reply(thread, to=a)
    c = make_reply(thread, to=b)
    d = make_reply(thread, to=c)

    assert [(p.depth, p.parent_id, p.reply_to_id) for p in (a, b, c)] == [
        (1, None, None), (2, a.id, a.id), (3, b.id, b.id)]
    assert d.depth == 3
    assert d.parent_id == b.id, "a reply to a depth-3 post hangs under the same parent"
    assert d.reply_to_id == c.id, "and remembers whom it answers"
    assert {p.root_id for p in (a, b, c, d)} == {a.id}


def test_a_reply_to_the_opening_post_is_a_reply_to_the_thread(db):
    thread = make_thread()
    opening = db.session.execute(select(Post).where(Post.thread_id == thread.id)).scalar_one()

    post = make_reply(thread, to=opening)

    assert (post.depth, post.parent_id, post.reply_to_id, post.root_id) == (1, None, None, post.id)


def test_sort_path_puts_a_thread_in_tree_order(db):
    thread = make_thread()
    a = make_reply(thread)  # 2
    b = make_reply(thread)  # 3
    a1 = make_reply(thread, to=a)  # 4
    b1 = make_reply(thread, to=b)  # 5
    a2 = make_reply(thread, to=a)  # 6
    a1x = make_reply(thread, to=a1)  # 7
    a1y = make_reply(thread, to=a1x)  # 8, attaches under a1

    ordered = db.session.execute(select(Post.id).where(Post.thread_id == thread.id, Post.depth > 0)
                                 .order_by(Post.sort_path)).scalars().all()

    assert ordered == [a.id, a1.id, a1x.id, a1y.id, a2.id, b.id, b1.id]


def test_reply_numbers_are_consecutive_from_two(db):
    thread = make_thread()
    first = make_reply(thread)
    posts = [make_reply(thread, to=first if i % 2 else None) for i in range(6)]

    assert [post.number for post in [first, *posts]] == list(range(2, 9))
    assert fresh(Thread, thread.id).highest_post_number == 8


def test_a_discussion_numbers_its_replies_from_one(db):
    thread = make_discussion()

    posts = [make_reply(thread) for _ in range(3)]

    assert [post.number for post in posts] == [1, 2, 3]


def test_a_reply_moves_thread_and_category_counters(db):
    category = make_category()
    thread = make_thread(category=category)
    bob = make_user("bob")

    root = make_reply(thread)
    post = make_reply(thread, bob, to=root)

    thread = fresh(Thread, thread.id)
    assert thread.reply_count == 2
    assert thread.last_posted_at == post.created_at
    assert thread.last_poster_id == bob.id
    category = fresh(ForumCategory, category.id)
    assert category.post_count == 3
    assert category.last_posted_at == post.created_at
    assert fresh(Post, root.id).child_count == 1


def test_a_reply_to_a_post_of_another_thread_is_refused(db):
    thread, other = make_thread(), make_thread()
    foreign = make_reply(other)

    with pytest.raises(ValueError, match="another thread"):
        make_reply(thread, to=foreign)

    assert fresh(Thread, thread.id).reply_count == 0


# --- stances ---------------------------------------------------------------------------------------------

def test_stances_are_counted_in_a_discussion_about_a_subject(db):
    thread = make_discussion()

    make_reply(thread, stance=Stance.FOR)
    make_reply(thread, stance=Stance.FOR)
    make_reply(thread, stance=Stance.AGAINST)
    make_reply(thread, stance=Stance.QUESTION)
    make_reply(thread)

    thread = fresh(Thread, thread.id)
    assert (thread.for_count, thread.against_count, thread.question_count, thread.reply_count) == (2, 1, 1, 5)
    assert thread.stance_count(Stance.FOR) == 2


def test_a_stance_in_a_category_thread_is_refused_and_nothing_is_written(db):
    thread = make_thread()

    with pytest.raises(ValueError):
        make_reply(thread, stance=Stance.FOR)

    thread = fresh(Thread, thread.id)
    assert (thread.reply_count, thread.highest_post_number, thread.for_count) == (0, 1, 0)


# --- locks -----------------------------------------------------------------------------------------------

def test_members_cannot_reply_in_a_locked_thread_but_moderators_can(db):
    moderator = make_user("mod", roles=(Role.MODERATOR,))
    thread = make_thread()
    services.set_locked(moderator, thread, True)
    member = make_user("bob")

    with pytest.raises(ThreadLocked):
        services.reply(member, thread, "Let me in")
    post = services.reply(moderator, thread, "Closed for now.")

    thread = fresh(Thread, thread.id)
    assert (thread.reply_count, post.number) == (1, 2)


@pytest.mark.parametrize("role", ["member", "moderator", "admin"])
def test_locking_and_pinning_need_a_moderator_or_admin(db, role):
    roles = {"member": (), "moderator": (Role.MODERATOR,), "admin": (Role.ADMIN,)}[role]
    actor = make_user(roles=roles)
    thread = make_thread()

    if role == "member":
        with pytest.raises(NotAllowed):
            services.set_locked(actor, thread, True)
        with pytest.raises(NotAllowed):
            services.set_pinned(actor, thread, True)
        expected = (False, False)
    else:
        with Recorder("thread_state_changed") as recorder:
            services.set_locked(actor, thread, True)
            services.set_pinned(actor, thread, True)
        assert [call[2] for call in recorder.calls] == [{"actor": actor, "change": "locked"},
                                                        {"actor": actor, "change": "pinned"}]
        expected = (True, True)

    thread = fresh(Thread, thread.id)
    assert (thread.locked, thread.pinned) == expected


def test_unlocking_and_unpinning(db):
    admin = make_user(roles=(Role.ADMIN,))
    thread = make_thread()
    services.set_locked(admin, thread, True)
    services.set_pinned(admin, thread, True)

    services.set_locked(admin, thread, False)
    services.set_pinned(admin, thread, False)

    thread = fresh(Thread, thread.id)
    assert (thread.locked, thread.pinned) == (False, False)


def test_a_discussion_cannot_be_pinned(db):
    admin = make_user(roles=(Role.ADMIN,))
    thread = make_discussion()

    with pytest.raises(NotAllowed):
        services.set_pinned(admin, thread, True)

    assert fresh(Thread, thread.id).pinned is False


# --- mentions in replies ---------------------------------------------------------------------------------

def test_a_reply_signals_the_mentioned_users_after_the_commit(db):
    author, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    thread = make_thread()

    with Recorder("post_created", "user_mentioned") as recorder:
        post = services.reply(author, thread, "@carol and @bob, and @alice herself")

    assert recorder.of("post_created") == [("post_created", post, {}, True)]
    assert recorder.of("user_mentioned") == [("user_mentioned", post, {"user_ids": [carol.id, bob.id]}, True)]
    assert mentions_of(post) == {author.id, bob.id, carol.id}  # recorded, but nobody signals herself


def test_too_many_mentions_are_refused_and_nothing_is_written(db):
    names = [make_user(f"person{i}").username for i in range(MAX_MENTIONS + 1)]
    thread = make_thread()
    author = make_user("alice")
    body = " ".join(f"@{name}" for name in names)

    with pytest.raises(TooManyMentions):
        services.reply(author, thread, body)

    db.session.rollback()
    assert db.session.execute(select(func.count(Post.id))).scalar_one() == 1
    assert db.session.execute(select(func.count(PostMention.post_id))).scalar_one() == 0
    thread = fresh(Thread, thread.id)
    assert (thread.highest_post_number, thread.reply_count) == (1, 0)


def test_ten_mentions_are_fine_and_unknown_names_do_not_count(db):
    names = [make_user(f"person{i}").username for i in range(MAX_MENTIONS)]
    thread = make_thread()

    post = make_reply(thread, body=" ".join(f"@{name}" for name in names) + " @ghost1 @ghost2")

    assert len(mentions_of(post)) == MAX_MENTIONS


def test_too_many_mentions_in_a_new_thread_write_nothing(db):
    names = [make_user(f"person{i}").username for i in range(MAX_MENTIONS + 1)]
    category = make_category()

    with pytest.raises(TooManyMentions):
        make_thread(category=category, body=" ".join(f"@{name}" for name in names))

    db.session.rollback()
    assert db.session.execute(select(func.count(Thread.id))).scalar_one() == 0
    assert fresh(ForumCategory, category.id).thread_count == 0


# --- editing ---------------------------------------------------------------------------------------------

def test_an_edit_keeps_the_old_text_as_a_revision(db):
    author = make_user("alice")
    thread = make_thread()
    post = make_reply(thread, author, "First *version*")

    revision = services.edit_post(author, post, "Second version")
    services.edit_post(author, post, "Third version")

    post = fresh(Post, post.id)
    assert post.body_md == "Third version"
    assert "Third version" in post.body_html and "<em>" not in post.body_html
    assert post.revision_count == 2
    assert post.edited_at is not None and post.edited_at >= post.created_at
    revisions = db.session.execute(select(PostRevision).where(PostRevision.post_id == post.id)
                                   .order_by(PostRevision.number)).scalars().all()
    assert [(r.number, r.body_md, r.editor_id) for r in revisions] == [
        (1, "First *version*", author.id), (2, "Second version", author.id)]
    assert revision.id == revisions[0].id


def test_a_moderator_edit_records_the_moderator(db):
    moderator = make_user(roles=(Role.MODERATOR,))
    post = make_reply(make_thread())

    services.edit_post(moderator, post, "Tidied up")

    revision = db.session.execute(select(PostRevision).where(PostRevision.post_id == post.id)).scalar_one()
    assert revision.editor_id == moderator.id


def test_someone_else_cannot_edit_and_nothing_changes(db):
    post = make_reply(make_thread(), body="Mine")
    stranger = make_user()

    with pytest.raises(NotAllowed):
        services.edit_post(stranger, post, "Yours now")

    post = fresh(Post, post.id)
    assert (post.body_md, post.revision_count, post.edited_at) == ("Mine", 0, None)
    assert db.session.execute(select(func.count(PostRevision.id))).scalar_one() == 0


def test_an_edit_can_change_the_stance_and_its_counts(db):
    author = make_user("alice")
    thread = make_discussion()
    post = make_reply(thread, author, stance=Stance.FOR)

    services.edit_post(author, post, "On second thought", stance=Stance.AGAINST)
    assert _stances(thread) == (0, 1, 0)
    services.edit_post(author, post, "Just asking", stance=Stance.QUESTION)
    assert _stances(thread) == (0, 0, 1)
    services.edit_post(author, post, "No opinion", stance=None)
    assert _stances(thread) == (0, 0, 0)
    services.edit_post(author, post, "Still none")  # "keep" is the default
    assert _stances(thread) == (0, 0, 0)
    assert fresh(Post, post.id).stance is None


def test_an_edit_keeps_the_stance_by_default(db):
    author = make_user("alice")
    thread = make_discussion()
    post = make_reply(thread, author, stance=Stance.FOR)

    services.edit_post(author, post, "Reworded")

    assert fresh(Post, post.id).stance == "for"
    assert _stances(thread) == (1, 0, 0)


def test_an_edit_cannot_give_a_stance_in_a_category_thread(db):
    author = make_user("alice")
    post = make_reply(make_thread(), author, "Text")

    with pytest.raises(ValueError):
        services.edit_post(author, post, "Text again", stance=Stance.FOR)

    db.session.rollback()
    post = fresh(Post, post.id)
    assert (post.stance, post.body_md, post.revision_count) == (None, "Text", 0)


def _stances(thread: Thread) -> tuple[int, int, int]:
    thread = fresh(Thread, thread.id)
    return thread.for_count, thread.against_count, thread.question_count


def test_an_edit_records_mentions_again_and_signals_only_new_ones(db):
    author, bob, carol, dora = make_user("alice"), make_user("bob"), make_user("carol"), make_user("dora")
    post = make_reply(make_thread(), author, "Hi @bob and @carol")

    with Recorder("post_edited", "user_mentioned", "post_created") as recorder:
        revision = services.edit_post(author, post, "Hi @carol and @dora")

    assert mentions_of(post) == {carol.id, dora.id}
    assert recorder.of("post_created") == []
    assert recorder.of("post_edited") == [("post_edited", post, {"revision": revision, "editor": author}, True)]
    assert recorder.of("user_mentioned") == [("user_mentioned", post, {"user_ids": [dora.id]}, True)]
    assert "/u/dora" in fresh(Post, post.id).body_html
    assert bob.id not in mentions_of(post)


def test_an_edit_with_too_many_mentions_changes_nothing(db):
    names = [make_user(f"person{i}").username for i in range(MAX_MENTIONS + 1)]
    author = make_user("alice")
    post = make_reply(make_thread(), author, "Before")

    with pytest.raises(TooManyMentions):
        services.edit_post(author, post, " ".join(f"@{name}" for name in names))

    db.session.rollback()
    post = fresh(Post, post.id)
    assert (post.body_md, post.revision_count) == ("Before", 0)
    assert db.session.execute(select(func.count(PostRevision.id))).scalar_one() == 0


# --- deleting --------------------------------------------------------------------------------------------

def test_delete_is_soft_and_moves_the_counters_back(db):
    author = make_user("alice")
    category = make_category()
    thread = make_thread(category=category)
    keep = make_reply(thread)
    post = make_reply(thread, author)

    with Recorder("post_deleted") as recorder:
        services.delete_post(author, post)

    post = fresh(Post, post.id)
    assert post is not None and post.is_deleted
    assert post.deleted_by_id == author.id
    assert post.body_md  # the text stays for moderators; pages show a placeholder
    assert fresh(Thread, thread.id).reply_count == 1
    assert fresh(ForumCategory, category.id).post_count == 2
    assert recorder.calls == [("post_deleted", post, {"actor": author}, True)]
    assert not fresh(Post, keep.id).is_deleted


def test_delete_moves_the_stance_count_back(db):
    author = make_user("alice")
    thread = make_discussion()
    post = make_reply(thread, author, stance=Stance.AGAINST)
    make_reply(thread, stance=Stance.AGAINST)

    services.delete_post(author, post)

    thread = fresh(Thread, thread.id)
    assert (thread.against_count, thread.reply_count) == (1, 1)


def test_delete_lowers_the_parents_count_of_live_replies(db):
    author = make_user("alice")
    thread = make_thread()
    parent = make_reply(thread)
    child = make_reply(thread, author, to=parent)
    make_reply(thread, to=parent)
    assert fresh(Post, parent.id).child_count == 2

    services.delete_post(author, child)

    assert fresh(Post, parent.id).child_count == 1


def test_a_moderator_may_delete_any_reply_but_a_stranger_not(db):
    moderator, stranger = make_user(roles=(Role.MODERATOR,)), make_user()
    post = make_reply(make_thread())

    with pytest.raises(NotAllowed):
        services.delete_post(stranger, post)
    assert not fresh(Post, post.id).is_deleted
    services.delete_post(moderator, post)
    assert fresh(Post, post.id).deleted_by_id == moderator.id


def test_a_post_cannot_be_deleted_twice(db):
    author = make_user("alice")
    thread = make_thread()
    post = make_reply(thread, author)
    services.delete_post(author, post)

    with pytest.raises(NotAllowed):
        services.delete_post(author, post)

    assert fresh(Thread, thread.id).reply_count == 0


def test_a_reply_to_a_deleted_post_is_refused_and_changes_nothing(db):
    author = make_user("alice")
    thread = make_thread()
    gone = make_reply(thread, author)
    services.delete_post(author, gone)

    with Recorder("post_created") as recorder, pytest.raises(services.ReplyToDeleted):
        services.reply(make_user("bob"), fresh(Thread, thread.id), "Late answer", to=fresh(Post, gone.id))

    assert recorder.calls == []
    assert fresh(Thread, thread.id).highest_post_number == 2  # no number was taken
    assert db.session.scalar(select(func.count(Post.id)).where(Post.thread_id == thread.id)) == 2


@pytest.mark.parametrize("role", [(), (Role.MODERATOR,), (Role.ADMIN,)])
def test_the_opening_post_cannot_be_deleted(db, role):
    author = make_user("alice", roles=role)
    thread = make_thread(author)
    opening = db.session.execute(select(Post).where(Post.thread_id == thread.id)).scalar_one()

    with pytest.raises(NotAllowed):
        services.delete_post(author, opening)

    assert not fresh(Post, opening.id).is_deleted


# --- attaching to a Subject, and Subject rows -------------------------------------------------------------

def test_open_thread_is_idempotent_per_subject(db):
    subject = Subject(kind="idea-like")
    db.session.add(subject)
    db.session.flush()
    author = make_user("alice")

    first = services.open_thread(subject, title="Über die Idee", author=author)
    again = services.open_thread(subject, title="Another title", author=author)

    assert first is again
    assert (first.about_subject_id, first.category_id, first.title, first.slug) == (
        subject.id, None, "Über die Idee", "ueber-die-idee")
    assert first.has_stances
    db.session.commit()
    assert db.session.execute(select(func.count(Thread.id))).scalar_one() == 1


def test_open_thread_leaves_the_commit_to_the_caller(db):
    subject = Subject(kind="idea-like")
    db.session.add(subject)
    db.session.commit()

    thread = services.open_thread(subject, title="Draft")
    assert thread.id is not None  # flushed
    assert not committed(Thread, thread.id)
    db.session.rollback()

    assert db.session.execute(select(func.count(Thread.id))).scalar_one() == 0


def test_threads_and_posts_own_subject_rows_the_registry_resolves(db):
    thread = make_thread(title="Spielplätze")
    post = make_reply(thread)

    assert thread.subject.kind == "thread" and post.subject.kind == "post"
    assert subjects.resolve(thread.subject) is thread
    assert subjects.resolve(post.subject) is post
    assert subjects.title_of(post) == "Spielplätze"
    assert subjects.url_of(post) == f"/t/{thread.id}/p/{post.id}"
    assert subjects.url_of(thread) == f"/t/{thread.id}/spielplaetze"
    assert subjects.get("post").can("votable") and subjects.get("thread").can("followable")
    opening = db.session.execute(select(Post).where(Post.thread_id == thread.id, Post.depth == 0)).scalar_one()
    assert opening.subject.kind == "post"


# --- re-cooking --------------------------------------------------------------------------------------------

def test_recook_renders_posts_from_an_older_pipeline_again(app, db):
    make_user("bob")
    thread = make_thread(body="Hi @bob")
    stale = make_reply(thread, body="*again*")
    current = make_reply(thread, body="*current*")
    stale.body_html, stale.cooked_version = "<p>old</p>", 0
    current.body_html = "<p>left alone</p>"
    db.session.commit()
    opening = db.session.execute(select(Post).where(Post.thread_id == thread.id, Post.depth == 0)).scalar_one()
    opening.body_html, opening.cooked_version = "", 0
    db.session.commit()

    result = app.test_cli_runner().invoke(args=["forums", "recook"])

    assert result.exit_code == 0, result.output
    assert "2 posts re-rendered" in result.output
    stale, current, opening = fresh(Post, stale.id), fresh(Post, current.id), fresh(Post, opening.id)
    assert stale.body_html.strip() == "<p><em>again</em></p>" and stale.cooked_version == PIPELINE_VERSION
    assert 'href="/u/bob"' in opening.body_html and opening.cooked_version == PIPELINE_VERSION
    assert current.body_html == "<p>left alone</p>"


def test_recook_survives_a_post_whose_names_now_belong_to_too_many_users(app, db):
    thread = make_thread()
    names = [f"later{i}" for i in range(MAX_MENTIONS + 2)]
    post = make_reply(thread, body=" ".join(f"@{name}" for name in names))  # nobody had those names then
    for name in names:
        make_user(name)
    post.cooked_version = 0
    db.session.commit()

    result = app.test_cli_runner().invoke(args=["forums", "recook"])

    assert result.exit_code == 0, result.output
    post = fresh(Post, post.id)
    assert post.cooked_version == PIPELINE_VERSION
    assert post.body_html.count('class="mention"') == MAX_MENTIONS


# --- many people replying at once (PostgreSQL) ------------------------------------------------------------

REPLIERS = 20


@pytest.mark.parametrize("app_overrides", [engine_options(REPLIERS)])
@pytest.mark.parametrize("attached", [False, True], ids=["category", "discussion"])
def test_simultaneous_replies_get_consecutive_numbers(app, db, attached):
    skip_unless_postgresql(db, "replies")
    users = [make_user(f"replier{i}").id for i in range(4)]
    thread = make_discussion() if attached else make_thread()
    thread_id = thread.id
    db.session.commit()  # the test's own connection goes back to the pool

    def prepare(index: int):
        author = db.session.get(User, users[index % 4])
        target = db.session.get(Thread, thread_id)
        return lambda: services.reply(author, target, f"Reply {index}")

    run_together(app, REPLIERS, prepare)
    first = 1 if attached else 2
    numbers = db.session.execute(select(Post.number).where(Post.thread_id == thread_id, Post.depth > 0)
                                 .order_by(Post.number)).scalars().all()
    assert numbers == list(range(first, first + REPLIERS))
    thread = fresh(Thread, thread_id)
    assert thread.reply_count == REPLIERS
    assert thread.highest_post_number == first + REPLIERS - 1


def test_bulk_replies_helper_builds_consistent_trees(db):
    """The fast factory used by the query-count tests keeps the invariants the services keep."""
    thread = make_thread()

    add_replies(thread, 9)

    posts = db.session.execute(select(Post).where(Post.thread_id == thread.id, Post.depth > 0)
                               .order_by(Post.number)).scalars().all()
    assert [post.number for post in posts] == list(range(2, 11))
    assert [post.depth for post in posts] == [1, 2, 3, 2, 1, 2, 3, 2, 1]
    by_id = {post.id: post for post in posts}
    for post in posts:
        if post.depth > 1:
            parent = by_id[post.parent_id]
            assert parent.depth == post.depth - 1 and post.root_id == parent.root_id
            assert post.sort_path.startswith(parent.sort_path + ".")
        else:
            assert post.root_id == post.id
    assert fresh(Thread, thread.id).reply_count == 9


def test_posts_are_stored_with_unix_line_endings(db):
    from factories import make_category, make_thread, make_user
    from forums import services

    author = make_user("crlf")
    thread = make_thread(author, make_category(), title="Zeilenenden", body="Erste Zeile\r\nZweite Zeile")
    reply = services.reply(author, thread, "  eins\r\nzwei\rdrei  ")
    assert reply.body_md == "eins\nzwei\ndrei"
    services.edit_post(author, reply, "vier\r\nfünf")
    assert reply.body_md == "vier\nfünf"
