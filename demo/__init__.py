"""Demo content for a first look around: `flask demo load` (run by `make run`).

The demo sits above every feature package, like the composition root: it fills the core (accounts, pages,
moderation, trust), the forums, the ideas and the solutions through their own services, so no feature package
carries content that is not the product. Only `app/__init__.py` imports it (`register(app)`); nothing else may.
"""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

demo_cli = AppGroup("demo", help="Demo content for a first look around.")


def load_all() -> list[str]:
    """Load every piece of demo content that is not there yet, core first; safe to run any number of times.

    Returns the lines to print (the logins, then what each part added). The per-account write limits are off
    while it loads: an operator writes many posts in a second.
    """
    from app.trust import limits
    from demo import forums, ideas, moderation, multilingual, pages, solutions, trust, users

    lines: list[str] = []
    with limits.suspended():
        for loader in (users.load, pages.load, forums.load, ideas.load, multilingual.load, solutions.load,
                       moderation.load, trust.load):
            lines.extend(loader())
    return lines


@demo_cli.command("load")
def load_command() -> None:
    """Load demo users, pages, forum threads, ideas, solutions, moderation and trust (a second run adds nothing)."""
    for line in load_all():
        click.echo(line)


def register(app: Flask) -> None:
    """Add `flask demo load`."""
    app.cli.add_command(demo_cli)
