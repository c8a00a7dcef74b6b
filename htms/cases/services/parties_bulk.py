"""Adding people to a registered case: one, or thousands of victims of one ring at once.

The checks are those of a single party (``parties_check``); the writes are a few inserts per
2,000 rows instead of a dozen queries per party, and the audit rows are appended in bulk with
their seals, one per new person and one per party, as adding them one by one would write.
"""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.seals import seals_of
from htms.audit.services import AuditEntry, audit_records
from htms.cases.access import case_get_for_user
from htms.cases.inputs import PartyInput
from htms.cases.models import Case, CaseParty
from htms.cases.services.parties import parties_check, party_summary, party_term_ids
from htms.common.versioning import lock_at_version
from htms.persons.inputs import CleanPerson
from htms.persons.services import persons_create_bulk
from htms.reference.models import Vocabulary

ROWS_PER_INSERT = 2000


def _person_ids(
    case: Case, parties: Sequence[PartyInput], cleans: dict[int, CleanPerson], actor: User
) -> list[int]:
    """The person of each party: the existing one, or the one written now."""
    new = sorted(cleans)
    persons = persons_create_bulk(
        actor=actor, cleans=[cleans[i] for i in new], is_synthetic=case.is_synthetic
    )
    created = {i: person.pk for i, person in zip(new, persons, strict=True)}
    return [created.get(i, p.person_id or 0) for i, p in enumerate(parties)]


def _write_terms(
    rows: list[CaseParty], parties: Sequence[PartyInput], term_ids: dict[tuple[str, str], int]
) -> None:
    exploitation = CaseParty.exploitation_types.through
    means = CaseParty.means_of_control.through
    exploitation.objects.bulk_create(
        (
            exploitation(caseparty_id=row.pk, term_id=term_ids[(Vocabulary.EXPLOITATION_TYPE, c)])
            for row, party in zip(rows, parties, strict=True)
            for c in dict.fromkeys(party.exploitation_type_codes)
        ),
        batch_size=ROWS_PER_INSERT,
    )
    means.objects.bulk_create(
        (
            means(caseparty_id=row.pk, term_id=term_ids[(Vocabulary.MEANS_OF_CONTROL, c)])
            for row, party in zip(rows, parties, strict=True)
            for c in dict.fromkeys(party.means_of_control_codes)
        ),
        batch_size=ROWS_PER_INSERT,
    )


def parties_write_bulk(
    case: Case, parties: Sequence[PartyInput], *, actor: User, cleans: dict[int, CleanPerson]
) -> list[CaseParty]:
    """Writes already-checked parties (``parties_check``) and their new persons, in bulk."""
    person_ids = _person_ids(case, parties, cleans, actor)
    term_ids = party_term_ids(parties)
    rows = [
        CaseParty(
            case=case,
            person_id=person_id,
            role=party.role,
            accused_status=party.accused_status,
            network_role_id=term_ids.get((Vocabulary.NETWORK_ROLE, party.network_role_code)),
            trafficking_status=party.trafficking_status,
            status_decided_by=party.status_decided_by,
        )
        for party, person_id in zip(parties, person_ids, strict=True)
    ]
    CaseParty.objects.bulk_create(rows, batch_size=ROWS_PER_INSERT)
    _write_terms(rows, parties, term_ids)
    return rows


@transaction.atomic
def case_add_parties(
    *, actor: User, case_id: int, expected_version: int, parties: Sequence[PartyInput]
) -> list[CaseParty]:
    """Adds parties to a registered case, all or none. Writers of the case's unit only.

    One bad party and nothing is written: the ValidationError names each problem as
    ``parties[i].field``, ``i`` counting from 0 in the order sent. New persons get their search
    keys; every new person and every party gets its audit row, sealed."""
    case = case_get_for_user(user=actor, case_id=case_id, write=True)
    errors: dict[str, list[str]] = {}
    existing = set(CaseParty.objects.filter(case=case).values_list("person_id", "role"))
    cleans = parties_check(
        list(parties),
        actor=actor,
        on=case.occurred_on or case.fir_date,
        errors=errors,
        existing=existing,
    )
    if errors:
        raise ValidationError(errors)
    case = lock_at_version(Case, pk=case.pk, expected_version=expected_version)
    case.save(update_fields=["version"])
    rows = parties_write_bulk(case, parties, actor=actor, cleans=cleans)
    seals = seals_of(case_ids=[case.pk])
    audit_records(
        actor=actor,
        entries=[
            AuditEntry(
                action=AuditAction.CREATE,
                object_type=AuditObject.CASE_PARTY,
                object_id=row.pk,
                changes={"case": case.pk, "new": party_summary(row)},
                seals=seals,
            )
            for row in rows
        ],
    )
    return rows


def case_add_party(
    *, actor: User, case_id: int, expected_version: int, party: PartyInput
) -> CaseParty:
    """Adds one party to a case, as ``case_add_parties``. Writers of the case's unit only."""
    return case_add_parties(
        actor=actor, case_id=case_id, expected_version=expected_version, parties=[party]
    )[0]
