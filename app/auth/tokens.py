"""Signed, expiring tokens for e-mail confirmation and password reset."""
from __future__ import annotations

import hashlib
from typing import Any

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

CONFIRM_SALT = "werkstadt-confirm-email"
RESET_SALT = "werkstadt-reset-password"


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def password_fingerprint(password_hash: str) -> str:
    """A short digest of the current hash: a reset token dies once the password changes."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def make_token(salt: str, payload: dict[str, Any]) -> str:
    return _serializer(salt).dumps(payload)


def read_token(salt: str, token: str, max_age: int) -> dict[str, Any] | None:
    """The payload of a valid, unexpired token, or None."""
    try:
        payload = _serializer(salt).loads(token, max_age=max_age)
    except BadSignature:  # SignatureExpired is a BadSignature too
        return None
    return payload if isinstance(payload, dict) else None
