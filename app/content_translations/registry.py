"""What can be translated: each feature registers its kinds of originals (ideas, solutions) here, so the core
translates them without importing the packages that own them."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Translatable:
    """One kind of original, by its Subject kind ("idea"):

    - `title(obj)`, `body_html(obj)`, `language(obj)`: what is translated (the description as shown beside the
      translation form and on the page), and from which language;
    - `author_id(obj)`: who wrote the original (they may remove translations of it), or None;
    - `open(obj)`: whether it may be translated now (a published idea, not a draft);
    - `search_category(obj)`: the category key its search documents file under ("idea:<slug>"), or None.
    """

    kind: str
    title: Callable[[Any], str]
    body_html: Callable[[Any], str]
    language: Callable[[Any], str]
    author_id: Callable[[Any], int | None]
    open: Callable[[Any], bool]
    search_category: Callable[[Any], str | None]


_registry: dict[str, Translatable] = {}


def register(entry: Translatable) -> None:
    """Make originals of `entry.kind` translatable (registering a kind again replaces it)."""
    _registry[entry.kind] = entry


def get(kind: str) -> Translatable | None:
    """The registration of a Subject kind, or None when its objects are not translated."""
    return _registry.get(kind)
