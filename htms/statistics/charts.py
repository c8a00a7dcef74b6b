"""Charts as geometry for the SVG templates (``web/charts/``): no JavaScript, every chart
followed by its table. Right-to-left pages mirror the horizontal bars; the years of a trend
run left to right in both languages, as in print."""

from collections.abc import Sequence
from dataclasses import dataclass

# Withheld values are drawn as no bar, with this mark in place of the number.
WITHHELD_MARK = "–"
WIDTH = 640
LABEL_WIDTH = 250
VALUE_WIDTH = 60
ROW_HEIGHT = 26
COLUMN_HEIGHT = 180


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    value_x: float
    value_y: float
    href: str = ""


@dataclass(frozen=True)
class Chart:
    title: str
    width: int
    height: int
    bars: list[Bar]
    label_anchor: str
    value_anchor: str


def _text(value: float | None) -> str:
    return WITHHELD_MARK if value is None else f"{value:g}"


def _scale(values: list[float | None], room: float) -> float:
    top = max((v for v in values if v is not None), default=0)
    return room / top if top else 0.0


def bar_chart(
    title: str, rows: Sequence[tuple[str, float | None, str]], *, rtl: bool = False
) -> Chart:
    """Horizontal bars, one per (label, value, link); None is a withheld value."""
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    scale = _scale([value for _label, value, _href in rows], room)
    bars = []
    for i, (label, value, href) in enumerate(rows):
        length = (value or 0) * scale
        x = WIDTH - LABEL_WIDTH - length if rtl else LABEL_WIDTH
        value_x = x - 4 if rtl else x + length + 4
        label_x = WIDTH - LABEL_WIDTH + 6 if rtl else LABEL_WIDTH - 6
        y = i * ROW_HEIGHT + 4
        text_y = y + ROW_HEIGHT - 12
        bars.append(
            Bar(
                label,
                _text(value),
                x,
                y,
                length,
                ROW_HEIGHT - 8,
                label_x,
                text_y,
                value_x,
                text_y,
                href,
            )
        )
    anchors = ("start", "end") if rtl else ("end", "start")
    return Chart(title, WIDTH, len(rows) * ROW_HEIGHT + 8, bars, *anchors)


def column_chart(title: str, columns: Sequence[tuple[str, float | None, str]]) -> Chart:
    """Vertical columns in order (years), one per (label, value, link)."""
    slot = WIDTH / max(len(columns), 1)
    scale = _scale([value for _label, value, _href in columns], COLUMN_HEIGHT)
    bars = []
    for i, (label, value, href) in enumerate(columns):
        length = (value or 0) * scale
        x = i * slot + slot * 0.2
        top = 20 + COLUMN_HEIGHT - length
        middle = x + slot * 0.3
        bars.append(
            Bar(
                label,
                _text(value),
                x,
                top,
                slot * 0.6,
                length,
                middle,
                COLUMN_HEIGHT + 38,
                middle,
                top - 4,
                href,
            )
        )
    return Chart(title, WIDTH, COLUMN_HEIGHT + 44, bars, "middle", "middle")
