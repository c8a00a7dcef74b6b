"""The database keeps verdicts and offences consistent even when the services are bypassed."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from htms.accounts.models import User
from htms.cases.models import Case, Offence, Verdict, verdict_stands_convicted
from htms.cases.tests.support import imran
from htms.reference.models import Country, Court, District

pytestmark = pytest.mark.django_db


def _verdict(case: Case, **fields: object) -> None:
    values: dict[str, object] = {
        "case": case,
        "accused": imran(case),
        "offence": case.offences.get(),
        "court": Court.objects.get(code="CRT-SJ-LHR"),
        "date": date(2026, 11, 1),
        "outcome": "convicted",
    }
    with transaction.atomic():
        Verdict.objects.create(**(values | fields))


@pytest.mark.parametrize(
    "fields",
    [
        {"outcome": "acquitted", "sentence_kind": "life"},
        {"outcome": "acquitted", "fine_amount": 1},
        {"outcome": "remanded", "compensation_amount": 1},
        {"sentence_kind": "life", "sentence_years": 2},
        {"sentence_kind": "term", "sentence_years": 2, "sentence_months": 12},
        {"fine_currency": "rs"},
        {"compensation_currency": "pkr"},
        {"basis": "compromise"},
        {"outcome": "acquitted", "basis": "plea"},
    ],
)
def test_it_refuses_an_inconsistent_verdict(
    alice: User, tip_case: Case, fields: dict[str, object]
) -> None:
    with pytest.raises(IntegrityError):
        _verdict(tip_case, **fields)


def test_it_allows_one_verdict_per_accused_offence_and_level(tip_case: Case) -> None:
    _verdict(tip_case)
    _verdict(tip_case, level=1, outcome="upheld")
    with pytest.raises(IntegrityError):
        _verdict(tip_case, level=1, outcome="remanded")


def test_an_offence_is_dated_with_a_precision_and_placed_in_a_district_or_a_country(
    tip_case: Case,
) -> None:
    offence = tip_case.offences.get()
    for fields in (
        {"date": date(2026, 9, 1)},
        {"date_precision": "day"},
        {
            "district": District.objects.get(code="PB-LAHORE"),
            "country": Country.objects.get(code="AE"),
        },
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Offence.objects.filter(pk=offence.pk).update(**fields)


def test_the_standing_outcome_follows_the_last_decision() -> None:
    assert verdict_stands_convicted([]) is None
    assert verdict_stands_convicted(["convicted", "upheld"]) is True
    assert verdict_stands_convicted(["convicted", "appeal_acquitted"]) is False
    assert verdict_stands_convicted(["acquitted", "upheld"]) is False
    assert verdict_stands_convicted(["convicted", "remanded"]) is None
    assert verdict_stands_convicted(["convicted", "remanded", "acquitted"]) is False
