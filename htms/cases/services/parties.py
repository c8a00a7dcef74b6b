"""Adding people to a case in a role, with the facts of that role."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from htms.accounts.models import User
from htms.cases.inputs import PartyInput
from htms.cases.models import (
    AccusedStatus,
    CaseParty,
    DecidingOrganisation,
    PartyRole,
    TraffickingStatus,
)
from htms.persons.access import persons_visible_among
from htms.persons.inputs import CleanPerson, ReferenceLookups, person_input_clean
from htms.persons.models import Person
from htms.reference.models import Term, Vocabulary

DOB_AFTER_OFFENCE = _("The date of birth is after the date of the FIR or the offence.")
UNKNOWN_PERSON = _("There is no person with this number that you may see.")
SAME_PARTY_TWICE = _("This person already has this role in the case.")


# The vocabulary of each list of term codes a party may carry, by the error key of the list.
_PARTY_TERMS = (
    ("network_role", Vocabulary.NETWORK_ROLE),
    ("exploitation_types", Vocabulary.EXPLOITATION_TYPE),
    ("means_of_control", Vocabulary.MEANS_OF_CONTROL),
)


def _party_codes(party: PartyInput) -> dict[str, list[str]]:
    return {
        "network_role": [party.network_role_code] if party.network_role_code else [],
        "exploitation_types": party.exploitation_type_codes,
        "means_of_control": party.means_of_control_codes,
    }


def party_term_ids(parties: Iterable[PartyInput]) -> dict[tuple[str, str], int]:
    """The id of every term the parties name, by (vocabulary, code): one query."""
    codes = {code for p in parties for cs in _party_codes(p).values() for code in cs}
    rows = Term.objects.filter(code__in=codes).values_list("vocabulary", "code", "pk")
    return {(vocabulary, code): pk for vocabulary, code, pk in rows}


def _check_terms(
    party: PartyInput,
    key: str,
    known: dict[tuple[str, str], int],
    errors: dict[str, list[str]],
) -> None:
    codes = _party_codes(party)
    for name, vocabulary in _PARTY_TERMS:
        missing = sorted({c for c in codes[name] if (vocabulary, c) not in known})
        if missing:
            errors.setdefault(f"{key}.{name}", []).append(
                _("Unknown terms: %s.") % ", ".join(missing)
            )


def _check_role_facts(party: PartyInput, key: str, errors: dict[str, list[str]]) -> None:
    if party.role not in PartyRole.values:
        errors.setdefault(f"{key}.role", []).append(
            _("Choose accused, victim, smuggled migrant, witness or complainant.")
        )
    if party.role == PartyRole.ACCUSED:
        if party.accused_status not in AccusedStatus.values:
            errors.setdefault(f"{key}.accused_status", []).append(
                _("Say whether the accused is at large, arrested, on bail or proclaimed.")
            )
    elif party.accused_status:
        errors.setdefault(f"{key}.accused_status", []).append(
            _("Only an accused has an arrest status.")
        )
    if party.trafficking_status and party.trafficking_status not in TraffickingStatus.values:
        errors.setdefault(f"{key}.trafficking_status", []).append(
            _("Choose possible victim, actual victim or not a victim.")
        )
    if party.status_decided_by and party.status_decided_by not in DecidingOrganisation.values:
        errors.setdefault(f"{key}.status_decided_by", []).append(
            _("Choose who decided the trafficking status.")
        )


def _known_births(actor: User, parties: list[PartyInput]) -> dict[int, date | None]:
    """The birth date of each existing person the parties name that the actor may see (the
    others are missing): a few queries, whatever the number of parties."""
    ids = {p.person_id for p in parties if p.person_id is not None}
    visible = persons_visible_among(actor, ids)
    return dict(Person.objects.filter(pk__in=visible).values_list("pk", "birth_date"))


def _check_person(
    party: PartyInput,
    key: str,
    *,
    known: dict[int, date | None],
    lookups: ReferenceLookups,
    on: date | None,
    errors: dict[str, list[str]],
) -> CleanPerson | None:
    """Checks the party's person; returns the cleaned new person, if the party brings one."""
    clean = None
    if (party.person_id is None) == (party.person is None):
        errors.setdefault(key, []).append(_("Pick an existing person or enter a new one."))
        return None
    if party.person is not None:
        try:
            clean = person_input_clean(party.person, lookups)
        except ValidationError as exc:
            for field_name, messages in exc.message_dict.items():
                errors.setdefault(f"{key}.{field_name}", []).extend(messages)
            return None
        birth = party.person.birth_date
    else:
        assert party.person_id is not None
        if party.person_id not in known:
            errors.setdefault(f"{key}.person_id", []).append(str(UNKNOWN_PERSON))
            return None
        birth = known[party.person_id]
    if birth and on and birth > on:
        errors.setdefault(f"{key}.birth_date", []).append(str(DOB_AFTER_OFFENCE))
    return clean


def _check_repeats(
    parties: list[PartyInput], existing: set[tuple[int, str]], errors: dict[str, list[str]]
) -> None:
    seen = set(existing)
    for i, party in enumerate(parties):
        if party.person_id is None:
            continue
        if (party.person_id, party.role) in seen:
            errors.setdefault(f"parties[{i}].person_id", []).append(str(SAME_PARTY_TWICE))
        seen.add((party.person_id, party.role))


def parties_check(
    parties: list[PartyInput],
    *,
    actor: User,
    on: date | None,
    errors: dict[str, list[str]],
    existing: set[tuple[int, str]] | None = None,
) -> dict[int, CleanPerson]:
    """Validates every party without writing; errors are keyed ``parties[i].field``.

    ``existing`` holds the (person id, role) pairs the case has already. Returns the cleaned
    new persons by party index, for ``parties_write_bulk``."""
    cleans: dict[int, CleanPerson] = {}
    _check_repeats(parties, existing or set(), errors)
    known, term_ids = _known_births(actor, parties), party_term_ids(parties)
    lookups = ReferenceLookups()
    for i, party in enumerate(parties):
        key = f"parties[{i}]"
        _check_role_facts(party, key, errors)
        clean = _check_person(party, key, known=known, lookups=lookups, on=on, errors=errors)
        if clean is not None:
            cleans[i] = clean
        _check_terms(party, key, term_ids, errors)
    return cleans


def party_summary(row: CaseParty) -> dict[str, object]:
    return {
        "party": row.pk,
        "person": row.person_id,
        "role": row.role,
        "accused_status": row.accused_status,
        "trafficking_status": row.trafficking_status,
    }
