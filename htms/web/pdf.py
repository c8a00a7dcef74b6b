"""The printable case summary for the court file, as PDF, in English or Urdu.

The case is read through the case access chokepoint, every party's identity is masked by the
same presenter as the case page (``party_views``), and every export is written to the audit chain.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.cases.models import Case
from htms.cases.selectors import case_detail
from htms.web.presenters import party_views

SUMMARY_LANGUAGES = ("en", "ur")
BAD_LANGUAGE = gettext_noop(
    "Choose the language of the summary: lang=en for English or lang=ur for Urdu."
)


def case_summary_pdf_bytes(*, user: User, case: Case, language: str) -> bytes:
    """Renders the summary of a case the user may see (from ``case_detail``) as PDF."""
    with translation.override(language):
        html = render_to_string(
            "web/pdf/case_summary.html",
            {
                "case": case,
                "parties": party_views(user, case),
                "crime_types": sorted(
                    {o.statute.get_crime_type_display() for o in case.offences.all()}
                ),
                "printed_at": timezone.localtime(),
                "printed_by": user,
            },
        )
    return pdf_from_html(html)


def pdf_from_html(html: str) -> bytes:
    """A self-contained HTML page as PDF (the case summary, the red and the black book)."""
    # Imported here: WeasyPrint takes about 1.5 s to import, which every process that loads the
    # URLs would otherwise pay.
    import weasyprint  # type: ignore[import-untyped]

    # No protocol is allowed, so nothing in a record can make the renderer open a file or a URL.
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols=(), fail_on_errors=False)
    document = weasyprint.HTML(string=html, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf()
    return pdf


def case_summary_export(*, user: User, case_id: int, language: str) -> bytes:
    """The PDF summary of one case, for any user who may see the case (404 otherwise).
    Appends one ``export`` event to the audit chain."""
    case = case_detail(user=user, case_id=case_id)
    pdf = case_summary_pdf_bytes(user=user, case=case, language=language)
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        object_type=AuditObject.CASE,
        object_id=case.pk,
        changes={"format": "pdf", "language": language},
    )
    return pdf


@login_required
@require_GET
def case_summary(request: HttpRequest, case_id: int) -> HttpResponse:
    assert isinstance(request.user, User)
    language = request.GET.get("lang") or translation.get_language()
    if language not in SUMMARY_LANGUAGES:
        return HttpResponseBadRequest(_(BAD_LANGUAGE), content_type="text/plain; charset=utf-8")
    pdf = case_summary_export(user=request.user, case_id=case_id, language=language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="case-{case_id}-summary-{language}.pdf"'
    return response
