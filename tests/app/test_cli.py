"""The command line: `flask users create` for scripted accounts (`flask demo load`: tests/demo)."""
from __future__ import annotations

import pytest
from helpers import count_rows, run_command, user_summary
from sqlalchemy import func, select

from app.extensions import db
from app.users.models import Role, User, UserRole
from factories import make_user

STAFF = ["--email", "Staff@Example.ORG", "--username", "sven", "--password", "a long city password"]


def test_users_create_makes_a_confirmed_account_with_those_roles(app, client):
    result = run_command(app, "users", "create", *STAFF, "--role", "city_staff", "--role", "moderator")
    assert result.exit_code == 0, result.output
    assert "Password" not in result.output  # it did not ask: everything was on the command line
    assert user_summary(app, "sven") == (
        "staff@example.org", True, True, {Role.MEMBER, Role.CITY_STAFF, Role.MODERATOR})
    assert count_rows(app, User.id) == 1
    login = client.post("/login", data={"login": "sven", "password": "a long city password"})
    assert login.status_code == 302  # confirmed and with that password: logs straight in


@pytest.mark.parametrize(("roles", "expected"), [
    ((), {Role.MEMBER}),
    (("admin",), {Role.MEMBER, Role.ADMIN}),
    (("member", "member"), {Role.MEMBER}),
    (("admin", "moderator", "city_staff"), {Role.MEMBER, Role.ADMIN, Role.MODERATOR, Role.CITY_STAFF}),
])
def test_users_create_grants_exactly_the_roles_asked_for_plus_member(app, roles, expected):
    role_args = [arg for role in roles for arg in ("--role", role)]
    result = run_command(app, "users", "create", *STAFF, *role_args)
    assert result.exit_code == 0, result.output
    assert user_summary(app, "sven")[3] == expected
    assert count_rows(app, UserRole.role) == len(expected)


def test_users_create_asks_for_the_password_only_when_it_is_missing(app):
    without = ["--email", "staff@example.org", "--username", "sven"]
    assert run_command(app, "users", "create", *without).exit_code != 0  # no stdin: the prompt aborts
    assert count_rows(app, User.id) == 0
    result = run_command(app, "users", "create", *without, input="typed secret phrase\ntyped secret phrase\n")
    assert result.exit_code == 0, result.output
    assert "Password" in result.output
    assert user_summary(app, "sven") is not None


@pytest.mark.parametrize(("email", "username"), [
    ("alice@example.org", "someone"),   # e-mail taken
    ("ALICE@example.org", "someone"),   # e-mail taken, other case
    ("new@example.org", "alice"),       # username taken
    ("new@example.org", "Alice"),       # username taken, other case
])
def test_users_create_rejects_an_existing_account(app, email, username):
    with app.app_context():
        make_user("alice")
    result = run_command(app, "users", "create", "--email", email, "--username", username, "--password", "long enough pw")
    assert result.exit_code != 0
    assert "exists already" in result.output
    assert count_rows(app, User.id) == 1


@pytest.mark.parametrize(("username", "says"), [
    ("ab", "between 3 and 30 characters"), ("x" * 31, "between 3 and 30 characters"),
    ("with space", "only letters, digits and underscores"), ("dash-ed", "only letters, digits and underscores"),
    ("dot.ted", "only letters, digits and underscores"), ("@at", "only letters, digits and underscores"),
    ("12345", "at least one letter"), ("Admin", "used by the site itself"), ("ideas", "used by the site itself"),
    ("pаypal", "one alphabet"),  # a Cyrillic а among Latin letters
])
def test_users_create_rejects_a_bad_username_and_says_why(app, username, says):
    result = run_command(app, "users", "create", "--email", "new@example.org", "--username", username,
                         "--password", "long enough pw")
    assert result.exit_code != 0
    assert says in result.output
    assert count_rows(app, User.id) == 0


def test_users_create_takes_a_username_in_any_one_alphabet(app):
    result = run_command(app, "users", "create", "--email", "new@example.org", "--username", "Böse_Straße",
                         "--password", "long enough pw")
    assert result.exit_code == 0, result.output
    assert user_summary(app, "böse_straße") is not None


@pytest.mark.parametrize("args", [
    ["--password", "short"],                                    # below the minimum length
    ["--password", "Qwertyuiop123"],                            # one of the most common passwords
    ["--password", "I am Newbie, hello"],                       # holds the username
    ["--password", "a pass\x00word that is long"],              # a control character
    ["--password", "long enough pw", "--role", "superuser"],   # no such role
    ["--password", "long enough pw", "--locale", "fr"],        # no such language
])
def test_users_create_rejects_other_bad_input(app, args):
    result = run_command(app, "users", "create", "--email", "new@example.org", "--username", "newbie", *args)
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert count_rows(app, User.id) == 0


def test_users_create_refuses_an_invalid_email(app, db):
    from sqlalchemy import func, select

    from app.users.models import User

    result = app.test_cli_runner().invoke(args=["users", "create", "--email", "not-an-address", "--username",
                                                "nobody", "--password", "long enough password"])
    assert result.exit_code != 0
    assert "not a valid e-mail address" in result.output
    assert db.session.execute(select(func.count(User.id))).scalar_one() == 0


def test_users_create_says_why_a_password_is_refused(app):
    result = run_command(app, "users", "create", "--email", "new@example.org", "--username", "newbie",
                         "--password", "Qwertyuiop123")

    assert result.exit_code != 0
    assert "This is one of the most common passwords, which attackers try first." in result.output
    assert count_rows(app, User.id) == 0
