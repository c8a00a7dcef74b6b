"""case_register refuses a likely duplicate without a reason, whoever calls it."""

import pytest
from django.core.exceptions import ValidationError

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.cases.services.registration import (
    DUPLICATE_NEEDS_REASON,
    DUPLICATE_REASON_TOO_LONG,
    LikelyDuplicateError,
    case_register,
)
from htms.conftest import enquiry_input
from htms.persons.models import Person

pytestmark = pytest.mark.django_db

REASON = "A second complaint by the victim's brother about the same events."


def _created(case: Case) -> dict[str, object]:
    event = AuditEvent.objects.get(object_type="case", object_id=str(case.pk), action="create")
    return event.changes


def test_it_refuses_an_identical_case_without_a_reason_and_writes_nothing(alice: User) -> None:
    first = case_register(actor=alice, data=enquiry_input())
    counts = (Case.objects.count(), Person.objects.count(), AuditEvent.objects.count())
    with pytest.raises(LikelyDuplicateError) as caught:
        case_register(actor=alice, data=enquiry_input())
    assert caught.value.message_dict == {"duplicate_reason": [str(DUPLICATE_NEEDS_REASON)]}
    assert [c.case_id for c in caught.value.candidates] == [first.pk]
    assert (Case.objects.count(), Person.objects.count(), AuditEvent.objects.count()) == counts


def test_it_registers_it_with_a_reason_kept_in_the_creation_audit_row(alice: User) -> None:
    first = case_register(actor=alice, data=enquiry_input())
    second = case_register(actor=alice, data=enquiry_input(), duplicate_reason=f"  {REASON} ")
    assert _created(second)["duplicates"] == {"cases": [first.pk], "reason": REASON}
    assert second.reference != first.reference


@pytest.mark.parametrize("reason", ["", "   ", "same"])
def test_a_blank_or_token_reason_is_no_reason(alice: User, reason: str) -> None:
    case_register(actor=alice, data=enquiry_input())
    with pytest.raises(LikelyDuplicateError):
        case_register(actor=alice, data=enquiry_input(), duplicate_reason=reason)


def test_it_refuses_a_reason_too_long(alice: User) -> None:
    case_register(actor=alice, data=enquiry_input())
    with pytest.raises(ValidationError) as caught:
        case_register(actor=alice, data=enquiry_input(), duplicate_reason="x" * 1001)
    assert caught.value.message_dict == {"duplicate_reason": [str(DUPLICATE_REASON_TOO_LONG)]}


def test_without_candidates_nothing_changes(alice: User) -> None:
    case = case_register(actor=alice, data=enquiry_input(), duplicate_reason=REASON)
    changes = _created(case)
    assert "duplicates" not in changes and "duplicate_check" not in changes


def test_bad_input_is_reported_before_duplicates(alice: User) -> None:
    case_register(actor=alice, data=enquiry_input())
    with pytest.raises(ValidationError) as caught:
        case_register(actor=alice, data=enquiry_input(origin="walk_in"))
    assert list(caught.value.message_dict) == ["origin"]


def test_another_circle_registers_what_it_cannot_see_without_being_told(
    alice: User, bob: User
) -> None:
    case_register(actor=alice, data=enquiry_input())
    case = case_register(actor=bob, data=enquiry_input())
    assert "duplicates" not in _created(case)


def test_a_loader_that_skips_the_check_says_so_in_the_audit_row(alice: User) -> None:
    case_register(actor=alice, data=enquiry_input())
    case = case_register(actor=alice, data=enquiry_input(), duplicate_check=False)
    assert _created(case)["duplicate_check"] == "skipped"
