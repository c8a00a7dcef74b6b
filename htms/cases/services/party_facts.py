"""Changing the facts of a party's role after registration: an accused's status and network
role, a victim's trafficking status and who decided it, exploitation and means of control."""

from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record, diff
from htms.cases.access import case_get_for_user
from htms.cases.inputs import PartyInput
from htms.cases.models import PROTECTED_ROLES, Case, CaseParty
from htms.cases.services.parties import parties_check, party_term_ids
from htms.common.versioning import lock_at_version
from htms.reference.models import Vocabulary

NO_SUCH_PARTY = _("This case has no party with this number.")
STATUS_ONLY_FOR_VICTIMS = _("Only a victim or a smuggled migrant has a trafficking status.")
STATUS_NEEDS_DECIDER = _("Say which organisation decided the trafficking status.")


@dataclass(frozen=True)
class PartyFactsInput:
    """The facts to change; ``None`` leaves a fact as it is."""

    accused_status: str | None = None
    network_role_code: str | None = None
    trafficking_status: str | None = None
    status_decided_by: str | None = None
    exploitation_type_codes: list[str] | None = None
    means_of_control_codes: list[str] | None = None


def _as_input(row: CaseParty) -> PartyInput:
    return PartyInput(
        role=row.role,
        person_id=row.person_id,
        network_role_code=row.network_role.code if row.network_role else "",
        accused_status=row.accused_status,
        trafficking_status=row.trafficking_status,
        status_decided_by=row.status_decided_by,
        exploitation_type_codes=sorted(t.code for t in row.exploitation_types.all()),
        means_of_control_codes=sorted(t.code for t in row.means_of_control.all()),
    )


def _changed(old: PartyInput, facts: PartyFactsInput) -> PartyInput:
    given = {name: value for name, value in vars(facts).items() if value is not None}
    return replace(old, **given)


def _check(
    new: PartyInput, *, actor: User, case: Case, status_changed: bool
) -> dict[str, list[str]]:
    """The errors of the changed party, keyed by field as the API names them."""
    errors: dict[str, list[str]] = {}
    parties_check([new], actor=actor, on=case.occurred_on or case.fir_date, errors=errors)
    errors = {key.removeprefix("parties[0]."): messages for key, messages in errors.items()}
    errors.pop("birth_date", None)  # a fact of the person, not changed here
    if new.trafficking_status and new.role not in PROTECTED_ROLES:
        errors.setdefault("trafficking_status", []).append(str(STATUS_ONLY_FOR_VICTIMS))
    elif status_changed and new.trafficking_status and not new.status_decided_by:
        errors.setdefault("status_decided_by", []).append(str(STATUS_NEEDS_DECIDER))
    return errors


def _save(row: CaseParty, new: PartyInput) -> None:
    terms = party_term_ids([new])
    row.accused_status = new.accused_status
    row.network_role_id = terms.get((Vocabulary.NETWORK_ROLE, new.network_role_code))
    row.trafficking_status = new.trafficking_status
    row.status_decided_by = new.status_decided_by
    row.save(
        update_fields=["accused_status", "network_role", "trafficking_status", "status_decided_by"]
    )
    row.exploitation_types.set(
        [terms[(Vocabulary.EXPLOITATION_TYPE, c)] for c in new.exploitation_type_codes]
    )
    row.means_of_control.set(
        [terms[(Vocabulary.MEANS_OF_CONTROL, c)] for c in new.means_of_control_codes]
    )


def _facts(party: PartyInput) -> dict[str, object]:
    return {
        "accused_status": party.accused_status,
        "network_role": party.network_role_code,
        "trafficking_status": party.trafficking_status,
        "status_decided_by": party.status_decided_by,
        "exploitation_types": party.exploitation_type_codes,
        "means_of_control": party.means_of_control_codes,
    }


@transaction.atomic
def party_update(
    *, actor: User, case_id: int, expected_version: int, party_id: int, facts: PartyFactsInput
) -> CaseParty:
    """Changes the facts of one party's role. Writers of the case's unit only; one audit row
    with the old and new values. A trafficking status set or changed needs the organisation
    that decided it."""
    case = case_get_for_user(user=actor, case_id=case_id, write=True)
    row = CaseParty.objects.filter(case=case, pk=party_id).select_related("network_role").first()
    if row is None:
        raise ValidationError({"party": str(NO_SUCH_PARTY)})
    old = _as_input(row)
    new = _changed(old, facts)
    status_changed = new.trafficking_status != old.trafficking_status
    errors = _check(new, actor=actor, case=case, status_changed=status_changed)
    if errors:
        raise ValidationError(errors)
    case = lock_at_version(Case, pk=case.pk, expected_version=expected_version)
    case.save(update_fields=["version"])
    _save(row, new)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.CASE_PARTY,
        object_id=row.pk,
        changes={"case": case.pk, **diff(_facts(old), _facts(new))},
    )
    return row
