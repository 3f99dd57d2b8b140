"""Flask-Login wiring: load the user of a session, and only while its session token is current and its session
(app.users.sessions) exists; note when the session was last seen."""
from __future__ import annotations

import hmac

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db, login_manager
from app.models import utcnow
from app.users import sessions
from app.users.models import User, UserSession

login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please log in to see this page.")
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The user named by "<id>:<token>:<session key>" (one statement), or None when the token was replaced
    (password changed, account suspended), the session was ended, or the account may not be signed in now
    (deactivated or suspended)."""
    user_id, token, key = (session_id.split(":") + ["", ""])[:3]
    if not user_id.isdigit() or not token or not key:
        return None
    query = (select(User, UserSession.id, UserSession.last_seen_at).options(joinedload(User.roles))
             .join(UserSession, (UserSession.user_id == User.id) & (UserSession.key == key))
             .where(User.id == int(user_id)))
    found = db.session.execute(query).unique().one_or_none()
    if found is None:
        return None
    user, session, last_seen = found
    if not hmac.compare_digest(user.session_token, token) or not user.is_active:
        return None
    user.session_key = key
    if utcnow() - last_seen > sessions.SEEN_EVERY:
        sessions.seen(session)
    return user
