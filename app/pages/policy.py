"""Who may edit content pages."""
from __future__ import annotations

from app.users.models import Role


def can_edit_pages(user) -> bool:
    """Administrators edit the welcome text, imprint, privacy notice and accessibility statement."""
    return bool(user and user.is_authenticated and user.has_role(Role.ADMIN))
