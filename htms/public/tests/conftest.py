from collections.abc import Iterator

import pytest
from django.test import override_settings


@pytest.fixture(autouse=True)
def _small_proof_of_work() -> Iterator[None]:
    """The tests solve the proof of work in Python, as the browser would, over fewer numbers."""
    with override_settings(HTMS_PUBLIC_POW_MAX_NUMBER=2000):
        yield
