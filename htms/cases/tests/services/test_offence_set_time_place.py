"""When and where an offence was committed."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from htms.accounts.models import User
from htms.audit.models import AuditEvent, AuditObject
from htms.cases.models import Case
from htms.cases.services.offence_place import (
    DISTRICT_ABROAD,
    OFFENCE_DATE_IN_FUTURE,
    UNKNOWN_COUNTRY,
    offence_set_time_place,
)

pytestmark = pytest.mark.django_db


def _set(actor: User, case: Case, **given: object) -> object:
    case.refresh_from_db()
    return offence_set_time_place(
        actor=actor,
        case_id=case.pk,
        expected_version=case.version,
        offence_id=case.offences.get().pk,
        **given,  # type: ignore[arg-type]
    )


def test_it_sets_a_month_and_a_district_in_pakistan(alice: User, tip_case: Case) -> None:
    _set(
        alice,
        tip_case,
        date=date(2026, 9, 1),
        date_precision="month",
        district_code="PB-LAHORE",
        country_code="PK",
    )
    offence = tip_case.offences.select_related("district").get()
    assert (offence.date_precision, offence.district.code, offence.country) == (
        "month",
        "PB-LAHORE",
        None,
    )  # type: ignore[union-attr]
    event = AuditEvent.objects.filter(object_type=AuditObject.CASE).latest("id")
    assert event.changes["offence"] == offence.pk and "district_id" in event.changes


def test_it_sets_a_country_abroad_and_an_exact_day_by_default(alice: User, tip_case: Case) -> None:
    _set(alice, tip_case, date=date(2026, 9, 1), country_code="ae")
    offence = tip_case.offences.select_related("country").get()
    assert (offence.date_precision, offence.country.code, offence.district) == ("day", "AE", None)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"date": date(2099, 1, 1)}, OFFENCE_DATE_IN_FUTURE),
        ({"date": None, "district_code": "PB-LAHORE", "country_code": "AE"}, DISTRICT_ABROAD),
        ({"date": None, "country_code": "XX"}, UNKNOWN_COUNTRY),
    ],
)
def test_it_refuses_a_wrong_date_or_place(
    alice: User, tip_case: Case, given: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        _set(alice, tip_case, **given)
    assert str(message) in str(caught.value)


def test_another_circle_may_not_set_it(bob: User, tip_case: Case) -> None:
    with pytest.raises(Http404):
        _set(bob, tip_case, date=None)
