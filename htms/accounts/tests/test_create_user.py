import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from htms.accounts.models import User
from htms.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_it_creates_a_user_in_a_unit_with_a_role(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("getpass.getpass", lambda prompt: "a-long-Passphrase-77")
    call_command("create_user", "amina", unit="T-A", role="io", name="Amina Khan")
    user = User.objects.get(username="amina")
    assert (user.unit.code, user.role, user.first_name) == ("T-A", "io", "Amina Khan")
    assert user.check_password("a-long-Passphrase-77")
    assert AuditEvent.objects.filter(object_type="user", object_id=str(user.pk)).exists()


@pytest.mark.parametrize(
    ("unit", "password", "words"),
    [
        ("NOPE", "a-long-Passphrase-77", "No unit"),
        ("T-A", "123", "too short"),
    ],
)
def test_it_explains_what_is_wrong(
    monkeypatch: pytest.MonkeyPatch, unit: str, password: str, words: str
) -> None:
    monkeypatch.setattr("getpass.getpass", lambda prompt: password)
    with pytest.raises(CommandError, match=words):
        call_command("create_user", "amina", unit=unit, role="io")
    assert not User.objects.filter(username="amina").exists()
