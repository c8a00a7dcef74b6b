"""The generator: deterministic, realistic in its mix, and valid in every field it fills."""

from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest

from htms.persons.validators import PK_PASSPORT_RE, normalize_phone
from htms.synthetic.generator import generate, iter_batches
from htms.synthetic.people import CNIC_REGION
from htms.synthetic.records import Catalogue, SyntheticData
from htms.synthetic.stories import BANNER

CASES = 1500


@pytest.fixture
def data(catalogue: Catalogue, today: date) -> SyntheticData:
    return generate(cases=CASES, seed=7, today=today, catalogue=catalogue, extra_persons=50)


def test_it_gives_the_same_records_for_the_same_seed(catalogue: Catalogue, today: date) -> None:
    first = generate(cases=200, seed=11, today=today, catalogue=catalogue, extra_persons=20)
    again = generate(cases=200, seed=11, today=today, catalogue=catalogue, extra_persons=20)
    assert first == again


def test_it_gives_other_records_for_another_seed(catalogue: Catalogue, today: date) -> None:
    first = generate(cases=50, seed=11, today=today, catalogue=catalogue)
    other = generate(cases=50, seed=12, today=today, catalogue=catalogue)
    assert first.cases != other.cases
    assert [p.full_name for p in first.persons] != [p.full_name for p in other.persons]


def test_it_gives_the_same_records_in_batches(catalogue: Catalogue, today: date) -> None:
    whole = generate(cases=120, seed=3, today=today, catalogue=catalogue, extra_persons=30)
    parts = list(
        iter_batches(
            cases=120, seed=3, today=today, catalogue=catalogue, extra_persons=30, batch_size=50
        )
    )
    assert [c for p in parts for c in p.cases] == whole.cases
    assert [q for p in parts for q in p.persons] == whole.persons
    assert [p.key for p in whole.persons] == list(range(len(whole.persons)))


def test_it_mixes_trafficking_and_smuggling(data: SyntheticData) -> None:
    kinds = Counter(c.kind for c in data.cases)
    assert 0.40 < kinds["TIP"] / CASES < 0.50
    assert 0.40 < kinds["SOM"] / CASES < 0.50
    assert 0.06 < kinds["BOTH"] / CASES < 0.14


def test_it_charges_the_sections_of_each_crime_type(
    data: SyntheticData, catalogue: Catalogue
) -> None:
    for case in data.cases:
        types = {catalogue.crime_types[code] for code in case.statute_codes}
        assert {"TIP": {"TIP"}, "SOM": {"SOM"}, "BOTH": {"TIP", "SOM"}}[case.kind] <= types
        assert case.summary.startswith(BANNER)
    related = Counter(
        t
        for c in data.cases
        for code in c.statute_codes
        if (t := catalogue.crime_types[code]) not in ("TIP", "SOM")
    )
    assert related["OTH"] and related["DOC"] and related["EMI"] and related["BLA"]


def test_it_leaves_most_cases_at_fir_or_investigation(data: SyntheticData) -> None:
    stages = Counter(c.final_stage for c in data.cases)
    early = stages["fir"] + stages["investigation"]
    assert early > stages["trial"] + stages["judgment"] + stages["appeal"]
    assert stages["judgment"] < stages["investigation"]
    assert all(stages[s] for s in ("enquiry", "interim_challan", "final_challan", "closed"))
    assert any(c.pending_stage for c in data.cases)


def test_it_dates_firs_in_the_last_three_years(data: SyntheticData, today: date) -> None:
    for case in data.cases:
        assert case.occurred_on <= today
        if case.fir_date:
            assert today - timedelta(days=3 * 365) <= case.fir_date <= today
            assert case.occurred_on <= case.fir_date
        assert all(leg.date is None or leg.date <= today for leg in case.route)
        if case.judgment_date:
            assert case.fir_date and case.fir_date < case.judgment_date <= today
            assert all(h.date < case.judgment_date for h in case.hearings)


def test_it_never_has_anyone_born_after_the_offence(data: SyntheticData) -> None:
    persons = {p.key: p for p in data.persons}
    for case in data.cases:
        for party in case.parties:
            born = persons[party.person_key].birth_date
            assert born is not None and born < case.occurred_on


def test_it_issues_cnics_of_the_home_province_and_sex(
    data: SyntheticData, catalogue: Catalogue
) -> None:
    province = {d.code: d.province_code for d in catalogue.districts}
    cnics = [p for p in data.persons if p.cnic]
    assert len({p.cnic for p in cnics if p.same_as is None}) == len(
        [p for p in cnics if p.same_as is None]
    )
    for p in cnics:
        assert len(p.cnic) == 13 and p.cnic.isdigit()
        assert p.cnic[0] == CNIC_REGION[province[p.district_code]]
        assert int(p.cnic[-1]) % 2 == (1 if p.sex == "M" else 0)


def test_it_writes_valid_passports_and_phones(data: SyntheticData) -> None:
    pakistani = [p.passport for p in data.persons if p.passport and p.nationality_code == "PK"]
    assert pakistani and all(PK_PASSPORT_RE.match(n) for n in pakistani)
    phones = [n for p in data.persons for n in p.phones]
    assert phones and all(normalize_phone(n).startswith("+923") for n in phones)


def test_it_makes_migrants_mostly_adult_men_and_victims_often_women_and_children(
    data: SyntheticData,
) -> None:
    persons = {p.key: p for p in data.persons}

    def profile(role: str) -> tuple[float, float]:
        people = [
            (persons[p.person_key], c.occurred_on)
            for c in data.cases
            for p in c.parties
            if p.role == role
        ]
        men = sum(p.sex == "M" for p, _ in people) / len(people)
        minors = sum(
            (on - p.birth_date).days < 18 * 365
            for p, on in people  # type: ignore[operator]
            if p.birth_date
        ) / len(people)
        return men, minors

    migrant_men, migrant_minors = profile("migrant")
    victim_men, victim_minors = profile("victim")
    assert migrant_men > 0.9 and migrant_minors < 0.1
    assert victim_men < 0.6 and victim_minors > 0.2


def test_it_meets_agents_again_and_migrants_only_in_the_same_circle(data: SyntheticData) -> None:
    units_of: dict[tuple[int, str], set[str]] = defaultdict(set)
    cases_of: Counter[tuple[int, str]] = Counter()
    for case in data.cases:
        for party in case.parties:
            cases_of[(party.person_key, party.role)] += 1
            units_of[(party.person_key, party.role)].add(case.unit_code)
    agents = [k for k, n in cases_of.items() if n > 1 and k[1] == "accused"]
    migrants = [k for k, n in cases_of.items() if n > 1 and k[1] == "migrant"]
    assert len(agents) > 20 and migrants
    assert any(len(units_of[k]) > 1 for k in agents)
    assert all(len(units_of[k]) == 1 for k in migrants)
    assert len({role for _key, role in cases_of}) == 5
    assert all(n == 1 for (_key, role), n in cases_of.items() if role in ("victim", "witness"))


def test_it_enters_some_agents_again_under_another_spelling(data: SyntheticData) -> None:
    persons = {p.key: p for p in data.persons}
    copies = [p for p in data.persons if p.same_as is not None]
    assert copies
    assert any(p.full_name != persons[p.same_as].full_name for p in copies)  # type: ignore[index]
    assert all(p.full_name_ur == persons[p.same_as].full_name_ur for p in copies)  # type: ignore[index]


def test_it_uses_only_terms_of_the_catalogue(data: SyntheticData, catalogue: Catalogue) -> None:
    for party in (p for c in data.cases for p in c.parties):
        assert all(
            catalogue.has_term("exploitation_type", t) for t in party.exploitation_type_codes
        )
        assert all(catalogue.has_term("means_of_control", t) for t in party.means_of_control_codes)
        assert not party.network_role_code or catalogue.has_term(
            "network_role", party.network_role_code
        )
