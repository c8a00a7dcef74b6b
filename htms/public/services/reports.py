"""Reports and calls for help sent by the public, and what their senders add later.

Anyone may call these, through the portal's form (``htms/public/views/reports.py``), which has
first checked the proof of work, the honeypot and the rate limits. A report becomes, in the
same transaction, a call of channel "web report" in the help line's triage queue
(``htms.helpline.services.web_report_receive``), never a case; what its sender adds later is
appended to that call.
"""

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.helpline.services import web_report_add, web_report_receive
from htms.public.models import PublicReport, ReportAddition, ReportKind, ReportStatus
from htms.public.services.as_call import report_as_call

# Letters and digits that cannot be misread for one another (no 0/O, 1/I/L).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_GROUPS = 3
CODE_GROUP_LENGTH = 4
UNKNOWN_CODE = _("No report has this code. Check the code you were given and try again.")


@dataclass(frozen=True)
class ReportInput:
    kind: str
    what: str
    who: str = ""
    phone: str = ""
    where: str = ""
    when: str = ""
    contact: str = ""
    language: str = "en"


def report_code_new() -> str:
    """A code such as "K7QM-3WXP-HT9D": about 59 bits, too many to guess."""
    groups = (
        "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_GROUP_LENGTH))
        for _g in range(CODE_GROUPS)
    )
    return "-".join(groups)


def report_code_clean(text: str) -> str:
    """A code as typed ("k7qm 3wxp ht9d") in its printed form."""
    letters = "".join(c for c in text.upper() if c in CODE_ALPHABET)
    size = CODE_GROUP_LENGTH
    return "-".join(letters[i : i + size] for i in range(0, len(letters), size))


@transaction.atomic
def report_submit(*, data: ReportInput) -> PublicReport:
    """Stores a report from the public with a new code and audits its arrival (without its
    content: the audit log is not where a sender's words are read)."""
    report = PublicReport(
        code=report_code_new(),
        kind=ReportKind(data.kind),
        what=data.what,
        who=data.who,
        phone=data.phone,
        where=data.where,
        when=data.when,
        contact=data.contact,
        language=data.language,
        received_at=timezone.now(),
    )
    report.full_clean()
    report.call = web_report_receive(data=report_as_call(report))
    report.status = ReportStatus.TRIAGED
    report.save()
    audit_record(
        actor=None,
        action=AuditAction.CREATE,
        object_type=AuditObject.PUBLIC_REPORT,
        object_id=report.pk,
        changes={"kind": report.kind, "language": report.language, "call": report.call.pk},
    )
    return report


@transaction.atomic
def report_add(*, code: str, text: str) -> ReportAddition:
    """Adds the sender's further information to the report with ``code``. The sender sees
    nothing of the report: the code lets them add, never read."""
    report = PublicReport.objects.select_for_update().filter(code=report_code_clean(code)).first()
    if report is None:
        raise ValidationError({"code": [str(UNKNOWN_CODE)]})
    addition = ReportAddition(report=report, text=text, received_at=timezone.now())
    addition.full_clean()
    addition.save()
    if report.call_id is not None:
        web_report_add(call_id=report.call_id, text=text, received_at=addition.received_at)
    audit_record(
        actor=None,
        action=AuditAction.UPDATE,
        object_type=AuditObject.PUBLIC_REPORT,
        object_id=report.pk,
        changes={"addition": addition.pk},
    )
    return addition
