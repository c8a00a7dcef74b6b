"""Moving a case through its stages, with the rules of each step.

Challans and closure wait for the circle in-charge; an in-charge's own request is applied at
once. Every rule is checked again when the request is approved.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from htms.accounts.models import Role, User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.cases.access import case_get_for_user, case_may_approve
from htms.cases.models import (
    AccusedStatus,
    Case,
    CaseParty,
    ClosureReason,
    PartyRole,
    Stage,
    StageChange,
    TransitionStatus,
)
from htms.cases.services.effective import effective_date_check, effective_date_or_today
from htms.common.errors import NotAllowedError
from htms.common.versioning import lock_at_version
from htms.reference.models import Court

TRANSITIONS: dict[str, frozenset[str]] = {
    Stage.ENQUIRY: frozenset({Stage.FIR, Stage.CLOSED}),
    Stage.FIR: frozenset({Stage.INVESTIGATION, Stage.CLOSED}),
    Stage.INVESTIGATION: frozenset({Stage.INTERIM_CHALLAN, Stage.FINAL_CHALLAN, Stage.CLOSED}),
    Stage.INTERIM_CHALLAN: frozenset({Stage.FINAL_CHALLAN, Stage.CLOSED}),
    Stage.FINAL_CHALLAN: frozenset({Stage.TRIAL}),
    Stage.TRIAL: frozenset(),  # judgment is recorded with case_record_judgment
    Stage.JUDGMENT: frozenset({Stage.APPEAL, Stage.CLOSED}),
    Stage.APPEAL: frozenset({Stage.CLOSED}),  # the appeal's judgment: case_record_judgment
    Stage.CLOSED: frozenset(),
}
NEEDS_APPROVAL = frozenset({Stage.INTERIM_CHALLAN, Stage.FINAL_CHALLAN, Stage.CLOSED})
CHALLAN_STATUSES = frozenset(
    {AccusedStatus.ARRESTED, AccusedStatus.ON_BAIL, AccusedStatus.PROCLAIMED}
)

NOT_NEXT_STAGE = _("A case at “%(current)s” cannot move to “%(target)s”.")
CHALLAN_NEEDS_ACCUSED = _(
    "A challan needs at least one accused who is arrested, on bail or a proclaimed offender."
)
TRIAL_NEEDS_COURT = _("Name the court that tries the case.")
CLOSURE_NEEDS_REASON = _("Give the reason for closing the case.")
FIR_NEEDS_DETAILS = _("Record the FIR number, date and police station before moving to FIR.")
ALREADY_PENDING = _("This case already has a stage change waiting for approval.")
CHALLAN_NEEDS_NUMBER = _("Give the challan's number.")
CHALLAN_NEEDS_COURT = _("Name the court the challan is filed in.")
DECLINE_NEEDS_REASON = _("Say why the request is declined: the officer who asked will read it.")
CHALLAN_STAGES = frozenset({Stage.INTERIM_CHALLAN, Stage.FINAL_CHALLAN})


def _check_guards(case: Case, to_stage: str, closure_reason: str) -> None:
    if to_stage not in TRANSITIONS[case.stage]:
        raise ValidationError(
            {
                "to_stage": NOT_NEXT_STAGE
                % {"current": Stage(case.stage).label, "target": Stage(to_stage).label}
            }
        )
    if to_stage == Stage.FIR and not (case.fir_number and case.fir_date and case.police_station):
        raise ValidationError({"to_stage": str(FIR_NEEDS_DETAILS)})
    if (
        to_stage in (Stage.INTERIM_CHALLAN, Stage.FINAL_CHALLAN)
        and not CaseParty.objects.filter(
            case=case, role=PartyRole.ACCUSED, accused_status__in=CHALLAN_STATUSES
        ).exists()
    ):
        raise ValidationError({"to_stage": str(CHALLAN_NEEDS_ACCUSED)})
    if to_stage == Stage.TRIAL and case.court_id is None:
        raise ValidationError({"court": str(TRIAL_NEEDS_COURT)})
    if to_stage == Stage.CLOSED and closure_reason not in ClosureReason.values:
        raise ValidationError({"closure_reason": str(CLOSURE_NEEDS_REASON)})


def _check_challan(to_stage: str, challan_number: str, court: Court | None) -> None:
    if to_stage not in CHALLAN_STAGES:
        return
    if not challan_number.strip():
        raise ValidationError({"challan_number": str(CHALLAN_NEEDS_NUMBER)})
    if court is None:
        raise ValidationError({"court": str(CHALLAN_NEEDS_COURT)})


def _court_or_none(court_id: int | None) -> Court | None:
    if court_id is None:
        return None
    court = Court.objects.filter(pk=court_id).first()
    if court is None:
        raise ValidationError({"court": _("Unknown court.")})
    return court


def _apply(case: Case, change: StageChange, *, actor: User) -> None:
    old = case.stage
    case.stage = change.to_stage
    fields = ["stage", "version"]
    if change.court_id is not None:
        case.court_id = change.court_id
        fields.append("court")
    if change.to_stage == Stage.CLOSED:
        case.closure_reason = change.closure_reason
        fields.append("closure_reason")
    case.save(update_fields=fields)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.CASE,
        object_id=case.pk,
        changes={
            "stage": {"old": old, "new": case.stage},
            "stage_change": change.pk,
            "closure_reason": change.closure_reason,
            "effective_on": change.effective_on,
        },
    )


@transaction.atomic
def case_request_stage(
    *,
    actor: User,
    case_id: int,
    expected_version: int,
    to_stage: str,
    closure_reason: str = "",
    court_id: int | None = None,
    note: str = "",
    effective_on: date | None = None,
    backdate_reason: str = "",
    challan_number: str = "",
) -> StageChange:
    """Asks to move a case on, as of ``effective_on`` (today if not given). Writers of the
    case's unit. Applied at once unless the step needs approval and the actor is not the
    circle in-charge. A challan names its number and court; the step to trial its court."""
    case_get_for_user(user=actor, case_id=case_id, write=True)
    case = lock_at_version(Case, pk=case_id, expected_version=expected_version)
    if StageChange.objects.filter(case=case, status=TransitionStatus.PENDING).exists():
        raise ValidationError({"to_stage": str(ALREADY_PENDING)})
    if to_stage not in Stage.values:
        raise ValidationError({"to_stage": _("Unknown stage.")})
    court = _court_or_none(court_id)
    if to_stage == Stage.TRIAL and court is not None:
        case.court = court
    _check_guards(case, to_stage, closure_reason)
    _check_challan(to_stage, challan_number, court)
    day = effective_date_or_today(effective_on)
    effective_date_check(case=case, day=day, backdate_reason=backdate_reason, field="effective_on")
    change = _create_change(
        case,
        actor=actor,
        to_stage=to_stage,
        closure_reason=closure_reason,
        court=court,
        note=note,
        effective_on=day,
        backdate_reason=backdate_reason,
        challan_number=challan_number,
    )
    case.save(update_fields=["court", "version"])
    if change.status == TransitionStatus.APPROVED:
        _apply(case, change, actor=actor)
    else:
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            object_type=AuditObject.STAGE_CHANGE,
            object_id=change.pk,
            changes={
                "case": case.pk,
                "to_stage": to_stage,
                "effective_on": day,
                "backdate_reason": change.backdate_reason,
                "challan_number": change.challan_number,
                "court": change.court_id,
            },
        )
    return change


def _create_change(
    case: Case,
    *,
    actor: User,
    to_stage: str,
    court: Court | None,
    note: str,
    effective_on: date,
    backdate_reason: str,
    challan_number: str,
    closure_reason: str,
) -> StageChange:
    now = timezone.now()
    immediate = to_stage not in NEEDS_APPROVAL or actor.role == Role.CIRCLE_INCHARGE
    return StageChange.objects.create(
        case=case,
        from_stage=case.stage,
        to_stage=to_stage,
        closure_reason=closure_reason,
        note=note.strip(),
        effective_on=effective_on,
        backdate_reason=backdate_reason.strip(),
        challan_number=challan_number.strip() if to_stage in CHALLAN_STAGES else "",
        court=court if to_stage in CHALLAN_STAGES | {Stage.TRIAL} else None,
        requested_by=actor,
        requested_at=now,
        status=TransitionStatus.APPROVED if immediate else TransitionStatus.PENDING,
        decided_by=actor if immediate else None,
        decided_at=now if immediate else None,
    )


@transaction.atomic
def case_decide_stage_change(
    *, actor: User, change_id: int, approve: bool, note: str = "", reason: str = ""
) -> StageChange:
    """Approves or declines a pending challan or closure. Circle in-charge of the case's unit.

    Approval applies the step as of the effective date the officer asked for; declining needs
    a ``reason``, kept on the stage change and shown on the case's timeline."""
    change = (
        StageChange.objects.select_for_update()
        .select_related("case")
        .get(pk=change_id, status=TransitionStatus.PENDING)
    )
    case = case_get_for_user(user=actor, case_id=change.case_id)
    if not case_may_approve(actor, case):
        raise NotAllowedError(_("Only the circle in-charge approves challans and closures."))
    if not approve and not reason.strip():
        raise ValidationError({"reason": str(DECLINE_NEEDS_REASON)})
    case = lock_at_version(Case, pk=case.pk, expected_version=case.version)
    if approve:
        _check_guards(case, change.to_stage, change.closure_reason)
    change.status = TransitionStatus.APPROVED if approve else TransitionStatus.REJECTED
    change.decided_by, change.decided_at = actor, timezone.now()
    change.note = "\n".join(filter(None, [change.note, note.strip()]))
    change.decline_reason = "" if approve else reason.strip()
    change.save(update_fields=["status", "decided_by", "decided_at", "note", "decline_reason"])
    if approve:
        _apply(case, change, actor=actor)
    else:
        case.save(update_fields=["version"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type=AuditObject.STAGE_CHANGE,
            object_id=change.pk,
            changes={
                "status": {"old": "pending", "new": "rejected"},
                "decline_reason": change.decline_reason,
            },
        )
    return change
