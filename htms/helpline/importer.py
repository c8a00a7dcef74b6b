"""Call records imported from a CSV file (a telephony system's export, a paper log typed up).

All or nothing: every row is recorded through the same service as the form, and one bad row
leaves nothing written, with an error per row an officer can correct. Columns (header row, any
order): channel, started_at, answered_at, ended_at, anonymous, caller_name, caller_phone,
district, language, summary, category, urgency, circle. Times are "2026-11-03 14:05" in
Pakistan time (or with an offset); choices are the codes of the API (``phone``, ``emergency``).
"""

import csv
import io
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.common.errors import NotAllowedError
from htms.helpline.access import call_taker
from htms.helpline.inputs import CallInput
from htms.helpline.services import NOT_A_CALL_TAKER, call_create

MAX_ROWS = 5000
MAX_BYTES = 2 * 1024 * 1024
REQUIRED = ("channel", "started_at", "language", "summary", "category", "urgency")
OPTIONAL = ("answered_at", "ended_at", "anonymous", "caller_name", "caller_phone", "district")
COLUMNS = (*REQUIRED, *OPTIONAL, "circle")
TRUE = {"1", "yes", "y", "true", "x", "anonymous", "ہاں"}


class ImportRowError(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _when(row: dict[str, str], name: str) -> datetime | None:
    text = (row.get(name) or "").strip()
    if not text:
        return None
    value = parse_datetime(text.replace("/", "-"))
    if value is None:
        raise ImportRowError(name, _("Write the time like 2026-11-03 14:05."))
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def _row_input(row: dict[str, str]) -> CallInput:
    started = _when(row, "started_at")
    if started is None:
        raise ImportRowError("started_at", _("Give the time the call came in."))
    text = {name: (row.get(name) or "").strip() for name in COLUMNS}
    return CallInput(
        channel=text["channel"].lower(),
        started_at=started,
        answered_at=_when(row, "answered_at"),
        ended_at=_when(row, "ended_at"),
        anonymous=text["anonymous"].lower() in TRUE,
        caller_name=text["caller_name"],
        caller_phone=text["caller_phone"],
        district_code=text["district"].upper(),
        language=text["language"].lower(),
        summary=text["summary"],
        category=text["category"].lower(),
        urgency=text["urgency"].lower(),
        circle_code=text["circle"].upper(),
    )


def _rows(content: bytes) -> list[dict[str, str]]:
    if len(content) > MAX_BYTES:
        raise ValidationError({"file": [_("The file is larger than 2 MB: split it.")]})
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError({"file": [_("Save the file as CSV in UTF-8.")]}) from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        message = _("The file has no column %(columns)s.") % {"columns": ", ".join(missing)}
        raise ValidationError({"file": [message]})
    rows = list(reader)
    if not rows or len(rows) > MAX_ROWS:
        raise ValidationError({"file": [_("The file must hold 1 to 5000 calls.")]})
    return rows


def _problems(error: ValidationError) -> list[tuple[str, str]]:
    return [(field, m) for field, messages in error.message_dict.items() for m in messages]


@transaction.atomic
def calls_import(*, actor: User, content: bytes, file_name: str) -> int:
    """Records every call of the CSV file at the actor's help line, or none: a ValidationError
    lists each row's problems ("Row 3, caller_phone: ..."). Call-takers only."""
    if not call_taker(actor):
        raise NotAllowedError(str(NOT_A_CALL_TAKER))
    assert actor.unit is not None
    errors: list[str] = []
    rows = _rows(content)
    for number, row in enumerate(rows, start=2):
        try:
            call_create(actor=actor, unit=actor.unit, data=_row_input(row))
        except ImportRowError as error:
            errors.append(_row_message(number, error.field, str(error)))
        except ValidationError as error:
            errors += [_row_message(number, f, m) for f, m in _problems(error)]
    if errors:
        # Raised inside the transaction: every call recorded above is rolled back.
        raise ValidationError({"file": errors})
    count = len(rows)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=AuditObject.HELPLINE_IMPORT,
        object_id=file_name[:40],
        changes={"calls": count},
    )
    return count


def _row_message(number: int, field: str, message: str) -> str:
    return _("Row %(row)d, %(field)s: %(message)s") % {
        "row": number,
        "field": field,
        "message": message,
    }
