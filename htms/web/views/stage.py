"""Moving a case on, with a confirmation step, and the circle in-charge's approval queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from htms.accounts.models import Role
from htms.audit.models import AuditObject
from htms.audit.services import audit_list
from htms.cases.access import case_get_for_user, case_queryset_for_user
from htms.cases.models import Stage, StageChange, TransitionStatus
from htms.cases.selectors import pending_approvals
from htms.cases.services.lifecycle import (
    NEEDS_APPROVAL,
    TRANSITIONS,
    case_decide_stage_change,
    case_request_stage,
)
from htms.common.errors import StaleEditError
from htms.web.forms.actions import DecisionForm, StageForm
from htms.web.views.common import current_user, error_dict, run_service


@login_required
def case_stage(request: HttpRequest, case_id: int, to_stage: str) -> HttpResponse:
    user = current_user(request)
    case = case_get_for_user(user=user, case_id=case_id, write=True)
    if to_stage not in Stage.values:
        raise Http404("No such stage.")
    form = StageForm(
        request.POST or None, to_stage=to_stage, initial={"expected_version": case.version}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        court = data.get("court")
        change = run_service(
            form,
            lambda: case_request_stage(
                actor=user,
                case_id=case.pk,
                expected_version=data["expected_version"],
                to_stage=to_stage,
                closure_reason=data.get("closure_reason", ""),
                court_id=court.pk if court else None,
                note=data["note"],
            ),
            field_for={"to_stage": ""},
        )
        if change is not None:
            if change.status == TransitionStatus.PENDING:
                messages.success(request, _("Sent to the circle in-charge for approval."))
            else:
                messages.success(request, _("The case moved to “%s”.") % Stage(to_stage).label)
            return redirect("case_detail", case.pk)
    context = {
        "case": case,
        "to_stage": Stage(to_stage),
        "allowed": to_stage in TRANSITIONS[case.stage],
        "needs_approval": to_stage in NEEDS_APPROVAL and user.role != Role.CIRCLE_INCHARGE,
        "form": form,
    }
    return render(request, "web/stage_confirm.html", context)


@login_required
def approval_queue(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    changes = list(
        pending_approvals(user=user).select_related("case__unit").order_by("requested_at")
    )
    audit_list(
        actor=user,
        object_type=AuditObject.APPROVAL_LIST,
        object_id="page",
        ids=[change.pk for change in changes],
        cases=[change.case_id for change in changes],
    )
    context = {"changes": changes, "approves": user.role == Role.CIRCLE_INCHARGE}
    return render(request, "web/approvals.html", context)


def _visible_change(request: HttpRequest, change_id: int) -> StageChange:
    user = current_user(request)
    change = StageChange.objects.filter(pk=change_id, case__in=case_queryset_for_user(user)).first()
    if change is None:
        raise Http404("No such request.")
    return change


@login_required
@require_POST
def approval_decide(request: HttpRequest, change_id: int) -> HttpResponse:
    change = _visible_change(request, change_id)
    form = DecisionForm(request.POST)
    if change.status != TransitionStatus.PENDING:
        messages.info(request, _("This request was already decided."))
    elif form.is_valid():
        _decide(request, change, form)
    else:
        messages.error(request, _("Choose approve or reject."))
    return redirect("approvals")


def _decide(request: HttpRequest, change: StageChange, form: DecisionForm) -> None:
    approve = form.cleaned_data["decision"] == "approve"
    reference = change.case.reference
    try:
        case_decide_stage_change(
            actor=current_user(request),
            change_id=change.pk,
            approve=approve,
            note=form.cleaned_data["note"],
        )
    except StaleEditError as exc:
        messages.error(request, f"{reference}: {exc}")
        return
    except ValidationError as exc:
        problems = " ".join(m for ms in error_dict(exc).values() for m in ms)
        why = {"ref": reference, "why": problems}
        messages.error(request, _("%(ref)s was not approved: %(why)s") % why)
        return
    if approve:
        messages.success(request, _("%s: approved.") % reference)
    else:
        messages.success(request, _("%s: rejected.") % reference)
