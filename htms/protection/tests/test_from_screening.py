"""A deportee screened as a possible victim is referred from the border: the referral is the
record behind the event's "referred" status."""

from dataclasses import replace
from datetime import timedelta

import pytest
from django.utils import timezone

from htms.accounts.models import Role, User
from htms.cases.models import Hearing
from htms.conftest import CHALLAN_COURT
from htms.intake.models import BorderEvent, IntakeStatus
from htms.intake.services.cases import case_open_from_interview
from htms.intake.services.screening import ScreeningInput, screening_record
from htms.intake.tests.conftest import KARACHI_AIRPORT, deportee, record
from htms.protection.models import Organisation, Referral
from htms.protection.services.referrals import ReferralInput, referral_propose
from htms.reference.models import Court, Unit
from htms.web.tests.support import client_for, page

VICTIM_ANSWERS = {"recruited": True, "deceived": True, "forced_labour": True}


@pytest.fixture
def ivan(db: None) -> User:
    return User.objects.create_user(
        username="ivan", password="pw-ivan", role=Role.INVESTIGATING_OFFICER,
        unit=Unit.objects.get(code=KARACHI_AIRPORT),
    )  # fmt: skip


@pytest.fixture
def screened(ivan: User) -> BorderEvent:
    entry = deportee(name="Nasreen Akhtar")
    entry = replace(entry, person=replace(entry.person, sex="F"))
    event = record(ivan, entry)
    screening_record(actor=ivan, event_id=event.pk, data=ScreeningInput(answers=VICTIM_ANSWERS))
    return event


def test_it_marks_the_border_event_referred_and_links_both_records(
    ivan: User, screened: BorderEvent, shelter: Organisation, carl: User
) -> None:
    data = ReferralInput(
        source="screening", event_id=screened.pk, organisation_id=shelter.pk, service="shelter",
        consent_by="person", shared_fields=["name"], send=True,
    )  # fmt: skip
    referral = referral_propose(actor=ivan, data=data)
    screened.refresh_from_db()
    assert screened.status == IntakeStatus.REFERRED
    assert referral.border_referral is not None
    assert referral.border_referral.organisation == shelter.name
    assert "Nasreen Akhtar" in page(client_for(carl), f"/protection/referrals/{referral.pk}/")


def test_it_offers_the_referral_on_the_border_event_page(
    ivan: User, screened: BorderEvent, shelter: Organisation
) -> None:
    client = client_for(ivan)
    assert "refer-to-service" in page(client, f"/intake/people/{screened.pk}/")
    url = f"/protection/referrals/new/?source=screening&event={screened.pk}"
    assert "Nasreen Akhtar" in page(client, url)
    response = client.post(url, {
        "organisation": shelter.pk, "service": "shelter", "consent_by": "person", "send": "on",
    })  # fmt: skip
    assert response.status_code == 302
    assert Referral.objects.get().border_event_id == screened.pk


def test_it_hides_the_screening_referral_form_from_another_post(
    screened: BorderEvent, alice: User
) -> None:
    url = f"/protection/referrals/new/?source=screening&event={screened.pk}"
    assert client_for(alice).get(url).status_code == 404


def test_it_reminds_the_caseworker_of_a_hearing_of_the_case_opened_from_the_interview(
    ivan: User, screened: BorderEvent, shelter: Organisation, carl: User
) -> None:
    """The referral was made at the border before the interview became a case: the case's
    hearings still reach the shelter's caseworker (date and court)."""
    data = ReferralInput(
        source="screening", event_id=screened.pk, organisation_id=shelter.pk, service="shelter",
        consent_by="person", send=True,
    )  # fmt: skip
    referral = referral_propose(actor=ivan, data=data)
    case = case_open_from_interview(actor=ivan, event_id=screened.pk)
    day = timezone.localdate() + timedelta(days=6)
    Hearing.objects.create(
        case=case, court=Court.objects.get(code=CHALLAN_COURT), date=day, recorded_by=ivan
    )
    html = page(client_for(carl), "/")
    reminders = html.split('id="hearing-reminders"')[1].split("</section>")[0]
    assert referral.reference in reminders
    assert str(Court.objects.get(code=CHALLAN_COURT)) in reminders
