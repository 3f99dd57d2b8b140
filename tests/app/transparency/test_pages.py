"""The public transparency page: the figures of the independent count in its tables, in English and German, the
open-data copy, the house rules' history, refusals of unknown years, and a constant number of statements."""
from __future__ import annotations


import pytest
from flask_babel import format_decimal, force_locale

from app.pages.services import save_page
from app.transparency import figures
from factories import make_user
from helpers import assert_valid_html, soup
from snapshots import loaded_once
from transparency_scene import YEAR, build_scene, expected, member

REASONS = ("spam", "insulting", "off_topic", "illegal", "other")
ACTIONS = ("hide", "keep", "ignore", "redact", "delete", "silence", "suspend")
SOURCES = ("report", "notice", "own_initiative", "automatic")


@pytest.fixture
def scene(app, smtp_server):
    """A year of moderation and three versions of the house rules, built once per test process (snapshots.py);
    returns the figures the test computes on its own."""

    def build() -> list[dict]:
        build_scene()
        save_page("house-rules", "en", title="House rules", body_md="1. Be kind.", editor=None)
        save_page("house-rules", "en", title="House rules", body_md="1. Be kind.\n2. No advertising.", editor=None)
        save_page("house-rules", "de", title="Hausordnung", body_md="1. Sei freundlich.", editor=None)
        return expected(YEAR)

    with app.app_context():
        return loaded_once(("transparency-pages",), build)


def visitor(app, lang: str):
    client = app.test_client()
    client.post("/language", data={"locale": lang})
    return client


def table(html, table_id: str) -> dict[str, list[str]]:
    """month key -> the texts of its cells (without the month's name)."""
    rows = soup(html).select(f"table#{table_id} tbody tr")
    return {row["data-month"]: [cell.get_text(" ", strip=True) for cell in row.find_all("td")] for row in rows}


def shown(app, lang: str, figures: list[dict]) -> dict[str, dict[str, list[str]]]:
    """What the tables should say for `figures`, formatted as the page formats numbers in `lang`."""
    with app.test_request_context(), force_locale(lang):
        n = lambda value: format_decimal(value)  # noqa: E731
        hours = lambda value: "– " + ("keine" if lang == "de" else "none") if value is None else \
            format_decimal(value, format="#,##0.0")  # noqa: E731
        tables: dict[str, dict[str, list[str]]] = {}
        for m in figures:
            key, reasons = m["month"], m["reports_by_reason"]
            rows = {
                "reports": [n(reasons[r]) for r in REASONS] + [n(sum(reasons.values())), n(m["notices"])],
                "decisions-action": [n(m["decisions_by_action"][a]) for a in ACTIONS]
                + [n(m["decisions_automated"] + m["decisions_manual"])],
                "decisions-source": [n(m["decisions_by_source"][s]) for s in SOURCES],
                "decisions-automated": [n(m["decisions_automated"]), n(m["decisions_manual"])],
                "time": [n(m["decisions_measured"]), hours(m["median_hours_to_decision"])],
                "appeals": [n(m["appeals_received"]), n(m["appeals_upheld"]), n(m["appeals_reversed"]),
                            n(m["decisions_reversed"])],
                "sanctions": [n(m["sanctions_by_kind"]["silence"]), n(m["sanctions_by_kind"]["suspend"])],
                "supports": [n(m["supports_set_aside"])],
            }
            for table_id, cells in rows.items():
                tables.setdefault(table_id, {})[key] = cells
        return tables


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_page_shows_the_independent_figures(app, scene, lang):
    response = visitor(app, lang).get(f"/transparency?year={YEAR}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}"' in html
    for table_id, rows in shown(app, lang, scene).items():
        assert table(html, table_id) == rows, table_id
    march = table(html, "time")["2025-03"]
    assert march == ["3", "48.0" if lang == "en" else "48,0"]
    names = [row.th.get_text(strip=True) for row in soup(html).select("table#reports tbody tr")]
    assert names[0] == ("December 2025" if lang == "en" else "Dezember 2025") and len(names) == 12


def test_the_open_data_copy_holds_the_same_figures(app, scene):
    response = app.test_client().get(f"/transparency.json?year={YEAR}")
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = response.get_json()
    assert data["year"] == YEAR and data["time_zone"] == "Europe/Berlin" and data["months"] == scene


def test_years_without_figures_are_unknown_pages(app, scene):
    client = app.test_client()
    for year in ("2024", "2999", "25", "abcd", "２０２５"):
        assert client.get(f"/transparency?year={year}").status_code == 404, year
        assert client.get(f"/transparency.json?year={year}").status_code == 404, year
    html = client.get("/transparency").get_data(as_text=True)
    links = [a.get_text(strip=True) for a in soup(html).select("nav.year-nav a")]
    with app.app_context():
        this_year = figures.current_year()
    assert links == [str(year) for year in range(this_year, YEAR - 1, -1)]


def test_an_empty_platform_shows_zero_months_of_this_year(app, db):
    html = visitor(app, "en").get("/transparency").get_data(as_text=True)
    rows = table(html, "reports")
    assert rows and all(cells == ["0"] * 7 for cells in rows.values())
    assert all(cells[1].startswith("–") for cells in table(html, "time").values())
    assert "The house rules have not been published yet." in html


def test_the_house_rules_and_their_history(app, scene):
    client = visitor(app, "en")
    page = soup(client.get("/transparency").get_data(as_text=True))
    versions = [row.th.get_text(strip=True) for row in page.select("table#rules-history tbody tr")]
    assert versions == ["Version 2", "Version 1"]
    assert page.select_one('a[href="/pages/house-rules"]') is not None
    old = client.get("/transparency/house-rules/en/1")
    assert old.status_code == 200 and "Be kind." in old.get_data(as_text=True)
    assert "No advertising" not in old.get_data(as_text=True)
    german = soup(visitor(app, "de").get("/transparency").get_data(as_text=True))
    assert [row.th.get_text(strip=True) for row in german.select("table#rules-history tbody tr")] == ["Fassung 1"]
    for path in ("/transparency/house-rules/en/3", "/transparency/house-rules/xx/1", "/transparency/house-rules/en/0"):
        assert client.get(path).status_code == 404, path


def test_the_footer_links_the_page(app, db):
    html = visitor(app, "de").get("/").get_data(as_text=True)
    link = soup(html).select_one('footer a[href="/transparency"]')
    assert link is not None and link.get_text(strip=True) == "Transparenz"


def test_the_page_takes_the_same_statements_however_many_rows(app, scene, count_queries):
    client = app.test_client()

    def statements() -> int:
        with count_queries() as counter:
            assert client.get(f"/transparency?year={YEAR}").status_code == 200
        return counter.count

    client.get(f"/transparency?year={YEAR}")
    few = statements()
    with app.app_context():
        from app.moderation import reports
        from app.moderation.models import Reason
        for number in range(5):
            reports.report_profile(member(f"more{number}"), make_user(f"other{number}"), Reason.SPAM)
        save_page("house-rules", "en", title="House rules", body_md="1. Be kind.\n2. No ads.\n3. Stay on topic.",
                  editor=None)
    assert statements() == few


def test_the_pages_are_valid_html(app, scene, vnu, tmp_path):
    pages = {}
    for lang in ("de", "en", "tr", "ar"):
        client = visitor(app, lang)
        for name, path in (("year", f"/transparency?year={YEAR}"), ("current", "/transparency"),
                           ("rules", "/transparency/house-rules/en/1")):
            response = client.get(path)
            assert response.status_code == 200
            pages[f"{lang}-{name}"] = response.get_data(as_text=True)
    assert_valid_html(vnu, pages, tmp_path)
