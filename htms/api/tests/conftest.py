"""API clients for the shared cast (htms/conftest.py), each logged in with a new token."""

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from htms.accounts.models import User
from htms.accounts.tokens import api_token_issue

ClientFor = Callable[[User], APIClient]


@pytest.fixture(autouse=True)
def _api_urls(settings: Any) -> None:
    """Only the API's URLs, at /api/ as in htms.urls: these tests do not need the pages."""
    settings.ROOT_URLCONF = "htms.api.tests.urls"


@pytest.fixture(autouse=True)
def _media_dir(settings: Any, tmp_path: Any) -> None:
    """Uploaded case documents go to a folder of the test's own."""
    settings.HTMS_MEDIA_DIR = str(tmp_path)


@pytest.fixture
def client_for(db: None) -> ClientFor:
    def make(user: User) -> APIClient:
        client = APIClient()
        _token, key = api_token_issue(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return make


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()
