"""Who may vote and take a vote back: role × open/closed target × self votes allowed, for can_vote and
can_withdraw_vote (pure functions, so simple stand-ins for users and targets).

Named test_voting_policy.py because tests/forums/test_policy.py already owns the module name "test_policy".
"""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from flask_login import AnonymousUserMixin

from voting.policy import can_vote, can_withdraw_vote, is_own

AUTHOR_ID = 7


def person(role: str):
    """A stand-in for the user of each role; "author" wrote the target."""
    if role == "anonymous":
        return AnonymousUserMixin()
    if role == "nobody":
        return None
    return SimpleNamespace(is_authenticated=True, is_active=role != "suspended", is_silenced=role == "silenced",
                           is_confirmed=role != "unconfirmed", id=AUTHOR_ID if role == "author" else 8)


def target(*, open_: bool, self_votes: bool, author_id: int | None = AUTHOR_ID):
    return SimpleNamespace(author_id=author_id, votes_open=open_, self_votes_allowed=self_votes)


# role, votes open, self votes allowed -> (can_vote, can_withdraw_vote)
MATRIX = [
    ("nobody", True, True, False, False),
    ("nobody", False, False, False, False),
    ("anonymous", True, True, False, False),
    ("anonymous", True, False, False, False),
    ("anonymous", False, True, False, False),
    ("anonymous", False, False, False, False),
    ("unconfirmed", True, True, False, False),
    ("unconfirmed", True, False, False, False),
    ("unconfirmed", False, True, False, False),
    ("unconfirmed", False, False, False, False),
    ("suspended", True, True, False, False),
    ("suspended", True, False, False, False),
    ("suspended", False, True, False, False),
    ("suspended", False, False, False, False),
    ("silenced", True, True, False, True),  # reads and takes a vote back, casts none (app/moderation)
    ("silenced", True, False, False, True),
    ("silenced", False, True, False, False),
    ("silenced", False, False, False, False),
    ("member", True, True, True, True),
    ("member", True, False, True, True),
    ("member", False, True, False, False),
    ("member", False, False, False, False),
    ("author", True, True, True, True),
    ("author", True, False, False, True),  # may not vote on their own work, but may take a vote back
    ("author", False, True, False, False),
    ("author", False, False, False, False),
]


@pytest.mark.parametrize(("role", "open_", "self_votes", "may_vote", "may_withdraw"), MATRIX,
                         ids=[f"{r}-{'open' if o else 'closed'}-{'self' if s else 'noself'}" for r, o, s, *_ in MATRIX])
def test_the_voting_matrix(role, open_, self_votes, may_vote, may_withdraw):
    user, thing = person(role), target(open_=open_, self_votes=self_votes)

    assert can_vote(user, thing) is may_vote
    assert can_withdraw_vote(user, thing) is may_withdraw


def test_the_matrix_covers_every_role_and_state():
    """Every role meets every combination of open/closed and self votes allowed/forbidden."""
    cases = {(role, open_, self_votes) for role, open_, self_votes, *_ in MATRIX}
    for role in ("anonymous", "unconfirmed", "suspended", "silenced", "member", "author"):
        for open_ in (True, False):
            for self_votes in (True, False):
                assert (role, open_, self_votes) in cases


def test_a_target_without_an_author_takes_votes_from_every_member():
    """Content of a deleted account (author_id None) is nobody's own: members vote while it is open."""
    orphan = target(open_=True, self_votes=False, author_id=None)

    assert can_vote(person("member"), orphan) is True
    assert can_vote(person("author"), orphan) is True
    assert is_own(person("author"), orphan) is False


def test_is_own_needs_a_signed_in_author():
    thing = target(open_=True, self_votes=False)

    assert is_own(person("author"), thing) is True
    assert is_own(person("member"), thing) is False
    assert is_own(person("anonymous"), thing) is False
    assert is_own(None, thing) is False
