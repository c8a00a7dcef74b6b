"""The quarterly report of one province: the cases registered (TIP, SOM), the funnel, the
victims by sex and age band, the persons convicted, the main routes and destinations and the
durations of one quarter, beside the quarter before, as PDF in English or Urdu
(``docs/statistics.md``). Over the cases the user may see registered by units of the province,
under the user's disclosure control protected across every quarter (``quarters.py``)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext as _t

from htms.accounts.models import User
from htms.cases.access import case_queryset_for_user
from htms.cases.models import Case, crime_types_in
from htms.reference.models import CrimeType, Province
from htms.statistics.charts import bar_chart
from htms.statistics.dimensions import Dimension
from htms.statistics.disclosure import TOTAL, Key, Link, Table
from htms.statistics.durations import MEASURES, Spread, duration_spread, duration_step_dates
from htms.statistics.figures import CountingUnit
from htms.statistics.funnel import STEPS, funnel_fir_dates
from htms.statistics.people import counted_people
from htms.statistics.published import Labels, UnitSystem, statistics_k_for, unit_system
from htms.statistics.quarters import Quarter, quarter_columns, quarter_of
from htms.statistics.quarters import quarters_withheld as protect
from htms.statistics.reports.rendering import report_context, report_pdf, report_record

# The people of each counting unit the report shows, in these dimensions.
QUARTER_UNITS = {
    CountingUnit.VICTIMS: (
        Dimension.SEX,
        Dimension.AGE_GROUP,
        Dimension.AGE_BAND,
        Dimension.DESTINATION,
        Dimension.ROUTE,
    ),
    CountingUnit.CONVICTED: (Dimension.SEX, Dimension.CRIME_TYPE),
}
# The cases registered are always shown by these crime types, others when there are any.
SHOWN_CRIME_TYPES = (CrimeType.TIP, CrimeType.SOM)
TOP = 5


@dataclass
class QuarterRow:
    label: str
    previous: int | None
    current: int | None
    is_total: bool = False

    @property
    def change(self) -> int | None:
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous


@dataclass
class DurationQuarter:
    label: str
    previous: Spread | None
    current: Spread | None


@dataclass
class Figures:
    """Every table of the report with its labels, before protection."""

    tables: dict[str, tuple[Table, Labels]]
    links: list[Link]
    # When the people were counted (the last refresh of the table of people counted).
    as_of: datetime | None


def _case_table(cases: QuerySet[Case], columns: list[str]) -> tuple[Table, Labels]:
    counts: Counter[tuple[str, str]] = Counter()
    for registered, mask in cases.values_list("registered_at", "crime_mask"):
        quarter = quarter_of(timezone.localtime(registered).date()).code
        counts.update((crime, quarter) for crime in crime_types_in(mask))
    found = {crime for crime, _quarter in counts}
    labels = [(c, str(label)) for c, label in CrimeType.choices]
    labels = [(c, label) for c, label in labels if c in SHOWN_CRIME_TYPES or c in found]
    cells = [[counts[(code, q)] for q in columns] for code, _label in labels]
    return Table("cases", [c for c, _l in labels], columns, cells, additive=False), labels


def _funnel_table(cases: QuerySet[Case], columns: list[str]) -> tuple[Table, Labels]:
    dates = funnel_fir_dates(cases)
    counts = {step: Counter(quarter_of(d).code for d in days) for step, days in dates.items()}
    labels = [(step, str(label)) for step, label in STEPS]
    cells = [[counts[step][q] for q in columns] for step, _label in labels]
    return Table("funnel", [s for s, _l in labels], columns, cells, additive=False), labels


def _periods(cases: QuerySet[Case]) -> set[str]:
    """The quarters of the cases' registrations and FIRs (columns even without people)."""
    found = {
        quarter_of(timezone.localtime(r).date()).code
        for r in cases.values_list("registered_at", flat=True)
    }
    return found | {quarter_of(d).code for d in cases.values_list("fir_date", flat=True) if d}


def _figures(user: User, province: str, asked: list[Quarter]) -> Figures:
    cases = case_queryset_for_user(user).filter(unit__province__code=province).order_by()
    counted = {
        unit: counted_people(user=user, unit=unit, province=province).in_quarters()
        for unit in QUARTER_UNITS
    }
    periods = _periods(cases) | {str(y) for found in counted.values() for y in found.years()}
    columns = quarter_columns(periods, asked)
    tables = {"cases": _case_table(cases, [str(c) for c in columns])}
    tables["funnel"] = _funnel_table(cases, [str(c) for c in columns])
    links: list[Link] = []
    for unit, dimensions in QUARTER_UNITS.items():
        system: UnitSystem = unit_system(counted[unit], columns, f"{unit}/", dimensions)
        tables |= {f"{unit}/{d}": built for d, built in system.built.items() if built[0].rows}
        links += system.links
    return Figures(tables, links, counted[CountingUnit.VICTIMS].as_of)


def _rows(
    table: Table, labels: Labels, withheld: set[Key], asked: list[Quarter]
) -> list[QuarterRow]:
    values = table.values()

    def shown(row: str, quarter: Quarter) -> int | None:
        key = (table.name, row, quarter.code)
        return None if key in withheld else values[key]

    found = [
        QuarterRow(label, shown(code, asked[0]), shown(code, asked[1])) for code, label in labels
    ]
    if table.additive and table.rows:
        total = QuarterRow(_t("Total"), shown(TOTAL, asked[0]), shown(TOTAL, asked[1]), True)
        found.append(total)
    return found


def _top(rows: list[QuarterRow]) -> list[QuarterRow]:
    """The rows with the most people this quarter (withheld ones after), at most ``TOP``."""
    ranked = [r for r in rows if not r.is_total]
    ranked.sort(key=lambda r: (r.current is None, -(r.current or 0), -(r.previous or 0)))
    return ranked[:TOP]


def _durations(
    user: User, province: str, asked: list[Quarter], k: int | None
) -> list[DurationQuarter]:
    """Days from the FIR of the cases of the province that reached the step in the quarter."""
    cases = case_queryset_for_user(user).filter(unit__province__code=province)
    cases = cases.filter(fir_date__isnull=False).order_by()
    firs: dict[int, date] = {pk: fir for pk, fir in cases.values_list("id", "fir_date") if fir}
    steps = duration_step_dates(cases)
    rows = []
    for code, label in MEASURES:
        days: dict[Quarter, list[int]] = {q: [] for q in asked}
        for case_id, at in steps[code].items():
            fir = firs.get(case_id)
            if fir is not None and at >= fir and quarter_of(at) in days:
                days[quarter_of(at)].append((at - fir).days)
        spreads = [duration_spread(days[q], k) for q in asked]
        rows.append(DurationQuarter(str(label), *spreads))
    return rows


def quarterly_report_context(user: User, province: Province, quarter: Quarter) -> dict[str, Any]:
    asked = [quarter.previous(), quarter]
    k = statistics_k_for(user)
    figures = _figures(user, province.code, asked)
    withheld = protect([t for t, _l in figures.tables.values()], figures.links, k=k) if k else set()
    rows = {name: _rows(t, labels, withheld, asked) for name, (t, labels) in figures.tables.items()}
    victims = CountingUnit.VICTIMS
    victims_total = rows.get(f"{victims}/{Dimension.SEX}", [])[-1:]
    headline = [(r.label, r.current, "") for r in rows["cases"]]
    headline += [(_t("Victims"), r.current, "") for r in victims_total]
    chart = bar_chart(
        gettext("Cases registered and victims in the quarter"),
        headline,
        rtl=translation.get_language_bidi(),
    )
    return {
        **report_context(user),
        "province": province,
        "quarter": quarter,
        "previous": asked[0],
        "rows": rows,
        "victims_sex": rows.get(f"{victims}/{Dimension.SEX}", []),
        "victims_age": rows.get(f"{victims}/{Dimension.AGE_BAND}", []),
        "convicted": rows.get(f"{CountingUnit.CONVICTED}/{Dimension.CRIME_TYPE}", []),
        "convicted_sex": rows.get(f"{CountingUnit.CONVICTED}/{Dimension.SEX}", []),
        "routes": _top(rows.get(f"{victims}/{Dimension.ROUTE}", [])),
        "destinations": _top(rows.get(f"{victims}/{Dimension.DESTINATION}", [])),
        "durations": _durations(user, province.code, asked, k),
        "chart": chart,
        "as_of": figures.as_of,
    }


def quarterly_report_pdf(
    *, user: User, province: Province, quarter: Quarter, language: str
) -> bytes:
    return report_pdf(
        template="web/pdf/quarterly_report.html",
        context=lambda: quarterly_report_context(user, province, quarter),
        language=language,
    )


def quarterly_report_export(
    *, user: User, province: Province, quarter: Quarter, language: str
) -> bytes:
    """The quarterly report of ``province`` for a user who may read statistics (``access.py``,
    checked by the caller); appends one ``export`` event of ``statistics``."""
    pdf = quarterly_report_pdf(user=user, province=province, quarter=quarter, language=language)
    figure = f"quarterly-report-{province.code}-{quarter.year}-q{quarter.number}"
    report_record(user=user, figure=figure, language=language)
    return pdf
