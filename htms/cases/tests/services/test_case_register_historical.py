"""Historical cases: entered from a police ledger, counted in the year of their FIR, owing no
challan in HTMS, and marked on the case page and the case list."""

from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.cases.selectors import CaseFilters, case_deadlines, case_list
from htms.cases.services.registration import HISTORICAL_NEEDS_FIR, case_register
from htms.cases.tests.support import LEDGER_FIR, ledger_case
from htms.common.errors import NotAllowedError
from htms.conftest import tip_case_input
from htms.statistics.figures import CountingUnit, people_counted
from htms.web.tests.support import client_for, page

pytestmark = pytest.mark.django_db


def test_it_registers_a_ledger_case_on_its_fir_date(alice: User) -> None:
    case = ledger_case(alice)
    assert case.historical
    assert case.registered_at.date() == LEDGER_FIR
    assert case.reference.startswith("T-A/2019/")
    event = AuditEvent.objects.get(object_type="case", object_id=str(case.pk), action="create")
    assert event.changes["historical"] is True


def test_a_case_registered_in_htms_is_not_historical(alice: User) -> None:
    case = case_register(actor=alice, data=tip_case_input())
    assert not case.historical
    event = AuditEvent.objects.get(object_type="case", object_id=str(case.pk), action="create")
    assert "historical" not in event.changes


def test_it_refuses_a_ledger_case_without_its_fir(alice: User) -> None:
    data = replace(tip_case_input(), fir_number="", fir_date=None, police_station="")
    with pytest.raises(ValidationError) as caught:
        case_register(actor=alice, data=data, historical=True)
    assert caught.value.message_dict["fir_number"] == [str(HISTORICAL_NEEDS_FIR)]
    assert not Case.objects.exists()


def test_it_counts_ledger_victims_in_the_year_of_the_fir(alice: User) -> None:
    ledger_case(alice)
    case_register(actor=alice, data=tip_case_input())
    years = sorted(c.year for c in people_counted(user=alice, unit=CountingUnit.VICTIMS))
    assert years == [2019, 2026]


def test_a_ledger_case_owes_no_interim_challan(alice: User) -> None:
    historical = ledger_case(alice)
    live = replace(tip_case_input(), fir_number="89/2019", fir_date=LEDGER_FIR, occurred_on=None)
    registered = case_register(actor=alice, data=live)
    deadlines = case_deadlines(user=alice)
    assert list(deadlines.overdue) == [registered]
    overdue = case_list(user=alice, filters=CaseFilters(overdue=True))
    assert historical not in overdue and registered in overdue


def test_the_case_page_and_list_mark_aledger_case(alice: User) -> None:
    historical = ledger_case(alice)
    registered = case_register(actor=alice, data=tip_case_input())
    client = client_for(alice)
    shown = page(client, f"/cases/{historical.pk}/")
    assert "Historical: entered from the ledger" in shown
    assert "Entered from the ledger: Complaint" in shown and "Case registered:" not in shown
    assert 'id="case-historical"' not in page(client, f"/cases/{registered.pk}/")
    listed = page(client, "/cases/")
    assert listed.count('class="tag historical"') == 1


def test_the_mark_is_in_urdu(alice: User) -> None:
    historical = ledger_case(alice)
    client = client_for(alice)
    client.cookies["django_language"] = "ur"
    # The request activates Urdu in this thread; the override puts the language back after.
    with translation.override("en"):
        html = page(client, f"/cases/{historical.pk}/")
    assert "تاریخی: رجسٹر سے درج کیا گیا" in html


def test_only_the_monitoring_cell_enters_a_ledger_case_in_another_unit(
    alice: User, bob: User, mona: User
) -> None:
    data = replace(tip_case_input(), fir_number="90/2019", fir_date=LEDGER_FIR, occurred_on=None)
    case = case_register(actor=mona, data=data, historical=True, unit=bob.unit)
    assert case.unit == bob.unit and case.investigating_officer is None
    assert case.reference.startswith("T-B/2019/")
    other = replace(data, fir_number="91/2019")
    with pytest.raises(NotAllowedError):
        case_register(actor=alice, data=other, historical=True, unit=bob.unit)
    with pytest.raises(NotAllowedError):
        case_register(actor=mona, data=other, unit=bob.unit)
    assert Case.objects.count() == 1
