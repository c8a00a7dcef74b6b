"""The leads of an interview changed and removed through the API, with the services' checks,
the post's refusals and an audit row that keeps what a removed lead said."""

import pytest

from htms.api.tests.intake_cast import IntakeCast, cast  # noqa: F401 - fixture
from htms.api.tests.test_intake_processing import SMUGGLED_ANSWERS, _screened
from htms.audit.models import AuditEvent
from htms.intake.models import LeadAgent, LeadPayment, LeadRouteLeg
from htms.intake.tests.conftest import ivan, record, tariq  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def _leads_url(cast: IntakeCast) -> str:  # noqa: F811
    event = _screened(cast.ivan, SMUGGLED_ANSWERS)
    return f"/api/intake/events/{event.pk}/leads/"


def test_it_changes_an_agent_and_audits_what_changed(cast: IntakeCast) -> None:  # noqa: F811
    url = _leads_url(cast)
    agent = cast.officer.post(url + "agents/", {"name": "Bashir"}, format="json").json()
    changed = {"name": "Bashir Ahmed", "phone": "0300 1234567"}
    response = cast.officer.put(f"{url}agents/{agent['id']}/", changed, format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["name"], response.json()["phone"]) == ("Bashir Ahmed", "+923001234567")
    audit = AuditEvent.objects.get(object_type="lead_agent", action="update")
    assert audit.changes["name"] == {"old": "Bashir", "new": "Bashir Ahmed"}
    nameless = cast.officer.put(f"{url}agents/{agent['id']}/", {"name": " "}, format="json")
    assert nameless.status_code == 400 and "name" in nameless.json()
    assert LeadAgent.objects.get().name == "Bashir Ahmed"


def test_it_removes_a_lead_and_keeps_the_payments_to_a_removed_agent(
    cast: IntakeCast,  # noqa: F811
) -> None:
    url = _leads_url(cast)
    agent = cast.officer.post(url + "agents/", {"name": "Bashir"}, format="json").json()
    payment = {"amount": "1000", "currency": "PKR", "payee": agent["id"]}
    cast.officer.post(url + "payments/", payment, format="json")
    assert cast.officer.delete(f"{url}agents/{agent['id']}/").status_code == 204
    assert LeadPayment.objects.get().payee is None
    removed = AuditEvent.objects.get(object_type="lead_agent", action="delete")
    assert removed.changes["removed"] == "Bashir"
    assert cast.officer.delete(f"{url}agents/{agent['id']}/").status_code == 404


def test_a_leg_added_after_removals_comes_last(cast: IntakeCast) -> None:  # noqa: F811
    url = _leads_url(cast)
    legs = [
        cast.officer.post(url + "legs/", {"country": code}, format="json").json()
        for code in ("IR", "TR", "GR")
    ]
    for removed in legs[:2]:
        assert cast.officer.delete(f"{url}legs/{removed['id']}/").status_code == 204
    cast.officer.post(url + "legs/", {"country": "IT"}, format="json")
    assert [leg["country"] for leg in cast.officer.get(url).json()["legs"]] == ["GR", "IT"]


def test_another_post_or_a_national_reader_changes_no_lead(cast: IntakeCast) -> None:  # noqa: F811
    url = _leads_url(cast)
    agent = cast.officer.post(url + "agents/", {"name": "Bashir"}, format="json").json()
    other_event = record(cast.ivan)
    elsewhere = f"/api/intake/events/{other_event.pk}/leads/agents/{agent['id']}/"
    assert cast.officer.put(elsewhere, {"name": "X"}, format="json").status_code == 404
    mine = f"{url}agents/{agent['id']}/"
    assert cast.other_post.put(mine, {"name": "X"}, format="json").status_code == 404
    assert cast.national.put(mine, {"name": "X"}, format="json").status_code == 403
    assert cast.national.delete(mine).status_code == 403
    not_a_leg = f"{url}legs/{agent['id']}/"  # an agent's id is no leg's id
    assert cast.officer.put(not_a_leg, {"country": "IR"}, format="json").status_code == 404
    assert LeadAgent.objects.get().name == "Bashir" and not LeadRouteLeg.objects.exists()
