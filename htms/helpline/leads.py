"""A call becomes an intelligence lead: what the caller said about an agent, for analysts.

A lead stores the agent as the caller named them, never a person of the register: the agents
register (``htms/intelligence``) decides who the agent is.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.common.errors import NotAllowedError
from htms.helpline.access import call_may_write
from htms.helpline.models import Call, Lead
from htms.helpline.routing import circle_for_district
from htms.persons.validators import normalize_phone

NO_LEAD_TEXT = _("Write what the caller said about the agent.")
NO_AGENT = _("Give the agent's name or phone number, or both.")
LEAD_NOT_ALLOWED = _("Only the help line's call-takers make leads of its calls.")


def _check(agent_name: str, agent_phone: str, what_was_said: str) -> str:
    errors: dict[str, list[str]] = {}
    if not what_was_said.strip():
        errors["what_was_said"] = [str(NO_LEAD_TEXT)]
    if not (agent_name.strip() or agent_phone.strip()):
        errors["agent_name"] = [str(NO_AGENT)]
    phone = ""
    if agent_phone.strip():
        try:
            phone = normalize_phone(agent_phone)
        except ValidationError as error:
            errors["agent_phone"] = error.messages
    if errors:
        raise ValidationError(errors)
    return phone


def _lead_create(
    *, actor: User | None, call: Call, agent_name: str, agent_phone: str, what_was_said: str
) -> Lead:
    phone = _check(agent_name, agent_phone, what_was_said)
    lead = Lead(
        call=call,
        agent_name=agent_name.strip(),
        agent_phone=phone,
        what_was_said=what_was_said.strip(),
        circle=call.circle or circle_for_district(call.district),
        created_by=actor,
        created_at=timezone.now(),
    )
    lead.full_clean()
    lead.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=AuditObject.HELPLINE_LEAD,
        object_id=lead.pk,
        changes={
            "call": call.pk,
            "agent_name": lead.agent_name,
            "agent_phone": lead.agent_phone,
            "circle": lead.circle.code if lead.circle else "",
        },
    )
    return lead


@transaction.atomic
def lead_record(
    *, actor: User, call_id: int, agent_name: str, agent_phone: str, what_was_said: str
) -> Lead:
    """Makes a lead of a call, linked to it, for the circle of the caller's district (or the
    circle the call went to). Call-takers of the call's help line."""
    call = (
        Call.objects.select_for_update(of=("self",))
        .select_related("district", "circle")
        .get(pk=call_id)
    )
    if not call_may_write(actor, call):
        raise NotAllowedError(str(LEAD_NOT_ALLOWED))
    return _lead_create(
        actor=actor,
        call=call,
        agent_name=agent_name,
        agent_phone=agent_phone,
        what_was_said=what_was_said,
    )
