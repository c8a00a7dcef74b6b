"""The National Action Plan monitoring report: for one year, each measurable item of the
Plan (``shared/seeds/002``: the Plan's Prevention, Prosecution and Protection items, and the
numbered measures of the booklet's synopsis) with the figure HTMS holds for it, and the items
HTMS does not measure, said so (``docs/statistics.md``). Case figures come from the national
statistics under the user's disclosure control; any other count of people or cases under k
is withheld as well."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.cases.access import case_queryset_for_user
from htms.cases.models import crime_types_in
from htms.reference.models import CrimeType
from htms.statistics.dashboard import durations_in_year, funnel_in_year, table_in_year
from htms.statistics.dimensions import CHILD, Dimension
from htms.statistics.durations import TO_JUDGMENT, case_durations
from htms.statistics.figures import CountingUnit
from htms.statistics.funnel import case_funnel
from htms.statistics.published import PublishedTable, statistics_k_for, unit_tables
from htms.statistics.refresh import statistics_as_of
from htms.statistics.reports import nap_figures
from htms.statistics.reports.nap_figures import Count
from htms.statistics.reports.rendering import report_context, report_pdf, report_record

FIGURE, WITHHELD, NO_ACCESS, NOT_MEASURED = "figure", "withheld", "no_access", "not_measured"


@dataclass
class NapItem:
    ref: str
    label: str
    status: str
    value: float | None = None


# Items of the Plan HTMS holds no data for: (item, what it asks).
NOT_MEASURED_ITEMS = (
    (_("Prevention a"), _("Legislation and its amendments")),
    (_("Prevention b"), _("Awareness campaigns")),
    (_("Prevention c; Prosecution c.i, c.ii"), _("Training of officials, judges and prosecutors")),
    (_("Prevention d"), _("Security of travel and identity documents")),
    (_("Prevention e.i, e.iii"), _("Monitoring of recruitment agencies; forgery detection")),
    (_("Prevention g"), _("Root causes: poverty mitigation and job quotas")),
    (_("Prosecution a.ii–a.iv"), _("Cooperation between agencies and with other countries")),
    (_("Prosecution b.i, b.ii"), _("Border measures and passport circles")),
    (_("Prosecution c.v"), _("Immigration Monitoring System")),
    (_("Protection a.ii"), _("Shelters established")),
    (_("Protection a.v.i, a.v.k"), _("Legal assistance and counselling given to victims")),
    (_("Protection a.v.j (witnesses)"), _("Protection of witnesses from intimidation")),
)

# Items answered outside the case statistics: (item, label, count).
OTHER_ITEMS: tuple[tuple[Any, Any, Callable[[User, int], Count]], ...] = (
    (
        _("Protection a.v.j"),
        _("Victims referred to protection services"),
        nap_figures.victims_referred,
    ),
    (_("Protection a.i"), _("Victims admitted to a shelter"), nap_figures.victims_sheltered),
    (
        _("Protection a.v.m"),
        _("Victims sheltered for more than 60 days"),
        nap_figures.victims_sheltered_long,
    ),
    (_("Synopsis 15; ATUs"), _("Help-line calls received"), nap_figures.helpline_calls),
    (_("Synopsis 19, 31"), _("Agents entered in the red book"), nap_figures.red_book_entries),
    (
        _("Prosecution c.iv"),
        _("Issues of the Human Trafficking Intelligence Gazette"),
        nap_figures.gazette_issues,
    ),
    (
        _("Synopsis 34; Prevention e.iv"),
        _("Public-portal notices of wanted agents (red book)"),
        nap_figures.wanted_notices,
    ),
    (
        _("Synopsis 34; Prevention e.iv"),
        _("Public-portal notices of convicted agents (black book)"),
        nap_figures.convicted_notices,
    ),
    (_("Synopsis 50; Prosecution c.vi"), _("Offloadees recorded"), nap_figures.offloadees),
    (_("Synopsis 50; Prosecution c.vi"), _("Deportees recorded"), nap_figures.deportees),
)

# The counting units in the report: (item, unit).
UNIT_ITEMS = (
    (_("Prevention f.ii"), CountingUnit.VICTIMS),
    (_("Prosecution b.iv"), CountingUnit.SUSPECTS),
    (_("Prosecution c.iii"), CountingUnit.PROSECUTED),
    (_("Prosecution c.iii; black book"), CountingUnit.CONVICTED),
    (_("Prosecution c.iii"), CountingUnit.ACQUITTED),
)
CHILDREN = pgettext_lazy("victims", "of whom children")
WOMEN = pgettext_lazy("victims", "of whom women and girls")


def _item(ref: Any, label: Any, value: float | None) -> NapItem:
    return NapItem(str(ref), str(label), WITHHELD if value is None else FIGURE, value)


def _counted(ref: Any, label: Any, count: Count, k: int | None) -> NapItem:
    if not count.readable:
        return NapItem(str(ref), str(label), NO_ACCESS)
    small = count.people and k is not None and 0 < count.value < k
    return _item(ref, label, None if small else count.value)


def _row_total(table: PublishedTable, code: str) -> float | None:
    return next((row.total for row in table.rows if row.code == code), 0)


def _unit_items(user: User, year: int) -> list[NapItem]:
    items = []
    labels = dict(CountingUnit.choices)
    for ref, unit in UNIT_ITEMS:
        tables = unit_tables(user=user, unit=unit, facts=())
        sex = table_in_year(tables[Dimension.SEX], year)
        items.append(_item(ref, labels[unit], sex.totals.total if sex.totals else 0))
        if unit == CountingUnit.VICTIMS:
            ages = table_in_year(tables[Dimension.AGE_GROUP], year)
            items.append(_item(ref, CHILDREN, _row_total(ages, CHILD)))
            items.append(_item(ref, WOMEN, _row_total(sex, "F")))
    return items


def _case_items(user: User, year: int, k: int | None) -> list[NapItem]:
    masks = (
        case_queryset_for_user(user)
        .filter(registered_at__year=year)
        .values_list("crime_mask", flat=True)
    )
    found = [c for mask in masks for c in crime_types_in(mask)]
    items = []
    for crime in (CrimeType.TIP, CrimeType.SOM):
        label = gettext("Cases registered: %(crime)s") % {"crime": crime.label}
        items.append(_counted(_("Prosecution c.iii"), label, Count(found.count(crime)), k))
    funnel = funnel_in_year(case_funnel(user=user), year)
    for row in funnel.rows:
        items.append(_item(_("Prosecution a.i, c.iii"), row.label, row.total))
    for rate in funnel.rates:
        items.append(_item(_("Prosecution c.i"), rate.label, rate.total))
    durations = durations_in_year(case_durations(user=user), year)
    judged = next(row for row in durations.rows if row.code == TO_JUDGMENT)
    median = judged.total.median if judged.total else None
    items.append(_item(_("Prosecution c.i"), _("Median days from FIR to trial judgment"), median))
    return items


def nap_items(*, user: User, year: int) -> list[NapItem]:
    """Every item of the report, measured ones first, over what the user may see."""
    k = statistics_k_for(user)
    items = _case_items(user, year, k) + _unit_items(user, year)
    items += [_counted(ref, label, count(user, year), k) for ref, label, count in OTHER_ITEMS]
    return items + [
        NapItem(str(ref), str(label), NOT_MEASURED) for ref, label in NOT_MEASURED_ITEMS
    ]


def _context(user: User, year: int) -> dict[str, Any]:
    items = nap_items(user=user, year=year)
    return {
        **report_context(user),
        "year": year,
        "measured": [i for i in items if i.status != NOT_MEASURED],
        "not_measured": [i for i in items if i.status == NOT_MEASURED],
        "as_of": statistics_as_of(),
    }


def nap_report_pdf(*, user: User, year: int, language: str) -> bytes:
    return report_pdf(
        template="web/pdf/nap_report.html", context=lambda: _context(user, year), language=language
    )


def nap_report_export(*, user: User, year: int, language: str) -> bytes:
    """The report for a user who may read statistics (``access.py``, checked by the caller);
    appends one ``export`` event of ``statistics``."""
    pdf = nap_report_pdf(user=user, year=year, language=language)
    report_record(user=user, figure=f"nap-report-{year}", language=language)
    return pdf
