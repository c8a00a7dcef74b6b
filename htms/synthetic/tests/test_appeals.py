"""Generated cases include appeals (upheld, acquitted on appeal, sentence reduced) and the date
and place of every offence, through the services and through the bulk load alike."""

from datetime import date

import pytest

from htms.cases.models import Offence, Verdict
from htms.synthetic.generator import generate
from htms.synthetic.load import catalogue_from_db, synthetic_actors, synthetic_load
from htms.synthetic.records import SyntheticData

pytestmark = pytest.mark.django_db
UNITS = ["T-A", "T-B"]


def _appealed(today: date) -> SyntheticData:
    """The generated cases whose appeal was decided, with the persons they name."""
    data = generate(cases=400, seed=11, today=today, catalogue=catalogue_from_db(unit_codes=UNITS))
    cases = [c for c in data.cases if c.appeal_verdicts]
    keys = {p.person_key for c in cases for p in c.parties}
    return SyntheticData(cases=cases, persons=[p for p in data.persons if p.key in keys])


def test_it_plans_appeals_of_convictions_only(today: date) -> None:
    data = _appealed(today)
    outcomes = {v.outcome for c in data.cases for v in c.appeal_verdicts}
    assert outcomes == {"upheld", "appeal_acquitted", "reduced"}
    for case in data.cases:
        convicted = {
            (v.party_index, v.statute_code) for v in case.verdicts if v.outcome == "convicted"
        }
        assert {(v.party_index, v.statute_code) for v in case.appeal_verdicts} <= convicted
        assert case.appeal_date and case.judgment_date and case.appeal_date > case.judgment_date


def test_the_services_record_the_appeals_and_the_offence_places(today: date) -> None:
    data = _appealed(today)
    synthetic_load(data=data, actors_by_unit=synthetic_actors(UNITS))
    appeals = Verdict.objects.filter(level=1).select_related("court")
    assert appeals.count() == sum(len(c.appeal_verdicts) for c in data.cases)
    assert {v.court.level for v in appeals} == {"high_court"}
    assert not Offence.objects.filter(date__isnull=True).exists()
    assert not Offence.objects.filter(district__isnull=True, country__isnull=True).exists()
