"""Bar charts drawn on the server as SVG: the page lays them out, the template only draws them.

Every chart carries its own text alternative and the numbers for the table beside it. A bar of
0 is not drawn at all and its value is written above the axis, so 0 never looks like a number.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

WIDTH = 640
BAR_AREA = 180  # height of the tallest bar (vertical) or width of the longest (horizontal)
TOP = 24  # room for the value above the tallest bar
BOTTOM = 36  # room for the category names under the axis
LEFT = 12
ROW = 26  # a horizontal chart's height per category
LABEL_WIDTH = 200  # a horizontal chart's room for the category names


@dataclass
class Series:
    label: str
    css: str  # the class that colours it in static CSS
    values: list[Decimal]


@dataclass
class Reference:
    """A horizontal line across a vertical chart: the pool's amount, the 4 and 6 courses."""

    label: str
    value: Decimal


@dataclass
class Segment:
    css: str
    x: float
    y: float
    width: float
    height: float


@dataclass
class Bar:
    label: str
    total_text: str
    segments: list[Segment]
    label_x: float
    label_y: float
    value_x: float
    value_y: float


@dataclass
class Chart:
    key: str  # unique on the page: the ids of the title and description
    title: str
    unit: str  # the column heading's unit, "hours" or "DKK"
    categories: list[str]
    series: list[Series]
    decimals: int = 1
    horizontal: bool = False
    references: list[Reference] = field(default_factory=list)
    category_heading: str = ""
    cumulative: bool = False  # each bar is the running total: no sum at the foot of the table

    def number(self, value: Decimal) -> str:
        return number_format(value, decimal_pos=self.decimals, use_l10n=True, force_grouping=True)

    @property
    def totals(self) -> list[Decimal]:
        return [
            sum(values, Decimal(0)) for values in zip(*(s.values for s in self.series), strict=True)
        ]

    @property
    def top(self) -> Decimal:
        return max([*self.totals, *(r.value for r in self.references)], default=0) or Decimal(1)

    @property
    def stacked(self) -> bool:
        return len(self.series) > 1

    @property
    def rows(self) -> list[tuple[str, list[str], str]]:
        """The table beside the chart: category, each series' number, the total."""
        return [
            (
                category,
                [self.number(s.values[i]) for s in self.series],
                self.number(self.totals[i]),
            )
            for i, category in enumerate(self.categories)
        ]

    @property
    def series_totals(self) -> list[str]:
        return [self.number(sum(s.values, Decimal(0))) for s in self.series]

    @property
    def grand_total(self) -> str:
        return self.number(sum(self.totals, Decimal(0)))

    @property
    def description(self) -> str:
        """The text alternative: what the bars add up to and where they are highest."""
        parts = [
            _("%(series)s: %(total)s %(unit)s")
            % {
                "series": s.label,
                "total": self.number(sum(s.values, Decimal(0))),
                "unit": self.unit,
            }
            for s in self.series
        ]
        totals = self.totals
        if any(totals):
            peak = max(range(len(totals)), key=lambda i: totals[i])
            parts.append(
                _("highest: %(category)s with %(value)s %(unit)s")
                % {
                    "category": self.categories[peak],
                    "value": self.number(totals[peak]),
                    "unit": self.unit,
                }
            )
        else:
            parts.append(_("nothing yet"))
        parts.extend(
            _("%(label)s: %(value)s %(unit)s")
            % {"label": r.label, "value": self.number(r.value), "unit": self.unit}
            for r in self.references
        )
        return "; ".join(parts) + ". " + _("The table beside the chart gives every number.")

    # --- geometry ---------------------------------------------------------------------------

    @property
    def height(self) -> int:
        if self.horizontal:
            return TOP + ROW * len(self.categories) + 8
        return TOP + BAR_AREA + BOTTOM

    @property
    def axis(self) -> dict:
        if self.horizontal:
            x = LEFT + LABEL_WIDTH
            return {"x1": x, "y1": TOP - 4, "x2": x, "y2": self.height - 4}
        y = TOP + BAR_AREA
        return {"x1": LEFT, "y1": y, "x2": WIDTH - LEFT, "y2": y}

    def _scale(self, value: Decimal) -> float:
        return float(value / self.top) * BAR_AREA

    @property
    def bars(self) -> list[Bar]:
        return [self._bar(i, category) for i, category in enumerate(self.categories)]

    def _bar(self, i: int, category: str) -> Bar:
        total = self.totals[i]
        segments = []
        offset = 0.0
        if self.horizontal:
            y = TOP + i * ROW
            for s in self.series:
                length = self._scale(s.values[i])
                if length:
                    segments.append(Segment(s.css, LEFT + LABEL_WIDTH + offset, y, length, ROW - 8))
                offset += length
            return Bar(
                category,
                self.number(total),
                segments,
                label_x=LEFT + LABEL_WIDTH - 6,
                label_y=y + ROW / 2,
                value_x=LEFT + LABEL_WIDTH + offset + 6,
                value_y=y + ROW / 2,
            )
        slot = (WIDTH - 2 * LEFT) / len(self.categories)
        x = LEFT + i * slot + slot * 0.15
        base = TOP + BAR_AREA
        for s in self.series:
            length = self._scale(s.values[i])
            if length:
                segments.append(Segment(s.css, x, base - offset - length, slot * 0.7, length))
            offset += length
        return Bar(
            category,
            self.number(total),
            segments,
            label_x=LEFT + i * slot + slot / 2,
            label_y=base + 18,
            value_x=LEFT + i * slot + slot / 2,
            value_y=base - offset - 6,
        )

    @property
    def reference_lines(self) -> list[dict]:
        base = TOP + BAR_AREA
        return [
            {
                "label": f"{r.label} ({self.number(r.value)})",
                "y": base - self._scale(r.value),
                "x2": WIDTH - LEFT,
            }
            for r in self.references
        ]
