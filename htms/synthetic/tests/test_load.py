"""Loading through the services: every generated case registers and reaches its stage, and the
national statistics count exactly what was generated."""

from collections import Counter
from datetime import date

import pytest

from htms.accounts.models import User
from htms.audit.verify import audit_verify
from htms.cases.models import Case, CaseParty, Hearing, StageChange
from htms.cases.selectors import case_counts
from htms.persons.models import Person
from htms.synthetic.generator import generate
from htms.synthetic.load import catalogue_from_db, synthetic_actors, synthetic_load
from htms.synthetic.records import SyntheticData
from htms.synthetic.tests.conftest import expected_counts_by_crime_type

pytestmark = pytest.mark.django_db
UNITS = ["T-A", "T-B"]


@pytest.fixture
def loaded(today: date) -> tuple[SyntheticData, object]:
    catalogue = catalogue_from_db(unit_codes=UNITS)
    data = generate(cases=40, seed=5, today=today, catalogue=catalogue, extra_persons=3)
    counts = synthetic_load(data=data, actors_by_unit=synthetic_actors(UNITS))
    return data, counts


def test_it_registers_every_case_at_its_planned_stage(loaded: tuple[SyntheticData, object]) -> None:
    data, _ = loaded
    cases = list(Case.objects.order_by("id"))
    assert len(cases) == 40 and all(c.is_synthetic for c in cases)
    assert [c.stage for c in cases] == [s.final_stage for s in data.cases]
    assert Hearing.objects.count() == sum(len(c.hearings) for c in data.cases)
    assert StageChange.objects.filter(status="pending").count() == sum(
        bool(c.pending_stage) for c in data.cases
    )


def test_it_marks_every_person_synthetic_and_enters_each_once(
    loaded: tuple[SyntheticData, object],
) -> None:
    data, _ = loaded
    assert Person.objects.count() == len(data.persons)
    assert not Person.objects.filter(is_synthetic=False).exists()


def test_it_adds_an_agent_met_again_by_id_even_from_another_circle(
    loaded: tuple[SyntheticData, object],
) -> None:
    links = set(CaseParty.objects.values_list("person_id", "case_id"))
    cases_per_person = Counter(person for person, _case in links)
    assert max(cases_per_person.values()) > 1
    units = set(CaseParty.objects.filter(role="accused").values_list("person_id", "case__unit_id"))
    units_per_agent = Counter(person for person, _unit in units)
    assert max(units_per_agent.values()) > 1, "an agent of both circles, found in the register"


def test_the_national_count_by_crime_type_matches_the_synthetic_data(
    loaded: tuple[SyntheticData, object],
    mona: User,
) -> None:
    data, _ = loaded
    counted: Counter[str] = Counter()
    for row in case_counts(user=mona):
        counted[row.crime_type] += row.cases
    assert counted == expected_counts_by_crime_type(data, catalogue_from_db(unit_codes=UNITS))


def test_it_leaves_the_audit_chain_intact(loaded: tuple[SyntheticData, object]) -> None:
    assert audit_verify() == []


def test_it_works_the_cases_as_a_synthetic_io_without_a_password(
    loaded: tuple[SyntheticData, object],
) -> None:
    io = User.objects.get(username="synthetic-io-t-a")
    assert io.role == "io" and not io.has_usable_password()
    assert Case.objects.filter(unit__code="T-A", investigating_officer=io).exists()
