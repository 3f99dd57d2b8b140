"""Every view's helpers: the acting user, refusing, ids and the `?page=` from a request, and preview-or-save.

Numbers from outside (a URL segment, a form field, `?page=`) are ASCII digits from 1 to MAX_ID, or they name
nothing: an unknown id or page answers 404, never a 500 from a number no database column can hold.
"""
from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any, NoReturn

from flask import Flask, abort, request
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup
from werkzeug.routing import IntegerConverter
from wtforms import Field

from app.permissions import NotAllowed
from app.text import render_markdown

MAX_ID = 2**31 - 1  # the largest value of an INTEGER column on PostgreSQL: no row has a larger id or page
PREVIEW_HEADING_LEVEL = 3  # a preview sits under an h2 of the form's page


def acting_user():
    """The signed-in user itself (not the proxy), for services that store it."""
    return current_user._get_current_object()


def viewer():
    """The signed-in user itself, or None for an anonymous visitor."""
    return acting_user() if current_user.is_authenticated else None


def refuse(message: str | None = None) -> NoReturn:
    """Refuse the request: an anonymous visitor is sent to log in, a signed-in user gets the 403 page."""
    raise NotAllowed(message)


def parse_id(raw: Any) -> int | None:
    """`raw` as an id (ASCII digits, 1 … MAX_ID), or None for anything else."""
    if not isinstance(raw, str) or not raw.isascii() or not raw.isdigit():
        return None
    number = int(raw)
    return number if 1 <= number <= MAX_ID else None


def page_asked() -> bool:
    """Whether the request names a page at all."""
    return "page" in request.args


def page_number() -> int:
    """The `?page=` of this request: 1 when it names none; 404 for anything but a number from 1 to MAX_ID."""
    raw = request.args.get("page")
    if raw is None:
        return 1
    number = parse_id(raw)
    if number is None:
        abort(404)
    return number


def requested_page(load: Callable[[int], tuple[Any, int]]) -> tuple[Any, int, int]:
    """(items, page, pages) for the page the request asks for, where `load(page)` gives (items, pages).

    Aborts with 404 for a page that is not a number from 1 to the last one.
    """
    page = page_number()
    items, pages = load(page)
    if page > pages:
        abort(404)
    return items, page, pages


def submitted_action() -> str:
    """The value of the `action` button a form was sent with ("" for a GET or a form without one)."""
    return request.form.get("action", "") if request.method == "POST" else ""


def preview_or_save(form: FlaskForm, field: Field, *, saving: Collection[str] | None = None,
                    render: Callable[[Field], Markup | None] | None = None) -> tuple[Markup | None, str | None]:
    """The step every form with a Preview button takes: (preview, action).

    When the Preview button (`action=preview`) was pressed: the preview of `field` (by `render`, by default the
    text pipeline) and no action. Otherwise the pressed action when the form was sent with valid input and the
    action is one of `saving` (any, when None): the view then saves. (None, None) for a GET or invalid input; the
    form keeps everything typed either way.
    """
    action = submitted_action()
    if action == "preview":
        shown = render(field) if render is not None else render_markdown(field.data,
                                                                           heading_level=PREVIEW_HEADING_LEVEL)
        return shown, None
    if (saving is None or action in saving) and form.validate_on_submit():
        return None, action
    return None, None


def show_refusal(form: FlaskForm, refusal: Any, *, fallback: str = "body") -> None:
    """Put a refused write's message (`app.trust.gate.Refused`: `field`, `message`) next to its form field, or
    next to `fallback` when the form has no such field; the error summary at the top then names it, and
    everything typed stays in the form."""
    field = getattr(form, refusal.field, None)
    if not isinstance(field, Field):
        field = getattr(form, fallback)
    field.errors = [*field.errors, refusal.message]


class IdConverter(IntegerConverter):
    """The `int` of every route: ASCII digits from 1 to MAX_ID, so a larger number is an unknown id (404)."""

    regex = r"[0-9]+"

    def __init__(self, map, fixed_digits: int = 0, min: int | None = 1, max: int | None = MAX_ID,
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits, min, max, signed)


def init_app(app: Flask) -> None:
    """Install the id converter before any blueprint adds a route."""
    app.url_map.converters["int"] = IdConverter
