"""The Gazette as HTML and as PDF, in English or Urdu, marked RESTRICTED on every page.

Every print writes one ``export`` row to the audit chain with the month, the language and the
number of items of each section.
"""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.intelligence.gazette.content import Gazette, gazette_content
from htms.intelligence.gazette.months import Month
from htms.web.pdf import pdf_from_html

GAZETTE_LANGUAGES = ("en", "ur")


def gazette_html(*, user: User, gazette: Gazette, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            "intelligence/pdf/gazette.html",
            {"gazette": gazette, "printed_at": timezone.localtime(), "printed_by": user},
        )


def gazette_pdf(*, user: User, month: Month, language: str) -> bytes:
    """The month's Gazette as PDF for an analyst or the monitoring cell (PermissionDenied
    for anyone else). Appends one ``export`` event to the audit chain."""
    with translation.override(language):  # the sections' headings and details
        gazette = gazette_content(user=user, month=month)
    pdf = pdf_from_html(gazette_html(user=user, gazette=gazette, language=language))
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        object_type=AuditObject.GAZETTE,
        object_id=month.label,
        changes={
            "format": "pdf",
            "language": language,
            "counts": {section.key: section.count for section in gazette.sections},
        },
    )
    return pdf
