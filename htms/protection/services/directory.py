"""Keeping the service directory: administrators add and change organisations."""

from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.common.errors import NotAllowedError, StaleEditError
from htms.protection.access import directory_may_edit
from htms.protection.models import Organisation, ServiceType
from htms.reference.models import District, Unit, UnitKind

UNKNOWN_SERVICES = _("Unknown services: %s.")
NO_SERVICE = _("Choose at least one service.")
BAD_UNIT = _("Choose a shelter or NGO unit that no other organisation uses.")


@dataclass
class OrganisationInput:
    name: str
    kind: str
    services: list[str]
    name_ur: str = ""
    unit_id: int | None = None
    district_ids: list[int] = field(default_factory=list)
    accepts_sex: str = "any"
    min_age: int | None = None
    max_age: int | None = None
    languages: str = ""
    beds: int | None = None
    phone: str = ""
    email: str = ""
    address: str = ""
    hours: str = ""
    demo_contacts: bool = False
    active: bool = True


def _errors(data: OrganisationInput, organisation_id: int | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    unknown = sorted(set(data.services) - set(ServiceType.values))
    if unknown:
        errors["services"] = [str(UNKNOWN_SERVICES) % ", ".join(unknown)]
    elif not data.services:
        errors["services"] = [str(NO_SERVICE)]
    if data.unit_id is not None:
        kinds = [UnitKind.SHELTER, UnitKind.NGO]
        unit_ok = Unit.objects.filter(pk=data.unit_id, kind__in=kinds)
        taken = Organisation.objects.filter(unit_id=data.unit_id).exclude(pk=organisation_id or 0)
        if not unit_ok.exists() or taken.exists():
            errors["unit_id"] = [str(BAD_UNIT)]
    return errors


@transaction.atomic
def organisation_save(
    *, actor: User, data: OrganisationInput, organisation_id: int | None = None,
    expected_version: int | None = None,
) -> Organisation:  # fmt: skip
    """Adds an organisation, or changes one (``organisation_id``). Administrators only."""
    if not directory_may_edit(actor):
        raise NotAllowedError()
    errors = _errors(data, organisation_id)
    if errors:
        raise ValidationError(errors)
    org = Organisation() if organisation_id is None else (
        Organisation.objects.select_for_update().get(pk=organisation_id)
    )  # fmt: skip
    if org.pk and expected_version is not None and org.version != expected_version:
        raise StaleEditError()
    values = asdict(data)
    district_ids = values.pop("district_ids")
    old = {k: getattr(org, k) for k in values} if org.pk else None
    for key, value in values.items():
        setattr(org, key, value.strip() if isinstance(value, str) else value)
    org.services = [s for s in ServiceType.values if s in data.services]
    if org.pk:
        org.version += 1
    org.full_clean()
    org.save()
    org.districts.set(District.objects.filter(pk__in=district_ids))
    audit_record(
        actor=actor, action=AuditAction.UPDATE if old else AuditAction.CREATE,
        object_type=AuditObject.ORGANISATION, object_id=org.pk,
        changes={"old": old, "new": values | {"districts": sorted(district_ids)}},
    )  # fmt: skip
    return org
