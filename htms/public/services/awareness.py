"""Administrators write the awareness pages, one text per page and language."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.public.access import may_administer_portal
from htms.public.models import AwarenessPage, AwarenessText

NOT_ADMINISTRATOR = _("Only an administrator may edit the awareness pages.")


@transaction.atomic
def awareness_text_save(
    *, actor: User, slug: str, language: str, title: str, body: str
) -> AwarenessText:
    """Writes the page's text in one language, replacing the one there was."""
    if not may_administer_portal(actor):
        raise PermissionDenied(NOT_ADMINISTRATOR)
    page = AwarenessPage.objects.get(slug=slug)
    text = AwarenessText.objects.select_for_update().filter(page=page, language=language).first()
    old_title = text.title if text else ""
    text = text or AwarenessText(page=page, language=language)
    text.title, text.body = title.strip(), body.strip()
    text.updated_at, text.updated_by = timezone.now(), actor
    text.full_clean()
    text.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.AWARENESS_TEXT,
        object_id=text.pk,
        changes={"page": slug, "language": language, "title": [old_title, text.title]},
    )
    return text
