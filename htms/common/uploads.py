"""Uploaded files on their way to disk, bounded."""

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler


class BoundedUploadHandler(TemporaryFileUploadHandler):
    """Writes at most ``HTMS_UPLOAD_MAX_BYTES`` of an uploaded file to disk; the bytes past
    that are counted, not kept. The file's ``size`` stays the size sent, so the form refuses
    it by its size with its own message, and no upload, however large, fills the disk.

    The largest upload of any form (border-intake lists; case documents are smaller) must fit
    under the limit. Small files stay in memory (Django's MemoryFileUploadHandler, first)."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > settings.HTMS_UPLOAD_MAX_BYTES:
            return None
        return super().receive_data_chunk(raw_data, start)
