"""Ledgers of historical cases through the API: uploaded and imported, read with their rows'
problems, a waiting row corrected or set aside; the monitoring cell only, audited."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case

pytestmark = pytest.mark.django_db

URL = "/api/statistics/ledger/"
FILE = (
    "Circle,FIR No,FIR Date,Sections\n"
    "AHTC-LHR,1/2015,03/04/2015,PPC 371-A\n"
    "AHTC-LHR,2/2015,31/02/2015,PPC 371-A\n"
    "AHTC-LHR,3/2015,05/04/2015,PPC 999\n"
)
ClientFor = Callable[[User], APIClient]


def _upload(client: APIClient, text: str = FILE, **extra: Any) -> Any:
    upload = SimpleUploadedFile("register.csv", text.encode(), content_type="text/csv")
    return client.post(URL, {"file": upload, **extra}, format="multipart")


def _patch(client: APIClient, batch: int, number: int, **body: Any) -> Any:
    url = f"{URL}{batch}/rows/{number}/"
    return client.patch(url, body, format="json")


def test_it_imports_a_file_and_corrects_and_sets_aside_its_waiting_rows(
    mona: User, client_for: ClientFor
) -> None:
    client = client_for(mona)
    created = _upload(client)
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["counts"] == {
        "pending": 0,
        "waiting": 2,
        "already": 0,
        "imported": 1,
        "dismissed": 0,
    }
    batch = body["id"]
    read = client.get(f"{URL}{batch}/").json()
    row = read["rows"][1]
    assert row["number"] == 3 and row["status"] == "waiting"
    assert row["problems"] == ["FIR date: “31/02/2015” is not a date: February 2015 has no day 31."]
    still = _patch(client, batch, 3, expected_version=row["version"], cells={"fir_date": "30/2/15"})
    assert still.status_code == 200 and still.json()["status"] == "waiting"
    stale = _patch(client, batch, 3, expected_version=row["version"], cells={})
    assert stale.status_code == 409
    fixed = _patch(
        client, batch, 3, expected_version=row["version"] + 1, cells={"fir_date": "28/02/2015"}
    )
    assert fixed.status_code == 200 and fixed.json()["status"] == "imported"
    assert fixed.json()["values"]["fir_date"] == "28/02/2015"
    assert Case.objects.get(pk=fixed.json()["case_id"]).fir_number == "2/2015"
    unknown = _patch(client, batch, 4, expected_version=1, cells={"shoe_size": "9"})
    assert unknown.status_code == 400 and "cells" in unknown.json()
    aside = _patch(client, batch, 4, expected_version=1, dismiss_reason="Not a case of ours")
    assert aside.status_code == 200 and aside.json()["status"] == "dismissed"
    again = _patch(client, batch, 4, expected_version=2, dismiss_reason="again")
    assert again.status_code == 400
    counts = client.get(f"{URL}{batch}/").json()["counts"]
    assert (counts["imported"], counts["waiting"], counts["dismissed"]) == (2, 0, 1)
    assert AuditEvent.objects.filter(object_type="ledger_row").count() == 3


def test_it_names_the_columns_it_cannot_find_and_takes_a_mapping(
    mona: User, client_for: ClientFor
) -> None:
    client = client_for(mona)
    text = "Daftar,Muqadma,Tareekh,Jurm\nAHTC-LHR,9/2014,01/02/2014,PPC 371-B\n"
    asked = _upload(client, text)
    assert asked.status_code == 400 and "mapping.fir_number" in asked.json()
    mapping = {"unit": "Daftar", "fir_number": "Muqadma", "fir_date": "Tareekh", "sections": "Jurm"}
    done = _upload(client, text, mapping=json.dumps(mapping))
    assert done.status_code == 201 and done.json()["counts"]["imported"] == 1
    assert _upload(client, "one cell\n").status_code == 400


@pytest.mark.parametrize("who", ["alice", "hana", "carl"])
def test_other_roles_are_refused_the_upload_and_do_not_see_a_file(
    who: str, mona: User, client_for: ClientFor, request: pytest.FixtureRequest
) -> None:
    batch = _upload(client_for(mona)).json()["id"]
    other = client_for(request.getfixturevalue(who))
    assert _upload(other).status_code == 403
    assert other.get(f"{URL}{batch}/").status_code == 404
    assert _patch(other, batch, 3, expected_version=1, dismiss_reason="x").status_code == 404
    assert Case.objects.count() == 1
