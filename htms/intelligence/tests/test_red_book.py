"""The red book: a circle nominates, headquarters approves; expiry and withdrawal."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.common.errors import NotAllowedError, StaleEditError
from htms.intelligence.inputs import NominationInput
from htms.intelligence.models import RedBookEntry, RedBookStatus
from htms.intelligence.red_book import (
    ALREADY_OPEN,
    DECLINE_REASON,
    EXPIRY_PAST,
    red_book_current,
    red_book_decide,
    red_book_entry_state,
    red_book_nominate,
    red_book_waiting,
    red_book_withdraw,
)
from htms.intelligence.tests.support import accused_of

pytestmark = pytest.mark.django_db

NOMINATION = NominationInput(
    reasons="Runs the Lahore end of a Gulf recruitment ring",
    last_known_location="Shahdara, Lahore",
    reward_pkr=500000,
)


def nominate(user: User, case: Case, days: int = 180) -> RedBookEntry:
    expires = timezone.localdate() + timedelta(days=days)
    return red_book_nominate(
        actor=user, person_id=accused_of(case).pk, data=NOMINATION, expires_on=expires
    )


def test_it_keeps_a_nomination_waiting_for_headquarters(
    anne: User, bob: User, hana: User, tip_case: Case
) -> None:
    entry = nominate(anne, tip_case)
    assert entry.status == RedBookStatus.PENDING
    assert not red_book_current(user=hana).exists()
    assert not red_book_current(user=bob).exists()
    assert list(red_book_waiting(user=hana)) == [entry]
    row = AuditEvent.objects.get(object_type="red_book_entry", action="create")
    assert row.changes["status"] == "pending"


def test_it_puts_the_agent_in_the_red_book_once_headquarters_approves(
    anne: User, mona: User, cleo: User, tip_case: Case
) -> None:
    entry = nominate(anne, tip_case)
    red_book_decide(actor=mona, entry_id=entry.pk, expected_version=1, approve=True)
    assert list(red_book_current(user=cleo)) == [entry]  # the approved book goes to every circle
    row = AuditEvent.objects.get(object_type="red_book_entry", action="update")
    assert row.changes["status"] == {"old": "pending", "new": "approved"}


@pytest.mark.parametrize("who", ["anne", "alice", "hana", "zara"])
def test_it_lets_no_one_but_the_monitoring_cell_approve(
    request: pytest.FixtureRequest, anne: User, tip_case: Case, who: str
) -> None:
    entry = nominate(anne, tip_case)
    with pytest.raises(NotAllowedError):
        red_book_decide(
            actor=request.getfixturevalue(who),
            entry_id=entry.pk,
            expected_version=1,
            approve=True,
        )


def test_it_hides_a_nomination_from_an_officer_of_another_zone(
    anne: User, cleo: User, cyra: User, tip_case: Case
) -> None:
    entry = nominate(anne, tip_case)
    for user in (cleo, cyra):
        with pytest.raises(Http404):
            red_book_withdraw(actor=user, entry_id=entry.pk, expected_version=1, reason="x")


def test_it_asks_a_reason_to_decline(anne: User, mona: User, tip_case: Case) -> None:
    entry = nominate(anne, tip_case)
    with pytest.raises(ValidationError) as caught:
        red_book_decide(actor=mona, entry_id=entry.pk, expected_version=1, approve=False)
    assert caught.value.message_dict["reason"] == [str(DECLINE_REASON)]
    red_book_decide(
        actor=mona, entry_id=entry.pk, expected_version=1, approve=False, reason="Weak evidence"
    )
    entry.refresh_from_db()
    assert (entry.status, entry.decline_reason) == ("declined", "Weak evidence")


def test_it_refuses_a_second_open_entry_and_a_past_expiry(anne: User, tip_case: Case) -> None:
    with pytest.raises(ValidationError) as caught:
        nominate(anne, tip_case, days=0)
    assert caught.value.message_dict["expires_on"] == [str(EXPIRY_PAST)]
    nominate(anne, tip_case)
    with pytest.raises(ValidationError) as again:
        nominate(anne, tip_case)
    assert again.value.messages == [str(ALREADY_OPEN)]


def test_it_refuses_a_nomination_from_outside_a_circle(zara: User, tip_case: Case) -> None:
    with pytest.raises(NotAllowedError):
        nominate(zara, tip_case)


def test_it_withdraws_an_entry_with_a_reason(anne: User, mona: User, tip_case: Case) -> None:
    entry = nominate(anne, tip_case)
    red_book_decide(actor=mona, entry_id=entry.pk, expected_version=1, approve=True)
    red_book_withdraw(actor=anne, entry_id=entry.pk, expected_version=2, reason="Arrested")
    entry.refresh_from_db()
    assert (entry.status, entry.withdraw_reason) == ("withdrawn", "Arrested")
    assert not red_book_current(user=mona).exists()


def test_it_refuses_a_stale_decision(anne: User, mona: User, tip_case: Case) -> None:
    entry = nominate(anne, tip_case)
    red_book_decide(actor=mona, entry_id=entry.pk, expected_version=1, approve=True)
    with pytest.raises(StaleEditError):
        red_book_withdraw(actor=mona, entry_id=entry.pk, expected_version=1, reason="Old page")


def test_it_lets_an_entry_expire_by_itself(anne: User, mona: User, tip_case: Case) -> None:
    entry = nominate(anne, tip_case)
    red_book_decide(actor=mona, entry_id=entry.pk, expected_version=1, approve=True)
    RedBookEntry.objects.filter(pk=entry.pk).update(expires_on=timezone.localdate())
    entry.refresh_from_db()
    assert not red_book_current(user=mona).exists()
    assert red_book_entry_state(entry) == "Expired"


def test_it_refuses_a_reward_too_large_to_keep(anne: User, tip_case: Case) -> None:
    data = NominationInput(reasons="x", last_known_location="y", reward_pkr=10**12)
    expires = timezone.localdate() + timedelta(days=5)
    with pytest.raises(ValidationError) as caught:
        red_book_nominate(
            actor=anne, person_id=accused_of(tip_case).pk, data=data, expires_on=expires
        )
    assert "reward_pkr" in caught.value.message_dict
