"""The circle in-charge's approval queue: each request with what the case holds, approval
confirmed on a page of its own, a decline only with a reason."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from htms.accounts.models import Role, User
from htms.audit.models import AuditObject
from htms.audit.services import audit_list, audit_view
from htms.cases.access import approval_get_for_user, case_may_approve
from htms.cases.models import (
    CaseParty,
    Offence,
    PartyRole,
    StageChange,
    TransitionStatus,
    crime_types_in,
)
from htms.cases.selectors import pending_approvals
from htms.cases.services.lifecycle import DECLINE_NEEDS_REASON, case_decide_stage_change
from htms.common.errors import NotAllowedError, StaleEditError
from htms.persons.access import identity_visibility
from htms.reference.models import CrimeType
from htms.web.forms.actions import DecisionForm
from htms.web.models import CaseDocument
from htms.web.views.common import current_user, error_dict


@dataclass(frozen=True)
class ApprovalCard:
    change: StageChange
    crime_types: list[str]
    offences: list[Offence]
    accused: list[tuple[str, str]]  # name the viewer may see, status
    documents: list[CaseDocument]


def _with_case_facts(changes: QuerySet[StageChange]) -> QuerySet[StageChange]:
    accused = CaseParty.objects.filter(role=PartyRole.ACCUSED).select_related("person")
    return changes.select_related("case__unit", "court", "requested_by").prefetch_related(
        Prefetch("case__offences", queryset=Offence.objects.select_related("statute")),
        Prefetch("case__parties", queryset=accused, to_attr="accused_parties"),
        Prefetch("case__documents", queryset=CaseDocument.objects.order_by("date", "id")),
    )


def approval_cards(user: User, changes: list[StageChange]) -> list[ApprovalCard]:
    """One card per request; an accused whose identity the user may not see (someone also
    protected elsewhere) appears under the pseudonym."""
    parties = [p for c in changes for p in c.case.accused_parties]  # type: ignore[attr-defined]
    visible = identity_visibility(user, [p.person_id for p in parties])
    return [
        ApprovalCard(
            change=c,
            crime_types=[str(CrimeType(code).label) for code in crime_types_in(c.case.crime_mask)],
            offences=list(c.case.offences.all()),
            accused=[
                (
                    p.person.full_name if visible[p.person_id] else p.person.pseudonym,
                    p.get_accused_status_display(),
                )
                for p in c.case.accused_parties  # type: ignore[attr-defined]
            ],
            documents=list(c.case.documents.all()),
        )
        for c in changes
    ]


@login_required
def approval_queue(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    changes = list(_with_case_facts(pending_approvals(user=user)).order_by("requested_at"))
    audit_list(
        actor=user,
        object_type=AuditObject.APPROVAL_LIST,
        object_id="page",
        ids=[change.pk for change in changes],
        cases=[change.case_id for change in changes],
    )
    context = {
        "cards": approval_cards(user, changes),
        "approves": user.role == Role.CIRCLE_INCHARGE,
    }
    return render(request, "web/approvals.html", context)


def _decision_page(request: HttpRequest, change: StageChange, form: DecisionForm) -> HttpResponse:
    user = current_user(request)
    change = _with_case_facts(StageChange.objects.filter(pk=change.pk)).get()
    audit_view(actor=user, object_type=AuditObject.STAGE_CHANGE, object_id=change.pk)
    context = {"card": approval_cards(user, [change])[0], "form": form}
    return render(request, "web/approval_decide.html", context)


@login_required
def approval_decide(request: HttpRequest, change_id: int) -> HttpResponse:
    """GET: the request and the case, with a confirmed approve and a decline with a reason.
    POST: the decision; an approval not yet confirmed comes back to this page."""
    change = approval_get_for_user(user=current_user(request), change_id=change_id)
    if not case_may_approve(current_user(request), change.case):
        raise NotAllowedError(_("Only the circle in-charge approves challans and closures."))
    if change.status != TransitionStatus.PENDING:
        messages.info(request, _("This request was already decided."))
        return redirect("approvals")
    form = DecisionForm(request.POST or None)
    if request.method != "POST":
        return _decision_page(request, change, form)
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject."))
        return redirect("approvals")
    data = form.cleaned_data
    if data["decision"] == "approve" and not data["confirmed"]:
        return redirect("approval_decide", change.pk)
    if data["decision"] == "reject" and not data["reason"].strip():
        form.add_error("reason", str(DECLINE_NEEDS_REASON))
        return _decision_page(request, change, form)
    _decide(request, change, form)
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
            reason=form.cleaned_data["reason"],
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
