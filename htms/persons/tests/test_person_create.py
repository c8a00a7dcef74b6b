"""``person_create``: what is stored for the numbers an officer types."""

import pytest

from htms.accounts.models import User
from htms.persons.inputs import DocumentInput, PersonInput
from htms.persons.models import DocumentKind, IdentityDocument
from htms.persons.services import person_create

pytestmark = pytest.mark.django_db


def test_it_stores_a_cnic_typed_in_urdu_digits_in_ascii(alice: User) -> None:
    person = person_create(
        actor=alice,
        data=PersonInput(
            full_name="Ali Raza",
            sex="M",
            documents=[DocumentInput(kind="cnic", number="۳۵۲۰۲-۱۲۳۴۵۶۷-۱")],
        ),
    )
    stored = IdentityDocument.objects.get(person=person, kind=DocumentKind.CNIC)
    assert stored.number == "3520212345671"
    assert IdentityDocument.objects.filter(kind="cnic", number="3520212345671").count() == 1
