"""Stage actions with confirmation, the approval queue, hearings, judgments, accused status."""

import pytest
from django.test import Client

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case, CaseParty, Stage, StageChange, Verdict
from htms.cases.services.lifecycle import case_request_stage
from htms.cases.tests.support import HIGH_COURT, convicted_then_appealed, imran
from htms.common.errors import STALE_EDIT
from htms.conftest import BACKDATE_REASON, CHALLAN_COURT, party_named, stage_extras
from htms.reference.models import Country, Court, District
from htms.web.tests.support import client_for, page, version

pytestmark = pytest.mark.django_db


def _move(actor: User, case: Case, stage: str, **kwargs: object) -> None:
    case_request_stage(
        actor=actor,
        case_id=case.pk,
        expected_version=version(case),
        to_stage=stage,
        **stage_extras(case, stage, **kwargs),  # type: ignore[arg-type]
    )


def _post_stage(client: Client, case: Case, stage: str, **data: object) -> str:
    """Posts the stage form; a challan gets a number and a court unless the test gives them."""
    if stage in (Stage.INTERIM_CHALLAN, Stage.FINAL_CHALLAN):
        court = Court.objects.get(code=CHALLAN_COURT)
        data = {"challan_number": "CH-1/2026", "court": court.pk} | data
    response = client.post(
        f"/cases/{case.pk}/stage/{stage}/", {"expected_version": version(case), **data}
    )
    if response.status_code == 302:
        return ""
    assert response.status_code == 200
    return response.content.decode()


def test_it_offers_the_next_stages_on_the_case_page(alice: User, tip_case: Case) -> None:
    html = page(client_for(alice), f"/cases/{tip_case.pk}/")
    assert f"/cases/{tip_case.pk}/stage/investigation/" in html
    assert f"/cases/{tip_case.pk}/stage/closed/" in html
    assert "/stage/trial/" not in html


def test_it_asks_for_confirmation_then_moves_the_case(alice: User, tip_case: Case) -> None:
    client = client_for(alice)
    html = page(client, f"/cases/{tip_case.pk}/stage/investigation/")
    assert "Confirm the move" in html
    assert version(tip_case) and tip_case.stage == Stage.FIR  # a GET changes nothing
    assert _post_stage(client, tip_case, "investigation") == ""
    assert version(tip_case) and tip_case.stage == Stage.INVESTIGATION


def test_a_challan_waits_in_the_incharge_queue_until_approved(
    alice: User, anne: User, tip_case: Case
) -> None:
    _move(alice, tip_case, Stage.INVESTIGATION)
    assert "Send for approval" in page(
        client_for(alice), f"/cases/{tip_case.pk}/stage/interim_challan/"
    )
    assert _post_stage(client_for(alice), tip_case, "interim_challan") == ""
    assert version(tip_case) and tip_case.stage == Stage.INVESTIGATION
    assert "Waiting for the circle in-charge" in page(client_for(alice), f"/cases/{tip_case.pk}/")
    queue = page(client_for(anne), "/approvals/")
    assert tip_case.reference in queue
    assert tip_case.reference in page(client_for(anne), "/")
    change = StageChange.objects.get(case=tip_case, status="pending")
    client_for(anne).post(
        f"/approvals/{change.pk}/", {"decision": "approve", "confirmed": "True", "note": "ok"}
    )
    assert version(tip_case) and tip_case.stage == Stage.INTERIM_CHALLAN
    assert "Nothing is waiting for you" in page(client_for(anne), "/approvals/")


def test_the_incharge_rejects_with_a_note(alice: User, anne: User, tip_case: Case) -> None:
    _move(alice, tip_case, Stage.INVESTIGATION)
    _post_stage(client_for(alice), tip_case, "closed", closure_reason="untraced")
    change = StageChange.objects.get(case=tip_case, status="pending")
    client_for(anne).post(f"/approvals/{change.pk}/", {"decision": "reject", "reason": "Trace him"})
    change.refresh_from_db()
    assert (change.status, change.decline_reason) == ("rejected", "Trace him")
    assert version(tip_case) and tip_case.stage == Stage.INVESTIGATION


def test_a_decided_request_says_so_instead_of_failing(
    alice: User, anne: User, tip_case: Case
) -> None:
    _move(alice, tip_case, Stage.INVESTIGATION)
    _post_stage(client_for(alice), tip_case, "interim_challan")
    change = StageChange.objects.get(case=tip_case, status="pending")
    client = client_for(anne)
    client.post(f"/approvals/{change.pk}/", {"decision": "approve", "confirmed": "True"})
    response = client.post(f"/approvals/{change.pk}/", {"decision": "approve"}, follow=True)
    assert "already decided" in response.content.decode()


def test_only_the_incharge_decides_and_other_circles_see_nothing(
    alice: User, bob: User, tip_case: Case
) -> None:
    _move(alice, tip_case, Stage.INVESTIGATION)
    _post_stage(client_for(alice), tip_case, "interim_challan")
    change = StageChange.objects.get(case=tip_case, status="pending")
    assert (
        client_for(alice).post(f"/approvals/{change.pk}/", {"decision": "approve"}).status_code
        == 403
    )
    assert (
        client_for(bob).post(f"/approvals/{change.pk}/", {"decision": "approve"}).status_code == 404
    )
    assert tip_case.reference not in page(client_for(bob), "/approvals/")
    assert version(tip_case) and tip_case.stage == Stage.INVESTIGATION


def test_closure_asks_for_the_reason(alice: User, tip_case: Case) -> None:
    html = _post_stage(client_for(alice), tip_case, "closed")
    assert "Give the reason for closing the case." in html
    assert 'id="id_closure_reason"' in html


def test_a_challan_asks_for_its_number_and_court(anne: User, tip_case: Case) -> None:
    _move(anne, tip_case, Stage.INVESTIGATION)
    html = _post_stage(client_for(anne), tip_case, "final_challan", challan_number="", court="")
    assert "Give the challan&#x27;s number." in html or "Give the challan’s number." in html
    assert 'id="id_court"' in html and 'id="id_effective_on"' in html
    html = _post_stage(client_for(anne), tip_case, "final_challan", court="")
    assert "Name the court the challan is filed in." in html
    assert _post_stage(client_for(anne), tip_case, "final_challan") == ""
    assert version(tip_case) and tip_case.stage == Stage.FINAL_CHALLAN
    change = tip_case.stage_changes.get(to_stage=Stage.FINAL_CHALLAN)
    assert (change.challan_number, change.court.code) == ("CH-1/2026", CHALLAN_COURT)


def test_a_stale_form_is_refused_and_keeps_the_input(alice: User, tip_case: Case) -> None:
    stale = version(tip_case)
    _move(alice, tip_case, Stage.INVESTIGATION)
    response = client_for(alice).post(
        f"/cases/{tip_case.pk}/stage/closed/",
        {"expected_version": stale, "closure_reason": "untraced", "note": "my careful note"},
    )
    html = response.content.decode()
    assert str(STALE_EDIT)[:40] in html.replace("&#x27;", "'")
    assert "my careful note" in html
    assert version(tip_case) and tip_case.stage == Stage.INVESTIGATION


def test_it_records_a_hearing(anne: User, tip_case: Case) -> None:
    court = Court.objects.first()
    assert court is not None
    _move(anne, tip_case, Stage.INVESTIGATION)
    _move(anne, tip_case, Stage.INTERIM_CHALLAN)
    victim = tip_case.parties.get(role="victim")
    response = client_for(anne).post(
        f"/cases/{tip_case.pk}/hearings/new/",
        {
            "court": court.pk,
            "date": "2026-10-20",
            "backdate_reason": BACKDATE_REASON,
            "purpose": "Framing of charge",
            "next_date": "2026-11-03",
            "witnesses_due": [victim.pk],
        },
    )
    assert response.status_code == 302
    hearing = tip_case.hearings.get()
    assert list(hearing.witnesses_due.all()) == [victim]
    assert "Framing of charge" in page(client_for(anne), f"/cases/{tip_case.pk}/")


def test_a_hearing_before_the_challan_is_refused_next_to_the_date(
    alice: User, tip_case: Case
) -> None:
    court = Court.objects.first()
    assert court is not None
    response = client_for(alice).post(
        f"/cases/{tip_case.pk}/hearings/new/", {"court": court.pk, "date": "2026-10-20"}
    )
    assert "Hearings are recorded once a challan is in court." in response.content.decode()
    assert not tip_case.hearings.exists()


def test_it_records_the_judgment_per_accused_per_offence(anne: User, tip_case: Case) -> None:
    court = Court.objects.get(code=CHALLAN_COURT)
    for stage in (Stage.INVESTIGATION, Stage.FINAL_CHALLAN):
        _move(anne, tip_case, stage)
    _move(anne, tip_case, Stage.TRIAL, court_id=court.pk)
    client = client_for(anne)
    html = page(client, f"/cases/{tip_case.pk}/judgment/")
    assert "Tariq Mehmood (At large)" in html  # tried separately
    imran = party_named(tip_case, "Imran Butt")
    offence = tip_case.offences.get()
    key = f"{imran.pk}_{offence.pk}"
    data = {
        "expected_version": version(tip_case),
        "court": court.pk,
        "date": "2026-11-01",
        "backdate_reason": BACKDATE_REASON,
    }
    response = client.post(
        f"/cases/{tip_case.pk}/judgment/",
        {**data, f"outcome_{key}": "acquitted", f"months_{key}": "12"},
    )
    assert "Verdict 1: only a conviction carries a sentence" in response.content.decode()
    assert not Verdict.objects.exists()
    response = client.post(
        f"/cases/{tip_case.pk}/judgment/",
        {**data, f"outcome_{key}": "convicted", f"months_{key}": "84", f"fine_{key}": "500000"},
    )
    assert response.status_code == 302
    assert version(tip_case) and tip_case.stage == Stage.JUDGMENT
    html = page(client, f"/cases/{tip_case.pk}/")
    assert "Verdict: Imran Butt, Convicted" in html
    assert "Trial; Court of Sessions Judge" in html and "7 years; fine PKR 500,000" in html


def test_it_records_an_appeal_against_the_trial_judgment(anne: User, tip_case: Case) -> None:
    convicted_then_appealed(anne, tip_case)
    client = client_for(anne)
    html = page(client, f"/cases/{tip_case.pk}/judgment/")
    assert "Judgment appealed against" in html and "Trial, Convicted, 7 years" in html
    assert 'value="acquitted"' not in html  # trial outcomes are not offered on appeal
    key = f"{imran(tip_case).pk}_{tip_case.offences.get().pk}"
    data = {
        "expected_version": version(tip_case),
        "court": Court.objects.get(code=CHALLAN_COURT).pk,
        "date": "2026-11-25",
        "backdate_reason": BACKDATE_REASON,
        f"outcome_{key}": "reduced",
        f"kind_{key}": "term",
        f"years_{key}": "4",
        f"fineccy_{key}": "PKR",
        f"compccy_{key}": "PKR",
    }
    html = client.post(f"/cases/{tip_case.pk}/judgment/", data).content.decode()
    assert "an appeal goes to a court above the one that judged" in html
    data["court"] = Court.objects.get(code=HIGH_COURT).pk
    assert client.post(f"/cases/{tip_case.pk}/judgment/", data).status_code == 302
    html = page(client, f"/cases/{tip_case.pk}/")
    assert "Verdict: Imran Butt, Sentence reduced on appeal" in html
    assert "Appeal, level 1; Lahore High Court, Lahore" in html and "4 years" in html


def test_it_asks_for_at_least_one_appeal_outcome(anne: User, tip_case: Case) -> None:
    convicted_then_appealed(anne, tip_case)
    data = {
        "expected_version": version(tip_case),
        "court": Court.objects.get(code=HIGH_COURT).pk,
        "date": "2026-11-25",
        "backdate_reason": BACKDATE_REASON,
    }
    html = client_for(anne).post(f"/cases/{tip_case.pk}/judgment/", data).content.decode()
    assert "Give the outcome of at least one appeal." in html


def test_it_sets_when_and_where_an_offence_was_committed(alice: User, tip_case: Case) -> None:
    client = client_for(alice)
    offence = tip_case.offences.get()
    url = f"/cases/{tip_case.pk}/offences/{offence.pk}/"
    assert url in page(client, f"/cases/{tip_case.pk}/")
    data = {
        "expected_version": version(tip_case),
        "date": "2026-09-01",
        "date_precision": "month",
        "district": District.objects.get(code="PB-LAHORE").pk,
        "country": Country.objects.get(code="AE").pk,
    }
    assert "A district is in Pakistan" in client.post(url, data).content.decode()
    del data["country"]
    assert client.post(url, data).status_code == 302
    html = page(client, f"/cases/{tip_case.pk}/")
    assert "<td>Sep 2026</td><td>Lahore " in html


def test_another_circle_cannot_open_the_offence_form(bob: User, tip_case: Case) -> None:
    offence = tip_case.offences.get()
    response = client_for(bob).get(f"/cases/{tip_case.pk}/offences/{offence.pk}/")
    assert response.status_code == 404


def test_it_sets_the_status_of_an_accused(alice: User, tip_case: Case) -> None:
    tariq = party_named(tip_case, "Tariq Mehmood")
    response = client_for(alice).post(
        f"/cases/{tip_case.pk}/parties/{tariq.pk}/status/",
        {"expected_version": version(tip_case), "status": "arrested"},
        follow=True,
    )
    assert "Status changed to “Arrested”." in response.content.decode()
    assert CaseParty.objects.get(pk=tariq.pk).accused_status == "arrested"


def test_it_edits_the_fir_details(alice: User, tip_case: Case) -> None:
    client = client_for(alice)
    assert f'value="{tip_case.fir_number}"' in page(client, f"/cases/{tip_case.pk}/edit/")
    data = {
        "expected_version": version(tip_case),
        "fir_number": "99/2026",
        "fir_date": "2026-10-01",
        "police_station": "FIA AHTC Lahore",
        "occurred_on": "2026-10-05",
    }
    html = client.post(f"/cases/{tip_case.pk}/edit/", data).content.decode()
    assert "The offence cannot have happened after the FIR was registered." in html
    data["occurred_on"] = "2026-09-01"
    assert client.post(f"/cases/{tip_case.pk}/edit/", data).status_code == 302
    tip_case.refresh_from_db()
    assert tip_case.fir_number == "99/2026"


def test_the_approval_queue_audits_the_requests_it_showed(
    alice: User, anne: User, tip_case: Case
) -> None:
    _move(alice, tip_case, Stage.INVESTIGATION)
    _move(alice, tip_case, Stage.INTERIM_CHALLAN)
    change = StageChange.objects.get(case=tip_case, status="pending")
    page(client_for(anne), "/approvals/")
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None
    assert (event.actor, event.action, event.object_type) == (anne, "view", "approval_list")
    assert event.changes == {"ids": [change.pk], "cases": [tip_case.pk]}
