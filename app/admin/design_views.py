"""/admin/design: the living style page of the design system (docs/design.md), for developers and administrators.

It renders the real components with the real style sheet, so what it shows cannot drift from the site: colour
tokens in the current theme, the type scale, spacing, buttons, badges, cards, icons, empty states and form states.
Administrators only; everyone else gets 404 like any admin page.
"""
from __future__ import annotations

from flask import render_template

from app.admin import bp
from app.admin.guard import admins_only

# The colour tokens of app/static/css/site.css, each with what it is for (shown as swatches on the page).
COLOUR_TOKENS = ("text", "muted", "bg", "surface", "surface-sunken", "border", "border-subtle", "brand", "brand-dark",
                 "on-brand", "accent-bg", "header-bg", "error", "error-bg", "success", "success-bg", "warning",
                 "warning-bg", "highlight-bg", "focus")
SPACES = (1, 2, 3, 4, 5, 6)


@bp.get("/design")
@admins_only
def design():
    return render_template("admin/design.html", colour_tokens=COLOUR_TOKENS, spaces=SPACES)
