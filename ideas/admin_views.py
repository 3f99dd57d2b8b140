"""Administrators manage idea categories: names, order, support threshold and answer period.

The pages live under /admin/categories/ideas; everyone who is not an administrator gets 404, like an unknown
address, and nothing changes; an unknown category is 404 too.
"""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from app.admin.guard import admins_only
from app.categories.views import move_as_asked
from app.extensions import db
from app.i18n import current_language
from app.web import acting_user
from ideas import bp, categories
from ideas.admin_forms import IdeaCategoryForm
from ideas.models import IdeaCategory


admin_required = admins_only  # 404 for everyone else


@bp.get("/admin/categories/ideas")
@admin_required
def admin_categories():
    """The idea categories in their order, with threshold and answer period."""
    return render_template("ideas/admin/categories.html", categories=categories.all_categories())


@bp.route("/admin/categories/ideas/new", methods=["GET", "POST"])
@admin_required
def admin_new_category():
    return _category_form(None)


@bp.route("/admin/categories/ideas/<int:category_id>/edit", methods=["GET", "POST"])
@admin_required
def admin_edit_category(category_id: int):
    """Edit one category; 404 for an unknown id."""
    return _category_form(db.get_or_404(IdeaCategory, category_id))


def _category_form(category: IdeaCategory | None):
    form = IdeaCategoryForm.for_category(category)
    if form.validate_on_submit():
        try:
            saved = categories.save_category(acting_user(), form.to_input(), category)
        except categories.SlugTaken:
            form.slug.errors.append(_("Another category uses this address. Please choose another."))
        else:
            flash(_("The category “%(name)s” has been saved.", name=saved.name(current_language().code)), "success")
            return redirect(url_for("ideas.admin_categories", _anchor=f"category-{saved.id}"))
    return render_template("ideas/admin/category_form.html", form=form, category=category)


@bp.post("/admin/categories/ideas/<int:category_id>/move")
@admin_required
def admin_move_category(category_id: int):
    """Move a category one place up (direction=up) or down (direction=down) in the order; 400 for another
    direction, 404 for an unknown id."""
    category = db.get_or_404(IdeaCategory, category_id)
    move_as_asked(category, categories.move_category)
    return redirect(url_for("ideas.admin_categories", _anchor=f"category-{category.id}"))
