"""Who may do what with ideas: every actor against every action and idea state, each cell asserted.

The policy is made of pure functions, so the matrix runs on model objects built in memory (no database);
a few tests at the end check the same answers on ideas saved through the services.
"""
from __future__ import annotations

from datetime import timedelta

import pytest
from factories import add_supporters, make_idea, make_idea_category, make_reply, make_user
from flask_login import AnonymousUserMixin

from app.extensions import db
from app.models import utcnow
from app.users.models import Role, User, UserRole
from forums.models import Thread
from ideas import policy
from ideas.models import Idea, IdeaCategory, Status

ACTORS = ("anonymous", "member", "unconfirmed", "author", "moderator", "city_staff", "admin")
AUTHOR_ID = 1

#                                       anon   member unconf author mod    staff  admin
MATRIX = {
    # seeing
    "view published":                  (True,  True,  True,  True,  True,  True,  True),
    "view withdrawn":                  (True,  True,  True,  True,  True,  True,  True),
    "view draft":                      (False, False, False, True,  False, False, False),
    # proposing
    "create":                          (False, True,  False, True,  True,  True,  True),
    "publish draft":                   (False, False, False, True,  False, False, False),
    "publish published":               (False, False, False, False, False, False, False),
    # editing the text
    "edit draft":                      (False, False, False, True,  False, False, False),
    "edit published":                  (False, False, False, True,  True,  False, True),
    "edit under review":               (False, False, False, True,  True,  False, True),
    "edit after first support":        (False, False, False, False, True,  False, True),
    "edit after first reply":          (False, False, False, False, True,  False, True),
    "edit declined":                   (False, False, False, False, False, False, False),
    "edit withdrawn":                  (False, False, False, False, False, False, False),
    # the note "your text is locked" (for the author only, once people reacted to an open idea)
    "locked draft":                    (False, False, False, False, False, False, False),
    "locked published":                (False, False, False, False, False, False, False),
    "locked after first support":      (False, False, False, True,  False, False, False),
    "locked after first reply":        (False, False, False, True,  False, False, False),
    "locked accepted with a support":  (False, False, False, True,  False, False, False),
    "locked declined with a support":  (False, False, False, False, False, False, False),
    # the author takes the idea back
    "withdraw new":                    (False, False, False, True,  False, False, False),
    "withdraw under review":           (False, False, False, True,  False, False, False),
    "withdraw with a support":         (False, False, False, False, False, False, False),
    "withdraw with a reply":           (False, False, False, False, False, False, False),
    "withdraw draft":                  (False, False, False, False, False, False, False),
    "withdraw accepted":               (False, False, False, False, False, False, False),
    "withdraw in development":         (False, False, False, False, False, False, False),
    "withdraw declined":               (False, False, False, False, False, False, False),
    "withdraw duplicate":              (False, False, False, False, False, False, False),
    "withdraw implemented":            (False, False, False, False, False, False, False),
    "withdraw withdrawn":              (False, False, False, False, False, False, False),
    # supporting
    "support new":                     (False, True,  False, False, True,  True,  True),
    "support new, authors may":        (False, True,  False, True,  True,  True,  True),
    "support under review":            (False, True,  False, False, True,  True,  True),
    "support accepted":                (False, True,  False, False, True,  True,  True),
    "support in development":          (False, True,  False, False, True,  True,  True),
    "support draft":                   (False, False, False, False, False, False, False),
    "support draft, authors may":      (False, False, False, False, False, False, False),
    "support declined":                (False, False, False, False, False, False, False),
    "support duplicate":               (False, False, False, False, False, False, False),
    "support implemented":             (False, False, False, False, False, False, False),
    "support withdrawn":               (False, False, False, False, False, False, False),
    "support implemented, authors may": (False, False, False, False, False, False, False),
    # taking a support back (only while supports are open; nobody's own rule matters here)
    "withdraw support new":            (False, True,  False, True,  True,  True,  True),
    "withdraw support accepted":       (False, True,  False, True,  True,  True,  True),
    "withdraw support draft":          (False, False, False, False, False, False, False),
    "withdraw support declined":       (False, False, False, False, False, False, False),
    "withdraw support duplicate":      (False, False, False, False, False, False, False),
    "withdraw support implemented":    (False, False, False, False, False, False, False),
    "withdraw support withdrawn":      (False, False, False, False, False, False, False),
    # the city moves the idea along and answers
    "change status new":               (False, False, False, False, False, True,  True),
    "change status under review":      (False, False, False, False, False, True,  True),
    "change status accepted":          (False, False, False, False, False, True,  True),
    "change status in development":    (False, False, False, False, False, True,  True),
    "change status declined":          (False, False, False, False, False, True,  True),
    "change status duplicate":         (False, False, False, False, False, True,  True),
    "change status draft":             (False, False, False, False, False, False, False),
    "change status implemented":       (False, False, False, False, False, False, False),
    "change status withdrawn":         (False, False, False, False, False, False, False),
    "answer new":                      (False, False, False, False, False, True,  True),
    "answer accepted":                 (False, False, False, False, False, True,  True),
    "answer draft":                    (False, False, False, False, False, False, False),
    "answer implemented":              (False, False, False, False, False, False, False),
    "answer withdrawn":                (False, False, False, False, False, False, False),
    # running the platform
    "manage categories":               (False, False, False, False, False, False, True),
    "see dashboard":                   (False, False, False, False, False, True,  True),
}

CASES = [(actor, action, allowed) for action, row in MATRIX.items()
         for actor, allowed in zip(ACTORS, row, strict=True)]


def person(user_id: int, *roles: Role, confirmed: bool = True, active: bool = True) -> User:
    """A user in memory with the member role plus `roles`, as create_user makes them."""
    return User(id=user_id, username=f"user{user_id}", email_confirmed_at=utcnow() if confirmed else None,
                is_active_account=active,
                roles=[UserRole(role=role.value) for role in sorted({Role.MEMBER, *roles})])


def actor(name: str):
    return {
        "anonymous": lambda: AnonymousUserMixin(),
        "member": lambda: person(2),
        "unconfirmed": lambda: person(3, confirmed=False),
        "author": lambda: person(AUTHOR_ID),
        "moderator": lambda: person(4, Role.MODERATOR),
        "city_staff": lambda: person(5, Role.CITY_STAFF),
        "admin": lambda: person(6, Role.ADMIN),
    }[name]()


def idea(status: Status = Status.NEW, *, supports: int = 0, replies: int | None = None,
         authors_may_support: bool = False, author_id: int | None = AUTHOR_ID) -> Idea:
    """An idea in memory by the author; a published one has its discussion thread with `replies` replies."""
    category = IdeaCategory(slug="c", support_threshold=3, answer_days=30, authors_may_support=authors_may_support)
    built = Idea(id=10, author_id=author_id, category=category, status=status.value, support_count=supports,
                 title="Book appointments online", body_md="b", body_html="<p>b</p>", language="en")
    if status != Status.DRAFT:
        built.discussion = Thread(reply_count=replies or 0, title=built.title)
    elif replies is not None:
        raise ValueError("a draft has no discussion")
    return built


def ask(user, action: str) -> bool:
    checks = {
        "view published": lambda: policy.can_view(user, idea()),
        "view withdrawn": lambda: policy.can_view(user, idea(Status.WITHDRAWN)),
        "view draft": lambda: policy.can_view(user, idea(Status.DRAFT)),
        "create": lambda: policy.can_create(user),
        "publish draft": lambda: policy.can_publish(user, idea(Status.DRAFT)),
        "publish published": lambda: policy.can_publish(user, idea()),
        "edit draft": lambda: policy.can_edit(user, idea(Status.DRAFT)),
        "edit published": lambda: policy.can_edit(user, idea()),
        "edit under review": lambda: policy.can_edit(user, idea(Status.UNDER_REVIEW)),
        "edit after first support": lambda: policy.can_edit(user, idea(supports=1)),
        "edit after first reply": lambda: policy.can_edit(user, idea(replies=1)),
        "edit declined": lambda: policy.can_edit(user, idea(Status.DECLINED)),
        "edit withdrawn": lambda: policy.can_edit(user, idea(Status.WITHDRAWN)),
        "locked draft": lambda: policy.is_locked_for_author(user, idea(Status.DRAFT)),
        "locked published": lambda: policy.is_locked_for_author(user, idea()),
        "locked after first support": lambda: policy.is_locked_for_author(user, idea(supports=1)),
        "locked after first reply": lambda: policy.is_locked_for_author(user, idea(replies=1)),
        "locked accepted with a support": lambda: policy.is_locked_for_author(user, idea(Status.ACCEPTED, supports=1)),
        "locked declined with a support": lambda: policy.is_locked_for_author(user, idea(Status.DECLINED, supports=1)),
        "withdraw with a support": lambda: policy.can_withdraw(user, idea(supports=1)),
        "withdraw with a reply": lambda: policy.can_withdraw(user, idea(replies=1)),
        "manage categories": lambda: policy.can_manage_categories(user),
        "see dashboard": lambda: policy.can_see_dashboard(user),
    }
    if action in checks:
        return checks[action]()
    for prefix, check in (("withdraw support ", policy.can_withdraw_support), ("withdraw ", policy.can_withdraw),
                          ("support ", policy.can_support), ("change status ", policy.can_change_status),
                          ("answer ", policy.can_answer)):
        if action.startswith(prefix):
            state, _, extra = action.removeprefix(prefix).partition(", ")
            target = idea(Status(state.replace(" ", "_")), authors_may_support=extra == "authors may")
            return check(user, target)
    raise KeyError(action)


def test_the_matrix_covers_every_actor():
    assert all(len(row) == len(ACTORS) for row in MATRIX.values())
    assert len(CASES) == len(ACTORS) * len(MATRIX)


@pytest.mark.parametrize("prefix", ["support ", "withdraw ", "change status "])
def test_every_status_is_in_the_matrix_for_support_withdrawal_and_status_changes(prefix):
    states = {action.removeprefix(prefix).partition(", ")[0] for action in MATRIX if action.startswith(prefix)}

    assert {status.value.replace("_", " ") for status in Status} <= states


@pytest.mark.parametrize(("role", "action", "allowed"), CASES)
def test_idea_permissions(role, action, allowed):
    assert ask(actor(role), action) is allowed


def test_nobody_signed_in_is_the_same_as_anonymous():
    anonymous = ACTORS.index("anonymous")
    expected = {action: row[anonymous] for action, row in MATRIX.items()}

    assert {action: ask(None, action) for action in MATRIX} == expected


@pytest.mark.parametrize("action", ["view draft", "create", "publish draft", "edit draft", "edit published",
                                    "withdraw new", "support new, authors may", "withdraw support new"])
def test_a_deactivated_author_may_do_nothing_of_her_own(action):
    assert ask(actor("author"), action) is True
    assert ask(person(AUTHOR_ID, active=False), action) is False


def test_an_unconfirmed_author_may_do_nothing_of_her_own():
    author = person(AUTHOR_ID, confirmed=False)

    assert policy.can_view(author, idea(Status.DRAFT)) is False
    assert policy.can_edit(author, idea()) is False
    assert policy.can_withdraw(author, idea()) is False


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.CITY_STAFF, Role.ADMIN])
def test_unconfirmed_staff_have_no_staff_powers(role):
    staff = person(7, role, confirmed=False)

    assert policy.is_city_staff(staff) is False
    assert policy.can_change_status(staff, idea()) is False
    assert policy.can_answer(staff, idea()) is False
    assert policy.can_edit(staff, idea(supports=1)) is False
    assert policy.can_manage_categories(staff) is False
    assert policy.can_see_dashboard(staff) is False


def test_a_draft_whose_author_is_gone_is_seen_by_nobody():
    orphan = idea(Status.DRAFT, author_id=None)

    assert [policy.can_view(actor(name), orphan) for name in ACTORS] == [False] * len(ACTORS)


def test_moderators_edit_but_do_not_move_or_answer():
    moderator = actor("moderator")

    assert policy.can_edit(moderator, idea(supports=5, replies=5)) is True
    assert policy.can_change_status(moderator, idea()) is False
    assert policy.can_answer(moderator, idea()) is False


def test_echo_is_a_support_or_a_reply():
    assert policy.has_echo(idea()) is False
    assert policy.has_echo(idea(supports=1)) is True
    assert policy.has_echo(idea(replies=1)) is True
    assert policy.has_echo(idea(Status.DRAFT)) is False


# --- the same answers on ideas saved through the services --------------------------------------------------

def test_saved_idea_locks_the_authors_text_at_the_first_support(db):
    author, moderator = make_user("author"), make_user("moderator", roles=(Role.MODERATOR,))
    saved = make_idea(author)
    assert (policy.can_edit(author, saved), policy.can_withdraw(author, saved)) == (True, True)

    add_supporters(saved, 1)

    assert (policy.can_edit(author, saved), policy.can_withdraw(author, saved)) == (False, False)
    assert policy.can_edit(moderator, saved) is True


def test_saved_idea_locks_the_authors_text_at_the_first_reply(db):
    author = make_user("author")
    saved = make_idea(author)

    make_reply(saved.discussion, make_user("bob"))
    db.session.expire_all()

    assert saved.reply_count == 1
    assert (policy.can_edit(author, saved), policy.can_withdraw(author, saved)) == (False, False)


def test_saved_own_idea_supported_only_where_the_category_allows(db):
    author = make_user("author")
    strict = make_idea(author, make_idea_category("strict", authors_may_support=False))
    relaxed = make_idea(author, make_idea_category("relaxed", authors_may_support=True))
    draft = make_idea(author, make_idea_category("drafts", authors_may_support=True), publish=False)

    assert policy.can_support(author, strict) is False
    assert policy.can_support(author, relaxed) is True
    assert policy.can_support(author, draft) is False
    assert policy.can_support(make_user("bob"), strict) is True


# Sanctions (app/moderation): a silenced person keeps every right to read and take things back, and loses every
# write of content; a suspended person is treated as anonymous.
SILENCED_WRITES = ("create", "publish ", "edit ", "support ")


def _sanctioned(name: str, column: str) -> User:
    user = actor(name)
    setattr(user, column, utcnow() + timedelta(days=2))
    return user


@pytest.mark.parametrize("role", ["member", "author", "moderator", "city_staff", "admin"])
@pytest.mark.parametrize("action", list(MATRIX))
def test_a_silenced_person_reads_but_writes_nothing(role, action):
    expected = False if action.startswith(SILENCED_WRITES) else MATRIX[action][ACTORS.index(role)]
    assert ask(_sanctioned(role, "silenced_until"), action) is expected


@pytest.mark.parametrize("role", ["member", "author", "moderator", "city_staff", "admin"])
@pytest.mark.parametrize("action", list(MATRIX))
def test_a_suspended_person_is_like_anonymous(role, action):
    assert ask(_sanctioned(role, "suspended_until"), action) is MATRIX[action][ACTORS.index("anonymous")]
