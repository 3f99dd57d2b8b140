"""What the category admin views of every feature share: moving a category by its order buttons."""
from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, request
from flask_babel import gettext as _

from app.categories.services import STEPS
from app.web import acting_user


def move_as_asked(category, move: Callable[..., None]) -> None:
    """Move `category` one place in the direction the pressed button names (`direction=up|down`; anything else
    is a 400) with the feature's bound `move(actor, category, step)`, and say so."""
    step = STEPS.get(request.form.get("direction", ""))
    if step is None:
        abort(400)
    move(acting_user(), category, step)
    flash(_("The order of the categories has been saved."), "success")
