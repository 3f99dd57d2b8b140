"""The transparency figures: computed in SQL per Berlin calendar month, equal to the same figures computed in plain
Python over the rows, with empty months, and in a constant number of statements."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.moderation import reports
from app.moderation.models import Reason, Report
from app.transparency import figures
from factories import make_user
from snapshots import loaded_once
from transparency_scene import NOW, YEAR, build_scene, expected, member, utc


@pytest.fixture
def scene(db, smtp_server):
    """A year of moderation, built once per test process (snapshots.py)."""
    loaded_once(("transparency-figures",), lambda: build_scene() and None)


def test_every_figure_equals_the_independent_count(scene):
    found = figures.year_figures(YEAR, now=NOW)
    assert [month.as_dict() for month in found.months] == expected(YEAR)
    assert [month.number for month in found.months] == list(range(12, 0, -1))
    assert (found.first_year, found.last_year) == (YEAR, 2026)  # the loose notice is January 2025 in Berlin


def test_the_scene_is_what_the_figures_should_show(scene):
    """A few figures spelled out, so the independent count cannot agree with the page by being wrong alike."""
    by_month = {month.key: month.as_dict() for month in figures.year_figures(YEAR, now=NOW).months}
    march = by_month["2025-03"]
    assert march["reports_by_reason"] == {"spam": 2, "insulting": 1, "off_topic": 1, "illegal": 0, "other": 0}
    assert march["notices"] == 1 and by_month["2025-01"]["notices"] == 1 and by_month["2025-02"]["notices"] == 0
    assert march["decisions_by_action"]["hide"] == 2 and march["decisions_automated"] == 1
    assert march["decisions_manual"] == 3  # Mia's hide, the keep, the ignore
    # keep: 2 h after its report (00:15 → 02:15 Berlin); hide: 48 h after the first report; ignore: 48 h
    assert march["decisions_measured"] == 3 and march["median_hours_to_decision"] == 48.0
    assert by_month["2025-04"]["appeals_reversed"] == 1 and by_month["2025-04"]["decisions_reversed"] == 1
    assert march["appeals_received"] == 1 and march["appeals_reversed"] == 0
    june = by_month["2025-06"]
    assert june["sanctions_by_kind"] == {"silence": 0, "suspend": 1}
    assert june["decisions_by_action"]["suspend"] == 1 and june["median_hours_to_decision"] == 37.0
    assert by_month["2025-01"]["sanctions_by_kind"]["silence"] == 1
    assert by_month["2025-07"]["appeals_upheld"] == 1
    assert march["supports_set_aside"] == 1 and by_month["2025-12"]["supports_set_aside"] == 0


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two(scene):
    from app.moderation.models import Action, Decision
    hide = db.session.execute(select(Decision).where(Decision.created_at == utc(2025, 6, 2, 19, 0),
                                                     Decision.action == Action.HIDE)).scalar_one()
    for report in db.session.execute(select(Report).where(Report.decision_id == hide.id)).scalars():
        report.created_at = utc(2025, 3, 15, 6, 0)
    hide.created_at = utc(2025, 3, 16, 7, 0)  # 25 h; March now measures 2 h, 25 h, 48 h and 48 h
    db.session.commit()
    march = next(m for m in figures.year_figures(YEAR, now=NOW).months if m.key == "2025-03")
    assert (march.measured, march.median_seconds) == (4, pytest.approx(36.5 * 3600))
    assert [m.as_dict() for m in figures.year_figures(YEAR, now=NOW).months] == expected(YEAR)


def test_months_without_activity_are_zero_and_the_current_year_stops_at_this_month(db):
    found = figures.year_figures(2026, now=NOW)
    assert [month.key for month in found.months] == ["2026-02", "2026-01"]
    assert [month.as_dict() for month in found.months] == expected(2026, last_month=2)
    assert all(m.decisions == 0 and m.median_seconds is None and m.reports_total == 0 for m in found.months)
    assert (found.first_year, found.last_year) == (2026, 2026)
    assert figures.year_figures(2027, now=NOW).months == []


def test_the_figures_take_the_same_statements_however_many_rows(scene, count_queries):
    def statements() -> int:
        db.session.expire_all()
        with count_queries() as counter:
            figures.year_figures(YEAR, now=NOW)
        return counter.count

    few = statements()
    for number in range(6):
        reports.report_profile(member(f"extra{number}"), make_user(f"target{number}"), Reason.SPAM)
    for row in db.session.execute(select(Report).where(Report.created_at > utc(2026, 1, 1))).scalars():
        row.created_at = utc(2025, 8, 1, 12, 0)
    db.session.commit()
    assert statements() == few
    assert few <= 12
