"""The statistics dashboard: trends, bars by dimension, the funnel, routes and districts, each
chart followed by its table with CSV and XLSX downloads, and filters (``docs/statistics.md``)."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.common.replica import replica_reads
from htms.reference.models import CrimeType, Province
from htms.statistics.access import STATISTICS_REFUSED, statistics_may_view
from htms.statistics.charts import Chart, bar_chart, column_chart
from htms.statistics.dashboard import Dashboard, DashboardFilters, dashboard
from htms.statistics.dimensions import Dimension
from htms.statistics.downloads import (
    CONTENT_TYPES,
    FORMATS,
    Grid,
    durations_grid,
    funnel_grid,
    grid_file,
    table_grid,
)
from htms.statistics.figures import CountingUnit, YearBasis, year_basis_label
from htms.statistics.published import PublishedTable
from htms.statistics.reports.annual import annual_report_export
from htms.statistics.reports.rendering import REPORT_LANGUAGES
from htms.statistics.services import statistics_export_record
from htms.web.views.common import current_user

TABLES = ("trend", "by", "routes", "districts", "funnel", "durations")
ONE_FILTER = _("Choose a province or a crime type, not both.")


class DashboardForm(forms.Form):
    unit = forms.ChoiceField(label=_("Count"), choices=CountingUnit.choices, required=False)
    by = forms.ChoiceField(label=_("By"), choices=Dimension.choices, required=False)
    year_basis = forms.ChoiceField(
        label=_("Counted by"), choices=[("", _("Own year")), *YearBasis.choices], required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=1947, max_value=2100, required=False)
    province = forms.ChoiceField(label=_("Province"), required=False)
    crime_type = forms.ChoiceField(
        label=_("Crime type"), choices=[("", _("All")), *CrimeType.choices], required=False
    )
    download = forms.ChoiceField(choices=[(t, t) for t in TABLES], required=False)
    format = forms.ChoiceField(choices=[(f, f) for f in FORMATS], required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        provinces = [(p.code, str(p)) for p in Province.objects.order_by("name")]
        self.fields["province"].choices = [("", _("All")), *provinces]  # type: ignore[attr-defined]
        for hidden in ("download", "format"):
            self.fields[hidden].widget = forms.HiddenInput()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("province") and data.get("crime_type"):
            raise forms.ValidationError(ONE_FILTER)
        return data

    def filters(self) -> DashboardFilters:
        data = self.cleaned_data
        return DashboardFilters(
            unit=data["unit"] or CountingUnit.VICTIMS,
            by=data["by"] or Dimension.SEX,
            year_basis=data["year_basis"] or None,
            year=data["year"],
            province=data["province"],
            crime_type=data["crime_type"],
        )


def _case_list_link(filters: DashboardFilters, *, year: str = "", crime_type: str = "") -> str:
    """The case list with the matching filters (the case list filters by registration date
    and crime type; its access rules decide which cases are listed)."""
    query: dict[str, str] = {}
    if year.isdigit() and filters.year_basis in (None, YearBasis.REGISTRATION):
        query.update(registered_from=f"{year}-01-01", registered_to=f"{year}-12-31")
    if crime_type or filters.crime_type:
        query["crime_type"] = crime_type or filters.crime_type
    return f"{reverse('case_list')}?{urlencode(query)}" if query else ""


def _trend(table: PublishedTable, filters: DashboardFilters) -> Chart:
    totals = table.totals
    cells = totals.cells if totals else [None] * len(table.columns)
    return column_chart(
        _t("By year"),
        [
            (y, n, _case_list_link(filters, year=y))
            for y, n in zip(table.columns, cells, strict=True)
        ],
    )


def _bars(table: PublishedTable, title: str, filters: DashboardFilters) -> Chart:
    crime = table.dimension == Dimension.CRIME_TYPE
    rows = [
        (row.label, row.total, _case_list_link(filters, crime_type=row.code) if crime else "")
        for row in table.rows
    ]
    return bar_chart(title, rows, rtl=get_language_bidi())


def _funnel_chart(found: Dashboard) -> Chart:
    rows = [(row.label, row.total, "") for row in found.funnel.rows]
    return bar_chart(_t("Criminal-justice funnel"), rows, rtl=get_language_bidi())


def _download(
    user: User, found: Dashboard, name: str, form: DashboardForm, by: str
) -> HttpResponse:
    grids: dict[str, Grid] = {}
    if name in ("trend", "by", "routes", "districts"):
        dimension = {"trend": Dimension.SEX, "by": by, "routes": Dimension.ROUTE}.get(
            name, Dimension.OFFENCE_DISTRICT
        )
        grid = table_grid(found.tables[dimension])
        grids[name] = [grid[0], grid[-1]] if name == "trend" and len(grid) > 1 else grid
    elif name == "funnel":
        grids[name] = funnel_grid(found.funnel)
    else:
        grids[name] = durations_grid(found.durations)
    format = form.cleaned_data["format"] or "csv"
    figure = f"dashboard-{name}"
    query = {key: str(value) for key, value in form.cleaned_data.items() if value}
    statistics_export_record(
        actor=user, figure=figure, k=found.k, details={"format": format, "query": query}
    )
    response = HttpResponse(
        grid_file(grids[name], format=format, title=name), content_type=CONTENT_TYPES[format]
    )
    response["Content-Disposition"] = f'attachment; filename="htms-{figure}.{format}"'
    return response


@login_required
def statistics_dashboard(request: HttpRequest) -> HttpResponse:
    """The dashboard over the cases the user may see, for roles that read cases."""
    user = current_user(request)
    if not statistics_may_view(user):
        raise PermissionDenied(_t(STATISTICS_REFUSED))
    form = DashboardForm(request.GET or None)
    valid = form.is_valid() if request.GET else False
    filters = form.filters() if valid else DashboardFilters(unit=CountingUnit.VICTIMS)
    by = filters.by
    with replica_reads():
        found = dashboard(user=user, filters=filters)
    if valid and form.cleaned_data["download"]:
        return _download(user, found, form.cleaned_data["download"], form, by)
    query = urlencode(
        [(k, str(v)) for k, v in request.GET.items() if k not in ("download", "format")]
    )
    sections = [
        ("trend", _trend(found.tables[Dimension.SEX], filters), found.tables[Dimension.SEX]),
        (
            "by",
            _bars(found.tables[by], str(dict(Dimension.choices)[by]), filters),
            found.tables[by],
        ),
        (
            "routes",
            _bars(found.tables[Dimension.ROUTE], _t("Routes"), filters),
            found.tables[Dimension.ROUTE],
        ),
    ]
    context = {
        "form": form,
        "found": found,
        "sections": sections,
        "funnel_chart": _funnel_chart(found),
        "districts": found.tables[Dimension.OFFENCE_DISTRICT],
        "unit_label": dict(CountingUnit.choices)[filters.unit],
        "year_basis_label": year_basis_label(filters.unit, found.year_basis),
        "query": query,
        "filtered": bool(filters.province or filters.crime_type),
    }
    return render(request, "web/statistics_dashboard.html", context)


class AnnualReportForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1947, max_value=2100)
    lang = forms.ChoiceField(choices=[(code, code) for code in REPORT_LANGUAGES], required=False)


@login_required
def annual_report(request: HttpRequest) -> HttpResponse:
    """The annual report as PDF (``?year=YYYY&lang=en|ur``), for roles that read cases."""
    user = current_user(request)
    if not statistics_may_view(user):
        raise PermissionDenied(_t(STATISTICS_REFUSED))
    form = AnnualReportForm(request.GET)
    if not form.is_valid():
        errors = " ".join(str(e) for field in form.errors.values() for e in field)
        return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")
    year, language = form.cleaned_data["year"], form.cleaned_data["lang"] or get_language()
    with replica_reads():
        pdf = annual_report_export(user=user, year=year, language=language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="htms-annual-{year}-{language}.pdf"'
    return response
