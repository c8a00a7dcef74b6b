"""The caseworker's writes on a referral page (plans, follow-ups, risk, notes, stays), and the
pages that end a support plan and mark a follow-up done."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from htms.audit.models import AuditObject
from htms.audit.services import audit_view
from htms.protection.access import referral_get_for_user, referral_is_server
from htms.protection.forms import (
    AdmitForm,
    CourtForm,
    DischargeForm,
    FollowUpDoneForm,
    FollowUpForm,
    NoteForm,
    PlanEndForm,
    PlanForm,
    RiskForm,
)
from htms.protection.models import FollowUp, SupportPlan
from htms.protection.services.care import (
    PlanInput,
    case_note_add,
    follow_up_add,
    follow_up_done,
    risk_assess,
    support_plan_add,
    support_plan_end,
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


CLOSES: dict[str, tuple[type[SupportPlan | FollowUp], type[forms.Form], Write, AuditObject]] = {
    "plan": (SupportPlan, PlanEndForm, lambda u, pk, d: support_plan_end(
        actor=u, plan_id=pk, ended_on=d["actual_end"], outcome=d["outcome"]),
        AuditObject.SUPPORT_PLAN),
    "follow_up": (FollowUp, FollowUpDoneForm, lambda u, pk, d: follow_up_done(
        actor=u, follow_up_id=pk, **d), AuditObject.FOLLOW_UP),
}  # fmt: skip


@login_required
def record_close(request: HttpRequest, record_id: int, what: str) -> HttpResponse:
    """Ends a support plan or marks a follow-up done: the organisation's caseworkers only; for
    everyone else the record does not exist (404)."""
    user = current_user(request)
    model, form_class, write, object_type = CLOSES[what]
    record = model.objects.filter(pk=record_id).first()
    referral = referral_get_for_user(user=user, referral_id=record.referral_id if record else 0)
    if record is None or not referral_is_server(user, referral):
        raise Http404("No such record.")
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_service(form, lambda: write(user, record.pk, form.cleaned_data))
        if done is not None:
            messages.success(request, _("Saved."))
            return redirect("protection_referral", referral_id=referral.pk)
    audit_view(actor=user, object_type=object_type, object_id=record.pk)
    context = {"form": form, "what": what, "record": record, "referral": referral}
    return render(
        request, "protection/record_close.html", context, status=400 if form.errors else 200
    )
