"""`flask notifications send-digests --daily|--weekly` and `send-outbox`, for cron.

Both call their job functions (digests.send_digests, delivery.send_due) directly: cron already runs them outside
any request, one at a time, and their summary is what cron mails the administrator.
"""
from __future__ import annotations

import click
from flask.cli import AppGroup

from app.notifications import delivery, digests

notifications_cli = AppGroup("notifications", help="Send notification e-mails and digests.")


def _progress(items, label):
    labels = {"queue": "Gathering digests", "send": "Sending e-mails"}
    items = list(items)
    with click.progressbar(items, label=labels[label], show_pos=True) as bar:
        yield from bar


@notifications_cli.command("send-digests")
@click.option("--daily", "period", flag_value="daily", help="The daily digest.")
@click.option("--weekly", "period", flag_value="weekly", help="The weekly digest.")
def send_digests(period: str | None) -> None:
    """Gather and send the daily or weekly digests; safe to run again after a crash."""
    if period is None:
        raise click.UsageError("say --daily or --weekly")
    report = digests.send_digests(period, progress=_progress)
    click.echo(f"{report.queued} {period} digests gathered; {report.sending.sent} sent, "
               f"{report.sending.failed} failed (kept for the next run), {report.sending.dropped} with nothing "
               "left to show.")


@notifications_cli.command("send-outbox")
def send_outbox() -> None:
    """Send every e-mail that is due, including retries after a failed SMTP server."""
    report = delivery.send_due(progress=lambda ids: _progress(ids, "send"))
    click.echo(f"{report.sent} sent, {report.failed} failed (kept for a later attempt), "
               f"{report.dropped} with nothing left to show.")
