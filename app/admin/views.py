"""The admin area's overview: every section with what it is for."""
from __future__ import annotations

from flask import render_template

from app.admin import bp
from app.admin.guard import admins_only


@bp.get("/")
@admins_only
def index():
    return render_template("admin/index.html")
