"""Importing the licensed promoters' list (CSV or XLSX: licence number, name, address, phone,
status, expiry). Administrators only, from the page or ``htms import_promoters``.

All or nothing: every row is checked first and one bad row stops the whole import, with the
problems of every row named; a good file replaces the list (a promoter missing from it is no
longer licensed).
"""

from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from htms.accounts.models import Role, User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.intake.parsing import DateError, FileProblem, TableRow, open_table, parse_date, scan_file
from htms.public.matching import licence_key, name_search_key, phone_search_key
from htms.public.models import LicensedPromoter, PromoterStatus

NOT_ADMINISTRATOR = gettext_lazy("Only an administrator may import the promoters' list.")
COLUMNS = {
    "licence_number": ("licencenumber", "licensenumber", "licenceno", "licenseno", "licence"),
    "name": ("name", "promotername", "promoter"),
    "address": ("address",),
    "phone": ("phone", "phoneno", "telephone", "mobile", "contact"),
    "status": ("status",),
    "valid_until": ("expiry", "expirydate", "validuntil", "expires", "expiresnextday"),
}
STATUS_WORDS = {
    "valid": PromoterStatus.VALID,
    "active": PromoterStatus.VALID,
    "licensed": PromoterStatus.VALID,
    "suspended": PromoterStatus.SUSPENDED,
    "cancelled": PromoterStatus.CANCELLED,
    "canceled": PromoterStatus.CANCELLED,
    "revoked": PromoterStatus.CANCELLED,
}


@dataclass
class PromoterImportResult:
    added: int = 0
    changed: int = 0
    removed: int = 0


@dataclass
class PromoterImportError(Exception):
    """The file was not imported; ``problems`` says why, row by row."""

    problems: list[str] = field(default_factory=list)


def _heading(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _columns(headers: list[str]) -> dict[str, str]:
    found = {}
    for header in headers:
        for column, names in COLUMNS.items():
            if _heading(header) in names and column not in found:
                found[column] = header
    return found


def _expiry(text: str) -> date:
    parsed = parse_date(text, past=False)
    if parsed.precision != "day":
        raise DateError(_("The expiry needs a day, month and year."))
    return parsed.value


def _promoter(row: TableRow, columns: dict[str, str]) -> tuple[LicensedPromoter, list[str]]:
    value = {c: row.values.get(h, "").strip() for c, h in columns.items()}
    problems = []
    number, name = licence_key(value.get("licence_number", "")), value.get("name", "")
    if not number or not name:
        problems.append(_("the licence number and the name are required"))
    status = STATUS_WORDS.get(value.get("status", "").casefold())
    if status is None:
        problems.append(_("the status must be valid, suspended or cancelled"))
    valid_until = None
    if value.get("valid_until"):
        try:
            valid_until = _expiry(value["valid_until"])
        except DateError as error:
            problems.append(str(error))
    elif status == PromoterStatus.VALID:
        problems.append(_("a valid licence needs its expiry date"))
    phone = value.get("phone", "")
    promoter = LicensedPromoter(
        licence_number=number[:40],
        name=name[:200],
        address=value.get("address", "")[:300],
        phone=phone[:40],
        status=status or "",
        valid_until=valid_until,
        name_key=name_search_key(name)[:400],
        phone_key=phone_search_key(phone),
    )
    return promoter, problems


def promoters_read(stream: BinaryIO) -> list[LicensedPromoter]:
    """Every row of the file as a promoter, or PromoterImportError naming every problem."""
    try:
        table = open_table(stream, scan_file(stream))
        columns = _columns(table.headers)
        missing = [c for c in ("licence_number", "name", "status") if c not in columns]
        if missing:
            raise PromoterImportError([_("Columns missing: %s.") % ", ".join(missing)])
        rows = list(table.rows())
    except FileProblem as problem:
        raise PromoterImportError([str(problem)]) from None
    promoters, problems, seen = [], [], set()
    for row in rows:
        promoter, row_problems = _promoter(row, columns)
        if promoter.licence_number in seen:
            row_problems.append(_("the licence number appears twice in the file"))
        seen.add(promoter.licence_number)
        problems += [
            _("Row %(row)d: %(problem)s") % {"row": row.number, "problem": p} for p in row_problems
        ]
        promoters.append(promoter)
    if problems:
        raise PromoterImportError(problems)
    return promoters


@transaction.atomic
def promoters_import(*, actor: User, stream: BinaryIO, filename: str) -> PromoterImportResult:
    """Replaces the licensed promoters' list with the file's, or changes nothing."""
    if actor.role != Role.ADMINISTRATOR:
        raise PermissionDenied(NOT_ADMINISTRATOR)
    promoters = promoters_read(stream)
    now = timezone.now()
    existing = {p.licence_number: p.pk for p in LicensedPromoter.objects.select_for_update()}
    result = PromoterImportResult()
    for promoter in promoters:
        promoter.imported_at = now
        promoter.pk = existing.pop(promoter.licence_number, None)
        result.changed += promoter.pk is not None
        result.added += promoter.pk is None
    LicensedPromoter.objects.filter(pk__in=existing.values()).delete()
    result.removed = len(existing)
    LicensedPromoter.objects.bulk_create([p for p in promoters if p.pk is None])
    fields = ["name", "address", "phone", "status", "valid_until", "name_key", "phone_key"]
    changed = [p for p in promoters if p.pk is not None]
    LicensedPromoter.objects.bulk_update(changed, [*fields, "imported_at"], batch_size=500)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.PROMOTER_LIST,
        object_id=filename[:40],
        changes={"added": result.added, "changed": result.changed, "removed": result.removed},
    )
    return result
