"""Migration persons 0002: CNICs stored in Urdu digits before the validators wrote them in ASCII
are rewritten, with their search keys, so that exact lookups find them."""

import pytest
from django.apps import apps
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython

from htms.accounts.models import User
from htms.identity.models import KeyKind, PersonKey
from htms.identity.services import person_keys_refresh
from htms.persons.inputs import PersonInput
from htms.persons.models import DocumentKind, IdentityDocument
from htms.persons.services import person_create

pytestmark = pytest.mark.django_db
URDU_CNIC = "۳۵۲۰۲۱۲۳۴۵۶۷۱"


def _run_migration() -> None:
    migration = MigrationLoader(None).get_migration("persons", "0002_cnic_ascii_digits")
    operation = migration.operations[0]
    assert isinstance(operation, RunPython)
    operation.code(apps, None)


def test_it_rewrites_cnics_and_their_keys_stored_in_urdu_digits(alice: User) -> None:
    person = person_create(actor=alice, data=PersonInput(full_name="Ali Raza", sex="M"))
    IdentityDocument.objects.create(person=person, kind=DocumentKind.CNIC, number=URDU_CNIC)
    person_keys_refresh(person=person)  # the index as it was built from the stored number
    assert PersonKey.objects.filter(kind=KeyKind.CNIC, value=URDU_CNIC).exists()
    _run_migration()
    assert IdentityDocument.objects.get(person=person).number == "3520212345671"
    cnic_keys = PersonKey.objects.filter(person=person, kind__in=(KeyKind.CNIC, KeyKind.CNIC_NEAR))
    rebuilt = set(cnic_keys.values_list("kind", "value"))
    person_keys_refresh(person=person)
    assert rebuilt == set(cnic_keys.values_list("kind", "value"))
    assert (KeyKind.CNIC, "3520212345671") in rebuilt
