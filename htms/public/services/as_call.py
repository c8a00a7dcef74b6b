"""A report from the public as the help-line call it becomes (``reports.report_submit``).

Officers read what this writes, senders never: its words are not on the public site's pages.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from htms.helpline.inputs import CallInput
from htms.helpline.models import CallLanguage, Category, Channel, Urgency
from htms.persons.validators import normalize_phone
from htms.public.models import PublicReport, ReportKind

# The report form's fields the summary lists, labelled as on the form the sender used.
SUMMARY_LINES = (
    ("who", _("Who")),
    ("phone", _("Phone")),
    ("where", _("Where")),
    ("when", _("When")),
)


def report_as_call(report: PublicReport) -> CallInput:
    """The help-line call a report becomes: a tip about an agent or a victim needing help, the
    report's words in the summary, the sender's way to reach them as the caller (a phone if it
    reads as one), and anonymous when they left none."""
    lines = [report.what.strip()]
    lines += [
        f"{label}: {getattr(report, name)}"
        for name, label in SUMMARY_LINES
        if getattr(report, name)
    ]
    contact = report.contact.strip()
    try:
        phone, name = (normalize_phone(contact), "") if contact else ("", "")
    except ValidationError:
        phone, name = "", contact
    helping = report.kind == ReportKind.HELP
    return CallInput(
        channel=Channel.WEB_REPORT,
        started_at=report.received_at,
        language=report.language if report.language in CallLanguage.values else CallLanguage.OTHER,
        summary="\n".join(lines),
        category=Category.VICTIM_HELP if helping else Category.AGENT_TIP,
        urgency=Urgency.TODAY if helping else Urgency.ROUTINE,
        caller_name=name,
        caller_phone=phone,
    )
