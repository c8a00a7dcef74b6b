from typing import Any

import pytest

from htms.intelligence.tests.support import bina, cyra

__all__ = ["bina", "cyra"]


@pytest.fixture(autouse=True)
def _media_dir(settings: Any, tmp_path: Any) -> None:
    """Uploaded photographs go to a folder of the test's own."""
    settings.HTMS_MEDIA_DIR = str(tmp_path)
