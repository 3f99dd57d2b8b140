"""Ideas and solutions are translated by the community (app.content_translations): a published idea's title
and description, a solution's title and description."""
from __future__ import annotations

from app.content_translations import registry
from ideas.models import Idea


def _idea_open(idea: Idea) -> bool:
    return idea.published_at is not None and not idea.is_draft


def register() -> None:
    """Make ideas and solutions translatable."""
    registry.register(registry.Translatable(
        kind="idea", title=lambda idea: idea.title, body_html=lambda idea: idea.body_html, language=lambda idea: idea.language,
        author_id=lambda idea: idea.author_id, open=_idea_open,
        search_category=lambda idea: f"idea:{idea.category.slug}"))
    registry.register(registry.Translatable(
        kind="solution", title=lambda solution: solution.title,
        body_html=lambda solution: solution.description_html, language=lambda solution: solution.language,
        author_id=lambda solution: solution.owner_id, open=lambda solution: True,
        search_category=lambda solution: f"idea:{solution.category.slug}" if solution.category else None))
