"""Uploading a list past the limits stores nothing; a large list is stored in short batches;
a name a spreadsheet would run as a formula, or a web address, waits for correction."""

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.intake.models import Manifest, ManifestRow, ManifestSource, RowStatus
from htms.intake.services.manifests import manifest_upload
from htms.intake.tests.conftest import csv_bytes, import_all, upload


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The messages are asserted in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db

HEAD = "Name,Father Name,Passport No,Date of Birth,Gender,Deportation Date"


def _upload(ivan: User, source: ManifestSource, data: bytes) -> None:
    manifest_upload(actor=ivan, source_id=source.pk, stream=io.BytesIO(data), file_name="x.csv")


def test_it_refuses_a_list_past_the_row_limit_and_stores_nothing(
    ivan: User, oman_source: ManifestSource, settings: Any
) -> None:
    settings.HTMS_UPLOAD_MAX_ROWS = 10
    rows = [f"Ali {i},Akram,AB12345{i:02d},1990,M,12/10/2026" for i in range(11)]
    with pytest.raises(ValidationError) as caught:
        _upload(ivan, oman_source, csv_bytes(HEAD, *rows))
    assert "more than 10 rows" in caught.value.message_dict["file"][0]
    assert not Manifest.objects.exists() and not ManifestRow.objects.exists()


def test_it_refuses_a_file_past_the_size_limit(
    ivan: User, oman_source: ManifestSource, settings: Any
) -> None:
    settings.HTMS_UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError) as caught:
        _upload(ivan, oman_source, csv_bytes(HEAD, *["Ali,Akram,AB1234567,1990,M,1/1/2026"] * 5))
    assert "larger than 0.0 MB" in caught.value.message_dict["file"][0]
    assert not Manifest.objects.exists()


def test_it_stores_a_large_list_in_batches_and_audits_it_once(
    ivan: User, oman_source: ManifestSource, settings: Any
) -> None:
    settings.HTMS_UPLOAD_STORE_BATCH = 4
    rows = [f"Ali {i},Akram,AB12345{i:02d},1990,M,12/10/2026" for i in range(10)]
    with CaptureQueriesContext(connection) as queries:
        manifest = upload(ivan, oman_source, csv_bytes(HEAD, *rows))
    sql = [q["sql"] for q in queries.captured_queries]
    inserts = [q for q in sql if 'INSERT INTO "intake_manifestrow"' in q]
    assert len(inserts) == 3  # 4 + 4 + 2 rows, each batch in its own transaction
    assert manifest.total_rows == 10 and manifest.rows.count() == 10
    audit = AuditEvent.objects.filter(object_type="manifest", object_id=str(manifest.pk))
    assert [a.changes["rows"] for a in audit] == [10]


@pytest.mark.parametrize(
    "name", ["@SUM(1+1)*cmd", "-2+3+cmd", "  +92 cmd", "=HYPERLINK(1)", "http://evil.example"]
)
def test_it_queues_a_formula_or_an_address_given_as_a_name(
    ivan: User, oman_source: ManifestSource, name: str
) -> None:
    quoted = '"' + name.replace('"', '""') + '"'
    data = csv_bytes(HEAD, f"{quoted},Akram,AB1234567,1990,M,1/1/2026")
    manifest = upload(ivan, oman_source, data)
    import_all(ivan, manifest)
    row = manifest.rows.get()
    assert row.status == RowStatus.INVALID
    assert row.errors["full_name"]
