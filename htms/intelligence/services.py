"""Writing the dossier: graded facts recorded and withdrawn. Callers: the dossier pages, the
API, the agents import and the demo seed. Every write is audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.cases.access import case_queryset_for_user
from htms.common.errors import NotAllowedError
from htms.intelligence.access import agent_get_for_user, fact_get_for_user, fact_may_write
from htms.intelligence.inputs import FactInput
from htms.intelligence.models import (
    AgentStatus,
    Credibility,
    DossierFact,
    FactKind,
    HandlingCode,
    Reliability,
    SourceKind,
)
from htms.intelligence.photos import photo_problems
from htms.persons.models import Person
from htms.reference.models import Country, District

BAD_KIND = _("Choose what kind of fact this is.")
VALUE_MISSING = _("Write the fact itself, for example the phone number or the alias.")
BAD_STATUS = _("The status is one of: active, arrested, on bail, convicted, abroad, deceased.")
AREA_MISSING = _("Give the district or the country where the agent operates.")
PHOTO_MISSING = _("Attach the photograph.")
BAD_SOURCE = _(
    "Name the source: a case, a screening lead, a help-line call, a tip or manual entry."
)
SOURCE_MISSING = _("Give the reference of the source record (lead, call or tip number).")
UNKNOWN_CASE = _("No case you may see has this reference.")
BAD_RELIABILITY = _("Grade the source's reliability from A (completely reliable) to F.")
BAD_CREDIBILITY = _("Grade the information's credibility from 1 (confirmed) to 6.")
BAD_HANDLING = _("Choose the handling code: H1, H2 or H3.")
UNKNOWN_DISTRICT = _("No district has this code.")
UNKNOWN_COUNTRY = _("No country has this code.")
REASON_MISSING = _("Say why the fact is withdrawn.")
ALREADY_WITHDRAWN = _("This fact was already withdrawn.")
TOO_LONG = _("At most 300 characters.")


def _grading_errors(data: FactInput) -> dict[str, object]:
    errors: dict[str, object] = {}
    if data.reliability not in Reliability.values:
        errors["reliability"] = BAD_RELIABILITY
    if data.credibility not in Credibility.values:
        errors["credibility"] = BAD_CREDIBILITY
    if data.handling_code not in HandlingCode.values:
        errors["handling_code"] = BAD_HANDLING
    return errors


def _value_errors(data: FactInput) -> dict[str, object]:
    value = data.value.strip()
    if data.kind not in FactKind.values:
        return {"kind": BAD_KIND}
    if len(value) > 300:
        return {"value": TOO_LONG}
    if data.kind == FactKind.STATUS and value not in AgentStatus.values:
        return {"value": BAD_STATUS}
    if data.kind == FactKind.AREA and not (value or data.district_code or data.country_code):
        return {"district": AREA_MISSING}
    if data.kind == FactKind.PHOTOGRAPH and data.photo is None:
        return {"photo": PHOTO_MISSING}
    if data.kind not in (FactKind.AREA, FactKind.PHOTOGRAPH) and not value:
        return {"value": VALUE_MISSING}
    return {}


def _source_errors(data: FactInput) -> dict[str, object]:
    if data.source_kind not in SourceKind.values:
        return {"source_kind": BAD_SOURCE}
    if not data.source_reference.strip():
        return {"source_reference": SOURCE_MISSING}
    return {}


def _place(model: type[District] | type[Country], code: str, key: str, message: object) -> object:
    if not code:
        return None
    place = model.objects.filter(code=code.strip().upper()).first()
    if place is None:
        raise ValidationError({key: str(message)})
    return place


def fact_check(*, actor: User, data: FactInput) -> dict[str, object]:
    """Validates a fact; returns the records it refers to (case, district, country). Raises
    one ValidationError naming every problem."""
    errors = {**_value_errors(data), **_source_errors(data), **_grading_errors(data)}
    if data.photo is not None and (problems := photo_problems(data.photo)):
        errors["photo"] = problems[0]
    if errors:
        raise ValidationError({key: str(message) for key, message in errors.items()})
    case = None
    if data.source_kind == SourceKind.CASE:
        reference = data.source_reference.strip()
        case = case_queryset_for_user(actor).filter(reference=reference).first()
        if case is None:
            raise ValidationError({"source_reference": str(UNKNOWN_CASE)})
    district = _place(District, data.district_code, "district", UNKNOWN_DISTRICT)
    country = _place(Country, data.country_code, "country", UNKNOWN_COUNTRY)
    return {"source_case": case, "district": district, "country": country}


def _fact_audit(actor: User, fact: DossierFact) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=AuditObject.DOSSIER_FACT,
        object_id=fact.pk,
        changes={
            "person": fact.person_id,
            "kind": fact.kind,
            "value": fact.value,
            "source": [fact.source_kind, fact.source_reference],
            "grading": fact.grading,
            "photo": bool(fact.photo),
        },
    )


def fact_create(
    *, actor: User, person: Person, data: FactInput, synthetic: bool = False
) -> DossierFact:
    """Records a checked fact about ``person`` without the access check: for the services
    here and the demo seed, which decide who may write first."""
    refs = fact_check(actor=actor, data=data)
    fact = DossierFact(
        person=person,
        kind=data.kind,
        value=data.value.strip(),
        source_kind=data.source_kind,
        source_reference=data.source_reference.strip(),
        reliability=data.reliability,
        credibility=data.credibility,
        handling_code=data.handling_code,
        recorded_by=actor,
        recorded_by_unit_id=actor.unit_id,
        recorded_at=timezone.now(),
        is_synthetic=synthetic,
        **refs,
    )
    if data.photo is not None:
        fact.photo = data.photo
    fact.full_clean(exclude=["photo"])
    fact.save()
    _fact_audit(actor, fact)
    return fact


@transaction.atomic
def fact_record(*, actor: User, person_id: int, data: FactInput) -> DossierFact:
    """Records a graded fact in an agent's dossier. Case writers and analysts who may read
    the dossier (404 otherwise, NotAllowedError for other roles). One audit row."""
    person = agent_get_for_user(user=actor, person_id=person_id)
    if not fact_may_write(actor):
        raise NotAllowedError()
    return fact_create(actor=actor, person=person, data=data)


@transaction.atomic
def fact_withdraw(*, actor: User, fact_id: int, reason: str) -> DossierFact:
    """Withdraws a fact with a reason; it stays in the dossier, marked withdrawn. Analysts, or
    writers of the unit that recorded it. One audit row."""
    fact = fact_get_for_user(user=actor, fact_id=fact_id, write=True)
    fact = DossierFact.objects.select_for_update().get(pk=fact.pk)
    if fact.withdrawn_at is not None:
        raise ValidationError(str(ALREADY_WITHDRAWN))
    if not reason.strip():
        raise ValidationError({"reason": str(REASON_MISSING)})
    fact.withdrawn_by, fact.withdrawn_at = actor, timezone.now()
    fact.withdraw_reason = reason.strip()
    fact.save(update_fields=["withdrawn_by", "withdrawn_at", "withdraw_reason"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.DOSSIER_FACT,
        object_id=fact.pk,
        changes={"withdrawn": {"old": False, "new": True}, "reason": fact.withdraw_reason},
    )
    return fact
