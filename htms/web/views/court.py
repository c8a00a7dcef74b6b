"""Recording hearings and judgments on a case."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from htms.cases.access import case_get_for_user
from htms.cases.inputs import VerdictInput
from htms.cases.models import (
    AccusedStatus,
    Case,
    Offence,
    PartyRole,
    Stage,
    Verdict,
    VerdictOutcome,
)
from htms.cases.selectors import case_detail
from htms.cases.services.court import COURT_STAGES, case_record_judgment, hearing_record
from htms.cases.verdict_text import verdict_level_text, verdict_sentence_text
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
    # The verdict an appeal is against, in words; empty at trial.
    lower: str = ""


def _last_verdicts(case: Case) -> dict[tuple[int, int], Verdict]:
    last: dict[tuple[int, int], Verdict] = {}
    for v in sorted(case.verdicts.all(), key=lambda v: v.level):
        last[(v.accused_id, v.offence_id)] = v
    return last


def _lower_text(verdict: Verdict) -> str:
    parts = [verdict_level_text(verdict), verdict.get_outcome_display()]
    return ", ".join([*parts, verdict_sentence_text(verdict)]).rstrip(", ")


def verdict_rows(parties: list[PartyView], case: Case) -> list[VerdictRow]:
    """At trial one row per accused before the court per offence awaiting trial (all of them,
    or what was remanded); on appeal one per accused per offence finally judged below."""
    last = _last_verdicts(case)
    rows = []
    for p in parties:
        if p.party.role != PartyRole.ACCUSED or p.party.accused_status in TRIED_SEPARATELY:
            continue
        for o in case.offences.all():
            lower = last.get((p.party.pk, o.pk))
            remanded = lower is not None and lower.outcome == VerdictOutcome.REMANDED
            key = f"{p.party.pk}_{o.pk}"
            if case.stage != Stage.APPEAL and (lower is None or remanded):
                rows.append(VerdictRow(p, o, key))
            elif case.stage == Stage.APPEAL and lower is not None and not remanded:
                rows.append(VerdictRow(p, o, key, _lower_text(lower)))
    return rows


def _verdicts(rows: list[VerdictRow], data: dict[str, Any]) -> list[VerdictInput]:
    return [
        VerdictInput(
            accused_party_id=row.accused.party.pk,
            statute_code=row.offence.statute.code,
            outcome=str(data[f"outcome_{row.key}"]),
            basis=data[f"basis_{row.key}"],
            sentence_kind=data[f"kind_{row.key}"],
            sentence_years=data[f"years_{row.key}"],
            sentence_months=data[f"months_{row.key}"],
            fine_amount=data[f"fine_{row.key}"],
            fine_currency=data[f"fineccy_{row.key}"],
            compensation_amount=data[f"comp_{row.key}"],
            compensation_currency=data[f"compccy_{row.key}"],
        )
        for row in rows
        if data[f"outcome_{row.key}"]
    ]


FIELDS_PER_ROW = (
    "outcome",
    "basis",
    "kind",
    "years",
    "months",
    "fine",
    "fineccy",
    "comp",
    "compccy",
)


@login_required
def judgment_add(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    case = _case_for_writing(request, case_id)
    parties = party_views(user, case)
    rows = verdict_rows(parties, case)
    pairs = [(r.accused.party.pk, r.offence.pk) for r in rows]
    initial = {"expected_version": case.version, "court": case.court_id}
    on_appeal = case.stage == Stage.APPEAL
    form = JudgmentForm(request.POST or None, pairs=pairs, on_appeal=on_appeal, initial=initial)
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
        "rows": [(r, {n: form[f"{n}_{r.key}"] for n in FIELDS_PER_ROW}) for r in rows],
        "separately": [p for p in parties if p.party.accused_status in TRIED_SEPARATELY],
        "at_trial": case.stage in (Stage.TRIAL, Stage.APPEAL),
        "on_appeal": on_appeal,
    }
    return render(request, "web/judgment_form.html", context)
