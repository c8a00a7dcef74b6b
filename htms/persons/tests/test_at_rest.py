"""Victims' identity at rest: a copy of the database alone (its bytes, ``pg_dump``,
``dumpdata``) does not reveal it; with the key the application shows and finds her as before.

One transactional test (``pg_dump`` reads only what is committed): it is flushed afterwards,
and the session's reference data loaded again for the tests that follow."""

import io
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from glob import glob
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython
from rest_framework.test import APIClient

from htms.accounts.models import Role, User
from htms.accounts.tokens import api_token_issue
from htms.cases.models import Case
from htms.cases.services.registration import case_register
from htms.conftest import _make_units, tip_case_input, victim_input
from htms.helpline.services import call_create
from htms.helpline.tests.support import call_input, call_taker_user
from htms.identity.inputs import CandidateQuery
from htms.identity.models import KeyKind
from htms.identity.search import person_candidates
from htms.identity.services import candidate_search
from htms.intake.models import BorderEvent, BorderEventKind, ManifestRow
from htms.intake.services.manifests import manifest_source_create
from htms.intake.services.screening import ScreeningInput, screening_record
from htms.intake.tests.conftest import KARACHI_AIRPORT, csv_bytes, import_all, upload
from htms.persons.inputs import DocumentInput
from htms.persons.models import Person
from htms.reference.loader import reference_load
from htms.reference.models import Unit
from htms.web.tests.support import client_for, page

VICTIM = {
    "name": "Zarmeena Gulbahar",
    "name_ur": "زرمینہ گلبہار",
    "father": "Shahzeb Durrani",
    "father_ur": "شاہزیب درانی",
    "cnic": "35301-7788123-4",
    "passport": "QZ7712345",
    "phone": "0345 6677881",
    "address": "Mohalla Qandeelabad Street 44",
}
DEPORTEE = {"name": "Palwasha Khattak", "father": "Sherdil Afridi", "cnic": "17301-5566778-2"}
CALLER = {"name": "Gulnaz Yousafzai", "phone": "0333 9988776"}
# Every value that must not be found, with the digit forms the register stores.
HIDDEN = [
    *VICTIM.values(),
    "3530177881234",
    "+923456677881",
    "Gulbahar",
    *DEPORTEE.values(),
    "1730155667782",
    *CALLER.values(),
    "+923339988776",
]


@pytest.fixture(scope="module")
def reference_data_restored(django_db_setup: None, django_db_blocker: object) -> Iterator[None]:
    yield
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        reference_load()
        if not Unit.objects.filter(code="T-A").exists():
            _make_units()


@pytest.fixture
def reference_data() -> None:
    if not Unit.objects.filter(code="T-A").exists():
        reference_load()
        _make_units()


def _register_victim(alice: User) -> Case:
    person = victim_input(
        full_name=VICTIM["name"],
        full_name_ur=VICTIM["name_ur"],
        father_name=VICTIM["father"],
        father_name_ur=VICTIM["father_ur"],
        documents=[
            DocumentInput(kind="cnic", number=VICTIM["cnic"]),
            DocumentInput(kind="passport", number=VICTIM["passport"]),
        ],
        phones=[VICTIM["phone"]],
        address_text=VICTIM["address"],
        district_code="PB-LAHORE",
    )
    data = tip_case_input()
    parties = [replace(data.parties[0], person=person), *data.parties[1:]]
    return case_register(actor=alice, data=replace(data, parties=parties))


def _screen_deportee() -> BorderEvent:
    ivan = User.objects.create_user(
        username="ivan",
        unit=Unit.objects.get(code=KARACHI_AIRPORT),
        role=Role.INVESTIGATING_OFFICER,
    )
    source = manifest_source_create(
        actor=ivan, name="Deportees", kind=BorderEventKind.DEPORTED, deporting_country_code="OM"
    )
    head = "Name,Father Name,CNIC,Passport No,Date of Birth,Gender,Deportation Date"
    row = f"{DEPORTEE['name']},{DEPORTEE['father']},{DEPORTEE['cnic']},,1999,F,12/10/2026"
    manifest = upload(ivan, source, csv_bytes(head, row))
    import_all(ivan, manifest)
    event = BorderEvent.objects.get(manifest_row__manifest=manifest)
    answers = {"recruited": True, "deceived": True, "forced_labour": True}
    screening_record(actor=ivan, event_id=event.pk, data=ScreeningInput(answers=answers))
    return event


def _database_bytes() -> bytes:
    """The database as a copy of it holds it: the SQLite image, or a plain ``pg_dump``."""
    if connection.vendor == "sqlite":
        return bytes(connection.connection.serialize())
    return _pg_dump()


def _pg_dump() -> bytes:
    found = sorted(glob("/usr/lib/postgresql/*/bin/pg_dump"))
    program = found[-1] if found else shutil.which("pg_dump")
    assert program, "pg_dump not found"
    settings = connection.settings_dict
    options = [f"--dbname={settings['NAME']}"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            options.append(f"{flag}={settings[key]}")
    result = subprocess.run([program, *options], capture_output=True, check=True)  # noqa: S603
    return result.stdout


def _dumpdata() -> str:
    out = io.StringIO()
    call_command("dumpdata", "persons", "identity", "intake", "helpline", "audit", stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_copy_of_the_database_does_not_reveal_a_victims_identity(
    reference_data_restored: None, reference_data: None, alice: User
) -> None:
    case = _register_victim(alice)
    event = _screen_deportee()
    tina = call_taker_user()
    data = call_input(caller_name=CALLER["name"], caller_phone=CALLER["phone"])
    with transaction.atomic():  # as the pages and the API call it
        call_create(actor=tina, unit=tina.unit, data=data)

    # Searches are audited with their terms: sealed as well.
    candidate_search(user=alice, query=CandidateQuery(name=VICTIM["name"], phone=VICTIM["phone"]))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token_issue(user=alice)[1]}")
    listed = api.get("/api/persons/", {"q": VICTIM["name"]}).json()

    image, dump = _database_bytes(), _dumpdata()
    for value in HIDDEN:
        assert value.encode() not in image, value
        assert value not in dump, value
    assert ManifestRow.objects.get(border_event=event).raw["Name"] == DEPORTEE["name"]

    victim = case.parties.get(role="victim").person
    html = page(client_for(alice), f"/persons/{victim.pk}/")
    assert VICTIM["name"] in html and VICTIM["cnic"] in html
    for query in (CandidateQuery(name="Zarmina Gulbahar"), CandidateQuery(cnic=VICTIM["cnic"])):
        assert person_candidates(user=alice, query=query)[0].person == victim
    assert [p["id"] for p in listed["results"]] == [victim.pk]


def _migration_code(app: str, name: str) -> Any:
    operation = MigrationLoader(None).get_migration(app, name).operations[-1]
    assert isinstance(operation, RunPython)
    return operation.code


@pytest.mark.django_db
def test_the_migrations_seal_the_rows_written_before(alice: User) -> None:
    """Rows written in the clear before sealing (here put back in the clear) are sealed, and
    the index's keys replaced by their digests, as a new write would store them."""
    case = case_register(actor=alice, data=tip_case_input())
    victim = case.parties.get(role="victim").person
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE persons_person SET full_name = %s WHERE id = %s", ["Sajida Bibi", victim.pk]
        )
        cursor.execute("UPDATE persons_personphone SET number = %s", ["+923001234567"])
        cursor.execute("DELETE FROM identity_personkey")
        cursor.execute(
            "INSERT INTO identity_personkey (person_id, kind, value) VALUES (%s, %s, %s)",
            [victim.pk, KeyKind.PHONE, "+923001234567"],
        )
    editor = SimpleNamespace(connection=connection)
    _migration_code("persons", "0003_identity_sealed")(None, editor)
    _migration_code("identity", "0002_keys_blind")(None, editor)
    with connection.cursor() as cursor:
        cursor.execute("SELECT full_name FROM persons_person WHERE id = %s", [victim.pk])
        assert cursor.fetchone()[0].startswith("g1:")
    assert Person.objects.get(pk=victim.pk).full_name == "Sajida Bibi"
    found = person_candidates(user=alice, query=CandidateQuery(phone="0300 1234567"))
    assert [c.person for c in found] == [victim]
