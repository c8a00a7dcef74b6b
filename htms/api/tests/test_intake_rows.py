"""The correction queue through the API: a row read, corrected, given its person or set aside,
a duplicate and the row it repeats, with the pages' rules, refusals, masking and audit."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from htms.accounts.models import User
from htms.api.tests.intake_cast import IntakeCast, cast  # noqa: F401 - fixture
from htms.audit.models import AuditEvent
from htms.intake.models import ManifestRow, ManifestSource, RowStatus
from htms.intake.services.screening import ScreeningInput, screening_record
from htms.intake.tests.conftest import (  # noqa: F401 - fixtures
    csv_bytes,
    deportee,
    import_all,
    ivan,
    oman_source,
    record,
    tariq,
    upload,
)

pytestmark = pytest.mark.django_db

HEAD = "Name,Father Name,CNIC,Passport No,Date of Birth"
GOOD = "Ali Raza,Akram,3520212345671,,1990"
BAD = "Sajid Mehmood,Rasheed,35202,,1990"
BOTH = "Ali Raza,Akram,35202-1234567-1,AB1234567,1990"


def _rows(user: User, source: ManifestSource, *lines: str) -> list[ManifestRow]:
    manifest = upload(user, source, csv_bytes(HEAD, *lines))
    import_all(user, manifest)
    return list(manifest.rows.order_by("number"))


def _post(client: APIClient, row: ManifestRow, action: str, **body: Any) -> Any:
    body.setdefault("expected_version", row.version)
    return client.post(f"/api/intake/rows/{row.pk}/{action}/", body, format="json")


def _row_audited(row: ManifestRow) -> bool:
    return AuditEvent.objects.filter(
        object_type="manifest_row", object_id=str(row.pk), action="update"
    ).exists()


def test_it_corrects_a_row_and_imports_it(
    cast: IntakeCast,  # noqa: F811
    oman_source: ManifestSource,  # noqa: F811
) -> None:
    [row] = _rows(cast.ivan, oman_source, BAD)
    client = cast.officer
    read = client.get(f"/api/intake/rows/{row.pk}/").json()
    assert (read["row"]["status"], read["version"]) == ("invalid", row.version)
    assert "13 digits" in str(read["row"]["problems"])
    still = _post(client, row, "correct", corrections={"cnic": "3520212"})
    assert still.status_code == 200 and still.json()["row"]["status"] == "invalid"
    row.refresh_from_db()
    fixed = _post(client, row, "correct", corrections={"cnic": "35202-7654321-1"})
    assert fixed.status_code == 200, fixed.json()
    assert fixed.json()["row"]["status"] == "imported" and fixed.json()["row"]["border_event_id"]
    assert ManifestRow.objects.get(pk=row.pk).raw["CNIC"] == "35202"  # the cell stays as read
    assert _row_audited(row)


def test_a_correction_is_refused_when_wrong_stale_or_not_allowed(
    cast: IntakeCast,  # noqa: F811
    oman_source: ManifestSource,  # noqa: F811
) -> None:
    good, bad = _rows(cast.ivan, oman_source, GOOD, BAD)
    client = cast.officer
    unknown = _post(client, bad, "correct", corrections={"shoe_size": "9"})
    assert unknown.status_code == 400 and "corrections" in unknown.json()
    imported = _post(client, good, "correct", corrections={"cnic": "35202-7654321-1"})
    assert imported.status_code == 400 and "needs correction" in str(imported.json()["row"])
    stale = _post(client, bad, "correct", corrections={}, expected_version=bad.version + 3)
    assert stale.status_code == 409
    fix = {"cnic": "35202-7654321-1"}
    assert _post(cast.other_post, bad, "correct", corrections=fix).status_code == 404
    assert cast.other_post.get(f"/api/intake/rows/{bad.pk}/").status_code == 404
    assert _post(cast.national, bad, "correct", corrections=fix).status_code == 403
    assert ManifestRow.objects.get(pk=bad.pk).status == RowStatus.INVALID


def test_it_records_a_row_to_confirm_for_the_chosen_person_or_a_new_one(
    cast: IntakeCast,  # noqa: F811
    oman_source: ManifestSource,  # noqa: F811
) -> None:
    by_cnic = record(cast.tariq, deportee(name="Ali Raza", cnic="35202-1234567-1"))
    record(cast.tariq, deportee(name="Ali Reza", passport="AB1234567"))
    first, second = _rows(cast.ivan, oman_source, BOTH, BOTH.replace("1990", "1991"))
    client = cast.officer
    read = client.get(f"/api/intake/rows/{first.pk}/").json()
    assert read["row"]["status"] == "to_confirm" and len(read["candidates"]) == 2
    unsaid = _post(client, first, "person")  # leaving the person out is not "a new person"
    assert unsaid.status_code == 400 and "person" in unsaid.json()
    stranger = _post(client, first, "person", person=10**9)
    assert stranger.status_code == 400 and "persons found for this row" in str(stranger.json())
    chosen = _post(client, first, "person", person=by_cnic.person_id)
    assert chosen.status_code == 200, chosen.json()
    assert ManifestRow.objects.get(pk=first.pk).border_event.person_id == by_cnic.person_id
    new = _post(client, second, "person", person=None)
    assert new.status_code == 200 and new.json()["row"]["status"] == "imported"
    assert ManifestRow.objects.get(pk=second.pk).border_event.person_id != by_cnic.person_id
    again = _post(client, first, "person", person=None, expected_version=first.version + 1)
    assert again.status_code == 400 and "not waiting" in str(again.json()["row"])
    assert _row_audited(first) and _row_audited(second)


def test_it_sets_a_row_aside_with_its_reason(
    cast: IntakeCast,  # noqa: F811
    oman_source: ManifestSource,  # noqa: F811
) -> None:
    good, bad = _rows(cast.ivan, oman_source, GOOD, BAD)
    client = cast.officer
    reasonless = _post(client, bad, "set-aside", note="  ")
    assert reasonless.status_code == 400 and "Say why" in str(reasonless.json()["note"])
    imported = _post(client, good, "set-aside", note="listed twice")
    assert imported.status_code == 400 and "cannot be set aside" in str(imported.json())
    assert _post(cast.national, bad, "set-aside", note="not a person").status_code == 403
    done = _post(client, bad, "set-aside", note="not a person")
    assert done.status_code == 200, done.json()
    assert (done.json()["row"]["status"], done.json()["row"]["note"]) == (
        "set_aside",
        "not a person",
    )
    assert _row_audited(bad)


def test_a_duplicate_leads_to_the_row_it_repeats(
    cast: IntakeCast,  # noqa: F811
    oman_source: ManifestSource,  # noqa: F811
) -> None:
    first, repeat = _rows(cast.ivan, oman_source, GOOD, GOOD)
    client = cast.officer
    duplicate = client.get(f"/api/intake/rows/{repeat.pk}/").json()["row"]
    assert duplicate["status"] == "duplicate"
    assert (duplicate["duplicate"]["row_id"], duplicate["duplicate"]["number"]) == (first.pk, 2)
    earlier = client.get(f"/api/intake/rows/{duplicate['duplicate']['row_id']}/").json()
    assert earlier["row"]["status"] == "imported"
    assert AuditEvent.objects.filter(object_type="manifest_row", action="view").count() == 2


def test_a_reader_without_need_to_know_sees_neither_cells_nor_a_victims_name(
    cast: IntakeCast,  # noqa: F811
    oman_source: ManifestSource,  # noqa: F811
) -> None:
    victim = record(cast.tariq, deportee(name="Ali Raza", cnic="35202-1234567-1"))
    answers = {"recruited": True, "deceived": True, "forced_labour": True}
    screening_record(actor=cast.tariq, event_id=victim.pk, data=ScreeningInput(answers=answers))
    record(cast.tariq, deportee(name="Ali Reza", passport="AB1234567"))
    [row] = _rows(cast.ivan, oman_source, BOTH)
    officer = cast.officer.get(f"/api/intake/rows/{row.pk}/").json()
    assert "Ali Raza" in str(officer["row"]["cells"])
    names = {c["person_id"]: c["name"] for c in officer["candidates"]}
    assert names[victim.person_id] == victim.person.pseudonym
    analyst = cast.national.get(f"/api/intake/rows/{row.pk}/").json()
    assert "Ali Raza" not in str(analyst) and "1234567" not in str(analyst)
    assert "•••" in str(analyst["row"]["cells"])
