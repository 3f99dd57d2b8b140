"""Password hashing with argon2id (argon2-cffi), tuned by PASSWORD_HASH_PARAMS."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app


def _hasher() -> PasswordHasher:
    return PasswordHasher(**current_app.config["PASSWORD_HASH_PARAMS"])


def hash_password(password: str) -> str:
    """An argon2id hash of `password` (about 100 characters)."""
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True if `password` matches `password_hash`; never raises for a wrong or broken hash."""
    try:
        return _hasher().verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than the current ones."""
    try:
        return _hasher().check_needs_rehash(password_hash)
    except InvalidHashError:
        return True
