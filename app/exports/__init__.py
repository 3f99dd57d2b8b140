"""Download my data (GDPR Art. 15 and 20): the parts of a person's data each feature registers
(app.exports.parts), written as JSON and CSV with a README into one ZIP archive (app.exports.archive), built in
the background and handed to its owner from /settings/data (app.exports.services, app.exports.views)."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("exports", __name__, template_folder="templates")


def register(app: Flask) -> None:
    """Mount /settings/data, add `flask exports`, register the "data_export" Subject kind (its owner alone may see
    it) and the notification that an archive is ready."""
    from flask_babel import format_date
    from flask_babel import gettext as _
    from flask_babel import lazy_gettext as _l

    from app import subjects
    from app.exports import views  # noqa: F401 - the routes
    from app.exports.cli import exports_cli
    from app.exports.models import DataExport
    from app.exports.services import KIND
    from app.notifications import kinds
    from app.urls import path_for

    app.register_blueprint(bp)
    app.cli.add_command(exports_cli)
    subjects.register(KIND, DataExport, title=lambda export: _("Your data"),
                      url=lambda export: path_for("exports.settings_data"),
                      visible=lambda user, export: getattr(user, "id", None) == export.user_id)
    kinds.register(kinds.NoticeKind(
        KIND, _l("Your data is ready to download"), default="immediately",
        sentence=lambda notice: _("Your data is ready to download until %(date)s.",
                                  date=format_date(notice.about.expires_at, "long"))))
