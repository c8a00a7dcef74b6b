"""The help line's cast, on top of the shared one (htms/conftest.py): a call-taker at the
national help line, officers of the real Lahore and Gujranwala circles, and calls."""

from datetime import timedelta

from django.utils import timezone

from htms.accounts.models import Role, User

# The shared cast's way of making a user, for the help line's own cast.
from htms.conftest import _user as staff
from htms.helpline.inputs import CallInput


def call_taker_user() -> User:
    return staff("tina", "HELPLINE-NATIONAL", Role.CALL_TAKER)


def call_input(**given: object) -> CallInput:
    started = timezone.now() - timedelta(minutes=30)
    values: dict[str, object] = {
        "channel": "phone",
        "started_at": started,
        "answered_at": started + timedelta(seconds=30),
        "language": "ur",
        "summary": "A recruiter keeps passports of five men.",
        "category": "victim_help",
        "urgency": "today",
        "caller_name": "Kausar Parveen",
        "caller_phone": "0300 7654321",
        "district_code": "PB-GUJRANWALA",
    }
    return CallInput(**(values | given))  # type: ignore[arg-type]


__all__ = ["call_input", "call_taker_user", "staff"]
