"""The red and the black book as rows a viewer may see, and their PDF and CSV exports.

Names go through ``identity_views``: an agent whose identity the viewer may not see appears
under the pseudonym. A conviction names its case only to those who may see the case. Every
page and export writes one audit row with the ids it showed.
"""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_list, audit_record
from htms.cases.access import case_queryset_for_user
from htms.intake.export import safe_cell
from htms.intelligence.access import intelligence_may_use
from htms.intelligence.black_book import Conviction, convictions
from htms.intelligence.models import RedBookEntry
from htms.intelligence.red_book import red_book_current, red_book_entry_state
from htms.persons.models import Person
from htms.persons.presenters import IdentityView, identity_views
from htms.web.pdf import pdf_from_html

BOOKS = ("red", "black")
NOT_FOR_ROLE = gettext_noop("Your role does not use the red and black books.")


@dataclass(frozen=True)
class RedBookRow:
    entry_id: int
    ident: IdentityView
    reasons: str
    reward_pkr: Decimal | None
    last_known_location: str
    expires_on: object
    unit: str
    state: str
    has_photo: bool
    version: int


@dataclass(frozen=True)
class BlackBookRow:
    ident: IdentityView
    conviction: Conviction
    case_shown: bool  # the viewer may see the case: its reference and a link


def books_check(user: User) -> None:
    if not intelligence_may_use(user):
        raise PermissionDenied(_(NOT_FOR_ROLE))


def red_book_rows(user: User, entries: list[RedBookEntry]) -> list[RedBookRow]:
    views = identity_views(user, [e.person for e in entries])
    return [
        RedBookRow(
            entry_id=e.pk,
            ident=views[e.person_id],
            reasons=e.reasons if views[e.person_id].visible else "",
            reward_pkr=e.reward_pkr,
            last_known_location=e.last_known_location if views[e.person_id].visible else "",
            expires_on=e.expires_on,
            unit=str(e.nominating_unit),
            state=red_book_entry_state(e),
            has_photo=bool(e.photo) and views[e.person_id].visible,
            version=e.version,
        )
        for e in entries
    ]


def black_book_rows(user: User) -> list[BlackBookRow]:
    """Every standing conviction, for every user of intelligence."""
    books_check(user)
    found = convictions()
    persons = Person.objects.filter(pk__in={c.person_id for c in found})
    views = identity_views(user, persons)
    cases = {c.case_id for c in found}
    shown = set(case_queryset_for_user(user).filter(pk__in=cases).values_list("pk", flat=True))
    return [BlackBookRow(views[c.person_id], c, c.case_id in shown) for c in found]


def red_book_page_rows(user: User) -> list[RedBookRow]:
    books_check(user)
    return red_book_rows(user, list(red_book_current(user=user)))


def book_rows(user: User, book: str) -> list[RedBookRow] | list[BlackBookRow]:
    return red_book_page_rows(user) if book == "red" else black_book_rows(user)


def _ids(rows: list[RedBookRow] | list[BlackBookRow]) -> list[int]:
    return [row.ident.person_id for row in rows]


def book_shown(*, user: User, book: str, rows: list[RedBookRow] | list[BlackBookRow]) -> None:
    object_type = AuditObject.RED_BOOK if book == "red" else AuditObject.BLACK_BOOK
    audit_list(actor=user, object_type=object_type, object_id=book, ids=_ids(rows))


def _export_audit(
    user: User, book: str, rows: list[RedBookRow] | list[BlackBookRow], **how: str
) -> None:
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        object_type=AuditObject.RED_BOOK if book == "red" else AuditObject.BLACK_BOOK,
        object_id=book,
        changes={"ids": _ids(rows), **how},
    )


def book_pdf(*, user: User, book: str, language: str) -> bytes:
    """The red or black book as PDF in ``language``; audited as an export."""
    rows = book_rows(user, book)
    with translation.override(language):
        html = render_to_string(
            "intelligence/pdf/book.html",
            {"book": book, "rows": rows, "printed_at": timezone.localtime(), "printed_by": user},
        )
    _export_audit(user, book, rows, format="pdf", language=language)
    return pdf_from_html(html)


def _csv_line(book: str, row: RedBookRow | BlackBookRow) -> list[object]:
    if isinstance(row, RedBookRow):
        return [row.ident.name, row.state, row.reasons, row.reward_pkr or "",
                row.last_known_location, row.expires_on, row.unit]  # fmt: skip
    c = row.conviction
    reference = c.case_reference if row.case_shown else ""
    return [row.ident.name, reference, c.offence, c.court, c.date,
            c.sentence, c.appeal_status]  # fmt: skip


CSV_HEADERS = {
    "red": ["name", "status", "reasons", "reward_pkr", "last_known_location", "expires_on",
            "nominating_unit"],
    "black": ["name", "case", "offence", "court", "date", "sentence", "appeal_status"],
}  # fmt: skip


def book_csv(*, user: User, book: str) -> str:
    """The red or black book as CSV; audited as an export."""
    rows = book_rows(user, book)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADERS[book])
    for row in rows:
        writer.writerow([safe_cell(value) for value in _csv_line(book, row)])
    _export_audit(user, book, rows, format="csv")
    return out.getvalue()
