"""The caseworker's records and shelter stays; notes sealed at rest."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from htms.accounts.models import User
from htms.audit.models import AuditEvent, AuditObject
from htms.common.errors import NotAllowedError
from htms.common.sealing import SealBroken, seal, unseal
from htms.protection.models import CaseNote, Organisation, Referral, ReferralState
from htms.protection.selectors import absconded_recent, shelter_occupancy
from htms.protection.services.care import (
    NOT_ACCEPTED,
    PlanInput,
    case_note_add,
    follow_up_add,
    risk_assess,
    support_plan_add,
)
from htms.protection.services.stays import NO_BED, stay_admit, stay_discharge

SECRET = "She fears her uncle Rashid in Gujrat"


def test_it_keeps_notes_out_of_a_database_dump(accepted: Referral, carl: User) -> None:
    note = case_note_add(actor=carl, referral_id=accepted.pk, text=SECRET)
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM protection_casenote WHERE id = %s", [note.pk])
        stored = cursor.fetchone()[0]
    dump = io.StringIO()
    call_command("dumpdata", "protection", "audit", stdout=dump)
    assert "Rashid" not in stored and "Rashid" not in dump.getvalue()
    assert CaseNote.objects.get(pk=note.pk).text == SECRET


def test_it_refuses_an_altered_sealed_note() -> None:
    token = seal(SECRET)
    assert unseal(token) == SECRET
    altered = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    with pytest.raises(SealBroken):
        unseal(altered)


def test_it_lets_only_the_organisations_caseworker_write_records(
    accepted: Referral, alice: User
) -> None:
    with pytest.raises(NotAllowedError):
        case_note_add(actor=alice, referral_id=accepted.pk, text="x")


def test_it_asks_to_accept_the_referral_before_any_record(referral: Referral, carl: User) -> None:
    with pytest.raises(ValidationError) as refused:
        risk_assess(actor=carl, referral_id=referral.pk, level="high")
    assert refused.value.messages == [str(NOT_ACCEPTED)]


def test_it_records_plan_follow_up_and_risk_with_audit_rows(accepted: Referral, carl: User) -> None:
    today = timezone.localdate()
    plan = support_plan_add(
        actor=carl, referral_id=accepted.pk,
        data=PlanInput(kind="counselling", objectives="Weekly sessions", planned_end=today),
    )  # fmt: skip
    follow_up_add(actor=carl, referral_id=accepted.pk, due_on=today + timedelta(days=30))
    risk_assess(actor=carl, referral_id=accepted.pk, level="medium", factors="Debt to agent")
    types = set(AuditEvent.objects.values_list("object_type", flat=True))
    assert {AuditObject.SUPPORT_PLAN, AuditObject.FOLLOW_UP, AuditObject.RISK_ASSESSMENT} <= types
    assert plan.objectives == "Weekly sessions"


def test_it_admits_discharges_and_counts_beds(
    accepted: Referral, carl: User, shelter: Organisation, alice: User
) -> None:
    today = timezone.localdate()
    stay_admit(actor=carl, referral_id=accepted.pk, admitted_on=today)
    accepted.refresh_from_db()
    assert accepted.state == ReferralState.IN_SERVICE
    assert [(o.shelter, o.occupied, o.free) for o in shelter_occupancy()] == [(shelter, 1, 1)]
    stay_discharge(
        actor=carl, referral_id=accepted.pk, discharged_on=today, destination="absconded"
    )
    assert shelter_occupancy()[0].occupied == 0
    assert [s.referral_id for s in absconded_recent(user=alice)] == [accepted.pk]


def test_it_refuses_an_admission_when_every_bed_is_taken(
    accepted: Referral, carl: User, shelter: Organisation
) -> None:
    Organisation.objects.filter(pk=shelter.pk).update(beds=0)
    with pytest.raises(ValidationError) as refused:
        stay_admit(actor=carl, referral_id=accepted.pk, admitted_on=timezone.localdate())
    assert refused.value.messages == [str(NO_BED)]
