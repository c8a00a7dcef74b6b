"""The intake cast through the API: Ivan (a writer at Karachi airport immigration), Tariq (a
writer at the Taftan post) and Hana (an analyst at headquarters, who reads all intake and
changes none), each with a logged-in client. A test module using ``cast`` also imports the
fixtures ``ivan`` and ``tariq`` of ``htms.intake.tests.conftest``."""

from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from htms.accounts.models import User
from htms.api.tests.conftest import ClientFor


@dataclass(frozen=True)
class IntakeCast:
    ivan: User
    tariq: User
    officer: APIClient  # Ivan's
    other_post: APIClient  # Tariq's
    national: APIClient  # Hana's


@pytest.fixture
def cast(client_for: ClientFor, ivan: User, tariq: User, hana: User) -> IntakeCast:
    return IntakeCast(ivan, tariq, client_for(ivan), client_for(tariq), client_for(hana))
