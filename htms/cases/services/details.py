"""Changing a case's own facts: FIR details, dates, summary, investigating officer."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record, diff
from htms.cases.access import case_get_for_user
from htms.cases.models import Case
from htms.cases.services.registration import FIR_TAKEN, fir_already_registered
from htms.common.versioning import lock_at_version

DETAIL_FIELDS = (
    "enquiry_number",
    "fir_number",
    "fir_date",
    "police_station",
    "occurred_on",
    "summary",
)


@dataclass
class CaseDetailsInput:
    enquiry_number: str = ""
    fir_number: str = ""
    fir_date: date | None = None
    police_station: str = ""
    occurred_on: date | None = None
    summary: str = ""


def _snapshot(case: Case) -> dict[str, Any]:
    return {name: getattr(case, name) for name in DETAIL_FIELDS}


def _check(data: CaseDetailsInput) -> None:
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    for name in ("fir_date", "occurred_on"):
        value = getattr(data, name)
        if value and value > today:
            errors.setdefault(name, []).append(_("This date is in the future."))
    if data.fir_date and data.occurred_on and data.occurred_on > data.fir_date:
        errors.setdefault("occurred_on", []).append(
            _("The offence cannot have happened after the FIR was registered.")
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def case_update_details(
    *, actor: User, case_id: int, expected_version: int, data: CaseDetailsInput
) -> Case:
    """Changes the FIR details, dates and summary. Writers of the case's unit; a stale
    version is refused."""
    case_get_for_user(user=actor, case_id=case_id, write=True)
    _check(data)
    if data.fir_date and fir_already_registered(
        fir_number=data.fir_number,
        police_station=data.police_station,
        fir_date=data.fir_date,
        exclude_case_id=case_id,
    ):
        raise ValidationError(
            {
                "fir_number": FIR_TAKEN
                % {
                    "number": data.fir_number.strip(),
                    "year": data.fir_date.year,
                    "station": data.police_station.strip(),
                }
            }
        )
    case = lock_at_version(Case, pk=case_id, expected_version=expected_version)
    before = _snapshot(case)
    for name in DETAIL_FIELDS:
        value = getattr(data, name)
        setattr(case, name, value.strip() if isinstance(value, str) else value)
    case.full_clean()
    case.save(update_fields=[*DETAIL_FIELDS, "version"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.CASE,
        object_id=case.pk,
        changes=diff(before, _snapshot(case)),
    )
    return case
