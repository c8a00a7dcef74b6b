from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import override_settings


@pytest.fixture(autouse=True)
def _small_proof_of_work() -> Iterator[None]:
    """The tests solve the proof of work in Python, as the browser would, over fewer numbers."""
    with override_settings(HTMS_PUBLIC_POW_MAX_NUMBER=2000):
        yield


@pytest.fixture(autouse=True)
def _media_in_tmp(tmp_path: Path) -> Iterator[None]:
    """Photographs of notices are written under a folder of the test's own."""
    with override_settings(HTMS_MEDIA_DIR=tmp_path / "media"):
        yield
