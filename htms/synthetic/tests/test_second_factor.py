"""Demo users have an authenticator set up with a public key; ``demo_code`` reads no other."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from htms.accounts.models import User
from htms.accounts.tests.support import enrol
from htms.synthetic.second_factor import demo_second_factor, demo_totp_secret

pytestmark = pytest.mark.django_db


def _demo_code(username: str) -> str:
    out = StringIO()
    call_command("demo_code", username, stdout=out)
    return out.getvalue().strip()


def test_a_demo_user_logs_in_with_the_printed_code(alice: User) -> None:
    demo_second_factor(alice)
    client = Client()
    client.post("/login/", {"username": "alice", "password": "pw-alice"})
    code = _demo_code("alice")
    assert len(code) == 6 and code.isdigit()
    assert client.post("/login/code/", {"code": code}).status_code == 302
    assert client.get("/").status_code == 200


def test_it_reads_out_no_code_of_an_account_with_its_own_key(alice: User) -> None:
    enrol(alice)
    with pytest.raises(CommandError, match="not a demo user"):
        _demo_code("alice")


def test_the_demo_secret_is_fixed_and_printable() -> None:
    secret = demo_totp_secret("demo-io")
    assert secret == demo_totp_secret("demo-io") != demo_totp_secret("demo-incharge")
    assert len(secret) == 32 and secret.isalnum()
