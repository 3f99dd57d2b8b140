"""Account services: create users, change profile, language, e-mail and password, grant roles."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select

from app.auth.passwords import hash_password
from app.extensions import db
from app.i18n import DEFAULT_LOCALE, is_supported
from app.models import utcnow
from app.unit_of_work import use_case
from app.users import sessions, usernames
from app.users.models import Role, User, UserRole, new_session_token


class AccountExists(ValueError):
    """Raised when a username or e-mail address is already taken."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def normalise_username(username: str, language: str | None = None) -> str:
    """A username as stored (app.users.usernames.normalise), lower-cased by the rules of `language`."""
    return usernames.normalise(username, language)


def find_by_email(email: str) -> User | None:
    return db.session.execute(select(User).where(User.email == normalise_email(email))).scalar_one_or_none()


def find_by_username(username: str) -> User | None:
    return db.session.execute(
        select(User).where(User.username_key == usernames.key(username))
    ).scalar_one_or_none()


def find_by_login(login: str) -> User | None:
    """The user whose e-mail address or username is `login`."""
    return find_by_email(login) if "@" in login else find_by_username(login)


def email_taken(email: str, *, except_user: User | None = None) -> bool:
    """True if another account uses `email`, as its address or as a pending change."""
    email = normalise_email(email)
    query = select(func.count(User.id)).where((User.email == email) | (User.pending_email == email))
    if except_user is not None:
        query = query.where(User.id != except_user.id)
    return db.session.execute(query).scalar_one() > 0


@use_case
def create_user(*, email: str, username: str, password: str = "", display_name: str | None = None,
                roles: Iterable[Role] = (), locale: str = DEFAULT_LOCALE, confirmed: bool = False,
                established: bool = False, password_hash: str | None = None) -> User:
    """Add a user with the member role plus `roles` and commit. A new account starts in the new-member sandbox
    (trust level 0, app/trust) unless `established` (accounts an operator makes: staff, admins, demo members).
    `password_hash` stands for `password` where an operator made the hash once for many accounts (the demo).

    Raises AccountExists when the username or e-mail address is taken.
    """
    email, username = normalise_email(email), normalise_username(username, locale)
    if find_by_username(username) is not None or email_taken(email):
        raise AccountExists(username)
    user = User(
        email=email,
        username=username,
        username_key=usernames.key(username),
        display_name=(display_name or username).strip(),
        password_hash=password_hash or hash_password(password),
        locale=locale if is_supported(locale) else DEFAULT_LOCALE,
        email_confirmed_at=utcnow() if confirmed else None,
        session_token=new_session_token(),
        trust_level=1 if established else 0,
    )
    user.roles = [UserRole(role=role.value) for role in sorted({Role.MEMBER, *roles})]
    db.session.add(user)
    return user


@use_case
def update_profile(user: User, *, display_name: str, bio_md: str, locale: str) -> None:
    """Change the display name, Markdown bio and preferred language, and commit."""
    user.display_name = display_name.strip()
    user.bio_md = bio_md.strip()
    if is_supported(locale):
        user.locale = locale


@use_case
def set_locale(user: User, locale: str) -> None:
    """Remember `locale` as the user's preferred language (unsupported codes are ignored)."""
    if is_supported(locale) and user.locale != locale:
        user.locale = locale


@use_case
def set_password(user: User, password: str) -> None:
    """Store a new password hash and a new session token, and end every session of the user but the current one
    (user.session_key, when the user is signed in in this request): other browsers are signed out; commits."""
    user.password_hash = hash_password(password)
    user.session_token = new_session_token()
    sessions.end_all(user, keep=user.session_key)


@use_case
def set_roles(user: User, roles: Iterable[Role], *, actor: User | None = None) -> None:
    """Replace the user's roles with `roles` (member is always kept) and commit. Every grant and revocation goes
    into the audit log ("role.granted", "role.revoked"; `actor` None: a command-line operator)."""
    wanted = {Role.MEMBER, *roles}
    for role in sorted(wanted - user.role_names):
        give_role(user, role, actor=actor)
    for role in sorted(user.role_names - wanted):
        take_role(user, role, actor=actor)


def give_role(user: User, role: Role, *, actor: User | None) -> bool:
    """Step: add `role` to `user` and log "role.granted" with the roles before and after; False (and nothing
    written) when they hold it already. Flushes."""
    if role in user.role_names:
        return False
    before = sorted(user.role_names)
    user.roles.append(UserRole(role=role.value))
    _log_roles(actor, "role.granted", user, before, role)
    return True


def take_role(user: User, role: Role, *, actor: User | None) -> bool:
    """Step: remove `role` from `user` and log "role.revoked" with the roles before and after; False (and
    nothing written) when they do not hold it. Flushes."""
    if role not in user.role_names:
        return False
    before = sorted(user.role_names)
    user.roles = [held for held in user.roles if held.role != role.value]
    _log_roles(actor, "role.revoked", user, before, role)
    return True


def _log_roles(actor: User | None, action: str, user: User, before: list[Role], role: Role) -> None:
    from app.moderation import audit

    db.session.flush()
    audit.record(actor, action, obj=user, before={"roles": [str(r) for r in before]},
                 after={"roles": sorted(str(r) for r in user.role_names), "role": role.value})
