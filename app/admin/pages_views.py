"""The content pages section of the admin area: the house rules and the other editable pages, in every language,
with their version and last change, each linked to the page editor (`app.pages`, administrators only)."""
from __future__ import annotations

from flask import render_template
from sqlalchemy import select

from app.admin import bp
from app.admin.guard import admins_only
from app.extensions import db
from app.i18n import LANGUAGES
from app.pages.models import Page
from app.pages.services import FOOTER_PAGES, WELCOME

HOUSE_RULES = "house-rules"


@bp.get("/pages")
@admins_only
def pages():
    """Every page slot, house rules first, with the stored text of each language (one query)."""
    stored = {(page.slug, page.locale): page for page in db.session.execute(select(Page)).scalars()}
    slots = sorted((*FOOTER_PAGES, WELCOME), key=lambda slot: slot.slug != HOUSE_RULES)
    return render_template("admin/pages.html", slots=slots, page_languages=list(LANGUAGES.values()), stored=stored)
