"""Return pages: opening a return on a referral, the return's own page with its writes, and
the page that marks a reintegration follow-up done. Whoever may see the referral sees its
return; everyone else gets 404."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from htms.accounts.models import User
from htms.audit.models import AuditObject
from htms.audit.services import audit_view
from htms.protection.access import referral_get_for_user, return_get_for_user
from htms.protection.forms_returns import (
    AssistedReturnForm,
    CloseForm,
    DocumentForm,
    NationalityForm,
    ReintegrationPlanForm,
    ReturnFollowUpDoneForm,
    ReturnOpenForm,
    TracingForm,
    TravelForm,
)
from htms.protection.models import Return, ReturnFollowUp, ReturnKind
from htms.protection.presenters import referral_person_view
from htms.protection.services.reintegration import (
    return_follow_up_done,
    return_plan,
    return_tracing,
)
from htms.protection.services.returns import (
    STEPS,
    ReturnInput,
    return_close,
    return_open,
    return_step,
    return_travel,
    return_writes,
)
from htms.web.views.common import current_user, run_service

Write = Callable[[User, int, dict[str, Any]], object]


def _step(step: str) -> Write:
    return lambda u, pk, d: return_step(
        actor=u, return_id=pk, step=step, state=d["state"], on=d["on"],
        document_kind=d.get("document_kind", ""), expected_version=d["version"],
    )  # fmt: skip


WRITES: dict[str, tuple[type[forms.Form], Write]] = {
    "nationality": (NationalityForm, _step("nationality")),
    "document": (DocumentForm, _step("document")),
    "avr": (AssistedReturnForm, _step("avr")),
    "travel": (TravelForm, lambda u, pk, d: return_travel(
        actor=u, return_id=pk, embassy_id=d["embassy"].pk if d["embassy"] else None,
        departure_planned_on=d["departure_planned_on"], departed_on=d["departed_on"],
        expected_version=d["version"])),
    "close": (CloseForm, lambda u, pk, d: return_close(
        actor=u, return_id=pk, closure=d["closure"], closed_on=d["closed_on"],
        reason=d["reason"], expected_version=d["version"])),
    "tracing": (TracingForm, lambda u, pk, d: return_tracing(
        actor=u, return_id=pk, outcome=d["outcome"], traced_on=d["traced_on"],
        expected_version=d["version"])),
    "plan": (ReintegrationPlanForm, lambda u, pk, d: return_plan(
        actor=u, return_id=pk, plan=d["plan"], expected_version=d["version"])),
}  # fmt: skip
FIELD_FOR = {"on": "on", "embassy_id": "embassy", "country_id": "country"}
FOREIGN_WRITES = ("nationality", "document", "avr", "travel", "close")
RETURNEE_WRITES = ("tracing", "plan")


@dataclass(frozen=True)
class StepRow:
    what: str
    label: str
    state: str
    requested_on: date | None
    answered_on: date | None


STEP_LABELS = {
    "nationality": _("Nationality verification"),
    "document": _("Travel document"),
    "avr": _("IOM assisted voluntary return"),
}


def _step_rows(record: Return) -> list[StepRow]:
    rows = []
    for what, step in STEPS.items():
        state = getattr(record, f"{step.prefix}_state")
        rows.append(StepRow(
            what, str(STEP_LABELS[what]), str(step.states(state).label) if state else "",
            getattr(record, f"{step.prefix}_requested_on"),
            getattr(record, f"{step.prefix}_answered_on"),
        ))  # fmt: skip
    return rows


def _blank_forms(record: Return) -> dict[str, forms.Form]:
    version = {"version": record.version}
    names = FOREIGN_WRITES if record.kind == ReturnKind.FOREIGN else RETURNEE_WRITES
    travel = {
        "embassy": record.embassy_id, "departure_planned_on": record.departure_planned_on,
        "departed_on": record.departed_on,
    }  # fmt: skip
    initial = {"travel": travel, "plan": {"plan": record.reintegration_plan}}
    return {
        f"{name}_form": WRITES[name][0](initial=version | initial.get(name, {})) for name in names
    }


def render_return(
    request: HttpRequest, record: Return, status: int = 200, **given: forms.Form
) -> HttpResponse:
    """The return as ``user`` may see it; the plan and follow-up notes only to its keepers."""
    user = current_user(request)
    keeps = return_writes(user, record.referral)
    context: dict[str, Any] = {
        "record": record, "referral": record.referral, "keeps": keeps,
        "writable": keeps and not record.closure,
        "person": referral_person_view(user, record.referral),
        "steps": _step_rows(record), "today": timezone.localdate(),
        "follow_ups": list(record.follow_ups.all()),
    }  # fmt: skip
    if context["writable"]:
        context |= _blank_forms(record) | given
    audit_view(actor=user, object_type=AuditObject.PROTECTION_RETURN, object_id=record.pk)
    return render(request, "protection/return.html", context, status=status)


@login_required
def return_page(request: HttpRequest, return_id: int) -> HttpResponse:
    return render_return(
        request, return_get_for_user(user=current_user(request), return_id=return_id)
    )


@login_required
@require_POST
def return_write(request: HttpRequest, return_id: int, what: str) -> HttpResponse:
    """One write on the return, through its service; errors on its form."""
    user = current_user(request)
    record = return_get_for_user(user=user, return_id=return_id)
    if what not in WRITES:
        raise Http404("No such record.")
    form_class, write = WRITES[what]
    form = form_class(request.POST)
    call = lambda: write(user, record.pk, form.cleaned_data)  # noqa: E731
    if form.is_valid() and run_service(form, call, FIELD_FOR) is not None:
        messages.success(request, _("Saved."))
        return redirect("protection_return", return_id=record.pk)
    return render_return(request, record, status=400, **{f"{what}_form": form})


@login_required
def return_new(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Opens the return of a referral's person: whoever serves the referral."""
    user = current_user(request)
    referral = referral_get_for_user(user=user, referral_id=referral_id)
    if not return_writes(user, referral):
        raise PermissionDenied()
    form = ReturnOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        data = ReturnInput(
            kind=d["kind"], country_id=d["country"].pk,
            embassy_id=d["embassy"].pk if d["embassy"] else None, returned_on=d["returned_on"],
        )  # fmt: skip
        done = run_service(
            form, lambda: return_open(actor=user, referral_id=referral.pk, data=data), FIELD_FOR
        )
        if done is not None:
            return redirect("protection_return", return_id=done.pk)
    context = {"form": form, "referral": referral, "person": referral_person_view(user, referral)}
    return render(
        request, "protection/return_new.html", context, status=400 if form.errors else 200
    )


@login_required
def follow_up_done(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    """Marks a reintegration follow-up done: the return's keepers only; 404 for anyone who may
    not see the return, 403 for those who only read it."""
    user = current_user(request)
    follow_up = ReturnFollowUp.objects.filter(pk=follow_up_id).first()
    record = return_get_for_user(
        user=user, return_id=follow_up.return_record_id if follow_up else 0
    )
    assert follow_up is not None
    if not return_writes(user, record.referral):
        raise PermissionDenied()
    form = ReturnFollowUpDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call = lambda: return_follow_up_done(  # noqa: E731
            actor=user, follow_up_id=follow_up.pk, **form.cleaned_data
        )
        if run_service(form, call) is not None:
            messages.success(request, _("Saved."))
            return redirect("protection_return", return_id=record.pk)
    audit_view(actor=user, object_type=AuditObject.RETURN_FOLLOW_UP, object_id=follow_up.pk)
    context = {"form": form, "follow_up": follow_up, "record": record}
    return render(
        request, "protection/return_follow_up.html", context, status=400 if form.errors else 200
    )
