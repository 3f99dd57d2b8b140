"""Support traces: what support integrity keeps of the request that cast a vote, hashed, and only for a while.

`fingerprint(address, user_agent)` turns the network of an address (its IPv4 /24 or IPv6 /48 prefix, never the
address itself) and the browser's User-Agent into keyed hashes (HMAC-SHA256, with a key derived from SECRET_KEY),
so equal networks and browsers can be compared without anyone being able to read them back. The view computes it
(voting never reads the request) and the vote's use case stores it with the vote (`record`). `purge` removes the
traces older than the setting VOTE_TRACE_DAYS; run it daily (`flask ideas purge-support-traces`, from cron).
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete

from app.extensions import db
from app.models import utcnow
from app.trust import settings
from app.unit_of_work import use_case
from voting.models import SupportTrace

INTEGRITY = _l("Support integrity")
VOTE_TRACE_DAYS = settings.define(
    "vote_trace_days", 30, label=_l("Days to keep the hashed network and browser of a support"),
    description=_l("Support integrity compares them to find bursts of supports; older ones are deleted daily."),
    group=INTEGRITY, minimum=1, maximum=365)

IPV4_PREFIX = 24
IPV6_PREFIX = 48


@dataclass(frozen=True)
class Trace:
    """The hashes of a support's network and browser ("" when the request had no usable address)."""

    network_hash: str
    agent_hash: str


def _key() -> bytes:
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, b"werkstadt.support-trace", hashlib.sha256).digest()


def keyed_hash(text: str) -> str:
    """HMAC-SHA256 of `text` under the app's trace key, as 64 hex digits."""
    return hmac.new(_key(), text.encode("utf-8", "replace"), hashlib.sha256).hexdigest()


def network_of(address: str | None) -> str | None:
    """The prefix an address belongs to ("203.0.113.0/24", "2001:db8:1::/48"), or None for no valid address."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    prefix = IPV4_PREFIX if ip.version == 4 else IPV6_PREFIX
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def fingerprint(address: str | None, user_agent: str | None) -> Trace:
    """The trace of a request from `address` with `user_agent`: hashes only, the address is not kept."""
    network = network_of(address)
    return Trace(network_hash=keyed_hash(network) if network else "",
                 agent_hash=keyed_hash((user_agent or "").strip()[:512]))


def record(vote_id: int, trace: Trace | None, at: datetime) -> None:
    """Store the trace of a vote just cast (a step of the vote's use case: no commit)."""
    if trace is None:
        return
    db.session.add(SupportTrace(vote_id=vote_id, network_hash=trace.network_hash, agent_hash=trace.agent_hash,
                                created_at=at))


def expiry(now: datetime | None = None) -> datetime:
    """Traces older than this are purged."""
    return (now or utcnow()) - timedelta(days=settings.value(VOTE_TRACE_DAYS))


@use_case
def purge(now: datetime | None = None) -> int:
    """Delete every trace older than VOTE_TRACE_DAYS days; returns how many. Signals nothing."""
    result = db.session.execute(delete(SupportTrace).where(SupportTrace.created_at < expiry(now))
                                .execution_options(synchronize_session=False))
    return result.rowcount or 0
