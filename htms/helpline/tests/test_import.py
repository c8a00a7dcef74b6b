"""Call records imported from CSV: all or nothing, an error per row in words."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.helpline.importer import calls_import
from htms.helpline.models import Call
from htms.web.tests.support import client_for

pytestmark = pytest.mark.django_db

HEADER = "channel,started_at,answered_at,anonymous,caller_name,caller_phone,district,language,summary,category,urgency\n"  # noqa: E501
GOOD = (
    "phone,2026-01-05 10:00,2026-01-05 10:01,,Bilal,0300 1111111,PB-LAHORE,ur,Asked for help,"
    "victim_help,today\n"
    "sms,2026-01-05 11:00,,yes,,,PB-GUJRANWALA,pa,Men held in a house,emergency,immediate\n"
)
BAD = (
    "whatsapp,2026-01-05 12:00,,,Amna,12,PB-LAHORE,ur,Agent named,agent_tip,today\n"
    "fax,yesterday,,,,,XX-NOWHERE,ur,,information,routine\n"
)


def test_it_imports_every_row_and_escalates_emergencies(tina: User) -> None:
    assert calls_import(actor=tina, content=(HEADER + GOOD).encode(), file_name="log.csv") == 2
    emergency = Call.objects.get(category="emergency")
    assert emergency.anonymous and emergency.circle is not None
    assert emergency.circle.code == "AHTC-GRW"
    assert AuditEvent.objects.filter(object_type="helpline_import", object_id="log.csv").exists()


def test_one_bad_row_and_nothing_is_written(tina: User) -> None:
    audit_before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        calls_import(actor=tina, content=(HEADER + GOOD + BAD).encode(), file_name="log.csv")
    messages = error.value.message_dict["file"]
    assert any(m.startswith("Row 4, caller_phone:") for m in messages), messages
    assert any(m.startswith("Row 5, started_at:") for m in messages), messages
    assert not Call.objects.exists()
    assert AuditEvent.objects.count() == audit_before


def test_the_page_lists_the_rows_problems(tina: User) -> None:
    upload = SimpleUploadedFile("log.csv", (HEADER + BAD).encode(), content_type="text/csv")
    response = client_for(tina).post("/helpline/calls/import/", {"file": upload})
    assert response.status_code == 200
    assert "Row 2, caller_phone" in response.content.decode()
    assert not Call.objects.exists()


def test_a_file_without_the_needed_columns_is_refused(tina: User) -> None:
    with pytest.raises(ValidationError) as error:
        calls_import(actor=tina, content=b"name,phone\nx,y\n", file_name="x.csv")
    assert "channel" in error.value.message_dict["file"][0]


def test_only_call_takers_import(gul: User) -> None:
    upload = SimpleUploadedFile("log.csv", (HEADER + GOOD).encode(), content_type="text/csv")
    assert client_for(gul).post("/helpline/calls/import/", {"file": upload}).status_code == 403
    assert not Call.objects.exists()
