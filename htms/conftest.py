"""The shared cast every feature's tests use, on top of the real reference data.

- ``alice``: investigating officer of circle A (Lahore)
- ``anne``: circle in-charge of circle A
- ``bob``: investigating officer of circle B (Gujranwala)
- ``zara``: officer at the Punjab zonal directorate, which both circles report to
- ``hana``: analyst at headquarters
- ``mona``: ATU monitoring cell
- ``carl``: shelter caseworker
- ``adam``: administrator
"""

import itertools
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.utils import translation

from htms.accounts.models import Role, User
from htms.cases.inputs import CaseInput, PartyInput, RouteInput
from htms.cases.models import Case, CaseParty, Stage, StageChange
from htms.cases.services.effective import earliest_effective_date
from htms.cases.services.lifecycle import case_request_stage
from htms.cases.services.registration import case_register
from htms.intake.entries import country_ids_forget
from htms.persons.inputs import DocumentInput, PersonInput
from htms.reference.loader import reference_load
from htms.reference.models import Court, Unit, UnitKind

TIP_SECTION = "PTPA2018-3"
# Every case made by tip_case_input() gets its own FIR number: one FIR is registered once.
_fir_numbers = itertools.count(12)
SOM_SECTION = "PSMA2018-3"


@pytest.fixture(scope="session")
def django_db_setup(
    django_db_setup: None, django_db_blocker: pytest.FixtureRequest
) -> Iterator[None]:
    """Loads the real reference data once; each test's changes are rolled back after it."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        reference_load()
        _make_units()
    yield


@pytest.fixture(autouse=True)
def _figures_always_fresh() -> Iterator[None]:
    """Every figure counts what the test has just written: the table of people counted is
    rebuilt before each figure (``htms/statistics/refresh.py``). Tests of the table's age
    override it."""
    with override_settings(HTMS_STATISTICS_MAX_AGE=0):
        yield


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Every test starts with empty caches: refusal counts (htms/audit/refusals.py) are kept
    per address, and every test client calls from 127.0.0.1; border intake keeps country ids,
    and a transactional test empties the tables and loads the reference data again under new
    ids."""
    cache.clear()
    country_ids_forget()
    yield


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Every test starts in the default language: a page requested in Urdu leaves Urdu active
    in the thread, which would turn later tests' English messages into Urdu."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _reads_on_the_primary(request: pytest.FixtureRequest) -> Iterator[None]:
    """With a replica configured (``HTMS_PG_REPLICA=1 scripts/with-postgres.sh``), every test
    reads the primary as it would without one: the test database's replica lags it and is not
    among a test's databases. Tests marked ``replica`` read the replica."""
    if not settings.HTMS_REPLICA_READS or request.node.get_closest_marker("replica"):
        yield
        return
    with override_settings(HTMS_REPLICA_READS=False):
        yield


def _make_units() -> None:
    zone = Unit.objects.create(code="T-ZONE", name="Test zone", kind=UnitKind.ZONAL_DIRECTORATE)
    Unit.objects.create(code="T-A", name="Test circle A", kind=UnitKind.CIRCLE, zone=zone)
    Unit.objects.create(code="T-B", name="Test circle B", kind=UnitKind.CIRCLE, zone=zone)
    Unit.objects.create(code="T-C", name="Test circle C (other zone)", kind=UnitKind.CIRCLE)
    Unit.objects.create(code="T-HQ", name="Test headquarters", kind=UnitKind.HEADQUARTERS)
    Unit.objects.create(code="T-SH", name="Test shelter", kind=UnitKind.SHELTER)


def _user(username: str, unit_code: str, role: str) -> User:
    return User.objects.create_user(
        username=username,
        password="pw-" + username,
        unit=Unit.objects.get(code=unit_code),
        role=role,
        first_name=username.capitalize(),
    )


@pytest.fixture
def alice(db: None) -> User:
    return _user("alice", "T-A", Role.INVESTIGATING_OFFICER)


@pytest.fixture
def anne(db: None) -> User:
    return _user("anne", "T-A", Role.CIRCLE_INCHARGE)


@pytest.fixture
def bob(db: None) -> User:
    return _user("bob", "T-B", Role.INVESTIGATING_OFFICER)


@pytest.fixture
def cleo(db: None) -> User:
    return _user("cleo", "T-C", Role.INVESTIGATING_OFFICER)


@pytest.fixture
def zara(db: None) -> User:
    return _user("zara", "T-ZONE", Role.INVESTIGATING_OFFICER)


@pytest.fixture
def hana(db: None) -> User:
    return _user("hana", "T-HQ", Role.ANALYST)


@pytest.fixture
def mona(db: None) -> User:
    return _user("mona", "T-HQ", Role.MONITORING_CELL)


@pytest.fixture
def carl(db: None) -> User:
    return _user("carl", "T-SH", Role.CASEWORKER)


@pytest.fixture
def adam(db: None) -> User:
    return _user("adam", "T-HQ", Role.ADMINISTRATOR)


def victim_input(**overrides: object) -> PersonInput:
    values: dict[str, object] = {
        "full_name": "Sajida Bibi",
        "full_name_ur": "ساجدہ بی بی",
        "sex": "F",
        "relation": "d/o",
        "father_name": "Ghulam Rasool",
        "birth_date": date(2007, 5, 1),
        "documents": [DocumentInput(kind="cnic", number="34101-1234567-2")],
        "phones": ["0300 1234567"],
        "district_code": "",
    }
    values.update(overrides)
    return PersonInput(**values)  # type: ignore[arg-type]


def accused_input(name: str, cnic: str) -> PersonInput:
    return PersonInput(
        full_name=name,
        sex="M",
        father_name="Muhammad Akram",
        documents=[DocumentInput(kind="cnic", number=cnic)],
    )


def tip_case_input() -> CaseInput:
    return CaseInput(
        origin="complaint",
        statute_codes=[TIP_SECTION],
        summary="Recruited for domestic work",
        fir_number=f"{next(_fir_numbers)}/2026",
        fir_date=date(2026, 10, 1),
        police_station="FIA AHTC Lahore",
        occurred_on=date(2026, 9, 1),
        parties=[
            PartyInput(
                role="victim",
                person=victim_input(),
                trafficking_status="possible",
                status_decided_by="police",
            ),
            PartyInput(
                role="accused",
                person=accused_input("Imran Butt", "35202-7654321-1"),
                accused_status="arrested",
            ),
            PartyInput(
                role="accused",
                person=accused_input("Tariq Mehmood", "35202-7654322-3"),
                accused_status="at_large",
            ),
        ],
        route=[
            RouteInput(kind="recruitment", country_code="PK"),
            RouteInput(kind="exploitation", country_code="AE"),
        ],
    )


# What a test that moves a case on gives case_request_stage unless it says otherwise.
BACKDATE_REASON = "Entered from the case file"
CHALLAN_COURT = "CRT-SJ-LHR"


def party_named(case: Case, name: str) -> CaseParty:
    """The case's party of that (Latin) name: names are sealed at rest, so compared once read."""
    parties = case.parties.select_related("person").order_by("pk")
    return next(p for p in parties if p.person.full_name == name)


def stage_extras(case: Case, to_stage: str, **given: object) -> dict[str, object]:
    """The step took effect on the day the case was opened, or the day of its current stage if
    later (so hearings and judgments dated after it fit), entered late for a reason; a challan
    has a number and a court."""
    extras: dict[str, object] = {
        "effective_on": earliest_effective_date(case),
        "backdate_reason": BACKDATE_REASON,
    }
    if to_stage in (Stage.INTERIM_CHALLAN, Stage.FINAL_CHALLAN):
        extras["challan_number"] = f"CH-{case.pk}-{to_stage}"
        extras["court_id"] = Court.objects.get(code=CHALLAN_COURT).pk
    return extras | given


def stage_move(actor: User, case: Case, to_stage: str, **given: object) -> StageChange:
    """Asks to move ``case`` on as ``actor``, with ``stage_extras`` unless ``given``."""
    case.refresh_from_db()
    return case_request_stage(
        actor=actor,
        case_id=case.pk,
        expected_version=case.version,
        to_stage=to_stage,
        **stage_extras(case, to_stage, **given),  # type: ignore[arg-type]
    )


@pytest.fixture
def tip_case(alice: User) -> Case:
    return case_register(actor=alice, data=tip_case_input())


@pytest.fixture
def vendor() -> str:
    return connection.vendor


def enquiry_input(**changes: object) -> CaseInput:
    """The shared TIP case as an enquiry, without an FIR: registered twice, it is a likely
    duplicate."""
    data = replace(tip_case_input(), fir_number="", fir_date=None, police_station="")
    return replace(data, **changes)  # type: ignore[arg-type]
