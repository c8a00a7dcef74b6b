"""``htms generate`` and ``htms seed_demo``.

The command objects are passed to ``call_command`` directly, so these tests do not depend on
``htms.synthetic`` being in INSTALLED_APPS.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.audit.verify import audit_verify
from htms.cases.models import Case
from htms.synthetic.demo import DEMO_PASSWORD, DEMO_USERS
from htms.synthetic.management.commands.generate import Command as Generate
from htms.synthetic.management.commands.seed_demo import Command as SeedDemo

pytestmark = pytest.mark.django_db


def test_it_generates_cases_through_the_services_in_one_unit() -> None:
    out = StringIO()
    call_command(Generate(), "--cases", "6", "--seed", "1", "--unit", "T-A", stdout=out)
    assert Case.objects.filter(unit__code="T-A", is_synthetic=True).count() == 6
    assert "Registered 6 cases" in out.getvalue() and "SYNTHETIC" in out.getvalue()
    assert not User.objects.get(username="synthetic-io-t-a").has_usable_password()


def test_it_generates_in_bulk_with_extra_persons() -> None:
    out = StringIO()
    call_command(
        Generate(), "--cases", "30", "--seed", "2", "--persons", "10", "--bulk", stdout=out
    )
    assert Case.objects.count() == 30
    assert "Wrote 30 cases" in out.getvalue()
    assert audit_verify() == []


def test_it_refuses_an_unknown_unit() -> None:
    with pytest.raises(CommandError, match="No unit"):
        call_command(Generate(), "--cases", "1", "--seed", "1", "--unit", "NOPE")


def test_it_seeds_the_demo_once_and_then_only_prints_the_logins() -> None:
    out = StringIO()
    call_command(SeedDemo(), "--cases", "25", stdout=out)
    # The 25 generated, and the enquiry the Lahore circle registers from a help-line call.
    assert Case.objects.count() == 26
    assert Case.objects.filter(helpline_calls__isnull=False, is_synthetic=True).count() == 1
    for demo in DEMO_USERS:
        user = User.objects.get(username=demo.username)
        assert user.check_password(demo.password) and user.unit.code == demo.unit_code
        assert AuditEvent.objects.filter(object_type="user", object_id=str(user.pk)).exists()
    assert User.objects.get(username="demo-admin").is_staff
    assert Case.objects.filter(unit__code="AHTC-LHR", investigating_officer__username="demo-io")
    again = StringIO()
    call_command(SeedDemo(), stdout=again)
    assert Case.objects.count() == 26
    assert "already" in again.getvalue() and DEMO_PASSWORD in again.getvalue()
    assert "SYNTHETIC DEMO DATA" in again.getvalue()
