"""Immigration-post users on top of the shared cast, and helpers to upload and import lists.

- ``ivan``: investigating officer at Karachi airport immigration (Sindh zone)
- ``dina``: data-entry officer at Karachi airport immigration
- ``tariq``: investigating officer at the Taftan land border post (Balochistan zone)
- ``sadia``: officer at the Sindh zonal directorate, which Karachi airport reports to
"""

import io
from datetime import date

import pytest

from htms.accounts.models import Role, User
from htms.intake.entries import EntryInput
from htms.intake.models import BorderEvent, BorderEventKind, Manifest, ManifestSource
from htms.intake.services.events import border_event_record
from htms.intake.services.manifests import (
    manifest_import_step,
    manifest_mapping,
    manifest_mapping_save,
    manifest_source_create,
    manifest_upload,
)
from htms.persons.inputs import DocumentInput, PersonInput
from htms.reference.models import Unit

KARACHI_AIRPORT, TAFTAN = "IMM-KHI-AIR", "IMM-TAFTAN"
ON = date(2026, 10, 12)


def _user(username: str, unit_code: str, role: str) -> User:
    return User.objects.create_user(
        username=username,
        password="pw-" + username,
        unit=Unit.objects.get(code=unit_code),
        role=role,
        first_name=username.capitalize(),
    )


@pytest.fixture
def ivan(db: None) -> User:
    return _user("ivan", KARACHI_AIRPORT, Role.INVESTIGATING_OFFICER)


@pytest.fixture
def dina(db: None) -> User:
    return _user("dina", KARACHI_AIRPORT, Role.DATA_ENTRY)


@pytest.fixture
def tariq(db: None) -> User:
    return _user("tariq", TAFTAN, Role.INVESTIGATING_OFFICER)


@pytest.fixture
def sadia(db: None) -> User:
    return _user("sadia", "FIA-ZONE-SD", Role.INVESTIGATING_OFFICER)


@pytest.fixture
def oman_source(ivan: User) -> ManifestSource:
    return manifest_source_create(
        actor=ivan,
        name="Royal Oman Police deportation list",
        kind=BorderEventKind.DEPORTED,
        deporting_country_code="OM",
    )


def csv_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def upload(user: User, source: ManifestSource, data: bytes, name: str = "list.csv") -> Manifest:
    result = manifest_upload(
        actor=user, source_id=source.pk, stream=io.BytesIO(data), file_name=name, occurred_on=ON
    )
    return result.manifest


def import_all(user: User, manifest: Manifest, *, batch_size: int = 50) -> None:
    """Confirms the suggested mapping (as the officer would) and imports every row."""
    manifest.refresh_from_db()
    if not manifest.source.mapping:
        manifest_mapping_save(
            actor=user,
            manifest_id=manifest.pk,
            mapping=manifest_mapping(manifest),
            day_first=True,
        )
    while not manifest_import_step(actor=user, manifest_id=manifest.pk, batch_size=batch_size).done:
        pass


def deportee(
    *, name: str = "Ali Raza", cnic: str = "", passport: str = "", born: date | None = None
) -> EntryInput:
    documents = []
    if cnic:
        documents.append(DocumentInput(kind="cnic", number=cnic))
    if passport:
        documents.append(DocumentInput(kind="passport", number=passport))
    return EntryInput(
        person=PersonInput(
            full_name=name,
            sex="M",
            father_name="Muhammad Akram",
            relation="s/o",
            birth_date=born or date(1990, 4, 1),
            nationality_code="PK",
            documents=documents,
        ),
        kind=BorderEventKind.DEPORTED,
        occurred_on=ON,
        deporting_country_code="OM",
        return_reason="overstay",
    )


def record(user: User, entry: EntryInput | None = None, **kwargs: object) -> BorderEvent:
    return border_event_record(actor=user, entry=entry or deportee(), **kwargs)  # type: ignore[arg-type]
