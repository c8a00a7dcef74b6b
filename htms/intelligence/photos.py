"""Photographs of agents (dossier facts, red-book entries): JPEG or PNG, checked by their first
bytes like case documents' scans (``htms/web/services/documents.py``), kept in the same
storage and read only through the access rule of ``htms/intelligence/access.py``."""

from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from htms.web.services.documents import upload_problems

PHOTO_SUFFIXES = ("jpg", "jpeg", "png")
PHOTO_KIND = _("A photograph must be a JPEG or PNG file.")
PHOTO_TOO_LARGE = _("The photograph is larger than 10 MB.")
CONTENT_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png"}


def photo_problems(upload: "UploadedFile[bytes]") -> list[str]:
    """What is wrong with an uploaded photograph, in an officer's words; empty if nothing."""
    return upload_problems(
        upload,
        suffixes=PHOTO_SUFFIXES,
        too_large=str(PHOTO_TOO_LARGE),
        wrong_kind=str(PHOTO_KIND),
    )


def photo_open(photo: FieldFile) -> tuple[bytes, str]:
    """The bytes and content type of a stored photograph; 404 when there is none."""
    if not photo.name:
        raise Http404("No photograph.")
    suffix = photo.name.rsplit(".", 1)[-1].lower()
    try:
        with photo.open("rb") as handle:
            return handle.read(), CONTENT_TYPES.get(suffix, "application/octet-stream")
    except FileNotFoundError:
        raise Http404("The photograph is missing from the server.") from None
