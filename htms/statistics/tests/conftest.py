import pytest

from htms.accounts.models import Role, User
from htms.reference.models import Unit


@pytest.fixture
def lahore_io(db: None) -> User:
    """An investigating officer of AHTC Lahore: whole counts of the unit's own cases."""
    return User.objects.create_user(
        username="lio", unit=Unit.objects.get(code="AHTC-LHR"), role=Role.INVESTIGATING_OFFICER
    )
