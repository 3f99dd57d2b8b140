"""/notifications: newest first, paginated; open one (marks it read, goes to the exact place), mark one or all read."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.notifications import bp, inbox
from app.notifications.notices import notices_for
from app.web import requested_page
from app.urls import next_from_request


@bp.get("/notifications", endpoint="inbox")
@login_required
def inbox_page():
    """The signed-in user's notifications, newest first, with unread ones marked in words."""
    notices, page, pages = requested_page(lambda number: inbox.page_of(current_user, number))
    return render_template("notifications/inbox.html", notices=notices, page=page, pages=pages,
                           here=url_for("notifications.inbox", page=page) if page > 1
                           else url_for("notifications.inbox"))


@bp.get("/notifications/<int:notification_id>")
@login_required
def open_notification(notification_id: int):
    """Mark the notification read and go to the place it tells of; someone else's, or a hidden one, is 404."""
    notification = inbox.get_own(current_user, notification_id)
    shown = notices_for(current_user, [notification]) if notification is not None else []
    if not shown:
        abort(404)
    inbox.mark_read(current_user, notification_id)
    return redirect(shown[0].url)


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
