"""`flask exports forget-expired`: drop the archives whose week is over (for cron; building one does it too)."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from app.exports import services

exports_cli = AppGroup("exports", help="Data exports (Download my data).")


@exports_cli.command("forget-expired")
def forget_expired_command() -> None:
    """Drop every archive past its expiry; the page then says it expired."""
    click.echo(f"{services.forget_expired()} expired archive(s) forgotten.")
