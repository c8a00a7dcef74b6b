"""The bulk loader: the same records, written in batches, with one audit event per batch."""

from collections import Counter
from datetime import date

import pytest

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.audit.verify import audit_verify
from htms.cases.models import Case, CaseParty, Verdict
from htms.cases.selectors import case_counts
from htms.cases.services.registration import case_register
from htms.conftest import tip_case_input
from htms.persons.models import Person, PersonPhone
from htms.persons.validators import normalize_phone
from htms.synthetic.bulk import synthetic_bulk_load
from htms.synthetic.generator import generate, iter_batches
from htms.synthetic.load import catalogue_from_db, synthetic_actors
from htms.synthetic.tests.conftest import expected_counts_by_crime_type

pytestmark = pytest.mark.django_db
UNITS = ["T-A", "T-B"]
CASES, EXTRA = 300, 40


@pytest.fixture
def bulk_loaded(today: date) -> None:
    catalogue = catalogue_from_db(unit_codes=UNITS)
    batches = iter_batches(
        cases=CASES, seed=21, today=today, catalogue=catalogue, extra_persons=EXTRA, batch_size=100
    )
    officers = {code: a.io for code, a in synthetic_actors(UNITS).items()}
    counts = synthetic_bulk_load(batches=batches, officers=officers, label="test")
    assert counts.cases == CASES and counts.batches == 4


def test_it_loads_every_case_and_person(bulk_loaded: None, today: date) -> None:
    data = generate(
        cases=CASES,
        seed=21,
        today=today,
        catalogue=catalogue_from_db(unit_codes=UNITS),
        extra_persons=EXTRA,
    )
    assert Case.objects.filter(is_synthetic=True).count() == CASES
    assert Person.objects.filter(is_synthetic=True).count() == len(data.persons)
    stages = Counter(Case.objects.values_list("stage", flat=True))
    assert stages == Counter(c.final_stage for c in data.cases)
    assert Verdict.objects.count() == sum(len(c.verdicts) for c in data.cases)


def test_it_writes_one_audit_event_per_batch_and_keeps_the_chain(bulk_loaded: None) -> None:
    batches = AuditEvent.objects.filter(object_type="synthetic_batch")
    assert batches.count() == 4
    assert sum(e.changes["cases"] for e in batches) == CASES
    assert audit_verify() == []


def test_the_national_count_matches_after_a_bulk_load(
    bulk_loaded: None, mona: User, today: date
) -> None:
    catalogue = catalogue_from_db(unit_codes=UNITS)
    data = generate(cases=CASES, seed=21, today=today, catalogue=catalogue)
    counted: Counter[str] = Counter()
    for row in case_counts(user=mona):
        counted[row.crime_type] += row.cases
    assert counted == expected_counts_by_crime_type(data, catalogue)


def test_it_stores_phones_in_normal_form(bulk_loaded: None) -> None:
    numbers = list(PersonPhone.objects.values_list("number", flat=True)[:500])
    assert numbers and all(normalize_phone(n) == n for n in numbers)


def test_it_leaves_the_reference_counters_ready_for_the_next_case(
    bulk_loaded: None, alice: User
) -> None:
    case = case_register(actor=alice, data=tip_case_input())
    assert Case.objects.filter(reference=case.reference).count() == 1


def test_it_records_verdict_outcomes_on_the_accused(bulk_loaded: None) -> None:
    judged = CaseParty.objects.filter(verdicts__isnull=False).distinct()
    assert judged.exists()
    assert set(judged.values_list("accused_status", flat=True)) <= {"convicted", "acquitted"}
