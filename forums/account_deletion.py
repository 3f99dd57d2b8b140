"""What deleting an account does in the forums (app.users.deletion): the person's likes go, and each post's like
counter moves down with them. Their posts stay, by "Deleted participant"."""
from __future__ import annotations

from app.users import deletion
from forums.models import Post
from voting import services as voting


def _likes(user) -> None:
    voting.remove_votes(user.id, Post.like_count)


def register() -> None:
    """Take the likes of a deleted account back."""
    deletion.register_step("forums.likes", _likes)
