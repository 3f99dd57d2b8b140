"""`flask users create`: make confirmed accounts (staff, admins) from scripts, without prompts."""
from __future__ import annotations

import click
from email_validator import EmailNotValidError, validate_email
from flask.cli import AppGroup
from flask_babel import force_locale

from app.auth.password_policy import refusal
from app.users import usernames
from app.users.models import Role
from app.users.services import AccountExists, create_user

users_cli = AppGroup("users", help="Manage user accounts.")


@users_cli.command("create")
@click.option("--email", required=True, help="E-mail address (stored lower-case).")
@click.option("--username", required=True, help="Username: a-z, 0-9 and _, 3 to 30 characters.")
@click.option("--password", help="Password; asked for (hidden, twice) when not given.")
@click.option("--display-name", default=None, help="Shown name; defaults to the username.")
@click.option("--role", "roles", multiple=True, type=click.Choice([r.value for r in Role]),
              help="Role to grant; repeat for several. Every account is a member.")
@click.option("--locale", default="de", type=click.Choice(["de", "en"]), help="Preferred language.")
def create_command(email: str, username: str, password: str | None, display_name: str | None,
                   roles: tuple[str, ...], locale: str) -> None:
    """Create a confirmed account with the given roles."""
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as exc:
        raise click.ClickException(f"{email!r} is not a valid e-mail address: {exc}")
    username = usernames.normalise(username)
    refused = usernames.refusal(username)
    if refused is None:
        refused = refusal(password, username=username, email=email)
    if refused is not None:
        with force_locale("en"):  # an operator's terminal, no request to choose a language from
            raise click.ClickException(str(refused))
    try:
        user = create_user(email=email, username=username, password=password, display_name=display_name,
                           roles=[Role(r) for r in roles], locale=locale, confirmed=True,
                           established=True)
    except AccountExists:
        raise click.ClickException(f"An account with username {username!r} or e-mail {email!r} exists already.")
    click.echo(f"Created {user.username} <{user.email}> with roles: {', '.join(sorted(r.value for r in user.role_names))}")
