"""Who may do what with ideas: pure functions of the user and the idea, used by services and templates."""
from __future__ import annotations

from app.moderation.visibility import hidden_from
from app.permissions import may_contribute, signed_in_member
from app.users.models import Role
from ideas import lifecycle
from voting import policy as voting_policy

STAFF = (Role.CITY_STAFF, Role.ADMIN)
MODERATORS = (Role.MODERATOR, Role.ADMIN)
INTEGRITY_REVIEWERS = (Role.CITY_STAFF, Role.MODERATOR, Role.ADMIN)


def is_author(user, idea) -> bool:
    return signed_in_member(user) and idea.author_id is not None and idea.author_id == user.id


def is_city_staff(user) -> bool:
    """City staff and administrators: they change statuses and answer."""
    return signed_in_member(user) and user.has_role(*STAFF)


def can_view(user, idea) -> bool:
    """Published ideas are public; a draft only for its author; one hidden by moderation only for its author
    and the moderators."""
    return (not idea.is_draft or is_author(user, idea)) and not hidden_from(user, idea.subject, idea.author_id)


def is_hidden(idea) -> bool:
    """Hidden by moderation: nobody supports it meanwhile, and its author may edit it despite supports."""
    return idea.subject is not None and idea.subject.is_hidden


def can_create(user) -> bool:
    """Any confirmed member proposes ideas, unless silenced."""
    return may_contribute(user)


def has_echo(idea) -> bool:
    """Someone supported or replied: from then on the author's text is locked."""
    return idea.support_count > 0 or idea.reply_count > 0


def can_edit(user, idea) -> bool:
    """Authors edit until the first support or reply (drafts always; a hidden idea too, to mend what moderation
    hid it for); moderators edit published ideas. Nobody edits while silenced."""
    if (idea.state.is_final and not idea.is_draft) or not may_contribute(user):
        return False
    if is_author(user, idea) and (idea.is_draft or not has_echo(idea) or is_hidden(idea)):
        return True
    return not idea.is_draft and signed_in_member(user) and user.has_role(*MODERATORS)


def is_locked_for_author(user, idea) -> bool:
    """The author of a published, open idea that people supported or discussed may no longer change its text."""
    return (is_author(user, idea) and not idea.is_draft and not idea.state.is_final
            and has_echo(idea))


def can_publish(user, idea) -> bool:
    return idea.is_draft and is_author(user, idea) and may_contribute(user)


def can_withdraw(user, idea) -> bool:
    """Authors withdraw a new or reviewed idea while nobody supports or discussed it."""
    return is_author(user, idea) and idea.state in lifecycle.WITHDRAWABLE and not has_echo(idea)


def can_support(user, idea) -> bool:
    return can_view(user, idea) and not is_hidden(idea) and voting_policy.can_vote(user, idea)


def can_withdraw_support(user, idea) -> bool:
    return can_view(user, idea) and voting_policy.can_withdraw_vote(user, idea)


def can_change_status(user, idea) -> bool:
    """City staff and administrators move published ideas along the lifecycle."""
    return is_city_staff(user) and not idea.is_draft and bool(lifecycle.staff_moves(idea.state))


def sees_merged_record(user, idea) -> bool:
    """A duplicate merged into another idea sends its readers there; its author, city staff and moderators still
    reach its own page (its history, reopening it, moderation)."""
    return is_author(user, idea) or is_city_staff(user) or (signed_in_member(user) and user.has_role(*MODERATORS))


def can_answer(user, idea) -> bool:
    """The official answer is a status change by city staff or administrators."""
    return can_change_status(user, idea)


def can_write_plain_summary(user, idea) -> bool:
    """The author (drafts too) and, on published ideas, city staff and moderators write the summary in plain
    language; nobody while silenced, nobody on an idea they may not see."""
    if not may_contribute(user) or not can_view(user, idea):
        return False
    return is_author(user, idea) or (not idea.is_draft and user.has_role(*STAFF, *MODERATORS))


def can_manage_categories(user) -> bool:
    return signed_in_member(user) and user.has_role(Role.ADMIN)


def can_see_dashboard(user) -> bool:
    return is_city_staff(user)


def can_review_supports(user) -> bool:
    """Support integrity (suspicious supports, setting them aside) is for city staff, who count supports towards
    the answer promise, moderators, who act on abuse, and administrators. Everyone else gets a 404."""
    return signed_in_member(user) and user.has_role(*INTEGRITY_REVIEWERS)
