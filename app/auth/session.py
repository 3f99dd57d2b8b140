"""Flask-Login wiring: load the user of a session, and only while its session token is current."""
from __future__ import annotations

import hmac

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db, login_manager
from app.users.models import User

login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please log in to see this page.")
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The user named by "<id>:<token>", or None when the token was replaced (password changed, account
    suspended) or the account may not be signed in now (deactivated or suspended)."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    query = select(User).options(joinedload(User.roles)).where(User.id == int(user_id))
    user = db.session.execute(query).unique().scalar_one_or_none()
    if user is None or not hmac.compare_digest(user.session_token, token) or not user.is_active:
        return None
    return user
