"""The API says whether a case was entered from a police ledger."""

import pytest

from htms.accounts.models import User
from htms.api.tests.conftest import ClientFor
from htms.cases.services.registration import case_register
from htms.cases.tests.support import ledger_case
from htms.conftest import tip_case_input

pytestmark = pytest.mark.django_db


def test_the_api_says_whether_a_case_is_historical(client_for: ClientFor, alice: User) -> None:
    historical = ledger_case(alice)
    registered = case_register(actor=alice, data=tip_case_input())
    api = client_for(alice)
    assert api.get(f"/api/cases/{historical.pk}/").json()["historical"] is True
    assert api.get(f"/api/cases/{registered.pk}/").json()["historical"] is False
    listed = {c["id"]: c["historical"] for c in api.get("/api/cases/").json()["results"]}
    assert listed == {historical.pk: True, registered.pk: False}
