"""/notifications: entries newest first, paginated; open one (marks it read, goes to the exact place: for several
replies in a thread, the first of them), mark one or all read."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.notifications import bp, inbox
from app.urls import next_from_request
from app.web import requested_page


@bp.get("/notifications", endpoint="inbox")
@login_required
def inbox_page():
    """The signed-in user's notifications, newest first, with unread ones marked in words."""
    entries, page, pages = requested_page(lambda number: inbox.page_of(current_user, number))
    return render_template("notifications/inbox.html", entries=entries, page=page, pages=pages,
                           here=url_for("notifications.inbox", page=page) if page > 1
                           else url_for("notifications.inbox"))


@bp.get("/notifications/<int:notification_id>")
@login_required
def open_notification(notification_id: int):
    """Mark the entry read and go to the place it tells of (the first of several replies); someone else's, one
    about what was removed or what the reader may no longer see, is 404."""
    entry = inbox.entry_of(current_user, notification_id)
    if entry is None or entry.gone:
        abort(404)
    inbox.mark_read(current_user, notification_id)
    return redirect(entry.url)


@bp.post("/notifications/<int:notification_id>/read")
@login_required
def mark_read(notification_id: int):
    if inbox.get_own(current_user, notification_id) is None:
        abort(404)
    inbox.mark_read(current_user, notification_id)
    flash(_("The notification is marked as read."), "success")
    return redirect(next_from_request(url_for("notifications.inbox")))


@bp.post("/notifications/read-all")
@login_required
def mark_all_read():
    marked = inbox.mark_all_read(current_user)
    flash(_("All notifications are marked as read.") if marked else _("There were no unread notifications."),
          "success")
    return redirect(next_from_request(url_for("notifications.inbox")))
