"""Recording hearings and judgments on a case."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from htms.cases.access import case_get_for_user
from htms.cases.inputs import VerdictInput
from htms.cases.models import AccusedStatus, Case, Offence, PartyRole, Stage
from htms.cases.selectors import case_detail
from htms.cases.services.court import COURT_STAGES, case_record_judgment, hearing_record
from htms.web.forms.actions import HearingForm, JudgmentForm
from htms.web.presenters import PartyView, party_views
from htms.web.views.common import current_user, run_service

# Accused who are not before the court are tried separately later (``services/court.py``).
TRIED_SEPARATELY = frozenset(
    {AccusedStatus.AT_LARGE, AccusedStatus.PROCLAIMED, AccusedStatus.CUSTODY_ABROAD}
)


def _case_for_writing(request: HttpRequest, case_id: int) -> Case:
    user = current_user(request)
    case_get_for_user(user=user, case_id=case_id, write=True)
    return case_detail(user=user, case_id=case_id)


@login_required
def hearing_add(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    case = _case_for_writing(request, case_id)
    parties = [
        (p.party.pk, f"{p.name} ({p.party.get_role_display()})") for p in party_views(user, case)
    ]
    initial = {"court": case.court_id, "date": timezone.localdate()}
    form = HearingForm(request.POST or None, parties=parties, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        hearing = run_service(
            form,
            lambda: hearing_record(
                actor=user,
                case_id=case.pk,
                court_id=data["court"].pk,
                date=data["date"],
                purpose=data["purpose"],
                outcome=data["outcome"],
                next_date=data["next_date"],
                witness_party_ids=[int(pk) for pk in data["witnesses_due"]],
                backdate_reason=data["backdate_reason"],
            ),
        )
        if hearing is not None:
            messages.success(request, _("Hearing of %s recorded.") % date_format(hearing.date))
            return redirect("case_detail", case.pk)
    context = {"case": case, "form": form, "in_court": case.stage in COURT_STAGES}
    return render(request, "web/hearing_form.html", context)


@dataclass(frozen=True)
class VerdictRow:
    accused: PartyView
    offence: Offence
    key: str


def verdict_rows(parties: list[PartyView], case: Case) -> list[VerdictRow]:
    """One row per accused before the court per offence."""
    on_trial = [
        p
        for p in parties
        if p.party.role == PartyRole.ACCUSED and p.party.accused_status not in TRIED_SEPARATELY
    ]
    return [VerdictRow(p, o, f"{p.party.pk}_{o.pk}") for p in on_trial for o in case.offences.all()]


def _verdicts(rows: list[VerdictRow], data: dict[str, object]) -> list[VerdictInput]:
    return [
        VerdictInput(
            accused_party_id=row.accused.party.pk,
            statute_code=row.offence.statute.code,
            outcome=str(data[f"outcome_{row.key}"]),
            sentence_months=data.get(f"months_{row.key}"),  # type: ignore[arg-type]
            fine_pkr=data.get(f"fine_{row.key}"),  # type: ignore[arg-type]
        )
        for row in rows
    ]


@login_required
def judgment_add(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    case = _case_for_writing(request, case_id)
    parties = party_views(user, case)
    rows = verdict_rows(parties, case)
    pairs = [(r.accused.party.pk, r.offence.pk) for r in rows]
    initial = {"expected_version": case.version, "court": case.court_id}
    form = JudgmentForm(request.POST or None, pairs=pairs, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        verdicts = run_service(
            form,
            lambda: case_record_judgment(
                actor=user,
                case_id=case.pk,
                expected_version=data["expected_version"],
                court_id=data["court"].pk,
                date=data["date"],
                verdicts=_verdicts(rows, data),
                backdate_reason=data["backdate_reason"],
            ),
        )
        if verdicts is not None:
            messages.success(request, _("Judgment recorded."))
            return redirect("case_detail", case.pk)
    context = {
        "case": case,
        "form": form,
        "rows": [
            (r, form[f"outcome_{r.key}"], form[f"months_{r.key}"], form[f"fine_{r.key}"])
            for r in rows
        ],
        "separately": [p for p in parties if p.party.accused_status in TRIED_SEPARATELY],
        "at_trial": case.stage in (Stage.TRIAL, Stage.APPEAL),
    }
    return render(request, "web/judgment_form.html", context)
