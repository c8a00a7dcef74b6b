"""One case from registration to judgment and appeal through the API alone, every step dated
when it happened; its timeline follows those dates, not the order they were typed in."""

from typing import Any

import pytest

from htms.accounts.models import User
from htms.api.tests.conftest import ClientFor
from htms.api.tests.payloads import som_case_payload
from htms.cases.models import Case
from htms.cases.selectors import case_detail
from htms.cases.selectors_timeline import case_timeline
from htms.cases.tests.support import convicted_then_appealed, imran
from htms.conftest import CHALLAN_COURT, SOM_SECTION, TIP_SECTION, party_named
from htms.reference.models import Court

pytestmark = pytest.mark.django_db
LATE = "Entered from the paper case file"


class Officer:
    """An API client for one user that keeps the case's version as last read."""

    def __init__(self, client_for: ClientFor, user: User, case_id: int) -> None:
        self.client, self.case_id = client_for(user), case_id

    def version(self) -> int:
        return int(self.client.get(f"/api/cases/{self.case_id}/").json()["version"])

    def post(self, path: str, body: dict[str, Any], expect: int = 201) -> Any:
        response = self.client.post(f"/api/cases/{self.case_id}/{path}", body, format="json")
        assert response.status_code == expect, response.json()
        return response.json()

    def stage(self, to_stage: str, on: str, **extra: Any) -> Any:
        body = {"to_stage": to_stage, "expected_version": self.version(), "effective_on": on}
        return self.post("stage/", {"backdate_reason": LATE, **body, **extra})["change"]

    def judgment(
        self, on: str, accused: int, outcome: str, court: str = CHALLAN_COURT, **given: object
    ) -> Any:
        verdict = {"accused": accused, "statute": SOM_SECTION, "outcome": outcome, **given}
        body = {
            "expected_version": self.version(),
            "court": Court.objects.get(code=court).pk,
            "date": on,
            "backdate_reason": LATE,
            "verdicts": [verdict],
        }
        return self.post("judgment/", body)


def _register(client_for: ClientFor, alice: User) -> int:
    payload = {**som_case_payload(), "registered_on": "2026-11-03"}
    response = client_for(alice).post("/api/cases/", payload, format="json")
    assert response.status_code == 201, response.json()
    return int(response.json()["id"])


def _approve(client_for: ClientFor, anne: User, change_id: int) -> None:
    queue = client_for(anne).get("/api/approvals/").json()["results"]
    assert [item["id"] for item in queue] == [change_id]
    response = client_for(anne).post(f"/api/approvals/{change_id}/approve/", {}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "approved"


def test_it_goes_from_registration_to_appeal_with_dates_in_order(
    client_for: ClientFor, alice: User, anne: User
) -> None:
    case_id = _register(client_for, alice)
    io = Officer(client_for, alice, case_id)
    court = Court.objects.get(code=CHALLAN_COURT).pk
    io.stage("investigation", "2026-11-04")
    challan = {"challan_number": "CH-12/2026", "court": court}
    _approve(client_for, anne, io.stage("interim_challan", "2026-11-06", **challan)["id"])
    hearing = {"court": court, "date": "2026-11-10", "next_date": "2026-11-24"}
    io.post("hearings/", {**hearing, "backdate_reason": LATE, "purpose": "Charge framed"})
    final = io.stage("final_challan", "2026-11-12", **challan)
    declined = client_for(anne).post(
        f"/api/approvals/{final['id']}/decline/", {"reason": "Attach the FSL report"}, format="json"
    )
    assert declined.json()["decline_reason"] == "Attach the FSL report"
    _approve(client_for, anne, io.stage("final_challan", "2026-11-14", **challan)["id"])
    io.stage("trial", "2026-11-16")
    accused = party_named(Case.objects.get(pk=case_id), "Shahid Iqbal").pk
    trial = io.judgment("2026-11-20", accused, "convicted", sentence_years=3, fine_amount="50000")
    assert trial["case"]["stage"] == "judgment"
    assert trial["verdicts"][0]["fine_currency"] == "PKR"
    io.stage("appeal", "2026-11-22")
    appeal = io.judgment("2026-11-28", accused, "appeal_acquitted", court="CRT-HC-LHR")
    assert (appeal["verdicts"][0]["level"], appeal["verdicts"][0]["outcome"]) == (
        1,
        "appeal_acquitted",
    )

    detail = io.client.get(f"/api/cases/{case_id}/").json()
    moves = [(c["to_stage"], c["effective_on"]) for c in detail["stage_history"]]
    assert [stage for stage, _ in moves] == [
        "fir",
        "investigation",
        "interim_challan",
        "final_challan",
        "final_challan",
        "trial",
        "judgment",
        "appeal",
        "judgment",
    ]
    assert [day for _, day in moves] == sorted(day for _, day in moves)
    case = case_detail(user=alice, case_id=case_id)
    timeline = case_timeline(case, party_name=str)
    kinds = [(e.kind, e.day.isoformat()) for e in timeline if e.kind != "route"]
    assert kinds[:3] == [
        ("offence", "2026-10-20"),
        ("fir", "2026-11-02"),
        ("registered", "2026-11-03"),
    ]
    assert ("hearing", "2026-11-10") in kinds and ("verdict", "2026-11-28") in kinds
    assert [e.day for e in timeline] == sorted(e.day for e in timeline)
    assert any("Attach the FSL report" in e.detail for e in timeline)
    assert any(LATE in e.detail for e in timeline if e.kind == "stage")


def test_the_api_explains_a_wrong_appeal_and_sets_an_offence_place(
    client_for: ClientFor, anne: User, tip_case: Case
) -> None:
    convicted_then_appealed(anne, tip_case)
    client = client_for(anne)
    tip_case.refresh_from_db()
    body = {
        "expected_version": tip_case.version,
        "court": Court.objects.get(code=CHALLAN_COURT).pk,
        "date": "2026-11-25",
        "backdate_reason": LATE,
        "verdicts": [{"accused": imran(tip_case).pk, "statute": TIP_SECTION, "outcome": "upheld"}],
    }
    response = client.post(f"/api/cases/{tip_case.pk}/judgment/", body, format="json")
    assert response.status_code == 400
    assert "an appeal goes to a court above the one that judged" in str(response.json())
    offence = tip_case.offences.get()
    place = {"expected_version": tip_case.version, "date": "2026-08", "country": "AE"}
    response = client.put(f"/api/cases/{tip_case.pk}/offences/{offence.pk}/", place, format="json")
    assert response.status_code == 400  # not a date
    place["date"], place["date_precision"] = "2026-08-01", "month"
    response = client.put(f"/api/cases/{tip_case.pk}/offences/{offence.pk}/", place, format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["country"], response.json()["date_precision"]) == ("AE", "month")
