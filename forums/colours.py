"""The fixed palette of category colours: each one dark enough to mark a category on white, each with a name."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Colour:
    name: str
    hex: str
    label: object  # a lazy translated string

    @property
    def css_class(self) -> str:
        return f"category-colour-{self.name}"


# Every colour reaches at least 4.5:1 against white, so a border or marker in it stays visible.
PALETTE = (
    Colour("blue", "#0b4f8a", _l("Blue")),
    Colour("green", "#1d6b2f", _l("Green")),
    Colour("red", "#a4161a", _l("Red")),
    Colour("purple", "#5c2d91", _l("Purple")),
    Colour("orange", "#9a4a00", _l("Orange")),
    Colour("teal", "#00636b", _l("Teal")),
    Colour("grey", "#4a4a4a", _l("Grey")),
)
_BY_HEX = {colour.hex: colour for colour in PALETTE}


def colour_for(hex_value: str | None) -> Colour:
    """The palette colour `hex_value` names; the first one for a value outside the palette."""
    return _BY_HEX.get((hex_value or "").lower(), PALETTE[0])
