"""Referral pages: the list, proposing one (from a case's victim, a border screening, a call or
a walk-in), the referral's own page and its moves."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from htms.accounts.models import User
from htms.audit.models import AuditObject
from htms.audit.services import audit_list, audit_view
from htms.persons.presenters import identity_view
from htms.protection.access import referral_get_for_user, referral_refers, referral_serves
from htms.protection.forms import (
    CALLED_FIELDS,
    AdmitForm,
    CourtForm,
    DischargeForm,
    FollowUpForm,
    MoveForm,
    NoteForm,
    PlanForm,
    ReferralForm,
    RiskForm,
    WithdrawForm,
)
from htms.protection.models import Referral, ReferralSource, ReferralState, Return
from htms.protection.presenters import referral_care, referral_person_view, referral_rows
from htms.protection.selectors import referral_list
from htms.protection.services.care import WORKING
from htms.protection.services.referrals import (
    NEEDS_A_REASON,
    ReferralInput,
    called_person,
    referral_consent_withdraw,
    referral_move,
    referral_moves,
    referral_origin,
    referral_propose,
    referral_sides,
)
from htms.web.views.common import current_user, run_service

LIST_ROWS = 200


@login_required
def referrals(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not (referral_refers(user) or referral_serves(user)):
        raise PermissionDenied()
    state = request.GET.get("state", "")
    state = state if state in ReferralState.values else ""
    rows = list(referral_list(user=user, state=state)[:LIST_ROWS])
    audit_list(
        actor=user, object_type=AuditObject.PROTECTION_REFERRAL_LIST, object_id="page",
        ids=[r.pk for r in rows], state=state,
    )  # fmt: skip
    context = {
        "rows": referral_rows(user, rows), "state": state,
        "states": ReferralState.choices,
    }  # fmt: skip
    return render(request, "protection/referrals.html", context)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _draft(request: HttpRequest) -> ReferralInput:
    """Where the referral comes from, as the query string says."""
    source = request.GET.get("source", "")
    return ReferralInput(
        source=source if source in ReferralSource.values else ReferralSource.WALK_IN,
        organisation_id=None, service="", consent_by="",
        person_id=_int(request.GET.get("person")), case_id=_int(request.GET.get("case")),
        event_id=_int(request.GET.get("event")), call_id=_int(request.GET.get("call")),
    )  # fmt: skip


def _filled(draft: ReferralInput, data: dict[str, Any]) -> ReferralInput:
    draft.organisation_id = data["organisation"].pk
    draft.service, draft.consent_by = data["service"], data["consent_by"]
    draft.shared_fields, draft.consent_note = data["shared_fields"], data["consent_note"]
    draft.reason, draft.send = data["reason"], data["send"]
    if draft.source == ReferralSource.HELPLINE:
        draft.called = called_person(
            full_name=data["full_name"], sex=data["sex"], birth_year=data["birth_year"]
        )
    return draft


@login_required
def referral_new(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not referral_refers(user):
        raise PermissionDenied()
    draft = _draft(request)
    try:
        origin = referral_origin(user, draft)
    except ValidationError as exc:  # the source itself is refused: no form to show
        refused = {"errors": exc.messages}
        return render(request, "protection/referral_refused.html", refused, status=400)
    form = ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call = lambda: referral_propose(actor=user, data=_filled(draft, form.cleaned_data))  # noqa: E731
        done = run_service(form, call, {"organisation_id": "organisation"})
        if done is not None:
            return redirect("protection_referral", referral_id=done.pk)
    context = {
        "form": form, "minor": origin.minor, "source": ReferralSource(draft.source),
        "person": None if origin.call else identity_view(user, origin.person),
        "call": origin.call,
        "called_fields": CALLED_FIELDS,
    }  # fmt: skip
    return render(
        request, "protection/referral_new.html", context, status=400 if form.errors else 200
    )


def referral_context(user: User, referral: Referral, **forms: Any) -> dict[str, Any]:
    """Everything the referral page shows ``user``; the organisation's records only to its
    caseworkers (``referral_care``)."""
    sides = referral_sides(user, referral)
    care = referral_care(user, referral)
    context: dict[str, Any] = {
        "referral": referral, "person": referral_person_view(user, referral),
        "moves": [
            (s, ReferralState(s).label, s in NEEDS_A_REASON) for s in referral_moves(user, referral)
        ],
        "is_server": care.is_server, "working": care.working, "may_withdraw": bool(sides),
        "stays": care.stays, "open_stay": care.open_stay, "follow_ups": care.follow_ups,
        "version": referral.version,
        "return_record": Return.objects.filter(referral=referral).first(),
        "may_open_return": "server" in sides and referral.state in WORKING,
    }  # fmt: skip
    if care.is_server:
        context |= {
            "plans": care.plans, "risks": care.risks, "notes": care.notes,
            "hearings": care.hearings,
        }  # fmt: skip
    blank = {
        "plan_form": PlanForm(), "follow_up_form": FollowUpForm(), "risk_form": RiskForm(),
        "note_form": NoteForm(), "admit_form": AdmitForm(), "discharge_form": DischargeForm(),
        "withdraw_form": WithdrawForm(),
        "court_form": CourtForm(initial={
            "court_measures": referral.court_measures,
            "compensation_ordered": referral.compensation_ordered,
            "compensation_paid": referral.compensation_paid,
        }),
    }  # fmt: skip
    return context | blank | forms


def render_referral(
    request: HttpRequest, referral: Referral, status: int = 200, **forms: Any
) -> HttpResponse:
    user = current_user(request)
    context = referral_context(user, referral, **forms)
    notes = [n.pk for n in context.get("notes", [])]
    audit_view(actor=user, object_type=AuditObject.PROTECTION_REFERRAL, object_id=referral.pk)
    if notes:
        audit_list(
            actor=user, object_type=AuditObject.CASE_NOTE, object_id=str(referral.pk), ids=notes
        )
    return render(request, "protection/referral.html", context, status=status)


@login_required
def referral_page(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = referral_get_for_user(user=current_user(request), referral_id=referral_id)
    return render_referral(request, referral)


@login_required
@require_POST
def referral_move_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = current_user(request)
    referral = referral_get_for_user(user=user, referral_id=referral_id)
    form = MoveForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        call = lambda: referral_move(  # noqa: E731
            actor=user, referral_id=referral.pk, to_state=d["to_state"], reason=d["reason"],
            expected_version=d["version"],
        )  # fmt: skip
        if run_service(form, call, {"state": "reason"}) is not None:
            messages.success(request, _("Saved."))
            return redirect("protection_referral", referral_id=referral.pk)
    return render_referral(request, referral, status=400, move_form=form)


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = current_user(request)
    referral = referral_get_for_user(user=user, referral_id=referral_id)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        call = lambda: referral_consent_withdraw(  # noqa: E731
            actor=user, referral_id=referral.pk, note=form.cleaned_data["note"]
        )
        if run_service(form, call, {"consent": "note"}) is not None:
            return redirect("protection_referral", referral_id=referral.pk)
    return render_referral(request, referral, status=400, withdraw_form=form)
