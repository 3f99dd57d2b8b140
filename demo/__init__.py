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
    while it loads (an operator writes many posts in a second), and its e-mails are held back (app.mail): the
    demo's notifications tell of a past that nobody should be mailed about now.
    """
    from app.mail import held_back
    from app.notifications import delivery, digests
    from app.trust import limits
    from demo import forums, ideas, moderation, multilingual, pages, solutions, timeline, trust, users

    lines: list[str] = []
    with limits.suspended(), held_back() as mails:
        for loader in (users.load, pages.load, forums.load, ideas.load, multilingual.load, solutions.load,
                       moderation.load, trust.load):
            lines.extend(loader())
        delivery.send_due(delivery.due_ids(ignore_delay=True))  # the rest of the demo's past: to nobody too
        for period in digests.PERIODS:
            digests.send_digests(period)
        timeline.date_notifications()  # after the digests, which gather what came in since the last one
    lines.append(f"E-mails: {mails[0]} notifications of the demo's past were not sent")
    return lines


@demo_cli.command("load")
def load_command() -> None:
    """Load demo users, pages, forum threads, ideas, solutions, moderation and trust (a second run adds nothing)."""
    for line in load_all():
        click.echo(line)


def register(app: Flask) -> None:
    """Add `flask demo load`."""
    app.cli.add_command(demo_cli)
