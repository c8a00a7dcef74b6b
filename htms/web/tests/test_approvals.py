"""The circle in-charge's approval page: what each card shows, approval confirmed on a page of
its own without JavaScript, a decline only with a reason that the requester then reads."""

import pytest

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case, Stage, StageChange
from htms.conftest import BACKDATE_REASON, stage_move
from htms.web.tests.support import client_for, page, version

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(alice: User, tip_case: Case) -> StageChange:
    stage_move(alice, tip_case, Stage.INVESTIGATION)
    return stage_move(alice, tip_case, Stage.INTERIM_CHALLAN, note="Both accused in custody")


def test_each_card_shows_what_the_case_holds(anne: User, pending: StageChange) -> None:
    html = page(client_for(anne), "/approvals/")
    for text in (
        pending.case.reference,
        "Trafficking in persons",
        "Imran Butt</bdi> (Arrested)",
        "Tariq Mehmood</bdi> (At large)",
        "0 documents",
        "Both accused in custody",
        BACKDATE_REASON,
        pending.challan_number,
        "1 Oct 2026",
    ):
        assert text in html, text


def test_approving_asks_for_confirmation_first(anne: User, pending: StageChange) -> None:
    client = client_for(anne)
    response = client.post(f"/approvals/{pending.pk}/", {"decision": "approve"})
    assert response.status_code == 302 and response["Location"] == f"/approvals/{pending.pk}/"
    html = page(client, f"/approvals/{pending.pk}/")
    assert "Confirm the approval" in html and "Imran Butt" in html
    pending.refresh_from_db()
    assert pending.status == "pending"
    client.post(f"/approvals/{pending.pk}/", {"decision": "approve", "confirmed": "True"})
    pending.refresh_from_db()
    assert pending.status == "approved"
    assert version(pending.case) and pending.case.stage == Stage.INTERIM_CHALLAN


def test_declining_needs_a_reason_the_requester_reads_on_the_timeline(
    alice: User, anne: User, pending: StageChange
) -> None:
    client = client_for(anne)
    response = client.post(f"/approvals/{pending.pk}/", {"decision": "reject", "reason": " "})
    assert "Say why the request is declined" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "pending"
    client.post(f"/approvals/{pending.pk}/", {"decision": "reject", "reason": "Attach the FSL"})
    pending.refresh_from_db()
    assert (pending.status, pending.decline_reason) == ("rejected", "Attach the FSL")
    assert "reason for declining: Attach the FSL" in page(
        client_for(alice), f"/cases/{pending.case_id}/"
    )
    event = AuditEvent.objects.filter(object_type="stage_change", action="update").get()
    assert event.changes["decline_reason"] == "Attach the FSL"


def test_only_the_incharge_opens_the_decision_page(
    alice: User, bob: User, pending: StageChange
) -> None:
    assert client_for(alice).get(f"/approvals/{pending.pk}/").status_code == 403
    assert client_for(bob).get(f"/approvals/{pending.pk}/").status_code == 404
