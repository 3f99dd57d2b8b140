"""`flask demo load`: demo users of every role and the site's pages in German and English, loaded once."""
from __future__ import annotations

from collections.abc import Callable

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from app.pages.services import exact_page, save_page
from app.users.models import Role
from app.users.services import create_user, find_by_email

DEMO_PASSWORD = "werkstadt-demo"
DEMO_USERS = (
    ("admin@example.org", "admin", "Ada Admin", (Role.ADMIN,), "de"),
    ("staff@example.org", "stadt", "Sven Stadtverwaltung", (Role.CITY_STAFF,), "de"),
    ("moderator@example.org", "moderator", "Mira Moderation", (Role.MODERATOR,), "de"),
    ("member@example.org", "mitglied", "Max Mitglied", (), "de"),
    ("member-en@example.org", "member", "Meg Member", (), "en"),
)
LOADERS_KEY = "werkstadt.demo_loaders"

demo_cli = AppGroup("demo", help="Demo content for a first look around.")


def add_loader(app: Flask, loader: Callable[[], list[str]]) -> None:
    """Let a feature package add its own demo content; `loader` returns lines to print."""
    app.extensions.setdefault(LOADERS_KEY, []).append(loader)


def load_users() -> list[str]:
    lines = []
    for email, username, name, roles, locale in DEMO_USERS:
        if find_by_email(email) is None:
            create_user(email=email, username=username, display_name=name, password=DEMO_PASSWORD,
                        roles=roles, locale=locale, confirmed=True)
        role_text = ", ".join(r.value for r in roles) or "member"
        lines.append(f"  {email:<24} password {DEMO_PASSWORD}   ({role_text})")
    return lines


def load_pages() -> list[str]:
    from app.demo_pages import DEMO_PAGES

    created = 0
    for (slug, locale), (title, body) in DEMO_PAGES.items():
        if exact_page(slug, locale) is None:
            save_page(slug, locale, title=title, body_md=body, editor=None)
            created += 1
    return [f"  {created} page texts added ({len(DEMO_PAGES) - created} were there already)"]


def load_all() -> list[str]:
    """Load every piece of demo content that is not there yet; safe to run any number of times."""
    lines = ["Demo logins:", *load_users(), "Pages:", *load_pages()]
    for loader in current_app.extensions.get(LOADERS_KEY, []):
        lines.extend(loader())
    return lines


@demo_cli.command("load")
def load_command() -> None:
    """Load demo users and pages (idempotent: a second run adds nothing)."""
    for line in load_all():
        click.echo(line)


def init_app(app: Flask) -> None:
    app.cli.add_command(demo_cli)
