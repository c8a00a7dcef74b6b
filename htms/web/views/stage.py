"""Moving a case on, with a confirmation step, and the circle in-charge's approval queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from htms.accounts.models import Role
from htms.cases.access import case_get_for_user
from htms.cases.models import Stage, TransitionStatus
from htms.cases.services.lifecycle import (
    NEEDS_APPROVAL,
    TRANSITIONS,
    case_request_stage,
)
from htms.web.forms.actions import StageForm
from htms.web.views.common import current_user, run_service


@login_required
def case_stage(request: HttpRequest, case_id: int, to_stage: str) -> HttpResponse:
    user = current_user(request)
    case = case_get_for_user(user=user, case_id=case_id, write=True)
    if to_stage not in Stage.values:
        raise Http404("No such stage.")
    initial = {"expected_version": case.version, "effective_on": timezone.localdate()}
    form = StageForm(request.POST or None, to_stage=to_stage, initial=initial)
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
                effective_on=data["effective_on"],
                backdate_reason=data["backdate_reason"],
                challan_number=data.get("challan_number", ""),
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
