"""The audit log page `/moderation/log` for moderators and administrators: every staff action and refused
attempt, newest first, filtered by actor, action family, refusals and dates, paginated."""
from __future__ import annotations

from flask import render_template, request

from app.moderation import bp
from app.moderation.guard import moderators_only
from app.moderation.log_forms import LogFilterForm
from app.moderation.log_reading import compact, log_page
from app.web import requested_page


@bp.get("/moderation/log")
@moderators_only
def log():
    form = LogFilterForm(formdata=request.args)
    form.validate()  # a field with an error filters nothing and shows its error
    filters = form.filters()
    rows, page, pages = requested_page(lambda number: log_page(filters, number))
    return render_template("moderation/log.html", form=form, rows=rows, page=page, pages=pages,
                           filters=filters, compact=compact)
