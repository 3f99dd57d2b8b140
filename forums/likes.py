"""Likes on forum posts (Discourse's heart): one per member and post, counted in `Post.like_count`."""
from __future__ import annotations

from app.users.models import User
from forums.models import Post
from forums.services import NotAllowed
from forums import policy as forum_policy
from voting import policy
from voting import services as voting
from voting.services import Tally


def like_post(user: User, post: Post) -> Tally:
    """Like `post` once: writes a vote row and adds one to `post.like_count` (a repeat changes nothing).

    Raises NotAllowed for anonymous or unconfirmed users, one's own post, a deleted or hidden post or a locked
    thread.
    Commits; sends voting.signals.vote_cast (sender: the post) when a like was written.
    """
    if forum_policy.is_hidden(post):  # hidden by moderation: nobody likes it while it is
        raise NotAllowed
    try:
        return voting.cast(user, post, Post.like_count)
    except voting.NotAllowed as refused:
        raise NotAllowed from refused


def unlike_post(user: User, post: Post) -> Tally:
    """Take a like back: deletes the vote row and takes one from `post.like_count` (nothing if there was none).

    Raises NotAllowed for anonymous or unconfirmed users, a deleted post or a locked thread.
    Commits; sends voting.signals.vote_withdrawn (sender: the post) when a like was removed.
    """
    try:
        return voting.withdraw(user, post, Post.like_count)
    except voting.NotAllowed as refused:
        raise NotAllowed from refused


def like_action(viewer, post: Post, *, liked: bool) -> str | None:
    """The button `viewer` gets on `post`: "unlike" for a like they may take back, "like" where they may like,
    None where they may do neither (anonymous visitors, one's own post, a locked thread, a hidden post)."""
    if forum_policy.is_hidden(post):
        return None
    if liked:
        return "unlike" if policy.can_withdraw_vote(viewer, post) else None
    return "like" if policy.can_vote(viewer, post) else None
