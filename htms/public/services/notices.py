"""Notices for the public: wanted (red book) and convicted (black book) agents, with the fields
approved for publication. Administrators and the ATU monitoring cell prepare them; another of
them approves the publication. Only approved notices reach the portal
(``selectors.public_warnings_for``).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.public.access import may_manage_notices
from htms.public.matching import name_search_key
from htms.public.models import NoticeStatus, PublishedNotice

NOT_ALLOWED = _("Only administrators and the ATU monitoring cell manage notices for the public.")
SAME_PERSON = _("Another person must approve the publication of a notice you prepared.")
ALREADY_APPROVED = _("This notice is already published.")
PHOTO_TOO_BIG = _("The photograph is larger than 2 MB.")
PHOTO_KIND = _("The photograph must be a JPEG or PNG image.")
PHOTO_MAX_BYTES = 2 * 1024 * 1024
PHOTO_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


@dataclass(frozen=True)
class NoticeInput:
    name: str
    status: str
    alias: str = ""
    district: str = ""
    photo: "File[bytes] | None" = None
    # The source of a notice prepared from a book (``notice_sources.py``).
    red_book_entry_id: int | None = None
    convicted_person_id: int | None = None


def _check_photo(photo: "File[bytes]") -> None:
    if (photo.size or 0) > PHOTO_MAX_BYTES:
        raise ValidationError({"photo": [str(PHOTO_TOO_BIG)]})
    head = photo.read(8)
    photo.seek(0)
    if not head.startswith(PHOTO_SIGNATURES):
        raise ValidationError({"photo": [str(PHOTO_KIND)]})


@transaction.atomic
def notice_create(*, actor: User, data: NoticeInput) -> PublishedNotice:
    """Prepares a notice; it is not shown to the public until another person approves it."""
    if not may_manage_notices(actor):
        raise PermissionDenied(NOT_ALLOWED)
    if data.photo is not None:
        _check_photo(data.photo)
    notice = PublishedNotice(
        name=data.name.strip(),
        alias=data.alias.strip(),
        district=data.district.strip(),
        status=NoticeStatus(data.status),
        name_key=name_search_key(data.name)[:400],
        alias_key=name_search_key(data.alias)[:400],
        created_by=actor,
        created_at=timezone.now(),
        red_book_entry_id=data.red_book_entry_id,
        convicted_person_id=data.convicted_person_id,
    )
    if data.photo is not None:
        notice.photo = data.photo
    notice.full_clean()
    notice.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=AuditObject.PUBLISHED_NOTICE,
        object_id=notice.pk,
        changes={
            "status": notice.status,
            "photo": bool(notice.photo),
            "red_book_entry": notice.red_book_entry_id,
            "person": notice.convicted_person_id,
        },
    )
    return notice


@transaction.atomic
def notice_approve(*, actor: User, notice_id: int) -> PublishedNotice:
    """Publishes a notice: from now on the recruiter check shows it."""
    if not may_manage_notices(actor):
        raise PermissionDenied(NOT_ALLOWED)
    notice = PublishedNotice.objects.select_for_update().get(pk=notice_id)
    if notice.approved_for_publication_at is not None:
        raise ValidationError(str(ALREADY_APPROVED))
    if notice.created_by_id == actor.pk:
        raise ValidationError(str(SAME_PERSON))
    notice.approved_for_publication_by = actor
    notice.approved_for_publication_at = timezone.now()
    notice.save(update_fields=["approved_for_publication_by", "approved_for_publication_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.PUBLISHED_NOTICE,
        object_id=notice.pk,
        changes={"approved_for_publication": [False, True]},
    )
    return notice


@transaction.atomic
def notice_withdraw(*, actor: User, notice_id: int) -> None:
    """Takes a notice off the portal and deletes it with its photograph."""
    if not may_manage_notices(actor):
        raise PermissionDenied(NOT_ALLOWED)
    notice = PublishedNotice.objects.select_for_update().get(pk=notice_id)
    if notice.photo:
        notice.photo.delete(save=False)
    notice.delete()
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        object_type=AuditObject.PUBLISHED_NOTICE,
        object_id=notice_id,
    )
