"""Authentication services: register, confirm e-mail, log in, reset and change passwords."""
from __future__ import annotations

from flask import current_app, url_for

from app import jobs
from app.auth import tokens
from app.auth.emails import send_account_email
from app.auth.passwords import hash_password, needs_rehash, verify_password
from app.extensions import db
from app.models import utcnow
from app.unit_of_work import use_case
from app.users.models import User
from app.users.services import create_user, find_by_email, find_by_login, set_password

# A hash to verify against when the login is unknown, so both cases take as long.
_DUMMY_HASH: dict[str, str] = {}


@use_case
def register(*, email: str, username: str, display_name: str, password: str, locale: str) -> User:
    """Create an unconfirmed member account and e-mail it a confirmation link (a background job).

    Raises AccountExists.
    """
    user = create_user(email=email, username=username, display_name=display_name,
                       password=password, locale=locale)
    send_confirmation(user)
    return user


def send_confirmation(user: User) -> None:
    """E-mail a signed link that confirms the user's address (or pending new address), as a background job."""
    address = user.pending_email or user.email
    token = tokens.make_token(tokens.CONFIRM_SALT, {"uid": user.id, "email": address})
    link = url_for("auth.confirm", token=token, _external=True)
    hours = current_app.config["EMAIL_CONFIRM_MAX_AGE"] // 3600
    jobs.enqueue(send_account_email, user.id, address, "auth/email/confirm", {"link": link, "hours": hours})


@use_case
def confirm_email(token: str) -> User | None:
    """Confirm the address a valid token names; a pending new address replaces the old one.

    Returns the user, or None for a bad, expired or outdated token. Commits.
    """
    payload = tokens.read_token(tokens.CONFIRM_SALT, token, current_app.config["EMAIL_CONFIRM_MAX_AGE"])
    user = db.session.get(User, payload.get("uid")) if payload else None
    if user is None:
        return None
    address = payload.get("email")
    if address and address == user.pending_email:
        if find_by_email(address) is not None:
            return None
        user.email, user.pending_email, user.email_confirmed_at = address, None, utcnow()
    elif address == user.email:
        user.email_confirmed_at = user.email_confirmed_at or utcnow()
    else:
        return None
    return user


@use_case
def authenticate(login: str, password: str) -> User | None:
    """The user whose login and password match, or None; upgrades an outdated hash."""
    user = find_by_login(login.strip())
    if user is None:
        verify_password(_dummy_hash(), password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def request_password_reset(email: str) -> None:
    """E-mail a single-use reset link valid for PASSWORD_RESET_MAX_AGE, if the address has an account.

    Does the same visible thing for unknown addresses, so nobody learns who has an account; the e-mail is a
    background job, so neither does the time the answer takes.
    """
    user = find_by_email(email)
    if user is None or not user.is_active:
        return
    token = tokens.make_token(
        tokens.RESET_SALT, {"uid": user.id, "pw": tokens.password_fingerprint(user.password_hash)}
    )
    link = url_for("auth.reset_password", token=token, _external=True)
    minutes = current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
    jobs.enqueue(send_account_email, user.id, user.email, "auth/email/reset", {"link": link, "minutes": minutes})


def user_for_reset_token(token: str) -> User | None:
    """The user a reset token was made for, if it is valid, unexpired and not yet used."""
    payload = tokens.read_token(tokens.RESET_SALT, token, current_app.config["PASSWORD_RESET_MAX_AGE"])
    user = db.session.get(User, payload.get("uid")) if payload else None
    if user is None or payload.get("pw") != tokens.password_fingerprint(user.password_hash):
        return None
    return user


@use_case
def reset_password(token: str, new_password: str) -> User | None:
    """Set a new password from a reset link; the link then stops working and other sessions end.

    Following the link proves the address, so it also counts as confirmation. Returns None for a bad token.
    """
    user = user_for_reset_token(token)
    if user is None:
        return None
    user.email_confirmed_at = user.email_confirmed_at or utcnow()
    set_password(user, new_password)
    return user


@use_case
def change_password(user: User, current_password: str, new_password: str) -> bool:
    """Replace the password if `current_password` is right; ends the user's other sessions."""
    if not verify_password(user.password_hash, current_password):
        return False
    set_password(user, new_password)
    return True


def _dummy_hash() -> str:
    key = repr(current_app.config["PASSWORD_HASH_PARAMS"])
    if key not in _DUMMY_HASH:
        _DUMMY_HASH[key] = hash_password("not-a-real-password")
    return _DUMMY_HASH[key]


@use_case
def request_email_change(user: User, new_email: str) -> None:
    """Keep `new_email` as pending and send it a confirmation link once that is committed; the old address stays
    until the link is followed."""
    new_email = new_email.strip().lower()
    user.pending_email = None if new_email == user.email else new_email
    if user.pending_email:
        send_confirmation(user)
