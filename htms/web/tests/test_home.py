"""The home page shows each kind of user their own work."""

from datetime import timedelta

import pytest
from django.utils import timezone

from htms.accounts.models import User
from htms.cases.models import Case
from htms.cases.services.details import CaseDetailsInput, case_update_details
from htms.web.tests.support import client_for, page, version

pytestmark = pytest.mark.django_db


def _make_overdue(alice: User, case: Case) -> None:
    fir = timezone.localdate() - timedelta(days=30)
    details = CaseDetailsInput(
        fir_number=case.fir_number, fir_date=fir, police_station="PS", occurred_on=fir
    )
    case_update_details(actor=alice, case_id=case.pk, expected_version=version(case), data=details)


def test_an_officer_sees_own_cases_deadlines_and_unit_counts(alice: User, tip_case: Case) -> None:
    _make_overdue(alice, tip_case)
    html = page(client_for(alice), "/")
    overdue = html[html.index('id="overdue-heading"') : html.index('id="due-heading"')]
    assert tip_case.reference in overdue
    assert "Cases of your unit by stage" in html
    assert "My cases" in html and "Hearings this week" in html
    assert "Waiting for your approval" not in html


def test_the_incharge_sees_the_approval_queue(anne: User, tip_case: Case) -> None:
    html = page(client_for(anne), "/")
    assert "Waiting for your approval" in html and "/approvals/" in html


def test_the_monitoring_cell_sees_the_national_picture(
    mona: User, alice: User, tip_case: Case
) -> None:
    _make_overdue(alice, tip_case)
    html = page(client_for(mona), "/")
    assert "Cases in the country by crime type" in html
    assert "1 interim challan overdue in the country" in html
    assert tip_case.reference in html


def test_a_zonal_officer_sees_the_zone(zara: User, tip_case: Case) -> None:
    assert "Cases in your zone by stage" in page(client_for(zara), "/")


def test_caseworkers_and_administrators_see_what_they_can_do(carl: User, adam: User) -> None:
    # Carl is posted at no organisation's unit yet: his home says what to ask for.
    assert "Ask an administrator to post you" in page(client_for(carl), "/")
    assert "htms create_user" in page(client_for(adam), "/")
    assert "Register a case" not in page(client_for(carl), "/")
