"""The quarterly report of a province and the National Action Plan monitoring report as PDF,
for the roles that read the annual report (``htms/statistics/access.py``); audited as it is."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.common.replica import replica_reads
from htms.reference.models import Province
from htms.statistics.access import STATISTICS_REFUSED, statistics_may_view
from htms.statistics.quarters import Quarter
from htms.statistics.reports.nap import nap_report_export
from htms.statistics.reports.quarterly import quarterly_report_export
from htms.statistics.reports.rendering import REPORT_LANGUAGES
from htms.web.views.common import current_user


class YearReportForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1947, max_value=2100)
    lang = forms.ChoiceField(choices=[(code, code) for code in REPORT_LANGUAGES], required=False)


class QuarterlyReportForm(YearReportForm):
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), choices=[(n, n) for n in range(1, 5)], coerce=int
    )
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Province.objects.all(), to_field_name="code"
    )


def _reader(request: HttpRequest) -> User:
    user = current_user(request)
    if not statistics_may_view(user):
        raise PermissionDenied(_t(STATISTICS_REFUSED))
    return user


def _refused(form: forms.Form) -> HttpResponse:
    errors = " ".join(f"{name}: {e}" for name, field in form.errors.items() for e in field)
    return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")


def _pdf(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def quarterly_report(request: HttpRequest) -> HttpResponse:
    """``?year=YYYY&quarter=Q&province=CODE&lang=en|ur``."""
    user = _reader(request)
    form = QuarterlyReportForm(request.GET)
    if not form.is_valid():
        return _refused(form)
    data = form.cleaned_data
    language = data["lang"] or get_language()
    quarter = Quarter(data["year"], data["quarter"])
    province: Province = data["province"]
    with replica_reads():
        pdf = quarterly_report_export(
            user=user, province=province, quarter=quarter, language=language
        )
    name = f"htms-quarterly-{province.code}-{quarter.year}-q{quarter.number}-{language}.pdf"
    return _pdf(pdf, name)


@login_required
def nap_report(request: HttpRequest) -> HttpResponse:
    """``?year=YYYY&lang=en|ur``."""
    user = _reader(request)
    form = YearReportForm(request.GET)
    if not form.is_valid():
        return _refused(form)
    year, language = form.cleaned_data["year"], form.cleaned_data["lang"] or get_language()
    with replica_reads():
        pdf = nap_report_export(user=user, year=year, language=language)
    return _pdf(pdf, f"htms-nap-{year}-{language}.pdf")
