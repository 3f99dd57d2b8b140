"""The gate every write passes: `screen` before the content is saved, `settle` once it has its Subject.

A write is screened inside its use case, so a refusal changes nothing:

    verdict = gate.screen(author, "reply", {"body": body_md}, category=thread.category)  # may raise Refused
    post = Post(body_md=verdict.texts["body"], ...)                                      # text as screened
    ...flush...
    gate.settle(verdict, post.subject)                                                   # hold, report, ...

Screens are registered by the modules that know a rule (the sandbox and its limits, watched words); each gets a
`Write` and may raise `Refused(field, message)`, replace text in `write.texts`, hold the write for review
(`verdict.hold(why)`: `settle` hands it to the holder the sandbox registers with `on_hold`, once, however many
screens asked), or queue an action for `settle` with `verdict.then(callback)` (called with the saved Subject and
the verdict, inside the same use case).
Write kinds: "idea", "thread", "reply", "solution", "update" (a solution's progress update), and "edit" for a
changed text of any of them (`edit_of` names the kind edited).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

KINDS = ("idea", "thread", "reply", "solution", "update", "edit")


class Refused(ValueError):
    """The write is refused; `message` (translated) belongs next to the form field `field`."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


@dataclass
class Write:
    """What is about to be written: by whom, of which kind, its texts by form field, and where."""

    author: Any
    kind: str
    texts: dict[str, str]
    category: Any = None
    edit_of: str | None = None
    locale: str | None = None


@dataclass
class Verdict:
    """The screened write: its texts (maybe changed) and what to do once it is saved."""

    write: Write
    actions: list[Callable[..., None]] = field(default_factory=list)
    held_because: list[str] = field(default_factory=list)  # why screens hold it for review (plain words, logged)

    @property
    def held(self) -> bool:
        return bool(self.held_because)

    def hold(self, why: str) -> None:
        """Keep the write from everyone but its author and the moderators until a moderator agrees."""
        self.held_because.append(why)

    @property
    def texts(self) -> dict[str, str]:
        return self.write.texts

    def then(self, action: Callable[..., None]) -> None:
        """Call `action(subject, verdict)` when the write is saved (`settle`)."""
        self.actions.append(action)


Screen = Callable[[Write, Verdict], None]
_SCREENS: list[tuple[int, Screen]] = []
_HOLDER: list[Callable[..., None]] = []


def on_hold(holder: Callable[..., None]) -> None:
    """Make `holder(subject, verdict)` what holding a write for review does (one holder; registering again
    replaces it)."""
    _HOLDER[:] = [holder]


def register(screen: Screen, *, order: int = 50) -> None:
    """Add `screen` to every write (lower `order` first; registering the same screen twice adds it once)."""
    if all(existing is not screen for _, existing in _SCREENS):
        _SCREENS.append((order, screen))
        _SCREENS.sort(key=lambda pair: pair[0])


def screen(author: Any, kind: str, texts: dict[str, str], *, category: Any = None, edit_of: str | None = None,
           locale: str | None = None) -> Verdict:
    """Run every screen on the write; returns its verdict. Raises Refused (nothing has been written)."""
    if kind not in KINDS:
        raise ValueError(f"unknown write kind {kind!r}")
    write = Write(author, kind, dict(texts), category, edit_of, locale)
    verdict = Verdict(write)
    for _, each in _SCREENS:
        each(write, verdict)
    return verdict


def settle(verdict: Verdict, subject: Any) -> None:
    """Carry out what the screens asked for, now that the write has its Subject (steps of the caller's use case).

    Raises RuntimeError when a screen held the write and no holder is registered (it would be published)."""
    if verdict.held:
        if not _HOLDER:
            raise RuntimeError("a write was held for review, but nothing holds writes (gate.on_hold)")
        _HOLDER[0](subject, verdict)
    for action in verdict.actions:
        action(subject, verdict)
