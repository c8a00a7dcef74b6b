"""The case page: facts, a dated timeline, parties, offences, route, documents, the actions
the user may take, and the audit trail for those who oversee the case."""

import json
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from htms.accounts.models import User
from htms.audit.models import AuditEvent, AuditObject
from htms.audit.services import audit_view
from htms.cases.access import case_may_write
from htms.cases.audit_access import case_audit_visible
from htms.cases.models import AccusedStatus, Case, Stage, StageChange, TransitionStatus
from htms.cases.selectors import case_detail
from htms.cases.services.court import COURT_STAGES
from htms.cases.services.lifecycle import NEEDS_APPROVAL, TRANSITIONS
from htms.common.sealing import opened_values
from htms.helpline.selectors import calls_of_case
from htms.web.presenters import case_timeline_for, party_views
from htms.web.selectors import case_audit_trail, case_documents
from htms.web.views.common import current_user

STAGE_ORDER = [code for code, _label in Stage.choices]


@dataclass(frozen=True)
class StageAction:
    stage: str
    label: str
    needs_approval: bool


@dataclass(frozen=True)
class AuditRow:
    event: AuditEvent
    summary: str


def next_stage_actions(case: Case) -> list[StageAction]:
    """The stages the case may move to next, in lifecycle order."""
    return [
        StageAction(stage, str(Stage(stage).label), stage in NEEDS_APPROVAL)
        for stage in sorted(TRANSITIONS[case.stage], key=STAGE_ORDER.index)
    ]


def pending_change(case: Case) -> StageChange | None:
    return next((c for c in case.stage_changes.all() if c.status == TransitionStatus.PENDING), None)


def _audit_rows(user: User, case: Case) -> list[AuditRow] | None:
    if not case_audit_visible(user, case):
        return None
    return [
        AuditRow(e, json.dumps(opened_values(e.changes), ensure_ascii=False, sort_keys=True)[:400])
        for e in case_audit_trail(user=user, case=case)
    ]


def _write_context(case: Case) -> dict[str, Any]:
    pending = pending_change(case)
    return {
        "pending": pending,
        "next_stages": [] if pending else next_stage_actions(case),
        "may_record_hearing": case.stage in COURT_STAGES,
        "may_record_judgment": case.stage in (Stage.TRIAL, Stage.APPEAL),
        "accused_statuses": AccusedStatus.choices,
    }


@login_required
def case_page(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    case = case_detail(user=user, case_id=case_id)
    audit_view(actor=user, object_type=AuditObject.CASE, object_id=case.pk)
    parties = party_views(user, case)
    documents = list(case_documents(case=case))
    may_write = case_may_write(user, case)
    context: dict[str, Any] = {
        "case": case,
        "parties": parties,
        "may_write": may_write,
        "crime_types": sorted({o.statute.get_crime_type_display() for o in case.offences.all()}),
        "timeline": case_timeline_for(case, parties=parties, documents=documents),
        "documents": documents,
        "audit_rows": _audit_rows(user, case),
        "helpline_calls": calls_of_case(user=user, case=case),
    }
    if may_write:
        context.update(_write_context(case))
    return render(request, "web/case_detail.html", context)
