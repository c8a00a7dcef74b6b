"""The intake demo command: two posts, a repeat interception, a case, and idempotent."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.intake.demo import DEMO_POST_USERS
from htms.intake.models import BorderEvent
from htms.synthetic.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_it_seeds_two_posts_with_a_repeat_interception_once(
    tmp_path: Path, settings: object
) -> None:
    settings.VAR_DIR = tmp_path  # type: ignore[attr-defined]
    out = StringIO()
    call_command("seed_intake_demo", rows=30, stdout=out)
    assert "was opened from an interview" in out.getvalue()
    assert (tmp_path / "demo" / "oman-deportees-500.csv").exists()
    posts_by_person: dict[int, set[str]] = {}
    for person_id, post in BorderEvent.objects.values_list("person_id", "post__code"):
        posts_by_person.setdefault(person_id, set()).add(post)
    assert {"IMM-KHI-AIR", "IMM-TAFTAN"} in posts_by_person.values()
    assert BorderEvent.objects.exclude(case=None).count() == 1
    assert not BorderEvent.objects.filter(is_synthetic=False).exists()
    for demo in DEMO_POST_USERS:
        user = User.objects.get(username=demo.username)
        assert user.check_password(DEMO_PASSWORD)
        assert AuditEvent.objects.filter(object_type="user", object_id=str(user.pk)).exists()
    before = BorderEvent.objects.count()
    call_command("seed_intake_demo", rows=30, stdout=StringIO())
    assert BorderEvent.objects.count() == before
