"""Shelter stays: admission of an accepted referral, discharge with its destination.

Only the shelter's caseworkers admit and discharge. Admission starts the service; a shelter
with a bed count refuses an admission when every bed is taken. A discharge whose destination is
"absconded" raises an alert on the referring unit's home page (``selectors.absconded_recent``).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.protection.models import (
    Organisation,
    ReferralState,
    ShelterStay,
    StayDestination,
)
from htms.protection.services.care import NO_DATE, referral_for_caseworker
from htms.protection.services.referrals import referral_move

NOT_A_SHELTER = _("This organisation does not offer shelter.")
NO_BED = _("Every bed of this shelter is taken: discharge someone or refer elsewhere.")
ALREADY_IN = _("The person is already in this shelter.")
BAD_DESTINATION = _("Say where the person went.")
DISCHARGE_BEFORE_ADMISSION = _("The discharge cannot be before the admission.")
FUTURE = _("The date cannot be in the future.")
NO_STAY = _("No open stay to discharge.")


def _open_stays(shelter: Organisation) -> int:
    return ShelterStay.objects.filter(shelter=shelter, discharged_on__isnull=True).count()


def _admission_errors(
    shelter: Organisation, referral_id: int, on: date | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not shelter.is_shelter:
        errors[""] = [str(NOT_A_SHELTER)]
    elif shelter.beds is not None and _open_stays(shelter) >= shelter.beds:
        errors[""] = [str(NO_BED)]
    if ShelterStay.objects.filter(referral_id=referral_id, discharged_on__isnull=True).exists():
        errors[""] = [str(ALREADY_IN)]
    if on is None:
        errors["admitted_on"] = [str(NO_DATE)]
    elif on > timezone.localdate():
        errors["admitted_on"] = [str(FUTURE)]
    return errors


@transaction.atomic
def stay_admit(*, actor: User, referral_id: int, admitted_on: date | None) -> ShelterStay:
    """Admits the person of an accepted referral to the shelter; starts the service."""
    referral = referral_for_caseworker(actor, referral_id)
    shelter = Organisation.objects.select_for_update().get(pk=referral.organisation_id)
    errors = _admission_errors(shelter, referral.pk, admitted_on)
    if errors:
        raise ValidationError(errors)
    assert admitted_on is not None
    stay = ShelterStay.objects.create(
        referral=referral, shelter=shelter, admitted_on=admitted_on, admitted_by=actor
    )
    audit_record(
        actor=actor, action=AuditAction.CREATE, object_type=AuditObject.SHELTER_STAY,
        object_id=stay.pk, changes={"referral": referral.pk, "admitted_on": admitted_on},
    )  # fmt: skip
    if referral.state == ReferralState.ACCEPTED:
        referral_move(actor=actor, referral_id=referral.pk, to_state=ReferralState.IN_SERVICE)
    return stay


@transaction.atomic
def stay_discharge(
    *, actor: User, referral_id: int, discharged_on: date | None, destination: str
) -> ShelterStay:
    """Ends the open stay of the referral with its destination."""
    referral = referral_for_caseworker(actor, referral_id)
    stay = (
        ShelterStay.objects.select_for_update()
        .filter(referral=referral, discharged_on__isnull=True)
        .first()
    )
    errors: dict[str, list[str]] = {}
    if stay is None:
        raise ValidationError({"": [str(NO_STAY)]})
    if destination not in StayDestination.values:
        errors["destination"] = [str(BAD_DESTINATION)]
    if discharged_on is None:
        errors["discharged_on"] = [str(NO_DATE)]
    elif discharged_on < stay.admitted_on:
        errors["discharged_on"] = [str(DISCHARGE_BEFORE_ADMISSION)]
    elif discharged_on > timezone.localdate():
        errors["discharged_on"] = [str(FUTURE)]
    if errors:
        raise ValidationError(errors)
    stay.discharged_on, stay.destination = discharged_on, destination
    stay.save(update_fields=["discharged_on", "destination"])
    audit_record(
        actor=actor, action=AuditAction.UPDATE, object_type=AuditObject.SHELTER_STAY,
        object_id=stay.pk, changes={"referral": referral.pk, "destination": destination},
    )  # fmt: skip
    return stay
