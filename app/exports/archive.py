"""The archive of a data export: for each registered part (app.exports.parts) its rows as `<name>.json` (a list
of objects) and `<name>.csv` (a header row, then one row each, UTF-8 with a byte order mark so spreadsheet
programs read umlauts right), and a README.txt in the person's language that says what each file holds."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from typing import BinaryIO

from flask_babel import force_locale
from flask_babel import gettext as _

from app.exports.parts import Part, Row, all_parts
from app.models import utcnow

Progress = Callable[[int, int], None]  # (parts done, parts in all)


def write(target: BinaryIO, user, *, progress: Progress | None = None) -> dict[str, int]:
    """Write the archive of `user`'s data to `target` (a binary file); the number of rows of each part."""
    parts = all_parts()
    counts: dict[str, int] = {}
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, part in enumerate(parts, start=1):
            rows = part.rows(user.id)
            counts[part.name] = len(rows)
            archive.writestr(f"{part.name}.json", json.dumps(rows, ensure_ascii=False, indent=2))
            archive.writestr(f"{part.name}.csv", as_csv(part, rows))
            if progress is not None:
                progress(done, len(parts))
        archive.writestr("README.txt", readme(user, parts, counts))
    return counts


def as_csv(part: Part, rows: list[Row]) -> str:
    """The rows as CSV with a header row, behind a byte order mark."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=part.columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()


def readme(user, parts: list[Part], counts: dict[str, int]) -> str:
    """What the archive holds, in `user`'s language."""
    with force_locale(user.locale):
        lines = [_("Your data at WerkSTADT"), "",
                 _("Made for %(name)s (%(username)s) on %(date)s (UTC).", name=user.display_name,
                   username=user.username, date=utcnow().strftime("%Y-%m-%d %H:%M")),
                 _("Each part comes twice: as JSON (for programs) and as CSV (for spreadsheets). Times are in UTC."),
                 ""]
        for part in parts:
            lines.append(f"{part.name}.json, {part.name}.csv")
            lines.append("  " + str(part.description))
            lines.append("  " + _("Rows: %(num)s", num=counts[part.name]))
            lines.append("")
    return "\n".join(lines)
