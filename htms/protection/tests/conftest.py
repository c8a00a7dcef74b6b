"""Victim-protection cast on top of the shared one (``htms/conftest.py``).

- ``carl``: caseworker at the test shelter (T-SH), whose organisation is ``shelter``
- ``nora``: caseworker at another organisation (T-NGO), ``ngo``
- ``referral``: the victim of ``tip_case`` (circle A) referred by ``alice`` to ``shelter``, sent
"""

import pytest
from rest_framework.test import APIClient

from htms.accounts.models import Role, User
from htms.accounts.tokens import api_token_issue
from htms.cases.models import Case, PartyRole
from htms.protection.models import Organisation, Referral
from htms.protection.services.directory import OrganisationInput, organisation_save
from htms.protection.services.referrals import ReferralInput, referral_move, referral_propose
from htms.reference.models import Unit, UnitKind


@pytest.fixture
def shelter(adam: User) -> Organisation:
    data = OrganisationInput(
        name="Test Dar-ul-Aman", kind="LocalGovernmentOrganisation",
        services=["shelter", "counselling"], unit_id=Unit.objects.get(code="T-SH").pk,
        accepts_sex="F", beds=2, phone="042 0000000", demo_contacts=True,
    )  # fmt: skip
    return organisation_save(actor=adam, data=data)


@pytest.fixture
def nora(db: None, adam: User) -> User:
    unit = Unit.objects.create(code="T-NGO", name="Test NGO", kind=UnitKind.NGO)
    data = OrganisationInput(
        name="Test legal aid", kind="NGO", services=["legal_aid"], unit_id=unit.pk
    )
    organisation_save(actor=adam, data=data)
    return User.objects.create_user(
        username="nora", password="pw-nora", unit=unit, role=Role.CASEWORKER, first_name="Nora"
    )


def victim_of(case: Case) -> int:
    return case.parties.get(role=PartyRole.VICTIM).person_id


def case_referral_input(case: Case, organisation: Organisation, **changes: object) -> ReferralInput:
    values: dict[str, object] = {
        "source": "case", "case_id": case.pk, "person_id": victim_of(case),
        "organisation_id": organisation.pk, "service": "shelter", "consent_by": "person",
        "shared_fields": ["name", "phones"], "reason": "Needs a safe place", "send": True,
    }  # fmt: skip
    values.update(changes)
    return ReferralInput(**values)  # type: ignore[arg-type]


@pytest.fixture
def referral(alice: User, tip_case: Case, shelter: Organisation, carl: User) -> Referral:
    return referral_propose(actor=alice, data=case_referral_input(tip_case, shelter))


@pytest.fixture
def accepted(referral: Referral, carl: User) -> Referral:
    """``referral``, accepted by the shelter's caseworker."""
    return referral_move(actor=carl, referral_id=referral.pk, to_state="accepted")


def api_client_for(user: User) -> APIClient:
    """An API client holding a fresh token of ``user``."""
    client = APIClient()
    _token, key = api_token_issue(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client
