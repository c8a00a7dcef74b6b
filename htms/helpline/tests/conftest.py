import pytest

from htms.accounts.models import Role, User
from htms.helpline.models import Call
from htms.helpline.services import call_record
from htms.helpline.tests.support import call_input, call_taker_user, staff


@pytest.fixture
def tina(db: None) -> User:
    return call_taker_user()


@pytest.fixture
def lara(db: None) -> User:
    """Investigating officer of the Lahore circle."""
    return staff("lara", "AHTC-LHR", Role.INVESTIGATING_OFFICER)


@pytest.fixture
def gul(db: None) -> User:
    """Investigating officer of the Gujranwala circle."""
    return staff("gul", "AHTC-GRW", Role.INVESTIGATING_OFFICER)


@pytest.fixture
def emergency(tina: User) -> Call:
    """A named caller's emergency in Gujranwala district."""
    return call_record(actor=tina, data=call_input(category="emergency", urgency="immediate"))
