"""The caseworker's writes on a referral page: plans, follow-ups, risk, notes, stays."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from htms.protection.access import referral_get_for_user
from htms.protection.forms import (
    AdmitForm,
    CourtForm,
    DischargeForm,
    FollowUpForm,
    NoteForm,
    PlanForm,
    RiskForm,
)
from htms.protection.services.care import (
    PlanInput,
    case_note_add,
    follow_up_add,
    risk_assess,
    support_plan_add,
)
from htms.protection.services.referrals import referral_court_record
from htms.protection.services.stays import stay_admit, stay_discharge
from htms.protection.views.referrals import render_referral
from htms.web.views.common import current_user, run_service

Write = Callable[[Any, int, dict[str, Any]], object]

WRITES: dict[str, tuple[str, type[forms.Form], Write]] = {
    "plan": ("plan_form", PlanForm, lambda u, r, d: support_plan_add(
        actor=u, referral_id=r, data=PlanInput(**d))),
    "follow_up": ("follow_up_form", FollowUpForm, lambda u, r, d: follow_up_add(
        actor=u, referral_id=r, **d)),
    "risk": ("risk_form", RiskForm, lambda u, r, d: risk_assess(actor=u, referral_id=r, **d)),
    "note": ("note_form", NoteForm, lambda u, r, d: case_note_add(actor=u, referral_id=r, **d)),
    "admit": ("admit_form", AdmitForm, lambda u, r, d: stay_admit(actor=u, referral_id=r, **d)),
    "discharge": ("discharge_form", DischargeForm, lambda u, r, d: stay_discharge(
        actor=u, referral_id=r, **d)),
    "court": ("court_form", CourtForm, lambda u, r, d: referral_court_record(
        actor=u, referral_id=r, measures=d["court_measures"],
        compensation_ordered=d["compensation_ordered"], compensation_paid=d["compensation_paid"])),
}  # fmt: skip


@login_required
@require_POST
def referral_write(request: HttpRequest, referral_id: int, what: str) -> HttpResponse:
    """One of the caseworker's records, written through its service; errors on its form."""
    user = current_user(request)
    referral = referral_get_for_user(user=user, referral_id=referral_id)
    if what not in WRITES:
        raise Http404("No such record.")
    form_name, form_class, write = WRITES[what]
    form = form_class(request.POST)
    if form.is_valid():
        done = run_service(form, lambda: write(user, referral.pk, form.cleaned_data))
        if done is not None:
            return redirect("protection_referral", referral_id=referral.pk)
    return render_referral(request, referral, status=400, **{form_name: form})
