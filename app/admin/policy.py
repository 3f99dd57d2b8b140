"""Who may use the admin area: active, confirmed administrators; nobody else learns that it exists."""
from __future__ import annotations

from app.permissions import signed_in_member
from app.users.models import Role


def is_admin(user) -> bool:
    """An active, confirmed member holding the administrator role."""
    return signed_in_member(user) and user.has_role(Role.ADMIN)
