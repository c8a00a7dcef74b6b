"""The caseworker's records on a referral: support plans, follow-ups, risk assessments, notes.

Only the organisation's caseworkers write them, on a referral they have accepted (accepted, in
service, or completed: follow-ups go on after the service). Each write is one audit row naming
the referral; the texts themselves are sealed at rest and never copied into the audit log.
"""

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.common.errors import NotAllowedError
from htms.protection.access import referral_get_for_user, referral_is_server
from htms.protection.models import (
    CaseNote,
    FollowUp,
    Referral,
    ReferralState,
    RiskAssessment,
    RiskLevel,
    ServiceType,
    SupportPlan,
)

NOT_ACCEPTED = _("Accept the referral first.")
EMPTY_TEXT = _("Write something.")
BAD_KIND = _("Choose the type of support.")
BAD_LEVEL = _("Choose low, medium or high.")
END_BEFORE_START = _("The end cannot be before the referral.")
NO_DATE = _("Give the date.")
IN_THE_FUTURE = _("This date is in the future.")
PLAN_ENDED = _("This plan has already ended.")
ALREADY_DONE = _("This follow-up is already done.")
Dated = TypeVar("Dated", SupportPlan, FollowUp)
WORKING = frozenset({ReferralState.ACCEPTED, ReferralState.IN_SERVICE, ReferralState.COMPLETED})


def referral_for_caseworker(actor: User, referral_id: int) -> Referral:
    """The referral, if ``actor`` is one of its organisation's caseworkers and it was accepted.
    404 for anyone who may not see it; 403 for the referring unit."""
    referral = referral_get_for_user(user=actor, referral_id=referral_id)
    if not referral_is_server(actor, referral):
        raise NotAllowedError()
    if referral.state not in WORKING:
        raise ValidationError({"": [str(NOT_ACCEPTED)]})
    return referral


def _saved(
    actor: User, record: models.Model, object_type: AuditObject, facts: dict[str, object]
) -> None:
    record.full_clean()
    record.save()
    audit_record(
        actor=actor, action=AuditAction.CREATE, object_type=object_type, object_id=record.pk,
        changes=facts,
    )  # fmt: skip


@dataclass
class PlanInput:
    kind: str
    objectives: str
    planned_end: date | None
    actions: str = ""


@transaction.atomic
def support_plan_add(*, actor: User, referral_id: int, data: PlanInput) -> SupportPlan:
    referral = referral_for_caseworker(actor, referral_id)
    errors: dict[str, list[str]] = {}
    if data.kind not in ServiceType.values:
        errors["kind"] = [str(BAD_KIND)]
    if not data.objectives.strip():
        errors["objectives"] = [str(EMPTY_TEXT)]
    if data.planned_end is None:
        errors["planned_end"] = [str(NO_DATE)]
    elif data.planned_end < referral.proposed_at.date():
        errors["planned_end"] = [str(END_BEFORE_START)]
    if errors or data.planned_end is None:
        raise ValidationError(errors)
    plan = SupportPlan(
        referral=referral, kind=data.kind, objectives=data.objectives.strip(),
        actions=data.actions.strip(), planned_end=data.planned_end, written_by=actor,
        written_at=timezone.now(),
    )  # fmt: skip
    _saved(actor, plan, AuditObject.SUPPORT_PLAN, {"referral": referral.pk, "kind": data.kind})
    return plan


def _check_end(referral: Referral, day: date | None, field_name: str) -> None:
    """A date given, neither before the referral nor in the future."""
    if day is None:
        raise ValidationError({field_name: [str(NO_DATE)]})
    if day < referral.proposed_at.date():
        raise ValidationError({field_name: [str(END_BEFORE_START)]})
    if day > timezone.localdate():
        raise ValidationError({field_name: [str(IN_THE_FUTURE)]})


def _closing(actor: User, model: type[Dated], pk: int, field_name: str, day: date | None) -> Dated:
    """The plan or follow-up, locked, if ``actor`` is a caseworker of its referral's
    organisation, it is still open and ``day`` may close it: a plan ends and a follow-up is done
    once, so a second caseworker's close never overwrites the first's day and outcome."""
    record = model.objects.select_for_update().filter(pk=pk).first()
    referral = referral_for_caseworker(actor, record.referral_id if record else 0)
    assert record is not None
    if getattr(record, field_name) is not None:
        raise ValidationError({"": [str(PLAN_ENDED if model is SupportPlan else ALREADY_DONE)]})
    _check_end(referral, day, field_name)
    return record


def _closed(actor: User, record: Dated, object_type: AuditObject, fields: list[str]) -> None:
    """Saves the closed record; one audit row with the old and new day (``fields[0]``), never
    the sealed texts."""
    old = type(record).objects.filter(pk=record.pk).values_list(fields[0], flat=True).get()
    record.save(update_fields=fields)
    audit_record(
        actor=actor, action=AuditAction.UPDATE, object_type=object_type, object_id=record.pk,
        changes={fields[0]: {"old": old, "new": getattr(record, fields[0])}},
    )  # fmt: skip


@transaction.atomic
def support_plan_end(
    *, actor: User, plan_id: int, ended_on: date | None, outcome: str = ""
) -> SupportPlan:
    """The organisation's caseworkers record when a plan actually ended and its outcome."""
    plan = _closing(actor, SupportPlan, plan_id, "actual_end", ended_on)
    plan.actual_end, plan.outcome = ended_on, outcome.strip()
    _closed(actor, plan, AuditObject.SUPPORT_PLAN, ["actual_end", "outcome"])
    return plan


@transaction.atomic
def follow_up_done(
    *, actor: User, follow_up_id: int, done_on: date | None, note: str = ""
) -> FollowUp:
    """The organisation's caseworkers mark a follow-up done on a day, with a note (added to
    the follow-up's note)."""
    follow_up = _closing(actor, FollowUp, follow_up_id, "done_on", done_on)
    follow_up.done_on = done_on
    follow_up.note = "\n".join(t for t in (follow_up.note, note.strip()) if t)
    _closed(actor, follow_up, AuditObject.FOLLOW_UP, ["done_on", "note"])
    return follow_up


@transaction.atomic
def follow_up_add(
    *, actor: User, referral_id: int, due_on: date | None, done_on: date | None = None,
    note: str = "",
) -> FollowUp:  # fmt: skip
    referral = referral_for_caseworker(actor, referral_id)
    if due_on is None:
        raise ValidationError({"due_on": [str(NO_DATE)]})
    follow_up = FollowUp(
        referral=referral, due_on=due_on, done_on=done_on, note=note.strip(), written_by=actor
    )
    facts = {"referral": referral.pk, "due_on": due_on, "done_on": done_on}
    _saved(actor, follow_up, AuditObject.FOLLOW_UP, facts)
    return follow_up


@transaction.atomic
def risk_assess(*, actor: User, referral_id: int, level: str, factors: str = "") -> RiskAssessment:
    referral = referral_for_caseworker(actor, referral_id)
    if level not in RiskLevel.values:
        raise ValidationError({"level": [str(BAD_LEVEL)]})
    risk = RiskAssessment(
        referral=referral, level=level, factors=factors.strip(), assessed_by=actor,
        assessed_at=timezone.now(),
    )  # fmt: skip
    _saved(actor, risk, AuditObject.RISK_ASSESSMENT, {"referral": referral.pk, "level": level})
    return risk


@transaction.atomic
def case_note_add(*, actor: User, referral_id: int, text: str) -> CaseNote:
    referral = referral_for_caseworker(actor, referral_id)
    if not text.strip():
        raise ValidationError({"text": [str(EMPTY_TEXT)]})
    note = CaseNote(
        referral=referral, text=text.strip(), written_by=actor, written_at=timezone.now()
    )
    _saved(actor, note, AuditObject.CASE_NOTE, {"referral": referral.pk})
    return note
