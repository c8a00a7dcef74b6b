"""An upload larger than the limit never reaches the disk whole, and is refused by its size."""

import io
from typing import Any

import pytest
from django.test import Client

from htms.accounts.models import User
from htms.common.uploads import BoundedUploadHandler
from htms.intake.models import Manifest, ManifestSource
from htms.intake.tests.conftest import ivan, oman_source  # noqa: F401 - fixtures


def test_it_keeps_only_the_bytes_under_the_limit_but_counts_them_all(settings: Any) -> None:
    settings.HTMS_UPLOAD_MAX_BYTES = 100_000
    handler = BoundedUploadHandler()
    handler.new_file("file", "big.csv", "text/csv", 1_000_000)
    chunk = b"x" * 65_536
    for start in range(0, 1_000_000, len(chunk)):
        handler.receive_data_chunk(chunk, start)
    upload = handler.file_complete(handler.received)
    assert upload.size == handler.received > 1_000_000 - len(chunk)
    assert len(upload.read()) <= 100_000


@pytest.mark.django_db
def test_the_upload_page_refuses_a_list_past_the_limit_in_plain_words(
    ivan: User,  # noqa: F811
    oman_source: ManifestSource,  # noqa: F811
    settings: Any,
) -> None:
    settings.HTMS_UPLOAD_MAX_BYTES = 3 * 1024 * 1024
    client = Client()
    client.force_login(ivan)
    big = io.BytesIO(b"Name,Passport No\r\n" + b"Ali Raza,AB1234567\r\n" * 200_000)
    big.name = "big.csv"
    response = client.post("/intake/manifests/upload/", {"source": oman_source.pk, "file": big})
    assert response.status_code == 400
    assert "larger than 3.0 MB" in response.content.decode()
    assert not Manifest.objects.exists()
