"""Writes of the help line: a call recorded (and escalated at once if an emergency), handed to a
circle, registered as a case, closed; the circle's acknowledgement of an alert; call-backs.

Every write is atomic and leaves one audit row with what changed. Leads are in ``leads.py``.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.cases.inputs import CaseInput
from htms.cases.models import Case, Origin
from htms.cases.services.registration import case_register
from htms.common.errors import NotAllowedError
from htms.helpline.access import call_may_register, call_may_write, call_taker
from htms.helpline.inputs import CallInput, call_input_check
from htms.helpline.models import (
    Call,
    CallBack,
    CallReferenceCounter,
    CallStatus,
    Category,
    Channel,
)
from htms.helpline.routing import circle_for_district
from htms.reference.models import Unit, UnitKind

NOT_A_CALL_TAKER = _("Only the help line's call-takers record and change calls.")
NOT_YOUR_CIRCLE = _("Only officers of the circle the call was handed to may do this.")
ALREADY_DONE = _("This call was already registered as a case or closed.")
NO_ALERT = _("There is no alert on this call to acknowledge.")
NOT_HANDED = _("This call was not handed to your circle to register.")
CALLBACK_DONE = _("This call-back is already marked done.")
HELPLINE_UNIT = "HELPLINE-NATIONAL"


def _reference(year: int) -> str:
    counter, _created = CallReferenceCounter.objects.select_for_update().get_or_create(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"HL/{year}/{counter.last_number:06d}"


def _as_audit(call: Call) -> dict[str, object]:
    """What an audit row says about a call: never the caller's name or number."""
    return {
        "channel": call.channel,
        "category": call.category,
        "urgency": call.urgency,
        "anonymous": call.anonymous,
        "district": call.district.code if call.district else "",
        "circle": call.circle.code if call.circle else "",
        "status": call.status,
    }


def call_create(*, actor: User | None, unit: Unit, data: CallInput) -> Call:
    """Records a call at ``unit``: the one write behind the form, the API, the CSV import
    and the public site's reports. Callers check who the actor is."""
    clean = call_input_check(data)
    now = timezone.now()
    call = Call(
        reference=_reference(data.started_at.year),
        unit=unit,
        channel=data.channel,
        started_at=data.started_at,
        answered_at=data.answered_at,
        ended_at=data.ended_at,
        anonymous=data.anonymous,
        caller_name=data.caller_name.strip(),
        caller_phone=clean.phone,
        district=clean.district,
        language=data.language,
        summary=data.summary.strip(),
        category=data.category,
        urgency=data.urgency,
        recorded_by=actor,
        recorded_at=now,
    )
    if data.category == Category.EMERGENCY:
        # At once: the alert is on the circle's home page when the call is saved.
        call.status, call.circle, call.escalated_at = CallStatus.ESCALATED, clean.circle, now
    call.full_clean()
    call.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=AuditObject.HELPLINE_CALL,
        object_id=call.pk,
        changes=_as_audit(call),
    )
    return call


@transaction.atomic
def call_record(*, actor: User, data: CallInput) -> Call:
    """Records a call at the call-taker's help line; an emergency is escalated at once to the
    circle of the caller's district (or the circle the call-taker chose). Call-takers only."""
    if not call_taker(actor):
        raise NotAllowedError(str(NOT_A_CALL_TAKER))
    assert actor.unit is not None
    return call_create(actor=actor, unit=actor.unit, data=data)


@transaction.atomic
def web_report_receive(*, data: CallInput) -> Call:
    """Files a report of the public site at the national help line, in its triage queue (never
    a case). Anonymous unless the sender left a way to reach them (``caller_name`` or
    ``caller_phone``), which only the help line and the circle acting on the call read. For
    ``htms/public``; nobody is logged in, the audit row says system."""
    data.channel = Channel.WEB_REPORT
    data.anonymous = not (data.caller_name.strip() or data.caller_phone.strip())
    return call_create(actor=None, unit=Unit.objects.get(code=HELPLINE_UNIT), data=data)


@transaction.atomic
def web_report_add(*, call_id: int, text: str, received_at: datetime) -> Call:
    """Appends what the sender of a public-site report added later (with the report's code) to
    the summary of its call, dated, whatever the call's state. Audited as system, without the
    text."""
    call = Call.objects.select_for_update().get(pk=call_id, channel=Channel.WEB_REPORT)
    added = _("Added by the sender on %(date)s:") % {
        "date": timezone.localtime(received_at).strftime("%Y-%m-%d %H:%M")
    }
    call.summary = f"{call.summary}\n\n{added}\n{text.strip()}"
    call.save(update_fields=["summary"])
    audit_record(
        actor=None,
        action=AuditAction.UPDATE,
        object_type=AuditObject.HELPLINE_CALL,
        object_id=call.pk,
        changes={"summary": "sender's addition"},
    )
    return call


def _locked(actor: User, call_id: int) -> Call:
    call = (
        Call.objects.select_for_update(of=("self",))
        .select_related("district", "circle")
        .get(pk=call_id)
    )
    if not call_may_write(actor, call):
        raise NotAllowedError(str(NOT_A_CALL_TAKER))
    return call


def _changed(actor: User, call: Call, before: dict[str, object], fields: list[str]) -> Call:
    call.save(update_fields=fields)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.HELPLINE_CALL,
        object_id=call.pk,
        changes={"old": before, "new": _as_audit(call)},
    )
    return call


@transaction.atomic
def call_hand_to_circle(*, actor: User, call_id: int, circle_code: str = "") -> Call:
    """Hands a call to a circle to register as a complaint or enquiry: the circle of the
    caller's district unless the call-taker names one. The call's help line's call-takers."""
    call = _locked(actor, call_id)
    if call.status in (CallStatus.REGISTERED, CallStatus.CLOSED):
        raise ValidationError({"circle": [str(ALREADY_DONE)]})
    before = _as_audit(call)
    circle = (
        Unit.objects.filter(code=circle_code, kind=UnitKind.CIRCLE).first()
        if circle_code
        else call.circle or circle_for_district(call.district)
    )
    if circle is None:
        raise ValidationError({"circle": [str(_("Choose the circle to hand the call to."))]})
    call.circle, call.status = circle, CallStatus.TO_REGISTER
    return _changed(actor, call, before, ["circle", "status"])


@transaction.atomic
def call_close(*, actor: User, call_id: int) -> Call:
    """Closes a call that needs nothing more (information given). Call-takers of its line."""
    call = _locked(actor, call_id)
    if call.status in (CallStatus.REGISTERED, CallStatus.CLOSED):
        raise ValidationError({"status": [str(ALREADY_DONE)]})
    before = _as_audit(call)
    call.status = CallStatus.CLOSED
    return _changed(actor, call, before, ["status"])


@transaction.atomic
def call_acknowledge(*, actor: User, call_id: int) -> Call:
    """Takes an emergency alert off the circle's home page. Writers of that circle only."""
    call = (
        Call.objects.select_for_update(of=("self",))
        .select_related("district", "circle")
        .get(pk=call_id)
    )
    if not call_may_register(actor, call):
        raise NotAllowedError(str(NOT_YOUR_CIRCLE))
    if call.escalated_at is None or call.acknowledged_at is not None:
        raise ValidationError({"call": [str(NO_ALERT)]})
    before = _as_audit(call)
    call.acknowledged_at, call.acknowledged_by = timezone.now(), actor
    return _changed(actor, call, before, ["acknowledged_at", "acknowledged_by"])


@transaction.atomic
def call_register_case(
    *,
    actor: User,
    call_id: int,
    statute_codes: list[str],
    duplicate_reason: str = "",
    is_synthetic: bool = False,
) -> Case:
    """Registers the call as an enquiry of the actor's circle, origin "help line", with the
    call's summary, and links the two. Writers of the circle the call was handed to.
    ``is_synthetic`` marks the case of a demo call, as ``case_register`` does."""
    call = (
        Call.objects.select_for_update(of=("self",))
        .select_related("district", "circle")
        .get(pk=call_id)
    )
    if not call_may_register(actor, call):
        raise NotAllowedError(str(NOT_YOUR_CIRCLE))
    if call.status != CallStatus.TO_REGISTER:
        raise ValidationError({"statutes": [str(NOT_HANDED)]})
    data = CaseInput(origin=Origin.HELPLINE, statute_codes=statute_codes, summary=call.summary)
    case = case_register(
        actor=actor, data=data, duplicate_reason=duplicate_reason, is_synthetic=is_synthetic
    )
    before = _as_audit(call)
    call.case, call.status = case, CallStatus.REGISTERED
    _changed(actor, call, before | {"case": None}, ["case", "status"])
    return case


@transaction.atomic
def callback_plan(*, actor: User, call_id: int, planned_at: datetime, note: str = "") -> CallBack:
    """Plans a call-back to the caller. Call-takers of the call's help line."""
    call = _locked(actor, call_id)
    callback = CallBack(call=call, planned_at=planned_at, note=note.strip(), planned_by=actor)
    callback.full_clean()
    callback.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=AuditObject.HELPLINE_CALLBACK,
        object_id=callback.pk,
        changes={"call": call.pk, "planned_at": planned_at},
    )
    return callback


@transaction.atomic
def callback_done(*, actor: User, callback_id: int) -> CallBack:
    """Marks a call-back made. Call-takers of the call's help line."""
    callback = (
        CallBack.objects.select_for_update(of=("self",)).select_related("call").get(pk=callback_id)
    )
    if not call_may_write(actor, callback.call):
        raise NotAllowedError(str(NOT_A_CALL_TAKER))
    if callback.done_at is not None:
        raise ValidationError({"callback": [str(CALLBACK_DONE)]})
    callback.done_at = timezone.now()
    callback.save(update_fields=["done_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.HELPLINE_CALLBACK,
        object_id=callback.pk,
        changes={"old": {"done_at": None}, "new": {"done_at": callback.done_at}},
    )
    return callback
