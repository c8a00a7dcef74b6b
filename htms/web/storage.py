"""Where uploaded case documents are kept: ``HTMS_MEDIA_DIR``, else ``var/media``.

The files are never served as static files: they are read through the case's access check and
every download is audited (``htms/web/views/documents.py``). The folder is read from the settings
on each use, so that tests and deployments can move it.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def media_dir() -> Path:
    configured = getattr(settings, "HTMS_MEDIA_DIR", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "media"


class DocumentStorage(FileSystemStorage):
    @property
    def base_location(self) -> str:
        return str(media_dir())

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)


def document_storage() -> DocumentStorage:
    return DocumentStorage()
