"""Published issues: publishing a month, the archive each user may read, and downloads.

Analysts and the ATU monitoring cell compose and publish, and read every issue; any other
active user reads the issues whose distribution list holds their unit. Everyone else gets 404.
Publishing and every download write one audit row.
"""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.common.errors import NotAllowedError
from htms.intelligence.gazette.content import gazette_content, gazette_may_compose
from htms.intelligence.gazette.models import GazetteIssue
from htms.intelligence.gazette.months import Month
from htms.intelligence.gazette.printing import GAZETTE_LANGUAGES, gazette_html
from htms.reference.models import Unit
from htms.web.pdf import pdf_from_html

ALREADY_PUBLISHED = _("The Gazette of this month has been published already.")
NO_UNITS = _("Choose at least one unit for the distribution list.")


def gazette_issue_queryset_for_user(user: User) -> QuerySet[GazetteIssue]:
    issues = GazetteIssue.objects.all()
    if not (user.is_authenticated and user.is_active):
        return issues.none()
    if gazette_may_compose(user):
        return issues
    if user.unit_id is None:
        return issues.none()
    return issues.filter(units=user.unit_id)


def gazette_issue_get_for_user(*, user: User, issue_id: int) -> GazetteIssue:
    """The issue, or 404 if the user neither composes nor is on its distribution list."""
    try:
        return gazette_issue_queryset_for_user(user).get(pk=issue_id)
    except (GazetteIssue.DoesNotExist, ValueError, TypeError):
        raise Http404("No such issue.") from None


def _units(unit_ids: list[int]) -> list[Unit]:
    units = list(Unit.objects.filter(pk__in=set(unit_ids)))
    if not units or len(units) != len(set(unit_ids)):
        raise ValidationError({"units": str(NO_UNITS)})
    return units


@transaction.atomic
def gazette_issue_publish(*, actor: User, month: Month, unit_ids: list[int]) -> GazetteIssue:
    """Prints the month's Gazette in English and Urdu as ``actor`` reads it and distributes it
    to ``unit_ids``. Analysts and the monitoring cell only (NotAllowedError); once a month."""
    if not gazette_may_compose(actor):
        raise NotAllowedError()
    units = _units(unit_ids)
    if GazetteIssue.objects.select_for_update().filter(month=month.first).exists():
        raise ValidationError({"month": str(ALREADY_PUBLISHED)})
    gazette = gazette_content(user=actor, month=month)
    issue = GazetteIssue(month=month.first, published_by=actor, published_at=timezone.now())
    for language in GAZETTE_LANGUAGES:
        pdf = pdf_from_html(gazette_html(user=actor, gazette=gazette, language=language))
        field = getattr(issue, f"pdf_{language}")
        field.save(f"gazette-{month.label}-{language}.pdf", ContentFile(pdf), save=False)
    issue.full_clean(exclude=["units"])
    issue.save()
    issue.units.set(units)
    counts = {section.key: section.count for section in gazette.sections}
    audit_record(actor=actor, action=AuditAction.CREATE, object_type=AuditObject.GAZETTE,
                 object_id=issue.pk, changes={"month": month.label, "units": sorted(unit_ids),
                                              "counts": counts})  # fmt: skip
    return issue


def gazette_issue_download(*, user: User, issue_id: int, language: str) -> bytes:
    """The issue's PDF in ``language`` for a reader of the issue (404 otherwise); audited."""
    issue = gazette_issue_get_for_user(user=user, issue_id=issue_id)
    if language not in GAZETTE_LANGUAGES:
        raise Http404("No such language.")
    with getattr(issue, f"pdf_{language}").open("rb") as file:
        pdf: bytes = file.read()
    audit_record(actor=user, action=AuditAction.EXPORT, object_type=AuditObject.GAZETTE,
                 object_id=issue.pk, changes={"format": "pdf", "language": language})  # fmt: skip
    return pdf
