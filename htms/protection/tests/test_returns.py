"""Returns home and from abroad: the steps' rules, follow-ups at 3, 6 and 12 months, overdue
follow-ups, and who may see and keep a return."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from htms.accounts.models import User
from htms.audit.models import AuditEvent, AuditObject
from htms.common.errors import NotAllowedError
from htms.persons.models import Person
from htms.protection.access import return_get_for_user
from htms.protection.models import Organisation, Referral, Return, ReturnFollowUp
from htms.protection.selectors import return_follow_ups_overdue
from htms.protection.services.directory import OrganisationInput, organisation_save
from htms.protection.services.reintegration import return_follow_up_done, return_plan
from htms.protection.services.returns import (
    ILLEGAL_STEP,
    NO_DEPARTURE,
    NO_DOCUMENT,
    NOT_FOREIGN,
    NOT_YET,
    ReturnInput,
    months_after,
    return_close,
    return_open,
    return_step,
    return_travel,
)
from htms.reference.models import Country


def country(code: str) -> int:
    return Country.objects.get(code=code).pk


@pytest.fixture
def embassy(adam: User) -> Organisation:
    data = OrganisationInput(
        name="Test embassy of Bangladesh", kind="CentralGovernmentOrganisation",
        services=["consular"],
    )  # fmt: skip
    return organisation_save(actor=adam, data=data)


@pytest.fixture
def foreign(accepted: Referral, carl: User, embassy: Organisation) -> Return:
    """The accepted referral's person going home to Bangladesh."""
    data = ReturnInput(kind="foreign", country_id=country("BD"), embassy_id=embassy.pk)
    return return_open(actor=carl, referral_id=accepted.pk, data=data)


def returnee_of(referral: Referral, actor: User, returned_on: date) -> Return:
    data = ReturnInput(kind="returnee", country_id=country("OM"), returned_on=returned_on)
    return return_open(actor=actor, referral_id=referral.pk, data=data)


def test_months_after_keeps_the_day_or_the_months_last() -> None:
    assert months_after(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert months_after(date(2026, 1, 15), 12) == date(2027, 1, 15)


def test_it_creates_follow_ups_at_3_6_and_12_months(accepted: Referral, carl: User) -> None:
    record = returnee_of(accepted, carl, date(2026, 1, 31))
    due = list(record.follow_ups.values_list("months", "due_on"))
    assert due == [(3, date(2026, 4, 30)), (6, date(2026, 7, 31)), (12, date(2027, 1, 31))]
    created = AuditEvent.objects.get(object_type=AuditObject.PROTECTION_RETURN, action="create")
    assert created.changes["kind"] == "returnee"


def test_it_lists_overdue_follow_ups_to_both_sides_until_done(
    accepted: Referral, carl: User, alice: User, bob: User
) -> None:
    today = timezone.localdate()
    record = returnee_of(accepted, carl, today - timedelta(days=200))
    overdue = [f.months for f in return_follow_ups_overdue(user=carl)]
    assert overdue == [3, 6] and [f.months for f in return_follow_ups_overdue(user=alice)] == [3, 6]
    assert not return_follow_ups_overdue(user=bob).exists()
    first = record.follow_ups.get(months=3)
    return_follow_up_done(
        actor=carl, follow_up_id=first.pk, done_on=today, situation="at_risk",
        note="Agent visited the family",
    )  # fmt: skip
    assert [f.months for f in return_follow_ups_overdue(user=carl)] == [6]
    assert ReturnFollowUp.objects.get(pk=first.pk).note == "Agent visited the family"


def test_it_refuses_a_follow_up_done_before_the_return_or_without_situation(
    accepted: Referral, carl: User
) -> None:
    today = timezone.localdate()
    record = returnee_of(accepted, carl, today - timedelta(days=10))
    follow_up = record.follow_ups.first()
    assert follow_up is not None
    with pytest.raises(ValidationError, match="before the return"):
        return_follow_up_done(
            actor=carl, follow_up_id=follow_up.pk, done_on=today - timedelta(days=11),
            situation="stable",
        )  # fmt: skip
    with pytest.raises(ValidationError, match="situation"):
        return_follow_up_done(actor=carl, follow_up_id=follow_up.pk, done_on=today, situation="")


def test_it_moves_a_step_only_along_its_states(foreign: Return, carl: User) -> None:
    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        return_step(actor=carl, return_id=foreign.pk, step="document", state="issued", on=today)
    assert refused.value.messages == [str(ILLEGAL_STEP) % {"old": NOT_YET, "new": "Issued"}]
    return_step(
        actor=carl, return_id=foreign.pk, step="document", state="requested", on=today,
        document_kind="emergency",
    )  # fmt: skip
    done = return_step(actor=carl, return_id=foreign.pk, step="document", state="issued", on=today)
    assert (done.document_state, done.document_answered_on) == ("issued", today)
    change = AuditEvent.objects.filter(object_type=AuditObject.PROTECTION_RETURN).last()
    assert change is not None and change.changes["document_state"]["old"] == "requested"


def test_it_lets_a_refused_request_be_made_again(foreign: Return, carl: User) -> None:
    today = timezone.localdate()
    for state in ("requested", "refused", "requested", "accepted"):
        record = return_step(actor=carl, return_id=foreign.pk, step="avr", state=state, on=today)
    assert record.avr_state == "accepted"


def test_it_closes_as_returned_only_after_the_departure(foreign: Return, carl: User) -> None:
    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        return_close(actor=carl, return_id=foreign.pk, closure="returned", closed_on=today)
    assert refused.value.messages == [str(NO_DEPARTURE)]
    with pytest.raises(ValidationError) as refused:
        return_travel(
            actor=carl, return_id=foreign.pk, embassy_id=foreign.embassy_id,
            departure_planned_on=today, departed_on=today,
        )  # fmt: skip
    assert refused.value.messages == [str(NO_DOCUMENT)]
    for state in ("requested", "issued"):
        return_step(
            actor=carl, return_id=foreign.pk, step="document", state=state, on=today,
            document_kind="passport",
        )  # fmt: skip
    return_travel(
        actor=carl, return_id=foreign.pk, embassy_id=foreign.embassy_id,
        departure_planned_on=today, departed_on=today,
    )  # fmt: skip
    closed = return_close(actor=carl, return_id=foreign.pk, closure="returned", closed_on=today)
    assert closed.closure == "returned"
    with pytest.raises(ValidationError, match="closed"):
        return_step(actor=carl, return_id=foreign.pk, step="avr", state="requested", on=today)


def test_it_asks_the_reason_a_victim_stays_in_pakistan(foreign: Return, carl: User) -> None:
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="reason"):
        return_close(actor=carl, return_id=foreign.pk, closure="stayed", closed_on=today)
    closed = return_close(
        actor=carl, return_id=foreign.pk, closure="stayed", closed_on=today,
        reason="Witness in the trial",
    )  # fmt: skip
    assert closed.closure_reason == "Witness in the trial"


def test_it_refuses_a_foreign_return_for_a_pakistani(accepted: Referral, carl: User) -> None:
    Person.objects.filter(pk=accepted.person_id).update(nationality_id=country("PK"))
    data = ReturnInput(kind="foreign", country_id=country("BD"))
    with pytest.raises(ValidationError) as refused:
        return_open(actor=carl, referral_id=accepted.pk, data=data)
    assert refused.value.messages == [str(NOT_FOREIGN)]


def test_it_refuses_an_embassy_that_is_not_one(accepted: Referral, carl: User) -> None:
    shelter = accepted.organisation
    data = ReturnInput(kind="foreign", country_id=country("BD"), embassy_id=shelter.pk)
    with pytest.raises(ValidationError, match="embassy"):
        return_open(actor=carl, referral_id=accepted.pk, data=data)


def test_it_lets_the_referring_unit_read_but_not_keep_the_return(
    foreign: Return, alice: User, carl: User
) -> None:
    assert return_get_for_user(user=alice, return_id=foreign.pk) == foreign
    with pytest.raises(NotAllowedError):
        return_step(
            actor=alice, return_id=foreign.pk, step="avr", state="requested",
            on=timezone.localdate(),
        )  # fmt: skip


@pytest.mark.parametrize("name", ["bob", "cleo", "zara", "hana", "mona", "adam", "nora"])
def test_it_hides_the_return_from_everyone_else(
    foreign: Return, name: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(name)
    with pytest.raises(Http404):
        return_get_for_user(user=user, return_id=foreign.pk)
    with pytest.raises(Http404):
        return_plan(actor=user, return_id=foreign.pk, plan="x")
