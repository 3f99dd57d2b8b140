"""Marking an idea a duplicate merges it into its original (ideas.merging): supports move across exactly, nobody is
counted twice, supporters and followers are told and follow the original, the history and the audit log record
it, the original's answer clock starts when the moved supports meet its threshold, and a refusal changes nothing."""
from __future__ import annotations

import pytest
from factories import add_supporters, make_idea, make_idea_category, make_user
from flask_babel import force_locale
from sqlalchemy import func, select

from app.extensions import db
from app.moderation.models import AuditEntry
from app.notifications.models import Follow, FollowPreference, Notification
from app.notifications.notices import notices_for
from app.notifications.services import follow
from app.users.models import Role
from ideas import services, signals
from ideas.models import Idea, IdeaStatusChange, Status
from ideas.services import InvalidMove, NotAllowed
from voting.models import Vote


def fresh(idea_id: int) -> Idea:
    db.session.expire_all()
    return db.session.get(Idea, idea_id)


def voters(idea: Idea) -> set[int]:
    return set(db.session.execute(select(Vote.voter_id).where(Vote.subject_id == idea.subject_id)).scalars())


def staff(name: str = "clara"):
    return make_user(name, roles=(Role.CITY_STAFF,))


def merge(duplicate: Idea, original: Idea, actor=None, explanation: str = "Same idea as the other one."):
    return services.change_status(actor or staff(), duplicate, Status.DUPLICATE, explanation, duplicate_of=original)


def test_supports_move_across_and_a_shared_supporter_counts_once(db):
    category = make_idea_category(threshold=100)
    original, duplicate = make_idea(category=category, title="Original"), make_idea(category=category, title="Copy")
    both = add_supporters(original, 2)
    only_original = add_supporters(original, 1)
    only_duplicate = add_supporters(duplicate, 3)
    for user in both:
        services.support(user, duplicate)
    assert (fresh(original.id).support_count, fresh(duplicate.id).support_count) == (3, 5)

    merge(fresh(duplicate.id), fresh(original.id))

    original, duplicate = fresh(original.id), fresh(duplicate.id)
    assert original.support_count == 6  # 3 + 3 new; the 2 who supported both keep one support each
    assert voters(original) == {u.id for u in both + only_original + only_duplicate}
    assert duplicate.support_count == 0 and voters(duplicate) == set()
    assert (duplicate.status, duplicate.duplicate_of_id) == (Status.DUPLICATE.value, original.id)
    assert db.session.scalar(select(func.count(Vote.id))) == 6


def test_a_support_after_the_merge_is_refused_as_for_any_final_idea(db):
    original, duplicate = make_idea(title="Original"), make_idea(title="Copy")
    merge(duplicate, original)
    late = make_user("late")

    with pytest.raises(NotAllowed):
        services.support(late, fresh(duplicate.id))

    assert voters(fresh(duplicate.id)) == set() and fresh(duplicate.id).support_count == 0


def test_set_aside_supports_stay_on_the_duplicate_and_the_originals_author_is_not_moved(db):
    category = make_idea_category(threshold=100)
    author = make_user("olga")
    original, duplicate = make_idea(author, category, title="Original"), make_idea(category=category, title="Copy")
    [suspicious, honest] = add_supporters(duplicate, 2)
    services.support(author, duplicate)  # the original's author may not support their own idea in this category
    vote_id = db.session.scalar(select(Vote.id).where(Vote.voter_id == suspicious.id))
    services.set_aside_supports(staff("ina"), duplicate, [vote_id], "Arranged.")

    merge(fresh(duplicate.id), fresh(original.id))

    original, duplicate = fresh(original.id), fresh(duplicate.id)
    assert voters(original) == {honest.id} and original.support_count == 1
    assert voters(duplicate) == {suspicious.id} and duplicate.support_count == 0  # evidence, counted nowhere


def test_a_declined_original_takes_no_supports_they_stay_on_the_duplicate(db):
    original, duplicate = make_idea(title="Original"), make_idea(title="Copy")
    services.change_status(staff(), original, Status.DECLINED, "No.")
    supporters = add_supporters(duplicate, 2)

    merge(fresh(duplicate.id), fresh(original.id), actor=staff("ina"))

    assert fresh(original.id).support_count == 0 and voters(fresh(original.id)) == set()
    assert fresh(duplicate.id).support_count == 2 and voters(fresh(duplicate.id)) == {u.id for u in supporters}


def test_moved_supports_reaching_the_threshold_start_the_originals_answer_clock_once(db):
    category = make_idea_category(threshold=3)
    original, duplicate = make_idea(category=category, title="Original"), make_idea(category=category, title="Copy")
    add_supporters(original, 1)
    add_supporters(duplicate, 2)
    reached = []

    def on_reached(sender, **extra):
        reached.append((sender.id, extra["due"]))

    with signals.threshold_reached.connected_to(on_reached):
        merge(fresh(duplicate.id), fresh(original.id))

    original = fresh(original.id)
    assert original.support_count == 3
    assert original.threshold_reached_at is not None
    assert original.answer_due_at == original.due_date_for(original.threshold_reached_at)
    assert reached == [(original.id, original.answer_due_at)]


def test_supporters_and_followers_are_told_once_and_follow_the_original(app, db):
    original, duplicate = make_idea(title="Original"), make_idea(title="Copy")
    [supporter] = add_supporters(duplicate, 1)
    quiet = make_user("quiet")  # supports, but does not follow what they support
    db.session.add(FollowPreference(user_id=quiet.id, on_create=True, on_support=False, on_reply=True))
    db.session.commit()
    services.support(quiet, duplicate)
    watcher = make_user("watcher", locale="en")
    follow(watcher, duplicate)
    bystander = make_user("bystander")
    follow(bystander, original)
    actor = staff()

    change = merge(fresh(duplicate.id), fresh(original.id), actor=actor)

    rows = db.session.execute(select(Notification).order_by(Notification.id)).scalars().all()
    told = sorted((n.user_id, n.kind) for n in rows if n.event == f"idea-change:{change.id}")
    author_id = fresh(duplicate.id).author_id
    assert told == sorted([(supporter.id, "idea_merged"), (quiet.id, "idea_merged"), (watcher.id, "idea_merged"),
                           (author_id, "idea_merged")])
    assert [n for n in rows if n.user_id in (bystander.id, actor.id)] == []
    following = set(db.session.execute(select(Follow.user_id).where(
        Follow.subject_id == fresh(original.id).subject_id)).scalars())
    assert {supporter.id, watcher.id, author_id} <= following
    assert quiet.id not in following  # told, but not made to follow against their choice
    watcher_row = next(n for n in rows if n.user_id == watcher.id)
    with app.test_request_context(), force_locale("en"):
        notice, = notices_for(watcher, [watcher_row])
        assert notice.sentence == ("“Copy”, which you support or follow, was merged into “Original”. "
                                   "Your support counts there now.")
        assert notice.url == f"/ideas/{original.id}"
        assert "Same idea as the other one." in notice.excerpt_html


def test_the_history_and_the_audit_log_record_the_merge(db):
    original, duplicate = make_idea(title="Original"), make_idea(title="Copy")
    add_supporters(duplicate, 2)
    actor = staff()

    change = merge(fresh(duplicate.id), fresh(original.id), actor=actor)

    step = db.session.get(IdeaStatusChange, change.id)
    assert (step.idea_id, step.to_status, step.is_answer, step.actor_id) == (
        duplicate.id, Status.DUPLICATE.value, True, actor.id)
    entry = db.session.execute(select(AuditEntry).where(AuditEntry.action == "idea.merge")).scalar_one()
    assert (entry.actor_id, entry.object_id) == (actor.id, duplicate.id)
    assert entry.before == {"support_count": 2, "original_support_count": 0}
    assert entry.after == {"original": original.id, "moved": 2, "support_count": 0, "original_support_count": 2}


@pytest.mark.parametrize("original", ["a duplicate", "withdrawn"])
def test_an_original_that_cannot_take_it_in_is_refused_and_nothing_changes(db, original):
    author = make_user("alice")
    target = make_idea(author, title="Target")
    if original == "a duplicate":
        merge(target, make_idea(title="Elsewhere"))
    else:
        services.withdraw_idea(author, target)
    duplicate = make_idea(title="Copy")
    add_supporters(duplicate, 1)

    with pytest.raises(InvalidMove):
        merge(fresh(duplicate.id), fresh(target.id), actor=staff("ina"))

    db.session.rollback()
    duplicate = fresh(duplicate.id)
    assert (duplicate.status, duplicate.support_count, duplicate.duplicate_of_id) == (Status.NEW.value, 1, None)
    assert db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "idea.merge")) == (
        1 if original == "a duplicate" else 0)


def test_members_may_not_merge_and_nothing_changes(db):
    original, duplicate = make_idea(title="Original"), make_idea(title="Copy")
    add_supporters(duplicate, 1)

    with pytest.raises(NotAllowed):
        merge(duplicate, original, actor=make_user("member"))

    db.session.rollback()
    assert (fresh(duplicate.id).status, fresh(duplicate.id).support_count) == (Status.NEW.value, 1)
    assert fresh(original.id).support_count == 0
