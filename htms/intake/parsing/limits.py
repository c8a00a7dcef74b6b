"""How big an uploaded list may be, and the checks that hold a file to it while it is read.

A workbook is a ZIP archive: its members are checked from the archive's directory (sizes and
compression ratio) and its shared strings counted, before openpyxl parses anything, because
openpyxl keeps every shared string in memory. Rows, cells and cell lengths are counted as the
rows stream past, so a file is refused before any of it is stored.
"""

import zipfile
from dataclasses import dataclass
from typing import BinaryIO
from xml.etree.ElementTree import ParseError, iterparse  # noqa: S405 - sizes checked first

from django.conf import settings
from django.utils.translation import gettext as _

from htms.intake.parsing.scan import MB, FileProblem, megabytes

# A member smaller than this is not checked for its ratio: tiny XML compresses very well.
RATIO_FLOOR_BYTES = MB
_SHARED_STRING_TAG = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}si"


@dataclass(frozen=True)
class UploadLimits:
    file_bytes: int
    unzipped_bytes: int
    zip_ratio: int
    shared_strings: int
    rows: int
    cells: int
    cell_chars: int

    @classmethod
    def from_settings(cls) -> "UploadLimits":
        return cls(
            file_bytes=settings.HTMS_UPLOAD_MAX_BYTES,
            unzipped_bytes=settings.HTMS_UPLOAD_MAX_UNZIPPED_BYTES,
            zip_ratio=settings.HTMS_UPLOAD_MAX_ZIP_RATIO,
            shared_strings=settings.HTMS_UPLOAD_MAX_SHARED_STRINGS,
            rows=settings.HTMS_UPLOAD_MAX_ROWS,
            cells=settings.HTMS_UPLOAD_MAX_CELLS,
            cell_chars=settings.HTMS_UPLOAD_MAX_CELL_CHARS,
        )


def _unpacks_too_big(limits: UploadLimits) -> FileProblem:
    return FileProblem(
        _(
            "This workbook unpacks to more than %(limit)s MB of data, far more than a list "
            "of names needs. It may be damaged or built to harm the system. Open it in Excel, "
            "remove what is not part of the list, save it and upload it again."
        )
        % {"limit": megabytes(limits.unzipped_bytes)}
    )


def check_archive(stream: BinaryIO, limits: UploadLimits) -> None:
    """Refuses a workbook whose members unpack to too much, or too much for their size.

    The sizes come from the archive's directory; Python's zipfile never returns more than
    the size a member declares, so a lying directory cannot get past this check."""
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
            total = sum(m.file_size for m in members)
            if total > limits.unzipped_bytes:
                raise _unpacks_too_big(limits)
            for member in members:
                packed = max(member.compress_size, 1)
                if (
                    member.file_size > RATIO_FLOOR_BYTES
                    and member.file_size / packed > limits.zip_ratio
                ):
                    raise _unpacks_too_big(limits)
            _check_shared_strings(archive, limits)
            for member in members:
                if member.filename.lower().startswith("xl/worksheets/"):
                    _check_sheet(archive, member.filename, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ParseError, OSError, EOFError):
        return  # openpyxl reports a damaged workbook in words of its own (NOT_A_WORKBOOK)
    finally:
        stream.seek(0)


def _check_shared_strings(archive: zipfile.ZipFile, limits: UploadLimits) -> None:
    names = [n for n in archive.namelist() if n.lower().endswith("sharedstrings.xml")]
    for name in names:
        count = 0
        with archive.open(name) as xml:
            for _event, element in iterparse(xml):  # noqa: S314 - sizes checked above
                if element.tag == _SHARED_STRING_TAG:
                    count += 1
                    if count > limits.shared_strings:
                        raise FileProblem(
                            _(
                                "This workbook holds more than %(limit)d different texts; a "
                                "list may hold at most that many. Split it into smaller lists."
                            )
                            % {"limit": limits.shared_strings}
                        )
                element.clear()


def _check_sheet(archive: zipfile.ZipFile, name: str, limits: UploadLimits) -> None:
    """Counts a sheet's rows and cells from its bytes, fast, before openpyxl scans it (it
    reads a sheet without a size element from end to end just to learn its size). A sheet
    written with a namespace prefix escapes this count; RowCounter still stops it."""
    counter = RowCounter(limits)
    rows = cells = 0
    tail = b""
    with archive.open(name) as xml:
        for chunk in iter(lambda: xml.read(1 << 20), b""):
            data = tail + chunk
            rows += data.count(b"<row ") + data.count(b"<row>")
            cells += data.count(b"<c ") + data.count(b"<c>") + data.count(b"<c/>")
            tail = data[-5:]  # a tag cut in two by the chunk is counted in the next one
            rows -= tail.count(b"<row ") + tail.count(b"<row>")
            cells -= tail.count(b"<c ") + tail.count(b"<c>") + tail.count(b"<c/>")
            counter.refuse_past(rows, cells)
    rows += tail.count(b"<row ") + tail.count(b"<row>")
    cells += tail.count(b"<c ") + tail.count(b"<c>") + tail.count(b"<c/>")
    counter.refuse_past(rows, cells)


class RowCounter:
    """Counts rows and cells as they are read and refuses a file past the limits."""

    def __init__(self, limits: UploadLimits) -> None:
        self.limits = limits
        self.rows = 0
        self.cells = 0

    def count(self, number: int, cells: list[str]) -> None:
        self.rows += 1
        self.cells += len(cells)
        self.refuse_past(self.rows, self.cells)
        self._check_lengths(number, cells)

    def refuse_past(self, rows: int, cells: int) -> None:
        if rows > self.limits.rows:
            raise FileProblem(
                _(
                    "The list has more than %(limit)d rows; a list may have at most that many. "
                    "Split it into smaller lists and upload each one."
                )
                % {"limit": self.limits.rows}
            )
        if cells > self.limits.cells:
            raise FileProblem(
                _(
                    "The list has more than %(limit)d cells (rows times columns); a list may "
                    "have at most that many. Remove empty columns or split the list."
                )
                % {"limit": self.limits.cells}
            )

    def _check_lengths(self, number: int, cells: list[str]) -> None:
        for index, text in enumerate(cells):
            if len(text) > self.limits.cell_chars:
                raise FileProblem(
                    _(
                        "Column %(column)d of row %(row)d holds %(chars)d characters; a cell "
                        "may hold at most %(limit)d. Correct that cell and upload the list again."
                    )
                    % {
                        "column": index + 1,
                        "row": number,
                        "chars": len(text),
                        "limit": self.limits.cell_chars,
                    }
                )
