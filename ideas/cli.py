"""`flask ideas purge-support-traces`: delete the support traces older than VOTE_TRACE_DAYS, daily from cron.

The repository has no scheduler of its own (the notification digests and the outbox retry run from cron too);
the command calls voting.traces.purge directly and prints how many traces it removed.
"""
from __future__ import annotations

import click

from ideas import bp
from voting import traces


@bp.cli.command("purge-support-traces")
def purge_support_traces() -> None:
    """Delete the hashed network and browser traces of supports older than VOTE_TRACE_DAYS days."""
    removed = traces.purge()
    click.echo(f"{removed} support traces older than the retention period removed.")
