"""Recording and withdrawing graded dossier facts."""

from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.common.errors import NotAllowedError
from htms.intelligence.inputs import FactInput
from htms.intelligence.models import DossierFact
from htms.intelligence.services import (
    BAD_CREDIBILITY,
    BAD_HANDLING,
    BAD_RELIABILITY,
    BAD_STATUS,
    SOURCE_MISSING,
    UNKNOWN_CASE,
    fact_record,
    fact_withdraw,
)
from htms.intelligence.tests.support import accused_of

pytestmark = pytest.mark.django_db


def phone_fact(case: Case, **changes: object) -> FactInput:
    data = FactInput(
        kind="phone",
        value="0301 7654321",
        source_kind="case",
        source_reference=case.reference,
        reliability="B",
        credibility="2",
        handling_code="H2",
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def test_it_records_a_graded_fact_naming_its_source_case(alice: User, tip_case: Case) -> None:
    agent = accused_of(tip_case)
    fact = fact_record(actor=alice, person_id=agent.pk, data=phone_fact(tip_case))
    assert fact.source_case == tip_case
    assert fact.grading == "B2 H2"
    assert fact.recorded_by_unit == alice.unit
    row = AuditEvent.objects.get(object_type="dossier_fact", object_id=str(fact.pk))
    assert row.action == "create"
    assert row.changes["grading"] == "B2 H2"


@pytest.mark.parametrize(
    ("field", "value", "key", "message"),
    [
        ("reliability", "G", "reliability", BAD_RELIABILITY),
        ("reliability", "", "reliability", BAD_RELIABILITY),
        ("credibility", "7", "credibility", BAD_CREDIBILITY),
        ("credibility", "0", "credibility", BAD_CREDIBILITY),
        ("handling_code", "H9", "handling_code", BAD_HANDLING),
    ],
)
def test_it_refuses_a_grading_outside_the_scales(
    alice: User, tip_case: Case, field: str, value: str, key: str, message: str
) -> None:
    agent = accused_of(tip_case)
    with pytest.raises(ValidationError) as caught:
        fact_record(actor=alice, person_id=agent.pk, data=phone_fact(tip_case, **{field: value}))
    assert caught.value.message_dict[key] == [str(message)]
    assert not DossierFact.objects.exists()


def test_it_refuses_a_fact_without_a_source(alice: User, tip_case: Case) -> None:
    agent = accused_of(tip_case)
    data = phone_fact(tip_case, source_kind="tip", source_reference=" ")
    with pytest.raises(ValidationError) as caught:
        fact_record(actor=alice, person_id=agent.pk, data=data)
    assert caught.value.message_dict["source_reference"] == [str(SOURCE_MISSING)]


def test_it_refuses_a_source_case_the_officer_may_not_see(bina: User, tip_case: Case) -> None:
    """Circle B's in-charge reads the dossier (same zone) but may not cite circle A's case."""
    agent = accused_of(tip_case)
    with pytest.raises(ValidationError) as caught:
        fact_record(actor=bina, person_id=agent.pk, data=phone_fact(tip_case))
    assert caught.value.message_dict["source_reference"] == [str(UNKNOWN_CASE)]


def test_it_refuses_an_unknown_status(alice: User, tip_case: Case) -> None:
    agent = accused_of(tip_case)
    data = phone_fact(tip_case, kind="status", value="hiding")
    with pytest.raises(ValidationError) as caught:
        fact_record(actor=alice, person_id=agent.pk, data=data)
    assert caught.value.message_dict["value"] == [str(BAD_STATUS)]


def test_it_hides_the_dossier_from_an_officer_of_another_circle(bob: User, tip_case: Case) -> None:
    with pytest.raises(Http404):
        fact_record(actor=bob, person_id=accused_of(tip_case).pk, data=phone_fact(tip_case))


def test_it_lets_the_monitoring_cell_read_but_not_record(mona: User, tip_case: Case) -> None:
    with pytest.raises(NotAllowedError):
        fact_record(actor=mona, person_id=accused_of(tip_case).pk, data=phone_fact(tip_case))


def test_it_withdraws_a_fact_with_a_reason_and_keeps_it(
    alice: User, anne: User, tip_case: Case
) -> None:
    fact = fact_record(actor=alice, person_id=accused_of(tip_case).pk, data=phone_fact(tip_case))
    with pytest.raises(ValidationError):
        fact_withdraw(actor=anne, fact_id=fact.pk, reason="  ")
    fact_withdraw(actor=anne, fact_id=fact.pk, reason="Number belongs to his brother")
    fact.refresh_from_db()
    assert fact.withdrawn_at is not None
    assert fact.withdraw_reason == "Number belongs to his brother"
    row = AuditEvent.objects.filter(object_type="dossier_fact", action="update").get()
    assert row.changes["reason"] == "Number belongs to his brother"


def test_it_lets_only_the_recording_unit_or_an_analyst_withdraw(
    alice: User, bina: User, hana: User, tip_case: Case
) -> None:
    fact = fact_record(actor=alice, person_id=accused_of(tip_case).pk, data=phone_fact(tip_case))
    with pytest.raises(NotAllowedError):
        fact_withdraw(actor=bina, fact_id=fact.pk, reason="Wrong")
    fact_withdraw(actor=hana, fact_id=fact.pk, reason="Wrong")
