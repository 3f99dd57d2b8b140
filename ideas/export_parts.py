"""What a data export holds of ideas and solutions (app.exports.parts): ideas proposed, status changes and
answers written, solutions owned, progress updates, offers to help and ratings."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.exports import parts
from ideas.models import Idea, IdeaStatusChange
from ideas.solutions.models import Contribution, ProgressUpdate, Rating, Solution


def register() -> None:
    """Add the idea and solution parts to every export."""
    parts.register(parts.table(
        "ideas", _l("The ideas you proposed, drafts included: title, description (Markdown), language, category, "
                    "status, supports, when."),
        Idea, "author_id", ("id", "title", "body_md", "language", "category_id", "status", "support_count",
                            "created_at", "published_at")))
    parts.register(parts.table(
        "idea_plain_summaries", _l("Summaries in plain language you wrote for ideas."),
        Idea, "plain_summary_by_id", ("id", "plain_summary", "plain_summary_at")))
    parts.register(parts.table(
        "idea_status_changes", _l("Status changes and answers you wrote for ideas (city staff)."),
        IdeaStatusChange, "actor_id", ("idea_id", "from_status", "to_status", "explanation_md", "is_answer",
                                       "created_at")))
    parts.register(parts.table(
        "solutions", _l("The solutions you are responsible for."),
        Solution, "owner_id", ("id", "title", "summary", "description_md", "language", "status", "created_at")))
    parts.register(parts.table(
        "progress_updates", _l("Progress updates you wrote on solutions."),
        ProgressUpdate, "author_id", ("solution_id", "body_md", "created_at")))
    parts.register(parts.table(
        "contributions", _l("Your offers to help with solutions: the role, your note, whether your name is shown, "
                            "and the team's answer."),
        Contribution, "user_id", ("solution_id", "role", "note", "public", "state", "decided_at", "created_at")))
    parts.register(parts.table(
        "ratings", _l("How you rated finished solutions, with your comment."),
        Rating, "user_id", ("solution_id", "score", "comment_md", "created_at", "updated_at")))
