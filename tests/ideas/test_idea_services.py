"""Idea services: drafts and publishing, editing, withdrawing, the status lifecycle with official answers,
supports with the threshold and the answer clock, and the signals each sends after its commit."""
from __future__ import annotations

from contextlib import ExitStack
from datetime import timedelta

import pytest
from factories import add_supporters, make_idea, make_idea_category, make_reply, make_user
from sqlalchemy import func, select

from app.extensions import db
from app.models import utcnow
from app.text import PIPELINE_VERSION
from app.users.models import Role
from forums.models import Thread
from ideas import services, signals
from ideas.models import Idea, IdeaCategory, IdeaStatusChange, Status
from ideas.services import IdeaInput, InvalidMove, NotAllowed
from voting.models import Vote
from voting.services import Tally


def fresh(model, row_id: int):
    """The row as the database holds it now (not as the session remembers it)."""
    db.session.expire_all()
    return db.session.get(model, row_id)


def committed_status(idea: Idea) -> str:
    """The idea's status as another connection sees it."""
    with db.engine.connect() as connection:
        return connection.execute(select(Idea.__table__.c.status).where(Idea.__table__.c.id == idea.id)).scalar_one()


def history(idea: Idea) -> list[tuple]:
    rows = db.session.execute(select(IdeaStatusChange).where(IdeaStatusChange.idea_id == idea.id)
                              .order_by(IdeaStatusChange.id)).scalars()
    return [(row.from_status, row.to_status, row.actor_id, row.is_answer) for row in rows]


def threads_about(idea: Idea) -> list[Thread]:
    return list(db.session.execute(select(Thread).where(Thread.about_subject_id == idea.subject_id)).scalars())


def votes_on(idea: Idea) -> int:
    return db.session.execute(select(func.count(Vote.id)).where(Vote.subject_id == idea.subject_id)).scalar_one()


class Recorder:
    """Connects to idea signals for the length of a `with` block and records what they carried.

    Each call is (signal name, sender, keyword arguments, the idea's status as another connection sees it):
    the last shows the change was committed before the signal went out.
    """

    def __init__(self, *names: str) -> None:
        self.names = names or ("idea_published", "idea_supported", "idea_support_withdrawn",
                               "idea_status_changed", "idea_answered", "threshold_reached")
        self.calls: list[tuple] = []
        self._stack = ExitStack()

    def __enter__(self) -> Recorder:
        for name in self.names:
            def receiver(sender, _name=name, **kwargs):
                self.calls.append((_name, sender, kwargs, committed_status(sender)))

            self._stack.enter_context(getattr(signals, name).connected_to(receiver))
        return self

    def __exit__(self, *exc) -> None:
        self._stack.close()

    @property
    def names_sent(self) -> list[str]:
        return [call[0] for call in self.calls]


def data(category: IdeaCategory, title: str = "Book appointments online",
         body: str = "Citizens book their **appointments** online.", language: str = "en") -> IdeaInput:
    return IdeaInput(title=title, body_md=body, category=category, language=language)


def city_staff(username: str = "clerk"):
    return make_user(username, roles=(Role.CITY_STAFF,))


PATHS = {  # how staff bring a new idea to each status (withdrawn and draft are reached otherwise)
    Status.NEW: (),
    Status.UNDER_REVIEW: (Status.UNDER_REVIEW,),
    Status.ACCEPTED: (Status.ACCEPTED,),
    Status.IN_DEVELOPMENT: (Status.ACCEPTED, Status.IN_DEVELOPMENT),
    Status.IMPLEMENTED: (Status.ACCEPTED, Status.IN_DEVELOPMENT, Status.IMPLEMENTED),
    Status.DECLINED: (Status.DECLINED,),
    Status.DUPLICATE: (Status.DUPLICATE,),
}


def bring_to(idea: Idea, status: Status, staff=None) -> Idea:
    """Move a new idea to `status` through the services, as staff (or its author, for withdrawn) would."""
    if status == Status.WITHDRAWN:
        services.withdraw_idea(idea.author, idea)
        return idea
    staff = staff or city_staff(f"clerk{idea.id}")
    for step in PATHS[status]:
        original = make_idea(category=idea.category, title="The original") if step == Status.DUPLICATE else None
        services.change_status(staff, idea, step, "Because.", duplicate_of=original)
    assert idea.status == status.value
    return idea


# --- drafts and publishing ---------------------------------------------------------------------------------

def test_create_as_draft_is_not_published(db):
    author, category = make_user("alice"), make_idea_category()

    with Recorder() as recorder:
        idea = services.create_idea(author, data(category, title="  Book online  "), publish=False)

    idea = fresh(Idea, idea.id)
    assert idea.status == Status.DRAFT.value
    assert idea.published_at is None
    assert idea.discussion is None and threads_about(idea) == []
    assert history(idea) == []
    assert fresh(IdeaCategory, category.id).idea_count == 0
    assert recorder.calls == []
    assert (idea.title, idea.author_id, idea.category_id, idea.language) == (
        "Book online", author.id, category.id, "en")
    assert "<strong>appointments</strong>" in idea.body_html
    assert idea.cooked_version == PIPELINE_VERSION
    assert idea.subject.kind == "idea"


def test_publishing_a_draft_later_opens_it_to_everyone(db):
    author, category = make_user("alice"), make_idea_category()
    idea = services.create_idea(author, data(category), publish=False)
    before = utcnow()

    with Recorder() as recorder:
        services.publish_idea(author, idea)

    idea = fresh(Idea, idea.id)
    assert idea.status == Status.NEW.value
    assert before <= idea.published_at <= utcnow()
    assert history(idea) == [(Status.DRAFT.value, Status.NEW.value, author.id, False)]
    [thread] = threads_about(idea)
    assert thread.about_subject_id == idea.subject_id
    assert thread.title == idea.title
    assert thread.category_id is None
    assert idea.discussion.id == thread.id
    assert fresh(IdeaCategory, category.id).idea_count == 1
    assert recorder.names_sent == ["idea_published"]
    assert recorder.calls[0][1].id == idea.id
    assert recorder.calls[0][3] == Status.NEW.value, "the signal went out before the commit"


def test_publishing_at_once_does_the_same(db):
    author, category = make_user("alice"), make_idea_category()

    with Recorder() as recorder:
        idea = services.create_idea(author, data(category), publish=True)

    idea = fresh(Idea, idea.id)
    assert idea.status == Status.NEW.value and idea.published_at is not None
    assert history(idea) == [(Status.DRAFT.value, Status.NEW.value, author.id, False)]
    assert [t.about_subject_id for t in threads_about(idea)] == [idea.subject_id]
    assert fresh(IdeaCategory, category.id).idea_count == 1
    assert [(name, state) for name, _, _, state in recorder.calls] == [("idea_published", "new")]


def test_publishing_through_update_publishes_once_in_the_chosen_category(db):
    author, drafted_in, chosen = make_user("alice"), make_idea_category("drafted-in"), make_idea_category("chosen")
    idea = services.create_idea(author, data(drafted_in), publish=False)

    with Recorder() as recorder:
        services.update_idea(author, idea, data(chosen, title="Better title"), publish=True)

    idea = fresh(Idea, idea.id)
    assert (idea.status, idea.title, idea.category_id) == (Status.NEW.value, "Better title", chosen.id)
    assert [t.title for t in threads_about(idea)] == ["Better title"]
    assert (fresh(IdeaCategory, drafted_in.id).idea_count, fresh(IdeaCategory, chosen.id).idea_count) == (0, 1)
    assert recorder.names_sent == ["idea_published"]


@pytest.mark.parametrize("who", ["someone else", "moderator", "author again"])
def test_publish_is_refused_to_others_and_twice(db, who):
    author, category = make_user("alice"), make_idea_category()
    idea = services.create_idea(author, data(category), publish=who == "author again")
    user = {"someone else": lambda: make_user("bob"), "moderator": lambda: make_user("mod", roles=(Role.MODERATOR,)),
            "author again": lambda: author}[who]()
    expected_status = Status.NEW.value if who == "author again" else Status.DRAFT.value

    with Recorder() as recorder, pytest.raises(NotAllowed):
        services.publish_idea(user, idea)

    idea = fresh(Idea, idea.id)
    assert idea.status == expected_status
    assert len(threads_about(idea)) == (1 if who == "author again" else 0)
    assert fresh(IdeaCategory, category.id).idea_count == (1 if who == "author again" else 0)
    assert recorder.calls == []


def test_create_is_refused_to_an_unconfirmed_member(db):
    category = make_idea_category()

    with pytest.raises(NotAllowed):
        services.create_idea(make_user("eve", confirmed=False), data(category), publish=True)

    assert db.session.execute(select(func.count(Idea.id))).scalar_one() == 0
    assert fresh(IdeaCategory, category.id).idea_count == 0


# --- editing -----------------------------------------------------------------------------------------------

def test_update_changes_the_text_and_the_thread_title(db):
    author = make_user("alice")
    idea = make_idea(author, title="Old title", body="Old body")
    other = make_idea_category("other")

    services.update_idea(author, idea, data(other, title=" New title ", body="New *body*\r\n", language="de"))

    idea = fresh(Idea, idea.id)
    assert (idea.title, idea.body_md, idea.language, idea.category_id) == ("New title", "New *body*", "de", other.id)
    assert "<em>body</em>" in idea.body_html and "Old" not in idea.body_html
    assert [t.title for t in threads_about(idea)] == ["New title"]
    assert idea.status == Status.NEW.value


def test_update_moves_the_idea_count_with_the_category(db):
    first, second = make_idea_category("first"), make_idea_category("second")
    author = make_user("alice")
    idea = make_idea(author, first)
    draft = make_idea(author, first, publish=False)

    services.update_idea(author, idea, data(second))
    services.update_idea(author, draft, data(second))

    assert (fresh(IdeaCategory, first.id).idea_count, fresh(IdeaCategory, second.id).idea_count) == (0, 1)


def test_update_is_refused_after_the_first_support_and_changes_nothing(db):
    author = make_user("alice")
    idea = make_idea(author, title="Old title", body="Old body")
    add_supporters(idea, 1)

    with pytest.raises(NotAllowed):
        services.update_idea(author, idea, data(idea.category, title="New title", body="New body"))

    db.session.rollback()
    idea = fresh(Idea, idea.id)
    assert (idea.title, idea.body_md) == ("Old title", "Old body")
    assert [t.title for t in threads_about(idea)] == ["Old title"]


def test_update_is_refused_after_the_first_reply(db):
    author = make_user("alice")
    idea = make_idea(author, title="Old title")
    make_reply(idea.discussion, make_user("bob"))
    db.session.expire_all()

    with pytest.raises(NotAllowed):
        services.update_idea(author, idea, data(idea.category, title="New title"))

    assert fresh(Idea, idea.id).title == "Old title"


def test_a_moderator_may_still_edit_after_supports(db):
    idea = make_idea(make_user("alice"), title="Old title")
    add_supporters(idea, 2)
    moderator = make_user("mod", roles=(Role.MODERATOR,))

    services.update_idea(moderator, idea, data(idea.category, title="Fixed title"))

    idea = fresh(Idea, idea.id)
    assert (idea.title, idea.support_count, idea.author.username) == ("Fixed title", 2, "alice")
    assert [t.title for t in threads_about(idea)] == ["Fixed title"]


def test_update_by_someone_else_is_refused(db):
    idea = make_idea(make_user("alice"), title="Old title")

    with pytest.raises(NotAllowed):
        services.update_idea(make_user("bob"), idea, data(idea.category, title="Mine now"))

    assert fresh(Idea, idea.id).title == "Old title"


# --- withdrawing -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("status", [Status.NEW, Status.UNDER_REVIEW])
def test_the_author_withdraws_a_quiet_idea(db, status):
    author = make_user("alice")
    idea = bring_to(make_idea(author), status)

    with Recorder() as recorder:
        change = services.withdraw_idea(author, idea, "Found a **better** way.")

    idea = fresh(Idea, idea.id)
    assert idea.status == Status.WITHDRAWN.value
    assert history(idea)[-1] == (status.value, Status.WITHDRAWN.value, author.id, False)
    assert "<strong>better</strong>" in fresh(IdeaStatusChange, change.id).explanation_html
    assert idea.answer_id is None and idea.answered_at is None
    assert recorder.names_sent == ["idea_status_changed"]
    assert recorder.calls[0][2]["change"].id == change.id
    assert recorder.calls[0][3] == Status.WITHDRAWN.value


@pytest.mark.parametrize("echo", ["support", "reply"])
def test_withdraw_is_refused_once_someone_supported_or_replied(db, echo):
    author = make_user("alice")
    idea = make_idea(author)
    if echo == "support":
        add_supporters(idea, 1)
    else:
        make_reply(idea.discussion, make_user("bob"))
        db.session.expire_all()

    with Recorder() as recorder, pytest.raises(NotAllowed):
        services.withdraw_idea(author, idea)

    assert fresh(Idea, idea.id).status == Status.NEW.value
    assert history(idea) == [(Status.DRAFT.value, Status.NEW.value, author.id, False)]
    assert recorder.calls == []


@pytest.mark.parametrize("status", [Status.ACCEPTED, Status.DECLINED, Status.IMPLEMENTED, Status.WITHDRAWN])
def test_withdraw_is_refused_past_review(db, status):
    author = make_user("alice")
    idea = bring_to(make_idea(author), status)
    steps = len(history(idea))

    with pytest.raises(NotAllowed):
        services.withdraw_idea(author, idea)

    assert fresh(Idea, idea.id).status == status.value
    assert len(history(idea)) == steps


def test_withdraw_is_refused_to_others(db):
    idea = make_idea(make_user("alice"))

    for user in (make_user("bob"), city_staff(), make_user("admin", roles=(Role.ADMIN,))):
        with pytest.raises(NotAllowed):
            services.withdraw_idea(user, idea)

    assert fresh(Idea, idea.id).status == Status.NEW.value


# --- the status lifecycle ----------------------------------------------------------------------------------

ALLOWED_MOVES = {
    Status.NEW: {Status.UNDER_REVIEW, Status.ACCEPTED, Status.DECLINED, Status.DUPLICATE},
    Status.UNDER_REVIEW: {Status.ACCEPTED, Status.DECLINED, Status.DUPLICATE},
    Status.ACCEPTED: {Status.IN_DEVELOPMENT, Status.DECLINED},
    Status.IN_DEVELOPMENT: {Status.IMPLEMENTED, Status.ACCEPTED},
    Status.DECLINED: {Status.UNDER_REVIEW},
    Status.DUPLICATE: {Status.UNDER_REVIEW},
}
MOVE_CASES = [(start, to, to in allowed) for start, allowed in ALLOWED_MOVES.items() for to in Status]


@pytest.mark.parametrize(("start", "to", "allowed"), MOVE_CASES)
def test_change_status_makes_only_the_allowed_moves(db, start, to, allowed):
    staff = city_staff()
    idea = bring_to(make_idea(make_user("alice")), start, staff)
    original = make_idea(title="The original") if to == Status.DUPLICATE else None
    steps = len(history(idea))

    if allowed:
        change = services.change_status(staff, idea, to, "Explained.", duplicate_of=original)
        assert (change.from_status, change.to_status) == (start.value, to.value)
        assert fresh(Idea, idea.id).status == to.value
        assert len(history(idea)) == steps + 1
    else:
        with pytest.raises(InvalidMove):
            services.change_status(staff, idea, to, "Explained.", duplicate_of=original)
        db.session.rollback()
        assert fresh(Idea, idea.id).status == start.value
        assert len(history(idea)) == steps


@pytest.mark.parametrize("start", [Status.DRAFT, Status.IMPLEMENTED, Status.WITHDRAWN])
def test_no_moves_from_drafts_implemented_or_withdrawn_ideas(db, start):
    author, staff = make_user("alice"), city_staff()
    idea = make_idea(author, publish=False) if start == Status.DRAFT else bring_to(make_idea(author), start, staff)

    for to in (Status.NEW, Status.UNDER_REVIEW, Status.ACCEPTED, Status.IN_DEVELOPMENT, Status.DECLINED):
        with pytest.raises(NotAllowed):
            services.change_status(staff, idea, to, "Explained.")

    assert fresh(Idea, idea.id).status == start.value


@pytest.mark.parametrize("role", [None, Role.MODERATOR])
def test_change_status_is_refused_to_members_and_moderators(db, role):
    idea = make_idea(make_user("alice"))
    user = make_user("someone", roles=(role,) if role else ())

    with pytest.raises(NotAllowed):
        services.change_status(user, idea, Status.ACCEPTED, "I like it.")

    assert fresh(Idea, idea.id).status == Status.NEW.value
    assert len(history(idea)) == 1


@pytest.mark.parametrize("explanation", ["", "   ", "\r\n\t"])
def test_change_status_needs_an_explanation(db, explanation):
    idea, staff = make_idea(make_user("alice")), city_staff()

    with Recorder() as recorder, pytest.raises(InvalidMove):
        services.change_status(staff, idea, Status.DECLINED, explanation)

    db.session.rollback()
    idea = fresh(Idea, idea.id)
    assert (idea.status, idea.answered_at, idea.answer_id) == (Status.NEW.value, None, None)
    assert len(history(idea)) == 1
    assert recorder.calls == []


def test_the_history_row_records_who_moved_what_why_through_the_text_pipeline(db):
    idea, staff = make_idea(make_user("alice")), city_staff()

    change = services.change_status(staff, idea, Status.UNDER_REVIEW,
                                    "  We look at it **closely**.<script>alert(1)</script>\r\n# Next\r\n")

    change = fresh(IdeaStatusChange, change.id)
    assert (change.idea_id, change.from_status, change.to_status, change.actor_id) == (
        idea.id, Status.NEW.value, Status.UNDER_REVIEW.value, staff.id)
    assert change.explanation_md == "We look at it **closely**.<script>alert(1)</script>\n# Next"
    assert "<strong>closely</strong>" in change.explanation_html
    assert "<script" not in change.explanation_html
    assert "<h3>Next</h3>" in change.explanation_html  # below the idea page's h2
    assert change.is_answer is False
    assert fresh(Idea, idea.id).status_changed_at == change.created_at


@pytest.mark.parametrize("decision", [Status.ACCEPTED, Status.DECLINED, Status.DUPLICATE])
def test_a_decision_is_always_an_official_answer(db, decision):
    idea, staff = make_idea(make_user("alice")), city_staff()
    original = make_idea(title="The original")

    change = services.change_status(staff, idea, decision, "Decided.", official=False, duplicate_of=original)

    idea = fresh(Idea, idea.id)
    assert fresh(IdeaStatusChange, change.id).is_answer is True
    assert idea.answer_id == change.id
    assert idea.answered_at == change.created_at


@pytest.mark.parametrize(("official", "answers"), [(False, False), (True, True)])
def test_a_step_that_is_no_decision_answers_only_when_marked_official(db, official, answers):
    idea, staff = make_idea(make_user("alice")), city_staff()

    with Recorder("idea_status_changed", "idea_answered") as recorder:
        change = services.change_status(staff, idea, Status.UNDER_REVIEW, "We review it.", official=official)

    idea = fresh(Idea, idea.id)
    assert fresh(IdeaStatusChange, change.id).is_answer is answers
    assert idea.answer_id == (change.id if answers else None)
    assert idea.answered_at == (change.created_at if answers else None)
    assert recorder.names_sent == (["idea_status_changed", "idea_answered"] if answers else ["idea_status_changed"])


def test_the_first_answer_stops_the_clock_and_the_latest_is_shown(db):
    idea, staff = make_idea(make_user("alice")), city_staff()

    first = services.change_status(staff, idea, Status.UNDER_REVIEW, "Reviewing.", official=True)
    second = services.change_status(staff, idea, Status.ACCEPTED, "Accepted.")
    quiet = services.change_status(staff, idea, Status.IN_DEVELOPMENT, "Building.", official=False)

    idea = fresh(Idea, idea.id)
    assert idea.answered_at == fresh(IdeaStatusChange, first.id).created_at
    assert idea.answered_at < fresh(IdeaStatusChange, second.id).created_at
    assert idea.answer_id == second.id
    assert idea.answer.to_status == Status.ACCEPTED.value

    last = services.change_status(staff, idea, Status.IMPLEMENTED, "Done.", official=True)

    idea = fresh(Idea, idea.id)
    assert idea.answer_id == last.id
    assert idea.answered_at == fresh(IdeaStatusChange, first.id).created_at
    assert [(row[1], row[3]) for row in history(idea)] == [
        ("new", False), ("under_review", True), ("accepted", True), ("in_development", False), ("implemented", True)]
    assert fresh(IdeaStatusChange, quiet.id).is_answer is False


def test_change_status_signals_once_each_after_the_commit(db):
    idea, staff = make_idea(make_user("alice")), city_staff()

    with Recorder() as recorder:
        change = services.change_status(staff, idea, Status.DECLINED, "Not possible.")

    assert recorder.names_sent == ["idea_status_changed", "idea_answered"]
    status_changed, answered = recorder.calls
    assert status_changed[1].id == idea.id and status_changed[2] == {"change": change}
    assert answered[2] == {"change": change, "on_time": None}  # nobody reached the threshold: no promise to judge
    assert status_changed[3] == answered[3] == Status.DECLINED.value


# --- duplicates --------------------------------------------------------------------------------------------

def test_a_duplicate_points_at_its_published_original(db):
    staff = city_staff()
    original, idea = make_idea(title="The original"), make_idea(title="The copy")

    services.change_status(staff, idea, Status.DUPLICATE, "Same as the other one.", duplicate_of=original)

    assert fresh(Idea, idea.id).duplicate_of_id == original.id

    services.change_status(staff, idea, Status.UNDER_REVIEW, "Not quite the same after all.")

    assert fresh(Idea, idea.id).duplicate_of_id is None


@pytest.mark.parametrize("original", ["none", "itself", "a draft"])
def test_a_duplicate_needs_a_published_original_that_is_not_itself(db, original):
    staff = city_staff()
    idea = make_idea(title="The copy")
    target = {"none": lambda: None, "itself": lambda: idea,
              "a draft": lambda: make_idea(title="Draft", publish=False)}[original]()

    with Recorder() as recorder, pytest.raises(InvalidMove):
        services.change_status(staff, idea, Status.DUPLICATE, "Same.", duplicate_of=target)

    db.session.rollback()
    idea = fresh(Idea, idea.id)
    assert (idea.status, idea.duplicate_of_id, idea.answer_id) == (Status.NEW.value, None, None)
    assert recorder.calls == []


def test_the_original_is_ignored_for_other_moves(db):
    staff = city_staff()
    idea, other = make_idea(title="One"), make_idea(title="Two")

    services.change_status(staff, idea, Status.DECLINED, "No.", duplicate_of=other)

    assert fresh(Idea, idea.id).duplicate_of_id is None


# --- supports ----------------------------------------------------------------------------------------------

def test_supports_count_once_per_person(db):
    idea = make_idea(make_user("alice"))
    bob, carol = make_user("bob"), make_user("carol")

    with Recorder("idea_supported") as recorder:
        assert services.support(bob, idea) == Tally(changed=True, count=1)
        assert services.support(carol, idea) == Tally(changed=True, count=2)
        assert services.support(bob, idea) == Tally(changed=False, count=2)

    assert fresh(Idea, idea.id).support_count == 2
    assert votes_on(idea) == 2
    assert [(call[2]["supporter"].username, call[2]["count"]) for call in recorder.calls] == [("bob", 1), ("carol", 2)]


def test_withdrawing_a_support_counts_down_once(db):
    idea = make_idea(make_user("alice"))
    bob, carol = add_supporters(idea, 2)

    with Recorder("idea_support_withdrawn") as recorder:
        assert services.withdraw_support(bob, idea) == Tally(changed=True, count=1)
        assert services.withdraw_support(bob, idea) == Tally(changed=False, count=1)
        assert services.withdraw_support(make_user("dora"), idea) == Tally(changed=False, count=1)

    assert fresh(Idea, idea.id).support_count == 1
    assert votes_on(idea) == 1
    assert [(call[2]["supporter"].id, call[2]["count"]) for call in recorder.calls] == [(bob.id, 1)]
    assert services.withdraw_support(carol, idea) == Tally(changed=True, count=0)
    assert fresh(Idea, idea.id).support_count == 0


def test_reaching_the_threshold_starts_the_answer_clock_once(db):
    category = make_idea_category(threshold=3, answer_days=10)
    idea = make_idea(make_user("alice"), category)
    first, second = add_supporters(idea, 2)
    assert fresh(Idea, idea.id).threshold_reached_at is None

    before = utcnow()
    with Recorder("threshold_reached") as recorder:
        services.support(make_user("carol"), idea)
    after = utcnow()

    idea = fresh(Idea, idea.id)
    reached, due = idea.threshold_reached_at, idea.answer_due_at
    assert before <= reached <= after
    assert due == reached + timedelta(days=10)
    assert [(call[1].id, call[2]) for call in recorder.calls] == [(idea.id, {"due": due})]
    assert recorder.calls[0][3] == Status.NEW.value
    assert idea.awaiting_answer is True

    with Recorder("threshold_reached") as recorder:
        services.support(make_user("dora"), idea)  # above the threshold
        services.withdraw_support(first, idea)
        services.withdraw_support(second, idea)  # below it again
        services.support(first, idea)
        services.support(second, idea)  # and back up

    idea = fresh(Idea, idea.id)
    assert idea.support_count == 4
    assert (idea.threshold_reached_at, idea.answer_due_at) == (reached, due)
    assert recorder.calls == []


def test_the_due_date_follows_the_category_answer_period(db):
    idea = make_idea(make_user("alice"), make_idea_category(threshold=1, answer_days=45))

    services.support(make_user("bob"), idea)

    idea = fresh(Idea, idea.id)
    assert idea.answer_due_at - idea.threshold_reached_at == timedelta(days=45)


def test_an_answer_before_the_due_date_is_on_time(db):
    idea = make_idea(make_user("alice"), make_idea_category(threshold=1))
    add_supporters(idea, 1)

    with Recorder("idea_answered") as recorder:
        services.change_status(city_staff(), idea, Status.ACCEPTED, "Yes.")

    idea = fresh(Idea, idea.id)
    assert idea.threshold_reached_at <= idea.answered_at <= idea.answer_due_at
    assert idea.answered_on_time is True
    assert recorder.calls[0][2]["on_time"] is True
    assert idea.awaiting_answer is False


def test_an_answer_after_the_due_date_is_late(db):
    idea = make_idea(make_user("alice"), make_idea_category(threshold=1))
    add_supporters(idea, 1)
    idea.answer_due_at = utcnow() - timedelta(days=1)
    db.session.commit()

    with Recorder("idea_answered") as recorder:
        services.change_status(city_staff(), idea, Status.DECLINED, "No.")

    idea = fresh(Idea, idea.id)
    assert idea.answered_at > idea.answer_due_at
    assert idea.answered_on_time is False
    assert recorder.calls[0][2]["on_time"] is False


def test_a_later_answer_does_not_make_a_late_idea_on_time(db):
    idea = make_idea(make_user("alice"), make_idea_category(threshold=1))
    add_supporters(idea, 1)
    idea.answer_due_at = utcnow() - timedelta(days=1)
    db.session.commit()
    staff = city_staff()
    first = services.change_status(staff, idea, Status.UNDER_REVIEW, "Late, but looking.", official=True)

    with Recorder("idea_answered") as recorder:
        latest = services.change_status(staff, idea, Status.ACCEPTED, "Yes.")

    idea = fresh(Idea, idea.id)
    assert idea.answered_at == fresh(IdeaStatusChange, first.id).created_at
    assert idea.answer_id == latest.id
    assert idea.answered_on_time is False
    assert recorder.calls[0][2]["on_time"] is False


def test_an_idea_is_overdue_only_after_its_answer_due_date_until_answered(db):
    staff = city_staff()
    idea = make_idea(make_user("alice"), make_idea_category(threshold=1, answer_days=30))
    now = utcnow()
    assert fresh(Idea, idea.id).is_overdue(now + timedelta(days=365)) is False  # no threshold, no promise

    add_supporters(idea, 1)
    idea = fresh(Idea, idea.id)
    due = idea.answer_due_at
    assert idea.is_overdue(now) is False
    assert idea.is_overdue(due - timedelta(seconds=1)) is False
    assert idea.is_overdue(due) is False
    assert idea.is_overdue(due + timedelta(seconds=1)) is True

    services.change_status(staff, idea, Status.UNDER_REVIEW, "Not an answer yet.")
    assert fresh(Idea, idea.id).is_overdue(due + timedelta(days=1)) is True

    services.change_status(staff, idea, Status.ACCEPTED, "Yes.")
    assert fresh(Idea, idea.id).is_overdue(due + timedelta(days=1)) is False


@pytest.mark.parametrize("status", [Status.DECLINED, Status.DUPLICATE, Status.IMPLEMENTED, Status.WITHDRAWN])
def test_no_supports_on_final_states(db, status):
    author = make_user("alice")
    idea = bring_to(make_idea(author, make_idea_category(authors_may_support=True)), status)
    bob = make_user("bob")

    with Recorder("idea_supported", "threshold_reached") as recorder:
        for user in (bob, author, city_staff("another")):
            with pytest.raises(NotAllowed):
                services.support(user, idea)

    assert fresh(Idea, idea.id).support_count == 0
    assert votes_on(idea) == 0
    assert recorder.calls == []


@pytest.mark.parametrize("status", [Status.DECLINED, Status.DUPLICATE, Status.IMPLEMENTED])
def test_supports_stay_frozen_on_final_states(db, status):
    idea = make_idea(make_user("alice"))
    [bob] = add_supporters(idea, 1)
    bring_to(idea, status)
    kept = 0 if status == Status.DUPLICATE else 1  # a duplicate's supports moved to its original (ideas.merging)

    with pytest.raises(NotAllowed):
        services.withdraw_support(bob, idea)

    assert fresh(Idea, idea.id).support_count == kept
    assert votes_on(idea) == kept


@pytest.mark.parametrize(("authors_may_support", "changed"), [(False, None), (True, True)])
def test_supporting_ones_own_idea_only_where_the_category_allows(db, authors_may_support, changed):
    author = make_user("alice")
    idea = make_idea(author, make_idea_category(authors_may_support=authors_may_support))

    if changed:
        assert services.support(author, idea) == Tally(changed=True, count=1)
    else:
        with pytest.raises(NotAllowed):
            services.support(author, idea)

    assert fresh(Idea, idea.id).support_count == (1 if changed else 0)
    assert votes_on(idea) == (1 if changed else 0)


@pytest.mark.parametrize("who", ["author", "someone else"])
def test_no_supports_on_drafts(db, who):
    author = make_user("alice")
    idea = make_idea(author, make_idea_category(authors_may_support=True), publish=False)
    user = author if who == "author" else make_user("bob")

    with pytest.raises(NotAllowed):
        services.support(user, idea)
    with pytest.raises(NotAllowed):
        services.withdraw_support(user, idea)

    assert fresh(Idea, idea.id).support_count == 0
    assert votes_on(idea) == 0


def test_unconfirmed_members_do_not_support(db):
    idea = make_idea(make_user("alice"))

    with pytest.raises(NotAllowed):
        services.support(make_user("eve", confirmed=False), idea)

    assert fresh(Idea, idea.id).support_count == 0
