"""What every statistics report shares: the PDF rendering (WeasyPrint, the Urdu fonts of
``web/pdf/_report_style.html``, no access to files or URLs) and the audit row of a report
that leaves the system."""

from collections.abc import Callable
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from htms.accounts.models import User
from htms.statistics.published import statistics_k_for
from htms.statistics.services import statistics_export_record

REPORT_LANGUAGES = ("en", "ur")


def report_context(user: User) -> dict[str, Any]:
    """The context every report template reads: threshold, print date and printer."""
    return {"k": statistics_k_for(user), "printed_at": timezone.localtime(), "printed_by": user}


def report_pdf(*, template: str, context: Callable[[], dict[str, Any]], language: str) -> bytes:
    """``template`` rendered in ``language`` as PDF, without any access to files or URLs; the
    ``context`` is built in that language too (chart titles, labels)."""
    import weasyprint  # type: ignore[import-untyped]  # slow to import: only when used

    with translation.override(language):
        html = render_to_string(template, context())
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols=(), fail_on_errors=False)
    pdf: bytes = weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
    return pdf


def report_record(*, user: User, figure: str, language: str, **details: Any) -> None:
    """Appends one ``export`` event of ``statistics`` for a report given to ``user``."""
    statistics_export_record(
        actor=user,
        figure=figure,
        k=statistics_k_for(user),
        details={"format": "pdf", "language": language, **details},
    )
