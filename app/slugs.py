"""URL slugs from titles: German umlauts spelled out, everything else folded to ASCII."""
from __future__ import annotations

import re
import unicodedata

_SPELLED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def slugify(text: str, max_length: int = 80) -> str:
    """"Bürgerbüro: Termine online!" -> "buergerbuero-termine-online"; never empty ("-" stands in)."""
    folded = unicodedata.normalize("NFKD", text.translate(_SPELLED)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "-"
