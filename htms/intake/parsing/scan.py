"""The first pass over an uploaded file: its SHA-256, what kind of file it is and, for text,
its encoding. Reads in fixed-size chunks, so memory stays flat whatever the file's size."""

import codecs
import hashlib
from dataclasses import dataclass
from typing import BinaryIO

from django.utils.translation import gettext_lazy as _

CHUNK_BYTES = 1 << 16
MB = 1024 * 1024

EMPTY_FILE = _("The file is empty.")
OLD_EXCEL = _(
    "This is an old Excel file (.xls). Open it in Excel and save it as “Excel Workbook (.xlsx)” "
    "or “CSV UTF-8”, then upload that file."
)
NOT_A_TABLE = _(
    "This file is neither a CSV file nor an Excel workbook (.xlsx). Upload the list as CSV or XLSX."
)
READ_AS_CP1252 = _(
    "The file is not in UTF-8: it was read as Windows-1252, the Western encoding of older Excel "
    "versions. Latin letters are safe; Urdu text cannot be stored in that encoding, so if the "
    "list should hold Urdu names, save it again as “CSV UTF-8” and upload that file."
)
READ_AS_UTF16 = _("The file is in UTF-16 (Excel's “Unicode text”); it was read as such.")
TOO_BIG = _(
    "The file is larger than %(limit)s MB, the most a list may be. Split it into smaller lists "
    "and upload each one."
)


def megabytes(size: int) -> str:
    return f"{size / MB:.1f}"


class FileProblem(Exception):
    """The file as a whole cannot be read; the message says why in plain words."""

    def __init__(self, message: object) -> None:
        super().__init__(str(message))
        self.message = str(message)


@dataclass(frozen=True)
class FileScan:
    sha256: str
    size: int
    kind: str  # "csv" or "xlsx"
    encoding: str  # for CSV files
    notes: tuple[str, ...]


def _kind(head: bytes) -> str:
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem(OLD_EXCEL)
    if head.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        raise FileProblem(NOT_A_TABLE)
    return "csv"


def _mostly_text(text: str) -> bool:
    readable = sum(1 for ch in text if ch.isprintable() or ch in "\t\r\n")
    return readable >= 0.95 * len(text)


def _utf16_without_bom(head: bytes) -> str:
    """Guesses UTF-16 from the zero bytes that ASCII letters leave on one side, when the text
    it decodes to is readable."""
    sample = head[: min(len(head), 2000) // 2 * 2]
    if len(sample) < 4 or sample.count(0) < len(sample) // 4:
        return ""
    even_zeros, odd_zeros = sample[0::2].count(0), sample[1::2].count(0)
    guess = ""
    if odd_zeros > even_zeros * 4:
        guess = "utf-16-le"
    elif even_zeros > odd_zeros * 4:
        guess = "utf-16-be"
    if guess and _mostly_text(sample.decode(guess, errors="replace")):
        return guess
    return ""


def _encoding(head: bytes, utf8_ok: bool) -> tuple[str, tuple[str, ...]]:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", ()
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", (str(READ_AS_UTF16),)
    utf16 = _utf16_without_bom(head)
    if utf16:
        return utf16, (str(READ_AS_UTF16),)
    if b"\x00" in head[:2000] and head[:2000].count(0) > 50:
        raise FileProblem(NOT_A_TABLE)
    if utf8_ok:
        return "utf-8", ()
    return "cp1252", (str(READ_AS_CP1252),)


def scan_file(stream: BinaryIO, *, max_bytes: int | None = None) -> FileScan:
    """Hashes the whole file and decides how to read it; leaves the stream at its start.
    Stops reading, and refuses the file, past ``max_bytes``."""
    stream.seek(0)
    digest = hashlib.sha256()
    utf8 = codecs.getincrementaldecoder("utf-8")()
    utf8_ok, size, head = True, 0, b""
    for chunk in iter(lambda: stream.read(CHUNK_BYTES), b""):
        if not head:
            head = chunk[:4096]
        digest.update(chunk)
        size += len(chunk)
        if max_bytes is not None and size > max_bytes:
            stream.seek(0)
            raise FileProblem(TOO_BIG % {"limit": megabytes(max_bytes)})
        if utf8_ok:
            try:
                utf8.decode(chunk)
            except UnicodeDecodeError:
                utf8_ok = False
    if utf8_ok:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8_ok = False
    stream.seek(0)
    if size == 0:
        raise FileProblem(EMPTY_FILE)
    kind = _kind(head)
    encoding, notes = _encoding(head, utf8_ok) if kind == "csv" else ("", ())
    return FileScan(digest.hexdigest(), size, kind, encoding, notes)
