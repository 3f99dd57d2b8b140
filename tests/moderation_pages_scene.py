"""Every moderation page in a state worth checking, for the browser checks (axe-core, 320 px) and the Nu Html
Checker: a forum thread with reported replies, a pending review item, a reply hidden by one moderator with its
statement of reasons, the author's open appeal of it, a sanction in force, and house rules. Real services only
(reports, decisions, appeals, sanctions), so the log has entries of every family.

Call `build_moderation_scene(lang)` inside an app context; every account reads in `lang`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from app.extensions import db
from app.models import Subject, utcnow
from app.moderation import actions, appeals, reports, sanctioning
from app.moderation.models import Reason, ReviewItem, SanctionKind
from app.pages.services import save_page
from app.users.models import Role
from factories import make_category, make_reply, make_thread, make_user

MODERATOR, MODERATOR_NAME = "mia", "Mia Moderatorin"  # decides the hidden reply
SECOND, SECOND_NAME = "moritz", "Moritz Zweitblick"  # handles the appeal
REPORTER, REPORTER_NAME = "rita", "Rita Meldet"
AUTHOR, AUTHOR_NAME = "otto", "Otto Laut"
SILENCED = "sina"
THREAD_TITLE = "Mehr Bänke am Marktplatz"
# Two paragraphs and an address too long for 320 px: the appeal pages keep the paragraphs and wrap the address.
APPEAL_TEXT = ("I only meant it as a joke.\n\nSee https://example.org/"
               "a-very-long-address-of-a-page-that-explains-the-joke-between-neighbours-in-full")
HOUSE_RULES = {
    "de": "1. Sei freundlich.\n2. Keine Werbung: Wer hier verkauft, fliegt raus.\n3. Bleib beim Thema.\n",
    "en": "1. Be kind.\n2. No advertising: selling here gets you removed.\n3. Stay on topic.\n",
}


def save_house_rules() -> None:
    for locale, body in HOUSE_RULES.items():
        save_page("house-rules", locale, title="Hausordnung" if locale == "de" else "House rules", body_md=body,
                  editor=None)


@dataclass(frozen=True)
class ModerationScene:
    thread: int
    unreported: int  # the Subject of a reply nobody has reported yet (the report form)
    reported: int  # the Subject of a reply reported and waiting in the queue
    item: int  # its pending review item
    hidden_item: int  # the decided item of the hidden reply
    decision: int  # the decision that hid Otto's other reply (its statement of reasons)
    fresh_decision: int  # a decision Otto has not appealed yet (the empty appeal form)
    appeal: int  # Otto's open appeal against `decision`

    def member_pages(self) -> dict[str, str]:
        """Pages of the reporter (Rita): the report form and the notice form."""
        return {"report": f"/report/{self.unreported}", "notice": f"/notice?subject={self.unreported}"}

    def author_pages(self) -> dict[str, str]:
        """Pages of the affected author (Otto): a statement of reasons and the appeal forms."""
        return {"statement": f"/moderation/decisions/{self.fresh_decision}",
                "appeal": f"/moderation/decisions/{self.fresh_decision}/appeal",
                "appealed": f"/moderation/decisions/{self.decision}/appeal"}

    def moderator_pages(self) -> dict[str, str]:
        """Pages of the second moderator (Moritz), who did not take the decision under appeal."""
        return {"queue": "/moderation", "queue-resolved": "/moderation?status=resolved",
                "item": f"/moderation/items/{self.item}", "item-resolved": f"/moderation/items/{self.hidden_item}",
                "act": f"/moderation/subjects/{self.reported}/act",
                "statement-moderator": f"/moderation/decisions/{self.decision}",
                "appeals": "/moderation/appeals", "appeal-review": f"/moderation/appeals/{self.appeal}",
                "sanction": f"/moderation/users/{AUTHOR}/sanction?kind=silence", "log": "/moderation/log"}


def build_moderation_scene(lang: str) -> ModerationScene:
    save_house_rules()
    moderator = make_user(MODERATOR, display_name=MODERATOR_NAME, roles=(Role.MODERATOR,), locale=lang)
    make_user(SECOND, display_name=SECOND_NAME, roles=(Role.MODERATOR,), locale=lang)
    reporter = make_user(REPORTER, display_name=REPORTER_NAME, locale=lang)
    author = make_user(AUTHOR, display_name=AUTHOR_NAME, locale=lang, bio_md="Ich verkaufe **Uhren**.")
    silenced = make_user(SILENCED, display_name="Sina Still", locale=lang)
    category = make_category("marktplatz", name="Marktplatz")
    thread = make_thread(reporter, category, title=THREAD_TITLE, body="Wo fehlen **Bänke**?")
    reported = make_reply(thread, author, "Billige Uhren gibt es bei *example.com*!")
    insult = make_reply(thread, author, "Wer Bänke will, ist ein Faulpelz.")
    rude = make_reply(thread, author, "Ihr habt alle keine Ahnung.")
    unreported = make_reply(thread, author, "Am Brunnen wäre Platz für **zwei** Bänke.")
    db.session.commit()

    reports.report(reporter, db.session.get(Subject, reported.subject_id), Reason.SPAM, "Werbung für einen Shop.")
    reports.report(reporter, db.session.get(Subject, insult.subject_id), Reason.INSULTING, "Beleidigend.")
    reports.report(reporter, db.session.get(Subject, rude.subject_id), Reason.INSULTING, "")
    hidden_item = _pending(insult.subject_id)
    decision = actions.agree_and_hide(moderator, hidden_item, actions.Statement(
        reason=Reason.INSULTING, facts="Calls others lazy.", rule_number=1))
    fresh = actions.agree_and_hide(moderator, _pending(rude.subject_id), actions.Statement(
        reason=Reason.INSULTING, facts="Insults everyone in the thread.", rule_number=1))
    appeal = appeals.file_appeal(author, decision, APPEAL_TEXT)
    sanctioning.sanction_account(moderator, silenced, SanctionKind.SILENCE, ends_at=utcnow() + timedelta(days=3),
                                 facts="Repeated insults.", rule_number=1, legal_ground="")
    db.session.commit()
    return ModerationScene(thread=thread.id, unreported=unreported.subject_id, reported=reported.subject_id, item=_pending(reported.subject_id).id,
                           hidden_item=hidden_item.id, decision=decision.id, fresh_decision=fresh.id,
                           appeal=appeal.id)


def _pending(subject_id: int) -> ReviewItem:
    from sqlalchemy import select

    from app.moderation.models import ItemStatus
    return db.session.execute(select(ReviewItem).where(
        ReviewItem.subject_id == subject_id, ReviewItem.status == ItemStatus.PENDING.value)).scalar_one()
