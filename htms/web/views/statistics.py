from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.cases.models import Stage
from htms.cases.selectors import case_counts
from htms.common.replica import replica_reads
from htms.reference.models import CrimeType
from htms.statistics.access import ledger_may_import
from htms.statistics.dimensions import Dimension
from htms.statistics.figures import CountingUnit
from htms.statistics.funnel import case_funnel
from htms.statistics.published import statistics_k_for, unit_tables
from htms.statistics.services import statistics_export_record
from htms.statistics.tabular import funnel_csv, table_csv
from htms.web.views.common import current_user

FUNNEL = "funnel"
UNIT_CHOICES = [*CountingUnit.choices, (FUNNEL, _("Criminal-justice funnel (cases)"))]


class FigureForm(forms.Form):
    unit = forms.ChoiceField(label=_("Count"), choices=UNIT_CHOICES, required=False)
    by = forms.ChoiceField(label=_("By"), choices=Dimension.choices, required=False)


def _case_count_table(user: User) -> list[tuple[str, list[int]]]:
    counts: dict[str, dict[str, int]] = {}
    for row in case_counts(user=user):
        counts.setdefault(row.crime_type, {}).setdefault(row.stage, 0)
        counts[row.crime_type][row.stage] += row.cases
    return [
        (str(CrimeType(ct).label), [counts[ct].get(s, 0) for s, _ in Stage.choices])
        for ct in sorted(counts)
    ]


def _csv(user: User, unit: str, by: str) -> HttpResponse:
    if unit == FUNNEL:
        funnel = case_funnel(user=user)
        name, body, k = unit, funnel_csv(funnel), funnel.k
    else:
        table = unit_tables(user=user, unit=unit, facts=[by])[by]
        name, body, k = f"{unit}-by-{by}", table_csv(table), table.k
    statistics_export_record(actor=user, figure=name, k=k, details={"format": "csv"})
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="htms-{name}.csv"'
    return response


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    """Cases by crime type and stage, and one figure (a counting unit by a dimension and year,
    or the funnel) with its CSV; withheld cells as ``htms/statistics/published.py`` says. The
    figures are read from the replica where one is configured."""
    user = current_user(request)
    form = FigureForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    unit = chosen.get("unit") or CountingUnit.VICTIMS
    by = chosen.get("by") or Dimension.SEX
    with replica_reads():
        if request.GET.get("format") == "csv" and form.is_valid():
            return _csv(user, unit, by)
        funnel = case_funnel(user=user) if unit == FUNNEL else None
        return render(
            request,
            "web/statistics.html",
            {
                "form": form,
                "unit": unit,
                "by": by,
                "figure": None if funnel else unit_tables(user=user, unit=unit, facts=[by])[by],
                "funnel": funnel,
                "k": statistics_k_for(user),
                "unit_label": dict(UNIT_CHOICES)[unit],
                "by_label": dict(Dimension.choices)[by],
                "stages": Stage.choices,
                "table": _case_count_table(user),
                "may_import_ledger": ledger_may_import(user),
            },
        )
