"""The gate's screen of watched words: every write's texts are searched for the words of its language (the
write's `locale`, else its author's, else the site's) and the words watched in all languages.

- BLOCK: `gate.Refused(field, message naming the word)`; nothing is written, the form keeps the text;
- HOLD: `verdict.hold("watched word: …")`, so the post waits for a moderator before anyone else sees it;
- REPORT: once the post is saved, a report without a reporter (reason "other", a note naming the words) puts it in
  the moderation queue (`app.moderation.intake`);
- REPLACE: the words are replaced, in the text as typed, before it is saved.
A block goes first (a refused write holds, reports and replaces nothing); the other actions add up.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import has_request_context
from flask_babel import force_locale, gettext

from app import subjects
from app.extensions import db
from app.i18n import DEFAULT_LOCALE
from app.trust import gate, words
from app.trust.models import WordAction


def screen(write: gate.Write, verdict: gate.Verdict) -> None:
    """Apply the watched words of the write's language to its texts (see the module's docstring)."""
    locale = write.locale or getattr(write.author, "locale", None) or DEFAULT_LOCALE
    matcher = words.matcher_for(locale)
    if not matcher:
        return
    found = {name: matcher.find(text) for name, text in write.texts.items() if text}
    for name, hits in found.items():
        blocked = next((hit for hit in hits if hit.has(WordAction.BLOCK)), None)
        if blocked is not None:
            with _language(None if has_request_context() else locale):
                message = gettext("Your text contains “%(word)s”, which is not allowed here. Please rephrase it; "
                                  "everything else you wrote is kept.", word=blocked.typed)
            raise gate.Refused(name, message)
    held: list[str] = []
    reported: list[str] = []
    for name, hits in found.items():
        for hit in hits:
            for entry in hit.entries:
                if entry.action == WordAction.HOLD and entry.word not in held:
                    held.append(entry.word)
                if entry.action == WordAction.REPORT and entry.word not in reported:
                    reported.append(entry.word)
        if any(hit.has(WordAction.REPLACE) for hit in hits):
            write.texts[name] = words.replace(write.texts[name], hits, _replacement)
    if held:
        verdict.hold("watched word: " + ", ".join(held))
    if reported:
        verdict.then(lambda subject, _verdict: report_automatically(subject, reported))


@contextmanager
def _language(locale: str | None) -> Iterator[None]:
    """The request's language; outside a request (a command, a job) `locale`'s."""
    if locale is None:
        yield
    else:
        with force_locale(locale):
            yield


def _replacement(hit: words.Hit) -> str | None:
    return next((entry.replacement for entry in hit.entries if entry.action == WordAction.REPLACE), None)


def report_automatically(subject, watched: list[str]) -> None:
    """File a report without a reporter on the saved `subject` naming the `watched` words, and put it in the
    moderation queue (a step of the writing use case; it flushes). Does nothing for a kind moderation does not
    know."""
    from app.moderation import intake
    from app.moderation.models import Reason, Report, ReportStatus

    try:
        hooks = subjects.get(subject.kind).moderation
    except subjects.UnknownKind:
        return
    owner = subjects.resolve(subject)
    if hooks is None or owner is None:
        return
    with force_locale(DEFAULT_LOCALE):
        note = gettext("Reported automatically: it contains the watched word(s) %(words)s.",
                       words=", ".join(f"“{word}”" for word in watched))
    report = Report(subject_id=subject.id, reporter_id=None, automatic=True, reason=Reason.OTHER, note=note,
                    status=ReportStatus.OPEN, snapshot=hooks.content(owner))
    db.session.add(report)
    db.session.flush()
    intake.take_report(report, owner)


def register() -> None:
    """Add the screen to the gate (after the sandbox's limits, which refuse cheaper)."""
    gate.register(screen, order=60)
