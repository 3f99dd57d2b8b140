"""Staff pages: lock and pin threads (moderators, administrators; everyone else gets 403, anonymous visitors are
sent to log in); manage categories under /admin/categories/forums (administrators; everyone else gets 404, like an
unknown address, and nothing changes).
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from app.admin.guard import admins_only
from app.categories.views import move_as_asked
from app.extensions import db
from app.i18n import current_language
from app.urls import next_from_request
from app.web import acting_user
from forums import bp, categories, services
from forums.forms import ForumCategoryForm
from forums.models import ForumCategory, Thread
from forums.views import thread_url

FLAGS = {"1": True, "0": False}


def _flag() -> bool:
    value = request.form.get("value")
    if value not in FLAGS:
        abort(400)
    return FLAGS[value]


@bp.post("/t/<int:thread_id>/lock")
@login_required
def lock(thread_id: int):
    """Lock (value=1) or unlock (value=0) a thread, then go back to it."""
    thread = db.get_or_404(Thread, thread_id)
    locked = _flag()
    services.set_locked(acting_user(), thread, locked)
    flash(_("The thread is locked.") if locked else _("The thread is open for replies again."), "success")
    return redirect(next_from_request(thread_url(thread, page=1)))


@bp.post("/t/<int:thread_id>/pin")
@login_required
def pin(thread_id: int):
    """Pin (value=1) a thread to the top of its category or unpin it (value=0), then go back to it."""
    thread = db.get_or_404(Thread, thread_id)
    pinned = _flag()
    services.set_pinned(acting_user(), thread, pinned)
    flash(_("The thread is pinned to the top of its category.") if pinned else _("The thread is no longer pinned."),
          "success")
    return redirect(next_from_request(thread_url(thread, page=1)))


# --- categories ------------------------------------------------------------------------------------------

admin_required = admins_only  # 404 for everyone else, like an unknown address


@bp.get("/admin/categories/forums")
@admin_required
def admin_categories():
    return render_template("forums/admin/categories.html", categories=categories.all_categories())


@bp.route("/admin/categories/forums/new", methods=["GET", "POST"])
@admin_required
def new_category():
    return _category_form(None)


@bp.route("/admin/categories/forums/<int:category_id>/edit", methods=["GET", "POST"])
@admin_required
def edit_category(category_id: int):
    return _category_form(db.get_or_404(ForumCategory, category_id))


def _category_form(category: ForumCategory | None):
    form = ForumCategoryForm.for_category(category)
    if form.validate_on_submit():
        try:
            saved = categories.save_category(acting_user(), form.to_input(), category)
        except categories.SlugTaken:
            form.slug.errors.append(_("Another category uses this address. Please choose another."))
        else:
            flash(_("The category “%(name)s” has been saved.", name=saved.name(current_language().code)), "success")
            return redirect(url_for("forums.admin_categories"))
    return render_template("forums/admin/category_form.html", form=form, category=category)


@bp.post("/admin/categories/forums/<int:category_id>/move")
@admin_required
def move_category(category_id: int):
    """Move a category one place up (direction=up) or down (direction=down) in the order."""
    category = db.get_or_404(ForumCategory, category_id)
    move_as_asked(category, categories.move_category)
    return redirect(url_for("forums.admin_categories", _anchor=f"category-{category.id}"))
