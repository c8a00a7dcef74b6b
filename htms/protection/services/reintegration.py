"""Reintegration of a Pakistani returned from abroad: family tracing, the reintegration plan
(sealed at rest) and the follow-ups due 3, 6 and 12 months after the return.

The same writers as every return (``services/returns.py``): whoever serves the referral. A
follow-up is done once, on a day neither before the return nor in the future, with the person's
situation; one audit row each, the texts never copied into it.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.common.errors import NotAllowedError
from htms.protection.access import return_get_for_user
from htms.protection.models import Return, ReturnFollowUp, ReturnKind, Situation, TracingOutcome
from htms.protection.services.care import ALREADY_DONE
from htms.protection.services.returns import check_day, return_changed, return_locked, return_writes

RETURNEE_ONLY = _("Only a return from abroad has this step.")
BAD_OUTCOME = _("Choose the outcome of the tracing.")
BEFORE_RETURN = _("This date is before the return.")
EMPTY_PLAN = _("Write the plan.")
BAD_SITUATION = _("Choose the person's situation.")


def _returnee(actor: User, return_id: int, expected_version: int | None) -> Return:
    record = return_locked(actor, return_id, expected_version)
    if record.kind != ReturnKind.RETURNEE:
        raise ValidationError({"": [str(RETURNEE_ONLY)]})
    return record


def _after_return(record: Return, day: date, field_name: str) -> None:
    if record.returned_on is not None and day < record.returned_on:
        raise ValidationError({field_name: [str(BEFORE_RETURN)]})


@transaction.atomic
def return_tracing(
    *, actor: User, return_id: int, outcome: str, traced_on: date | None,
    expected_version: int | None = None,
) -> Return:  # fmt: skip
    """Records the outcome of tracing the returnee's family (traced, not traced, not safe to
    return) on a day; a later tracing replaces it, the audit keeps the earlier one."""
    record = _returnee(actor, return_id, expected_version)
    if outcome not in TracingOutcome.values:
        raise ValidationError({"outcome": [str(BAD_OUTCOME)]})
    day = check_day(traced_on, "traced_on")
    _after_return(record, day, "traced_on")
    return return_changed(actor, record, {"tracing_outcome": outcome, "traced_on": day})


@transaction.atomic
def return_plan(
    *, actor: User, return_id: int, plan: str, expected_version: int | None = None
) -> Return:
    """Writes (or rewrites) the returnee's reintegration plan."""
    record = _returnee(actor, return_id, expected_version)
    if not plan.strip():
        raise ValidationError({"plan": [str(EMPTY_PLAN)]})
    return return_changed(actor, record, {"reintegration_plan": plan.strip()})


@transaction.atomic
def return_follow_up_done(
    *, actor: User, follow_up_id: int, done_on: date | None, situation: str, note: str = ""
) -> ReturnFollowUp:
    """Marks a reintegration follow-up done on a day with the person's situation (stable, at
    risk, trafficked again, contact lost) and a note."""
    follow_up = ReturnFollowUp.objects.select_for_update().filter(pk=follow_up_id).first()
    record = return_get_for_user(
        user=actor, return_id=follow_up.return_record_id if follow_up else 0
    )
    if not return_writes(actor, record.referral):
        raise NotAllowedError()
    assert follow_up is not None
    if follow_up.done_on is not None:
        raise ValidationError({"": [str(ALREADY_DONE)]})
    if situation not in Situation.values:
        raise ValidationError({"situation": [str(BAD_SITUATION)]})
    day = check_day(done_on, "done_on")
    _after_return(record, day, "done_on")
    follow_up.done_on, follow_up.situation = day, situation
    follow_up.note, follow_up.done_by = note.strip(), actor
    follow_up.save(update_fields=["done_on", "situation", "note", "done_by"])
    audit_record(
        actor=actor, action=AuditAction.UPDATE, object_type=AuditObject.RETURN_FOLLOW_UP,
        object_id=follow_up.pk,
        changes={
            "return": record.pk, "done_on": {"old": None, "new": day},
            "situation": {"old": "", "new": situation},
        },
    )  # fmt: skip
    return follow_up
