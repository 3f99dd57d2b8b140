"""Registry of the choices the /search filters offer: categories and idea statuses, from the features that own
them, so the core's search form lists them without importing those packages.

A feature registers a provider under a name of its own (one per app; registering again replaces it); the form
asks every provider when it is built, so choices are current and translated for the request's language. A
provider runs a fixed number of queries.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    """One value of a filter (`value` as the index stores it: "idea:mobility", "accepted") and its label."""

    value: str
    label: str


@dataclass(frozen=True)
class Group:
    """Choices under a heading ("Idea categories"), shown as one option group."""

    label: str
    choices: tuple[Choice, ...]


Provider = Callable[[], Group]

_categories: dict[str, Provider] = {}
_statuses: dict[str, Provider] = {}


def register_categories(name: str, provider: Provider) -> None:
    """Offer the categories `provider()` gives in the category filter (their values are Document.category)."""
    _categories[name] = provider


def register_statuses(name: str, provider: Provider) -> None:
    """Offer the statuses `provider()` gives in the status filter (their values are Document.status)."""
    _statuses[name] = provider


def categories() -> list[Group]:
    """Every registered category group, in name order, without empty groups."""
    return [group for group in (_categories[name]() for name in sorted(_categories)) if group.choices]


def statuses() -> list[Group]:
    """Every registered status group, in name order, without empty groups."""
    return [group for group in (_statuses[name]() for name in sorted(_statuses)) if group.choices]
