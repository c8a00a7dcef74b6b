"""Border intake demo data: two immigration posts, a deportation list from Iran imported at
Taftan and one from Oman at Karachi airport, a few people screened, one case opened from an
interview, and one person intercepted at both posts. Everything is synthetic and marked so."""

import io
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.db import transaction

from htms.accounts.models import Role, User
from htms.accounts.services import user_create
from htms.intake.manifest_maker import ManifestSpec, manifest_bytes, write_csv
from htms.intake.models import BorderEvent, Manifest
from htms.intake.services.cases import case_open_from_interview
from htms.intake.services.leads import (
    AgentInput,
    LegInput,
    PaymentInput,
    lead_agent_add,
    lead_leg_add,
    lead_payment_add,
)
from htms.intake.services.manifests import (
    manifest_import_step,
    manifest_mapping,
    manifest_mapping_save,
    manifest_source_create,
    manifest_upload,
)
from htms.intake.services.processing import border_event_set_status
from htms.intake.services.screening import ScreeningInput, referral_record, screening_record
from htms.persons.models import DocumentKind
from htms.synthetic.demo import DEMO_PASSWORD
from htms.synthetic.second_factor import demo_second_factor


@dataclass(frozen=True)
class DemoPostUser:
    username: str
    role: str
    unit_code: str
    password: str


IO = Role.INVESTIGATING_OFFICER
DEMO_POST_USERS = (
    DemoPostUser("demo-imm-karachi", IO, "IMM-KHI-AIR", DEMO_PASSWORD),
    DemoPostUser("demo-imm-entry", Role.DATA_ENTRY, "IMM-KHI-AIR", DEMO_PASSWORD),
    DemoPostUser("demo-imm-taftan", IO, "IMM-TAFTAN", DEMO_PASSWORD),
)


@dataclass
class DemoResult:
    manifests: int
    events: int
    case_reference: str
    sample_file: Path | None


def intake_demo_seeded() -> bool:
    return User.objects.filter(username=DEMO_POST_USERS[0].username).exists()


def _users() -> dict[str, User]:
    users = {
        u.username: user_create(
            actor=None,
            username=u.username,
            password=u.password,
            unit_code=u.unit_code,
            role=u.role,
            first_name="Demo",
            last_name=str(Role(u.role).label),
        )
        for u in DEMO_POST_USERS
    }
    for user in users.values():
        demo_second_factor(user)
    return users


def _import(officer: User, name: str, country: str, data: bytes, on: date) -> Manifest:
    source = manifest_source_create(
        actor=officer, name=name, kind="deported", deporting_country_code=country
    )
    result = manifest_upload(
        actor=officer,
        source_id=source.pk,
        stream=io.BytesIO(data),
        file_name=f"{name.lower().replace(' ', '-')}-{on:%Y%m%d}.csv",
        occurred_on=on,
        is_synthetic=True,
    )
    manifest = result.manifest
    manifest_mapping_save(
        actor=officer, manifest_id=manifest.pk, mapping=manifest_mapping(manifest), day_first=True
    )
    while not manifest_import_step(actor=officer, manifest_id=manifest.pk, batch_size=200).done:
        pass
    return manifest


def _repeat_row(taftan: Manifest) -> str:
    """A row of the Karachi list for someone already returned through Taftan."""
    event = (
        BorderEvent.objects.filter(manifest=taftan, person__documents__kind=DocumentKind.CNIC)
        .select_related("person")
        .order_by("id")
        .first()
    )
    assert event is not None
    person = event.person
    cnic = person.documents.get(kind=DocumentKind.CNIC).number
    return (
        f"999,{person.full_name or person.full_name_ur},{person.father_name},,{cnic},,Male,"
        "Pakistani,,,,Illegal entry by sea\r\n"
    )


def _screen(officer: User, events: list[BorderEvent], on: date) -> str:
    victim, migrant, other = events[:3]
    screening_record(
        actor=officer,
        event_id=victim.pk,
        data=ScreeningInput(
            {
                "recruited": True,
                "deceived": True,
                "documents_withheld": True,
                "forced_labour": True,
            },
            summary="Promised a job in a Muscat shop; passport taken by the employer; unpaid.",
        ),
    )
    referral_record(
        actor=officer, event_id=victim.pk, to_kind="shelter", referred_on=on, organisation="Panah"
    )
    agent = lead_agent_add(
        actor=officer,
        event_id=victim.pk,
        data=AgentInput(name="Chaudhry Nadeem", phone="0300 5551234", place="Gujrat"),
    )
    lead_payment_add(
        actor=officer,
        event_id=victim.pk,
        data=PaymentInput(amount="450000", currency="PKR", payee_id=agent.pk, method="hawala"),
    )
    for country, place in (("PK", "Gujrat"), ("PK", "Gwadar"), ("OM", "Sur")):
        lead_leg_add(
            actor=officer,
            event_id=victim.pk,
            data=LegInput(country_code=country, place=place, transport="sea"),
        )
    case = case_open_from_interview(actor=officer, event_id=victim.pk)
    screening_record(
        actor=officer,
        event_id=migrant.pk,
        data=ScreeningInput({"paid_agent": True, "irregular_crossing": True}),
    )
    screening_record(actor=officer, event_id=other.pk, data=ScreeningInput({}))
    border_event_set_status(actor=officer, event_id=other.pk, expected_version=2, status="released")
    return case.reference


@transaction.atomic
def intake_demo_seed(*, rows: int, seed: int, today: date, var_dir: Path | None) -> DemoResult:
    """Creates the demo post users and imports two lists, all or nothing."""
    users = _users()
    karachi, taftan_officer = users["demo-imm-karachi"], users["demo-imm-taftan"]
    taftan_on, karachi_on = today - timedelta(days=40), today - timedelta(days=2)
    iran = ManifestSpec(
        rows=max(20, rows // 3), seed=seed + 1, country="Iran", flight="", on=taftan_on
    )
    taftan = _import(
        taftan_officer, "Iran returnees via Taftan", "IR", manifest_bytes(iran), taftan_on
    )
    oman = ManifestSpec(rows=rows, seed=seed, on=karachi_on)
    data = manifest_bytes(oman) + _repeat_row(taftan).encode()
    manifest = _import(karachi, "Royal Oman Police deportation list", "OM", data, karachi_on)
    events = list(
        BorderEvent.objects.filter(
            manifest=manifest, person__birth_date__lt=date(2000, 1, 1)
        ).order_by("id")[:3]
    )
    reference = _screen(karachi, events, karachi_on)
    sample = None
    if var_dir is not None:
        sample = var_dir / "demo" / "oman-deportees-500.csv"
        sample.parent.mkdir(parents=True, exist_ok=True)
        with sample.open("wb") as f:
            write_csv(ManifestSpec(rows=500, seed=seed + 7, on=today - timedelta(days=1)), f)
    return DemoResult(2, BorderEvent.objects.filter(is_synthetic=True).count(), reference, sample)
