"""`/transparency` (a year's figures, month by month, and the house rules with their history), its open-data copy
`/transparency.json`, and earlier versions of the house rules. Public pages: no sign-in, nothing written."""
from __future__ import annotations

from flask import abort, jsonify, render_template, request

from app.i18n import LANGUAGES, current_language
from app.transparency import bp, figures, labels, rules


def _year() -> figures.Year:
    """The year asked for (`?year=`, default the current one); 404 outside the years there are figures for."""
    current = figures.current_year()
    raw = request.args.get("year", "")
    if raw and not (raw.isascii() and raw.isdigit() and len(raw) == 4):
        abort(404)
    year = int(raw) if raw else current
    if year > current:
        abort(404)
    found = figures.year_figures(year)
    if year < found.first_year:
        abort(404)
    return found


@bp.get("/transparency")
def index():
    found = _year()
    return render_template("transparency/index.html", found=found, labels=labels, zone=str(figures.site_zone()),
                           rules=rules.history(current_language().code))


@bp.get("/transparency.json")
def open_data():
    found = _year()
    return jsonify({"year": found.year, "time_zone": str(figures.site_zone()),
                    "months": [month.as_dict() for month in found.months]})


@bp.get("/transparency/house-rules/<locale>/<int:version>")
def house_rules_version(locale: str, version: int):
    if locale not in LANGUAGES:
        abort(404)
    revision = rules.revision(locale, version)
    if revision is None:
        abort(404)
    return render_template("transparency/house_rules_version.html", revision=revision, locale=locale)
