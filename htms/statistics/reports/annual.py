"""The annual report: every counting unit in one year by sex, crime type, ICCS code and route,
the funnel and the durations of the FIRs of that year, with charts, tables and definitions, as
PDF in English or Urdu (``docs/statistics.md``). Figures under the user's disclosure control,
as on the pages; every report written to the audit chain."""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _t

from htms.accounts.models import User
from htms.statistics.charts import Chart, bar_chart
from htms.statistics.dashboard import durations_in_year, funnel_in_year, table_in_year
from htms.statistics.dimensions import Dimension
from htms.statistics.durations import case_durations
from htms.statistics.figures import CountingUnit
from htms.statistics.funnel import case_funnel
from htms.statistics.published import PublishedTable, unit_tables
from htms.statistics.reports.rendering import (
    report_context,
    report_pdf,
    report_record,
)

REPORT_DIMENSIONS = (Dimension.SEX, Dimension.CRIME_TYPE, Dimension.ICCS, Dimension.ROUTE)


@dataclass
class UnitSection:
    label: str
    year_basis: str
    total: int | None
    tables: list[tuple[str, PublishedTable]]


def _unit_section(user: User, unit: str, label: str, year: int) -> UnitSection:
    tables = unit_tables(user=user, unit=unit, facts=REPORT_DIMENSIONS)
    names = dict(Dimension.choices)
    shown = [(str(names[d]), table_in_year(tables[d], year)) for d in REPORT_DIMENSIONS]
    totals = shown[0][1].totals
    return UnitSection(label, shown[0][1].year_basis, totals.total if totals else None, shown)


def _context(user: User, year: int) -> dict[str, object]:
    sections = [_unit_section(user, unit, str(label), year) for unit, label in CountingUnit.choices]
    rtl = translation.get_language_bidi()
    chart: Chart = bar_chart(
        _t("People counted in the year"), [(s.label, s.total, "") for s in sections], rtl=rtl
    )
    funnel = funnel_in_year(case_funnel(user=user), year)
    funnel_chart = bar_chart(
        _t("Criminal-justice funnel"), [(r.label, r.total, "") for r in funnel.rows], rtl=rtl
    )
    return {
        **report_context(user),
        "year": year,
        "sections": sections,
        "chart": chart,
        "funnel": funnel,
        "funnel_chart": funnel_chart,
        "durations": durations_in_year(case_durations(user=user), year),
        "as_of": sections[0].tables[0][1].as_of,
        "dimensions": [str(label) for _code, label in Dimension.choices],
    }


def annual_report_pdf(*, user: User, year: int, language: str) -> bytes:
    """The report over the cases ``user`` may see."""
    return report_pdf(
        template="web/pdf/annual_report.html",
        context=lambda: _context(user, year),
        language=language,
    )


def annual_report_export(*, user: User, year: int, language: str) -> bytes:
    """The annual report for a user who may read statistics (``access.py``, checked by the
    caller); appends one ``export`` event of ``statistics`` to the audit chain."""
    pdf = annual_report_pdf(user=user, year=year, language=language)
    report_record(user=user, figure=f"annual-report-{year}", language=language)
    return pdf
