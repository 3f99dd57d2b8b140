"""What a data export holds of the account itself (app.exports.parts): the profile and the signed-in browsers."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.exports import parts
from app.users.models import User, UserRole, UserSession


def register() -> None:
    """Add the profile and the sessions to every export."""
    parts.register(parts.table(
        "profile", _l("Your account: username, display name, e-mail address, profile text, language, when you "
                      "registered and confirmed your address, your trust level."),
        User, "id", ("username", "display_name", "email", "pending_email", "bio_md", "locale", "created_at",
                     "email_confirmed_at", "trust_level")))
    parts.register(parts.table(
        "roles", _l("Your roles on the platform: member, and city staff, moderator or administrator if you are."),
        UserRole, "user_id", ("role",), order="role"))
    parts.register(parts.table(
        "sessions", _l("The browsers where you are logged in: the name each gives itself, the network it logged "
                       "in from (the first part of the address only), when it logged in and was last seen."),
        UserSession, "user_id", ("user_agent", "network", "created_at", "last_seen_at")))
