"""When and where an offence of a case was committed."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record, diff
from htms.cases.access import case_get_for_user
from htms.cases.models import Case, Offence
from htms.common.versioning import lock_at_version
from htms.persons.models import DatePrecision
from htms.reference.models import Country, District

PAKISTAN = "PK"
OFFENCE_NOT_IN_CASE = _("This offence is not charged in this case.")
OFFENCE_DATE_IN_FUTURE = _("The offence cannot be dated in the future.")
UNKNOWN_DISTRICT = _("Unknown district.")
UNKNOWN_COUNTRY = _("Unknown country.")
DISTRICT_ABROAD = _("A district is in Pakistan: leave the country empty or give Pakistan.")
PLACE_FIELDS = ("date", "date_precision", "district_id", "country_id")


def _place(district_code: str, country_code: str) -> tuple[District | None, Country | None]:
    """A district of Pakistan, or a country abroad (Pakistan without a district stays a
    country)."""
    if district_code:
        if country_code not in ("", PAKISTAN):
            raise ValidationError({"country": str(DISTRICT_ABROAD)})
        district = District.objects.filter(code=district_code).first()
        if district is None:
            raise ValidationError({"district": str(UNKNOWN_DISTRICT)})
        return district, None
    if not country_code:
        return None, None
    country = Country.objects.filter(code=country_code).first()
    if country is None:
        raise ValidationError({"country": str(UNKNOWN_COUNTRY)})
    return None, country


@transaction.atomic
def offence_set_time_place(
    *,
    actor: User,
    case_id: int,
    expected_version: int,
    offence_id: int,
    date: date | None,
    date_precision: str = "",
    district_code: str = "",
    country_code: str = "",
) -> Offence:
    """Sets the date (to the day, month or year) and the place of one offence of the case.
    Writers of the case's unit; a stale version is refused."""
    case_get_for_user(user=actor, case_id=case_id, write=True)
    if date is not None and date > timezone.localdate():
        raise ValidationError({"date": str(OFFENCE_DATE_IN_FUTURE)})
    district, country = _place(district_code.strip(), country_code.strip().upper())
    case = lock_at_version(Case, pk=case_id, expected_version=expected_version)
    offence = Offence.objects.filter(case=case, pk=offence_id).first()
    if offence is None:
        raise ValidationError({"offence": str(OFFENCE_NOT_IN_CASE)})
    before = {name: getattr(offence, name) for name in PLACE_FIELDS}
    offence.date = date
    offence.date_precision = (date_precision or DatePrecision.DAY) if date else ""
    offence.district, offence.country = district, country
    offence.full_clean()
    offence.save(update_fields=["date", "date_precision", "district", "country"])
    case.save(update_fields=["version"])
    after = {name: getattr(offence, name) for name in PLACE_FIELDS}
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.CASE,
        object_id=case.pk,
        changes={"offence": offence.pk, **diff(before, after)},
    )
    return offence
