"""A tile-grid map of Thailand: one square per province, placed by region and latitude.

No province boundary data with a licence that allows redistribution was found in the
registries this project uses (the Highcharts map collection needs a Highcharts licence), so
the map is schematic: each province is a square at its rough position, keyed by the
2-digit DOPA code that `kbo.geo.models.Province.code` uses. It is drawn server-side as an
inline SVG (no script, no external file), so it works under a strict Content-Security-Policy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

# code: (column, row), north at the top.
GRID: dict[str, tuple[int, int]] = {
    "57": (3, 0),
    "58": (1, 1),
    "50": (2, 1),
    "56": (3, 1),
    "55": (4, 1),
    "51": (2, 2),
    "52": (3, 2),
    "54": (4, 2),
    "43": (6, 2),
    "38": (7, 2),
    "63": (1, 3),
    "64": (2, 3),
    "53": (3, 3),
    "42": (4, 3),
    "39": (5, 3),
    "41": (6, 3),
    "47": (7, 3),
    "48": (8, 3),
    "62": (1, 4),
    "66": (2, 4),
    "65": (3, 4),
    "67": (4, 4),
    "40": (5, 4),
    "46": (6, 4),
    "49": (8, 4),
    "61": (1, 5),
    "60": (2, 5),
    "36": (4, 5),
    "44": (5, 5),
    "45": (6, 5),
    "35": (7, 5),
    "37": (8, 5),
    "71": (0, 6),
    "72": (1, 6),
    "18": (2, 6),
    "17": (3, 6),
    "16": (4, 6),
    "30": (5, 6),
    "31": (6, 6),
    "32": (7, 6),
    "33": (8, 6),
    "34": (9, 6),
    "70": (0, 7),
    "73": (1, 7),
    "15": (2, 7),
    "14": (3, 7),
    "19": (4, 7),
    "26": (5, 7),
    "25": (6, 7),
    "27": (7, 7),
    "75": (0, 8),
    "74": (1, 8),
    "12": (2, 8),
    "13": (3, 8),
    "24": (4, 8),
    "76": (0, 9),
    "10": (2, 9),
    "11": (3, 9),
    "20": (4, 9),
    "21": (5, 9),
    "22": (6, 9),
    "23": (7, 9),
    "77": (0, 10),
    "86": (0, 11),
    "85": (0, 12),
    "84": (1, 12),
    "82": (0, 13),
    "81": (1, 13),
    "80": (2, 13),
    "83": (0, 14),
    "92": (1, 14),
    "93": (2, 14),
    "91": (1, 15),
    "90": (2, 15),
    "94": (3, 15),
    "95": (2, 16),
    "96": (3, 16),
}

CELL = 40  # px, including the gap
SIZE = 36
# Five classes from light to dark (colour-blind safe sequential blues); grey = no data.
SHADES = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
NO_DATA = "#eeeeee"
OUT_OF_SCOPE = "#f7f7f7"


@dataclass
class Tile:
    code: str
    name: str
    x: int
    y: int
    value: Decimal | int | None
    fill: str
    dark: bool  # white text on a dark shade
    highlight: bool
    in_scope: bool
    title: str = ""  # name and formatted value, the tile's tooltip

    @property
    def text_x(self) -> int:
        return self.x + SIZE // 2

    @property
    def text_y(self) -> int:
        return self.y + SIZE // 2 + 5


def shade(value: Decimal | int | None, top: Decimal | int) -> int | None:
    """The class (0–4) of `value` on a linear scale from 0 to `top`."""
    if value is None or not top:
        return None
    index = int(Decimal(value) * len(SHADES) / Decimal(top))
    return max(0, min(len(SHADES) - 1, index))


def tiles(
    values: dict[str, Decimal | int | None],
    names: dict[str, str],
    highlight: str | None = None,
    in_scope: set[str] | None = None,
    fmt: Callable[[Decimal | int], str] = str,
) -> list[Tile]:
    """One tile per known province, coloured by `values` (keyed by province code).

    Provinces outside `in_scope` (when given) are drawn blank: their numbers are not shown.
    """
    present = [v for v in values.values() if v is not None]
    top = max(present) if present else 0
    found = []
    for code, (col, row) in sorted(GRID.items()):
        visible = in_scope is None or code in in_scope
        value = values.get(code) if visible else None
        level = shade(value, top) if visible else None
        fill = OUT_OF_SCOPE if not visible else (NO_DATA if level is None else SHADES[level])
        found.append(
            Tile(
                code=code,
                name=names.get(code, code),
                x=col * CELL,
                y=row * CELL,
                value=value,
                fill=fill,
                dark=level is not None and level >= 3,
                highlight=code == highlight,
                in_scope=visible,
                title=names.get(code, code) + ("" if value is None else f": {fmt(value)}"),
            )
        )
    return found


def legend(values: dict[str, Decimal | int | None]) -> list[tuple[str, Decimal, Decimal]]:
    """(colour, from, to) for each class of the scale."""
    present = [v for v in values.values() if v is not None]
    top = Decimal(max(present)) if present else Decimal(0)
    step = top / len(SHADES)
    return [(colour, step * i, step * (i + 1)) for i, colour in enumerate(SHADES)]


WIDTH = 10 * CELL
HEIGHT = 17 * CELL
