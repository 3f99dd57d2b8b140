"""User profiles as a reportable Subject kind ("user"): a profile gets its Subject row on its first report, and
moderation redacts the display name and the bio through the users' own service."""
from __future__ import annotations

from flask_babel import gettext

from app import subjects
from app.extensions import db
from app.users import services as user_services
from app.users.models import User


def subject_of(user: User):
    """The Subject reports on `user`'s profile point to, made (flushed) when it has none yet."""
    if user.subject is None:
        user.subject = subjects.new_subject("user")
        db.session.add(user.subject)
        db.session.flush()
    return user.subject


def content(user: User) -> dict[str, str]:
    return {"name": user.display_name, "bio": user.bio_md}


def redact(user: User, actor, fields: dict[str, str]) -> None:
    """Replace the display name and/or the bio (an empty name becomes "Participant")."""
    name = fields.get("name", user.display_name).strip() or gettext("Participant")
    user_services.update_profile(user, display_name=name, bio_md=fields.get("bio", user.bio_md), locale=user.locale)


def register() -> None:
    from app.urls import path_for

    subjects.register("user", User, title=lambda user: user.display_name,
                      url=lambda user: path_for("users.profile", username=user.username),
                      moderation=subjects.Moderation(author_id=lambda user: user.id, content=content, redact=redact))
