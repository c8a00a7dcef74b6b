"""An emergency is escalated at once to the circle of the caller's district, shows on that
circle's home page until acknowledged, and on no other circle's."""

import pytest
from django.core.exceptions import ValidationError

from htms.accounts.models import User
from htms.helpline.inputs import NO_CIRCLE
from htms.helpline.models import Call, CallStatus
from htms.helpline.routing import circle_for_district
from htms.helpline.services import call_acknowledge, call_record
from htms.helpline.tests.support import call_input
from htms.reference.models import District
from htms.web.tests.support import client_for, page

pytestmark = pytest.mark.django_db


def test_it_escalates_an_emergency_to_the_callers_districts_circle(emergency: Call) -> None:
    assert emergency.status == CallStatus.ESCALATED
    assert emergency.circle is not None and emergency.circle.code == "AHTC-GRW"
    assert emergency.escalated_at is not None


def test_the_alert_is_on_that_circles_home_page_and_no_other(
    emergency: Call, gul: User, lara: User
) -> None:
    assert emergency.reference in page(client_for(gul), "/")
    assert emergency.reference not in page(client_for(lara), "/")


def test_acknowledging_takes_the_alert_off_the_home_page(emergency: Call, gul: User) -> None:
    client = client_for(gul)
    response = client.post(f"/helpline/calls/{emergency.pk}/acknowledge/")
    assert response.status_code == 302
    emergency.refresh_from_db()
    assert emergency.acknowledged_by == gul
    assert emergency.reference not in page(client, "/")


def test_another_circle_cannot_acknowledge(emergency: Call, lara: User) -> None:
    assert client_for(lara).post(f"/helpline/calls/{emergency.pk}/acknowledge/").status_code == 404
    emergency.refresh_from_db()
    assert emergency.acknowledged_at is None


def test_a_second_acknowledgement_is_refused(emergency: Call, gul: User) -> None:
    call_acknowledge(actor=gul, call_id=emergency.pk)
    with pytest.raises(ValidationError):
        call_acknowledge(actor=gul, call_id=emergency.pk)


@pytest.mark.parametrize(
    ("district", "circle"),
    [
        ("PB-LAHORE", "AHTC-LHR"),
        ("PB-ATTOCK", "AHTC-LHR"),  # no circle of its own: the seat of the Punjab zone
        ("PB-RAWALPINDI", "AHTC-RWP"),
        ("SD-HYDERABAD", "AHTC-HYD"),
        ("SD-THARPARKAR", "AHTC-KHI"),
        ("ICT-ISLAMABAD", "AHTC-ISB"),
    ],
)
def test_it_finds_the_circle_of_a_district(district: str, circle: str) -> None:
    found = circle_for_district(District.objects.get(code=district))
    assert found is not None and found.code == circle


def test_a_district_without_a_circle_needs_the_call_taker_to_choose(tina: User) -> None:
    data = call_input(category="emergency", district_code="GB-HUNZA")
    with pytest.raises(ValidationError) as error:
        call_record(actor=tina, data=data)
    assert error.value.message_dict["circle"] == [str(NO_CIRCLE)]
    assert not Call.objects.exists()
    chosen = call_record(actor=tina, data=call_input(**{**vars(data), "circle_code": "AHTC-ISB"}))
    assert chosen.circle is not None and chosen.circle.code == "AHTC-ISB"


def test_an_anonymous_emergency_is_escalated(tina: User) -> None:
    data = call_input(
        category="emergency", anonymous=True, caller_name="", caller_phone="", district_code=""
    )
    call = call_record(actor=tina, data=call_input(**{**vars(data), "circle_code": "AHTC-LHR"}))
    assert call.anonymous and call.circle is not None and call.circle.code == "AHTC-LHR"
