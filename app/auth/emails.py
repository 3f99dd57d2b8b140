"""The account e-mails (confirm an address, reset a password), sent as background jobs (app.jobs)."""
from __future__ import annotations

from typing import Any

from app.extensions import db
from app.mail import send_templated
from app.users.models import User


def send_account_email(user_id: int, address: str, template: str, context: dict[str, Any]) -> None:
    """The job: render `template` for `user_id` in the user's language and send it to `address`.

    The link in `context` was signed in the request; nothing is sent if the account is gone meanwhile.
    Raises MailError when the server fails (the job runner logs it; an RQ worker keeps the failed job).
    """
    user = db.session.get(User, user_id)
    if user is not None:
        send_templated(address, template, user.locale, user=user, **context)
