"""The numbered house rules, read from the house rules page (`/pages/house-rules`): the choices a decision form
offers in the moderator's language, and a rule quoted as it was when a decision was made.

A rule is a top-level item of an ordered list ("1. Be kind …") or a heading that starts with its number
("## 2. No advertising", the text under it belongs to the rule).
"""
from __future__ import annotations

import re
from datetime import datetime

from app.pages.services import find_page, page_as_of

HOUSE_RULES = "house-rules"
_ITEM = re.compile(r"^(\d{1,3})[.)]\s+(.*)$")
_HEADING = re.compile(r"^#{1,6}\s*(\d{1,3})[.)]\s*(.*?)\s*#*\s*$")
_ANY_HEADING = re.compile(r"^#{1,6}\s")
SHORT = 90  # characters of a rule shown in the form's select


def parse_rules(markdown: str) -> dict[int, str]:
    """number -> text of every numbered rule in `markdown` (the first of two rules with one number wins)."""
    rules: dict[int, list[str]] = {}
    current: list[str] | None = None
    in_heading_rule = False
    for line in (markdown or "").splitlines():
        heading, item = _HEADING.match(line), _ITEM.match(line)
        if heading or item:
            number, text = int((heading or item).group(1)), (heading or item).group(2).strip()
            current = rules.setdefault(number, []) if number not in rules else None
            if current is not None:
                current.append(text)
            in_heading_rule = heading is not None
        elif _ANY_HEADING.match(line):
            current, in_heading_rule = None, False
        elif current is not None:
            stripped = line.strip()
            if not stripped:
                if not in_heading_rule:
                    current = None  # a list item ends at a blank line unless the next line is indented
                    continue
                current.append("")
            elif in_heading_rule or line[:1] in (" ", "\t"):
                current.append(stripped)
            else:
                current = None
    return {number: _join(lines) for number, lines in rules.items() if _join(lines)}


def _join(lines: list[str]) -> str:
    paragraphs, paragraph = [], []
    for line in lines:
        if line:
            paragraph.append(line)
        elif paragraph:
            paragraphs.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        paragraphs.append(" ".join(paragraph))
    return "\n\n".join(paragraphs)


def current_rules(locale: str) -> dict[int, str]:
    """The rules as the house rules page says them now in `locale` (else German); empty without the page."""
    page = find_page(HOUSE_RULES, locale)
    return parse_rules(page.body_md) if page is not None else {}


def rule_choices(locale: str) -> list[tuple[int, str]]:
    """(number, "N. short text") for a select of the rules in force."""
    return [(number, _short(f"{number}. {text}")) for number, text in sorted(current_rules(locale).items())]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHORT else text[: SHORT - 1].rstrip() + "…"


def rule_as_of(number: int, locale: str, moment: datetime) -> str | None:
    """The text of rule `number` in `locale` (else German) as the page said it at `moment`; None if it had none."""
    revision = page_as_of(HOUSE_RULES, locale, moment)
    return parse_rules(revision.body_md).get(number) if revision is not None else None
