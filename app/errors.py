"""Translated error pages for 400, 403, 404, 405, 413, 429 and 500, and for a refused action (NotAllowed); a path
with a NUL character is a 404 before anything looks it up (PostgreSQL cannot even compare a text holding one)."""
from __future__ import annotations

from flask import Flask, abort, current_app, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.extensions import db
from app.moderation.standing import current_silence_message
from app.permissions import NotAllowed

ERROR_TEXTS = {
    400: (_l("Bad request"), _l("Your browser sent something we could not understand. "
                                 "Please go back, reload the page and try again.")),
    403: (_l("Not allowed"), _l("You do not have permission to do this. "
                                 "If you think you should, please log in or ask an administrator.")),
    404: (_l("Page not found"), _l("We could not find this page. It may have moved or been removed. "
                                    "Please check the address.")),
    405: (_l("Method not allowed"), _l("This address cannot be used this way. Please use the buttons and links of the site.")),
    413: (_l("Too large"), _l("What you sent is too large. Please send something smaller.")),
    429: (_l("Too many requests"), _l("You have tried this too often in a short time. Please wait a minute and try again.")),
    500: (_l("Something went wrong"), _l("An error happened on our side. It has been logged. Please try again later.")),
}
CSRF_TEXT = _l("The form had expired or came from another site. Please go back, reload the page and send it again.")


def render_error(code: int, message=None):
    title, text = ERROR_TEXTS[code]
    return render_template("errors/error.html", code=code, title=title, text=message or text), code


def init_app(app: Flask) -> None:
    """Render our own page for each error code we answer with."""

    def handle_http(error: HTTPException):
        code = error.code if error.code in ERROR_TEXTS else 500
        body, status = render_error(code)
        # keep the headers the error itself carries, such as the Allow header a 405 must send
        headers = [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]
        return body, status, headers

    def handle_refusal(error: NotAllowed):
        """A refused action: log in first if not signed in, else the 403 page with the refusal's own words, or
        for a silenced member why and until when (every write a silenced member tries ends here)."""
        if not current_user.is_authenticated:
            return current_app.login_manager.unauthorized()
        return render_error(403, error.message or current_silence_message())

    def handle_csrf(error: CSRFError):
        return render_error(400, CSRF_TEXT)

    def handle_unexpected(error: Exception):
        db.session.rollback()
        app.logger.exception("unhandled error", exc_info=getattr(error, "original_exception", error))
        return render_error(500)

    def refuse_nul_paths() -> None:
        if "\x00" in request.path:
            abort(404)

    app.before_request_funcs.setdefault(None, []).insert(0, refuse_nul_paths)
    for code in ERROR_TEXTS:
        if code != 500:
            app.register_error_handler(code, handle_http)
    app.register_error_handler(NotAllowed, handle_refusal)
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(InternalServerError, handle_unexpected)
