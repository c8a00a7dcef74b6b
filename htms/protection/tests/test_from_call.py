"""A help-line call becomes a referral: the call-taker refers the person the call is about from
the call's page, with consent; the referral keeps the call and the call lists its referrals."""

import pytest
from django.utils import timezone

from htms.accounts.models import Role, User
from htms.audit.models import AuditEvent, AuditObject
from htms.helpline.models import Call
from htms.helpline.services import call_record
from htms.helpline.tests.support import call_input, call_taker_user, staff
from htms.persons.access import person_identity_visible
from htms.persons.models import Person
from htms.protection.models import Organisation, Referral
from htms.protection.services.referrals import MINOR_CONSENT
from htms.protection.tests.conftest import api_client_for
from htms.reference.models import Unit, UnitKind
from htms.web.tests.support import client_for, page

REFERRED = "Shabana Kausar"


@pytest.fixture
def tina(db: None) -> User:
    return call_taker_user()


@pytest.fixture
def call(tina: User) -> Call:
    return call_record(actor=tina, data=call_input())


def _form(shelter: Organisation, **changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "organisation": shelter.pk, "service": "shelter", "consent_by": "person",
        "shared_fields": ["name"], "send": "on", "full_name": REFERRED, "sex": "F",
        "birth_year": "1995",
    }  # fmt: skip
    return values | changes


def _url(call: Call) -> str:
    return f"/protection/referrals/new/?source=helpline&call={call.pk}"


def test_it_refers_from_the_call_page_and_links_call_and_referral(
    tina: User, call: Call, shelter: Organisation, carl: User
) -> None:
    client = client_for(tina)
    assert "refer-from-call" in page(client, f"/helpline/calls/{call.pk}/")
    assert call.reference in page(client, _url(call))
    response = client.post(_url(call), _form(shelter))
    assert response.status_code == 302, response.content.decode()
    referral = Referral.objects.get()
    assert referral.call == call and referral.source == "helpline"
    assert referral.from_unit_id == tina.unit_id and referral.person.full_name == REFERRED
    assert referral.person.created_by_unit_id == tina.unit_id
    assert referral.reference in page(client, f"/helpline/calls/{call.pk}/")
    assert REFERRED in page(client, f"/protection/referrals/{referral.pk}/")
    shown = page(client_for(carl), f"/protection/referrals/{referral.pk}/")
    assert REFERRED in shown and call.reference in shown
    written = AuditEvent.objects.get(object_type=AuditObject.PROTECTION_REFERRAL, action="create")
    assert written.changes["call"] == call.pk


def test_it_writes_nothing_without_the_persons_name(
    tina: User, call: Call, shelter: Organisation
) -> None:
    persons = Person.objects.count()
    response = client_for(tina).post(_url(call), _form(shelter, full_name=""))
    assert response.status_code == 400
    assert "Give the person" in response.content.decode()
    assert not Referral.objects.exists() and Person.objects.count() == persons


def test_it_asks_a_guardians_consent_for_a_child(
    tina: User, call: Call, shelter: Organisation
) -> None:
    child = str(timezone.localdate().year - 10)
    response = client_for(tina).post(_url(call), _form(shelter, birth_year=child))
    assert response.status_code == 400
    assert str(MINOR_CONSENT) in response.content.decode()
    assert not Referral.objects.exists()


def test_it_lets_only_the_call_takers_of_the_call_refer_from_it(
    call: Call, alice: User, shelter: Organisation
) -> None:
    refused = client_for(alice).get(_url(call))
    assert refused.status_code == 400
    assert "from the call" in refused.content.decode()
    Unit.objects.create(code="HL-2", name="Second help line", kind=UnitKind.HELPLINE)
    other_line = staff("tom", "HL-2", Role.CALL_TAKER)
    assert client_for(other_line).get(_url(call)).status_code == 404
    assert not Referral.objects.exists()


def test_it_protects_the_referred_persons_identity(
    tina: User, call: Call, shelter: Organisation, hana: User, mona: User
) -> None:
    client_for(tina).post(_url(call), _form(shelter))
    referral = Referral.objects.get()
    assert person_identity_visible(tina, referral.person)
    for reader in (hana, mona):
        assert not person_identity_visible(reader, referral.person)
        assert client_for(reader).get(f"/protection/referrals/{referral.pk}/").status_code == 404
        call_page = page(client_for(reader), f"/helpline/calls/{call.pk}/")
        assert REFERRED not in call_page and referral.reference not in call_page


def test_it_refers_from_a_call_through_the_api(
    tina: User, call: Call, shelter: Organisation
) -> None:
    client = api_client_for(tina)
    body = {
        "source": "helpline", "call_id": call.pk, "organisation_id": shelter.pk,
        "service": "shelter", "consent_by": "person", "shared_fields": ["name"],
        "called": {"full_name": REFERRED, "sex": "F"},
    }  # fmt: skip
    created = client.post("/api/protection/referrals/", body, format="json")
    assert created.status_code == 201, created.content
    assert Referral.objects.get().call == call
