"""Per-account write limits and the caps on links and mentions in one post: the gate's screen for both.

Every number is a setting: per write kind ("idea", "thread", "reply", "solution", "update") a pause between two
writes (Discourse's post interval: 60 seconds for new members, 5 for everyone), an hourly and a daily limit for
sandboxed accounts (tight) and for everyone else (looser), and per post a cap on links and on mentioned people,
again for the sandbox and for everyone. They count per account, on top of the per-address rate limits of sign-up,
sign-in and password reset. The screen refuses a write past a limit with a translated message next to the field that
names the limit and when the person may write again. `WRITE_LIMITS_ENABLED` (config) turns the screen off:
the test suite writes hundreds of posts in seconds, and tests of the limits turn it back on.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import timedelta

from flask import current_app, has_app_context, has_request_context
from flask_babel import force_locale, format_datetime, gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.models import utcnow
from app.text import count_links, find_mentions
from app.trust import activity, gate, settings
from app.trust.sandbox import is_sandboxed, promote_if_due
from app.users.models import User

GROUP = _l("Write limits")
WRITE_KINDS = {  # kind -> (plural noun in messages, sandbox per hour, per day, everyone per hour, per day)
    "idea": (_l("ideas"), 2, 3, 10, 30),
    "thread": (_l("threads"), 3, 5, 10, 40),
    "reply": (_l("replies"), 10, 30, 30, 200),
    "solution": (_l("solutions"), 2, 5, 10, 30),
    "update": (_l("progress updates"), 3, 10, 20, 60),
}
WINDOWS = ("hour", "day")


def _define_limits():
    found = {}
    for kind, (noun, *defaults) in WRITE_KINDS.items():
        for (level, window), default in zip(
                [("sandbox", "hour"), ("sandbox", "day"), ("everyone", "hour"), ("everyone", "day")], defaults):
            label = (_l("New members: %(things)s per hour", things=noun) if (level, window) == ("sandbox", "hour")
                     else _l("New members: %(things)s per day", things=noun) if level == "sandbox"
                     else _l("Everyone: %(things)s per hour", things=noun) if window == "hour"
                     else _l("Everyone: %(things)s per day", things=noun))
            found[kind, level, window] = settings.define(
                f"limits.{kind}.{level}.{window}", default, label=label, group=GROUP, maximum=100_000)
    return found


LIMITS = _define_limits()
LINKS_SANDBOX = settings.define("limits.links.sandbox", 2, label=_l("New members: links per post"), group=GROUP)
LINKS_EVERYONE = settings.define("limits.links.everyone", 10, label=_l("Everyone: links per post"), group=GROUP)
MENTIONS_SANDBOX = settings.define("limits.mentions.sandbox", 2, label=_l("New members: mentions per post"),
                                   group=GROUP)
PAUSE_SANDBOX = settings.define(
    "limits.pause.sandbox", 60, label=_l("New members: seconds between two posts of a kind"), group=GROUP,
    maximum=3600, description=_l("Discourse's new-user post interval: a burst of posts waits."))
PAUSE_EVERYONE = settings.define(
    "limits.pause.everyone", 5, label=_l("Everyone: seconds between two posts of a kind"), group=GROUP, maximum=3600)
MENTIONS_EVERYONE = settings.define("limits.mentions.everyone", 10, label=_l("Everyone: mentions per post"),
                                    group=GROUP, minimum=1)


def enabled() -> bool:
    """Whether the limits and caps apply (config WRITE_LIMITS_ENABLED, on unless turned off)."""
    return not has_app_context() or bool(current_app.config.get("WRITE_LIMITS_ENABLED", True))


@contextmanager
def suspended() -> Iterator[None]:
    """Turn the limits and caps off for the current app while an operator loads content (the demo)."""
    config = current_app.config
    before = config.get("WRITE_LIMITS_ENABLED", True)
    config["WRITE_LIMITS_ENABLED"] = False
    try:
        yield
    finally:
        config["WRITE_LIMITS_ENABLED"] = before


def mention_cap(user=None) -> int:
    """The most people one post by `user` may mention (the sandbox's cap for a sandboxed account)."""
    return settings.value(MENTIONS_SANDBOX if is_sandboxed(user) else MENTIONS_EVERYONE)


def link_cap(user=None) -> int:
    """The most links one post by `user` may contain."""
    return settings.value(LINKS_SANDBOX if is_sandboxed(user) else LINKS_EVERYONE)


def limit_of(user, kind: str, window: str) -> int:
    """The number of writes of `kind` per `window` ("hour", "day") that `user` may make."""
    return settings.value(LIMITS[kind, "sandbox" if is_sandboxed(user) else "everyone", window])


def mentioned_people(source: str) -> int:
    """How many existing, active accounts `source` mentions (one query; none without an "@name")."""
    names = find_mentions(source)
    if not names:
        return 0
    return db.session.execute(select(func.count()).select_from(User).where(
        User.username_key.in_(names), User.is_active_account.is_(True))).scalar_one()


def screen_sandbox(write: gate.Write, verdict: gate.Verdict) -> None:
    """The gate's first screen: a sandboxed author who now meets the criteria is promoted before the rules apply."""
    promote_if_due(write.author)


def screen_limits(write: gate.Write, verdict: gate.Verdict) -> None:
    """Refuse a write past the author's write limit for its kind, or with too many links or mentions."""
    if not enabled() or write.author is None:
        return
    # Outside a request (a command, a job) the message is in the author's language.
    with nullcontext() if has_request_context() else force_locale(write.author.locale or "de"):
        for field, text in write.texts.items():
            _check_caps(write.author, field, text or "")
        if write.kind in WRITE_KINDS:
            _check_rate(write.author, write.kind, _first_field(write))


def _first_field(write: gate.Write) -> str:
    return "body" if "body" in write.texts else next(iter(write.texts), "body")


def _check_caps(user, field: str, text: str) -> None:
    cap = link_cap(user)
    if count_links(text) > cap:
        raise gate.Refused(field, gettext("You can put at most %(count)d links in one post.", count=cap))
    cap = mention_cap(user)
    if "@" in text and mentioned_people(text) > cap:
        raise gate.Refused(field, gettext("You can mention at most %(count)d people in one post.", count=cap))


def _check_rate(user, kind: str, field: str) -> None:
    now = utcnow()
    hour_limit, day_limit = limit_of(user, kind, "hour"), limit_of(user, kind, "day")
    found = activity.window(user.id, kind, now - timedelta(days=1), now - timedelta(hours=1))
    noun = WRITE_KINDS[kind][0]
    pause = timedelta(seconds=settings.value(PAUSE_SANDBOX if is_sandboxed(user) else PAUSE_EVERYONE))
    if found.last is not None and now - found.last < pause:
        raise gate.Refused(field, gettext(
            "Please wait a moment: you can write one of your %(things)s every %(count)d seconds. "
            "Send it again in %(left)d seconds; your text stays here.", things=noun,
            count=int(pause.total_seconds()), left=max(1, int((found.last + pause - now).total_seconds() + 0.999))))
    if found.day >= day_limit:
        again = (found.first_in_day or now) + timedelta(days=1)
        raise gate.Refused(field, gettext(
            "You can write at most %(count)d %(things)s per day. You can write again from %(time)s.",
            count=day_limit, things=noun, time=format_datetime(again, "short")))
    if found.hour >= hour_limit:
        again = (found.first_in_hour or now) + timedelta(hours=1)
        raise gate.Refused(field, gettext(
            "You can write at most %(count)d %(things)s per hour. You can write again from %(time)s.",
            count=hour_limit, things=noun, time=format_datetime(again, "short")))


def register(app) -> None:
    """Put the promotion check and the limits into the gate."""
    gate.register(screen_sandbox, order=10)
    gate.register(screen_limits, order=20)
