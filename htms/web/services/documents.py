"""The register of case documents: papers held in the case file, with an optional scan."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record, audit_view
from htms.cases.access import case_get_for_user
from htms.web.models import CaseDocument, DocumentKind

MAX_FILE_BYTES = 10 * 1024 * 1024
# The first bytes each accepted kind of file starts with.
SIGNATURES = {
    "pdf": (b"%PDF",),
    "png": (b"\x89PNG",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}
TITLE_MISSING = _("Give the document a title, for example “FIR copy”.")
FUTURE_DATE = _("This date is in the future.")
FILE_TOO_LARGE = _("The file is larger than 10 MB. Scan it at a lower resolution.")
FILE_KIND = _("Only PDF, JPEG or PNG files can be attached.")


def upload_problems(
    upload: "UploadedFile[bytes]", *, suffixes: Iterable[str], too_large: str, wrong_kind: str
) -> list[str]:
    """``too_large`` or ``wrong_kind`` when the file is over 10 MB, or its name's suffix is not
    among ``suffixes`` or its first bytes are not those of that kind of file."""
    if upload.size is not None and upload.size > MAX_FILE_BYTES:
        return [too_large]
    name = upload.name or ""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    head = upload.read(8)
    upload.seek(0)
    if suffix not in suffixes or not head.startswith(SIGNATURES[suffix]):
        return [wrong_kind]
    return []


def _check_file(upload: "UploadedFile[bytes]") -> list[str]:
    return upload_problems(
        upload, suffixes=SIGNATURES, too_large=str(FILE_TOO_LARGE), wrong_kind=str(FILE_KIND)
    )


def _check(title: str, kind: str, day: date, upload: "UploadedFile[bytes] | None") -> None:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [str(TITLE_MISSING)]
    if kind not in DocumentKind.values:
        errors["kind"] = [str(_("Choose the kind of document."))]
    if day > timezone.localdate():
        errors["date"] = [str(FUTURE_DATE)]
    if upload is not None and (problems := _check_file(upload)):
        errors["file"] = problems
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def case_document_add(
    *,
    actor: User,
    case_id: int,
    title: str,
    kind: str,
    date: date,
    upload: "UploadedFile[bytes] | None" = None,
) -> CaseDocument:
    """Registers a document of the case, with its scan if given. Writers of the case's unit."""
    case = case_get_for_user(user=actor, case_id=case_id, write=True)
    _check(title, kind, date, upload)
    document = CaseDocument(
        case=case,
        title=title.strip(),
        kind=kind,
        date=date,
        added_by=actor,
        original_name=(upload.name or "")[:200] if upload else "",
    )
    if upload is not None:
        document.file = upload
    document.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=AuditObject.CASE_DOCUMENT,
        object_id=document.pk,
        changes={"case": case.pk, "title": document.title, "kind": kind, "date": date},
    )
    return document


def case_document_open(*, actor: User, case_id: int, document_id: int) -> CaseDocument:
    """A document with a file, for download by anyone who may see the case; the read is
    audited. 404 when the user may not see the case or the document has no file."""
    case = case_get_for_user(user=actor, case_id=case_id)
    document = CaseDocument.objects.filter(case=case, pk=document_id).exclude(file="").first()
    if document is None:
        raise Http404("No such document.")
    audit_view(actor=actor, object_type=AuditObject.CASE_DOCUMENT, object_id=document.pk)
    return document


@dataclass(frozen=True)
class DocumentDownload:
    handle: IO[bytes]
    filename: str


def case_document_download(*, actor: User, case_id: int, document_id: int) -> DocumentDownload:
    """The open scan of a document and the name to download it under (the case reference and
    the document's number, never the name it was uploaded with), for the page and the API.
    The read is audited; 404 as ``case_document_open``, or when the file is missing."""
    document = case_document_open(actor=actor, case_id=case_id, document_id=document_id)
    suffix = document.file.name.rsplit(".", 1)[-1] if document.file.name else "bin"
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file of this document is missing from the server.") from None
    name = f"{document.case.reference.replace('/', '-')}-{document.pk}.{suffix}"
    return DocumentDownload(handle, name)
