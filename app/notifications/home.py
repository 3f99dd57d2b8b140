"""What the home page shows of a signed-in person's notifications: "what changed in what you follow", grouped as
the inbox groups them ("5 new replies in …")."""
from __future__ import annotations

from app.notifications.entries import Entry
from app.notifications.inbox import latest_unread as unread_entries

SHOWN = 5  # unread entries on a member's home page


def latest_unread(user, limit: int = SHOWN) -> list[Entry]:
    """Up to `limit` of `user`'s unread inbox entries that still lead somewhere, newest first (each with `sentence`
    and `notification`, as the inbox shows them); none for a visitor. Constant queries (app.notifications.inbox)."""
    return unread_entries(user, limit)
