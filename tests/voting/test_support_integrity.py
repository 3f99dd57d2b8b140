"""Support integrity in voting: traces hashed (never an address), IPv4 /24 and IPv6 /48, the purge, detection of a
generated burst with the right evidence, and setting votes aside with exact counters."""
from __future__ import annotations

from datetime import timedelta

import pytest
from factories import make_idea, make_idea_category, make_user
from integrity_scene import BURST, NORMAL, burst_scene, supported_at
from sqlalchemy import func, select, text

from app.extensions import db
from app.models import utcnow
from app.trust import settings
from ideas.models import Idea
from voting import traces
from voting.integrity import detect, flagged, load_supports
from voting.models import SupportTrace, Vote
from voting.queries import voted_subject_ids, vote_state
from voting.services import set_aside


def counted(idea) -> int:
    return db.session.execute(select(func.count(Vote.id)).where(Vote.subject_id == idea.subject_id,
                                                               Vote.set_aside_at.is_(None))).scalar_one()


# --- hashing ------------------------------------------------------------------------------------------------

def test_networks_are_the_ipv4_24_and_the_ipv6_48_prefix(app):
    assert traces.network_of("203.0.113.77") == "203.0.113.0/24"
    assert traces.network_of("::ffff:203.0.113.77") == "203.0.113.0/24"
    assert traces.network_of("2001:db8:abcd:12::1") == "2001:db8:abcd::/48"
    assert traces.network_of("not an address") is None and traces.network_of(None) is None


def test_a_fingerprint_is_a_keyed_hash_equal_within_a_prefix(app):
    with app.app_context():
        one, two = traces.fingerprint("203.0.113.1", "UA"), traces.fingerprint("203.0.113.254", "UA")
        other = traces.fingerprint("203.0.114.1", "UA")
        v6, v6_same, v6_other = (traces.fingerprint(a, "UA") for a in (
            "2001:db8:1:1::1", "2001:db8:1:ffff::9", "2001:db8:2::1"))
        assert one == two and one.network_hash != other.network_hash
        assert v6.network_hash == v6_same.network_hash != v6_other.network_hash
        assert len(one.network_hash) == 64 and int(one.network_hash, 16) >= 0
        import hashlib
        assert one.network_hash != hashlib.sha256(b"203.0.113.0/24").hexdigest()  # keyed, not a plain hash
        assert traces.fingerprint("", "UA").network_hash == ""
        app.config["SECRET_KEY"] = "another-secret"
        assert traces.fingerprint("203.0.113.1", "UA") != one


def test_no_address_is_stored_anywhere(db):
    idea, _burst, _normal = burst_scene()
    assert db.session.scalar(select(func.count()).select_from(SupportTrace)) == BURST + NORMAL
    for table in ("vote", "support_trace"):
        dump = " ".join(str(value) for row in db.session.execute(text(f"SELECT * FROM {table}")).all()
                        for value in row)
        assert "203.0.113" not in dump and "198.51" not in dump and "Mozilla" not in dump


# --- purge --------------------------------------------------------------------------------------------------

def test_purge_removes_the_traces_older_than_the_setting_and_keeps_the_votes(db):
    idea = make_idea(make_user("author"), make_idea_category())
    old, recent = make_user("old"), make_user("recent")
    now = utcnow()
    supported_at(old, idea, traces.fingerprint("203.0.113.1", "UA"), now - timedelta(days=31))
    supported_at(recent, idea, traces.fingerprint("203.0.113.2", "UA"), now - timedelta(days=29))
    assert traces.purge() == 1
    left = db.session.execute(select(SupportTrace.vote_id)).scalars().all()
    assert left == [db.session.execute(select(Vote.id).where(Vote.voter_id == recent.id)).scalar_one()]
    assert counted(idea) == 2
    settings.change(make_user("ada"), {"vote_trace_days": 7})
    settings.forget()
    assert traces.purge() == 1  # 29 days old: past the administrator's 7 days
    assert db.session.scalar(select(func.count()).select_from(SupportTrace)) == 0


def test_the_purge_command_says_how_many_it_removed(app, db):
    idea = make_idea(make_user("author"), make_idea_category())
    supported_at(make_user("old"), idea, traces.fingerprint("203.0.113.1", "UA"), utcnow() - timedelta(days=40))
    result = app.test_cli_runner().invoke(args=["ideas", "purge-support-traces"])
    assert result.exit_code == 0 and result.output.startswith("1 support traces")
    assert db.session.scalar(select(func.count()).select_from(SupportTrace)) == 0


# --- detection ----------------------------------------------------------------------------------------------

def test_a_burst_is_flagged_with_its_evidence_and_normal_supporters_are_not(db):
    idea, burst, normal = burst_scene()
    groups = detect(load_supports(Vote.subject_id == idea.subject_id)[idea.subject_id])
    kinds = {group.kind: group for group in groups}
    assert set(kinds) == {"network", "agent", "same_day"}
    burst_ids = {user.id for user in burst}
    for group in groups:
        assert {s.voter_id for s in group.supports} == burst_ids
    assert kinds["network"].minutes == 5 and kinds["network"].key == burst_support_hash(idea)[:8]
    assert kinds["same_day"].day == burst[0].created_at.date()
    assert not {s.voter_id for s in load_supports(Vote.subject_id == idea.subject_id)[idea.subject_id]
                if s.vote_id in flagged(groups)} & {user.id for user in normal}


def burst_support_hash(idea) -> str:
    return traces.fingerprint("203.0.113.99", "x").network_hash


def test_a_network_burst_needs_its_supports_within_the_window(db):
    idea = make_idea(make_user("author"), make_idea_category())
    start = utcnow() - timedelta(hours=3)
    for i in range(3):  # 3 supports from one /48, 8 minutes apart: no 3 within 10 minutes
        supported_at(make_user(created_at=start - timedelta(days=30 * (i + 1))), idea,
                     traces.fingerprint(f"2001:db8:7:{i}::1", f"UA {i}"), start + timedelta(minutes=8 * i))
    assert detect(load_supports(Vote.subject_id == idea.subject_id)[idea.subject_id]) == []
    supported_at(make_user(created_at=start - timedelta(days=200)), idea,
                 traces.fingerprint("2001:db8:7:99::5", "UA x"), start + timedelta(minutes=12))
    groups = detect(load_supports(Vote.subject_id == idea.subject_id)[idea.subject_id])
    assert [(g.kind, g.size, g.minutes) for g in groups] == [("network", 3, 8)]  # minutes 8, 12, 16: one /48


def test_sandboxed_supporters_form_a_group(db):
    idea = make_idea(make_user("author"), make_idea_category())
    fresh = make_user("fresh", trust_level=0)
    supported_at(fresh, idea, None, utcnow())
    supported_at(make_user("member"), idea, None, utcnow())
    groups = detect(load_supports(Vote.subject_id == idea.subject_id)[idea.subject_id])
    assert [(g.kind, [s.voter_id for s in g.supports]) for g in groups] == [("sandboxed", [fresh.id])]


# --- setting aside ------------------------------------------------------------------------------------------

def test_setting_aside_moves_the_counter_exactly_and_the_votes_count_nowhere(db):
    idea, burst, normal = burst_scene()
    staff = make_user("staff")
    ids = db.session.execute(select(Vote.id).where(Vote.voter_id.in_([u.id for u in burst[:5]]))).scalars().all()
    other = make_idea(make_user("author2"), make_idea_category())
    supported_at(normal[0], other, None, utcnow())
    foreign = db.session.execute(select(Vote.id).where(Vote.subject_id == other.subject_id)).scalar_one()
    result = set_aside(staff, idea, [*ids, *ids, foreign], "Arranged burst", Idea.support_count)
    assert len(result.votes) == 5 and result.count == BURST + NORMAL - 5
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).support_count == counted(idea) == BURST + NORMAL - 5
    assert db.session.get(Idea, other.id).support_count == counted(other) == 1
    again = set_aside(staff, idea, ids, "Again", Idea.support_count)  # already set aside: nothing moves
    assert again.votes == () and again.count == BURST + NORMAL - 5
    vote = db.session.get(Vote, ids[0])
    assert vote.set_aside_reason == "Arranged burst" and vote.set_aside_by_id == staff.id and vote.set_aside_at
    assert voted_subject_ids(burst[0], [idea.subject_id]) == set()
    assert vote_state(burst[0], idea.subject_id) == "set_aside"
    assert vote_state(burst[6], idea.subject_id) == "counted"
    with pytest.raises(ValueError):
        set_aside(staff, idea, ids, "  ", Idea.support_count)
