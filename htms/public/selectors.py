"""What the portal reads: the recruiter check and the warnings approved for publication.

Nothing here reads the register of persons or a case: the public sees the promoters' list and
the notices an administrator or headquarters approved, with their approved fields only.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from htms.intelligence.black_book import convictions
from htms.intelligence.models import RedBookStatus
from htms.public.matching import licence_key, phone_search_key, query_skeletons
from htms.public.models import (
    LicensedPromoter,
    NoticeStatus,
    PromoterStatus,
    PublishedNotice,
)

MAX_ANSWERS = 10


class Verdict:
    """The plain answer about one promoter."""

    VALID = "valid"
    EXPIRED = "expired"
    SUSPENDED = "suspended"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class PromoterAnswer:
    licence_number: str
    name: str
    address: str
    phone: str
    valid_until: date | None
    verdict: str


@dataclass(frozen=True)
class PublicWarning:
    """A wanted or convicted agent, with the fields approved for publication only."""

    notice_id: int
    name: str
    alias: str
    district: str
    status: str
    has_photo: bool

    @property
    def wanted(self) -> bool:
        return self.status == NoticeStatus.WANTED


@dataclass(frozen=True)
class RecruiterCheck:
    query: str
    promoters: list[PromoterAnswer] = field(default_factory=list)
    warnings: list[PublicWarning] = field(default_factory=list)

    @property
    def licensed(self) -> bool:
        return any(p.verdict == Verdict.VALID for p in self.promoters)


def _verdict(promoter: LicensedPromoter, today: date) -> str:
    if promoter.status == PromoterStatus.SUSPENDED:
        return Verdict.SUSPENDED
    if promoter.status == PromoterStatus.CANCELLED:
        return Verdict.CANCELLED
    if promoter.valid_until is None or promoter.valid_until < today:
        return Verdict.EXPIRED
    return Verdict.VALID


def _name_filter(skeletons: list[str], field_name: str) -> Q | None:
    if not skeletons:
        return None
    condition = Q()
    for value in skeletons:
        condition &= Q(**{f"{field_name}__contains": f" {value} "})
    return condition


def _promoter_filter(query: str) -> Q | None:
    found = [Q(licence_number=licence_key(query))] if licence_key(query) else []
    if phone := phone_search_key(query):
        found.append(Q(phone_key=phone))
    if by_name := _name_filter(query_skeletons(query), "name_key"):
        found.append(by_name)
    if not found:
        return None
    condition = found[0]
    for other in found[1:]:
        condition |= other
    return condition


def _shown_notices() -> QuerySet[PublishedNotice]:
    """Notices approved for publication whose red-book entry, if they come from one, is still
    in the red book today (approved, not withdrawn, not expired)."""
    in_red_book = Q(
        red_book_entry__status=RedBookStatus.APPROVED,
        red_book_entry__expires_on__gt=timezone.localdate(),
    )
    return PublishedNotice.objects.filter(approved_for_publication_at__isnull=False).filter(
        Q(red_book_entry__isnull=True) | in_red_book
    )


def _standing(notices: list[PublishedNotice]) -> list[PublishedNotice]:
    """Leaves out the notices of black-book agents whose conviction no longer stands (acquitted
    on appeal). One query, none when no notice comes from the black book."""
    people = {n.convicted_person_id for n in notices if n.convicted_person_id is not None}
    convicted = {c.person_id for c in convictions(people)} if people else set()
    return [n for n in notices if n.convicted_person_id in convicted | {None}]


def public_warnings_for(*, query: str) -> list[PublicWarning]:
    """The approved wanted (red book) and convicted (black book) notices whose name or alias
    matches ``query`` across Latin and Urdu spellings. The one place the portal reads them:
    unapproved notices, those of a withdrawn or expired red-book entry and those of a conviction
    that no longer stands never leave it."""
    skeletons = query_skeletons(query)
    by_name, by_alias = _name_filter(skeletons, "name_key"), _name_filter(skeletons, "alias_key")
    if by_name is None or by_alias is None:
        return []
    notices = _shown_notices().filter(by_name | by_alias).order_by("name", "pk")
    return [
        PublicWarning(n.pk, n.name, n.alias, n.district, n.status, bool(n.photo))
        for n in _standing(list(notices[:MAX_ANSWERS]))
    ]


def recruiter_check(*, query: str, today: date) -> RecruiterCheck:
    """What the public is told about ``query``: a licence number, a name or a phone."""
    query = query.strip()[:200]
    condition = _promoter_filter(query)
    promoters: list[PromoterAnswer] = []
    if condition is not None:
        rows = LicensedPromoter.objects.filter(condition).order_by("name", "licence_number")
        promoters = [
            PromoterAnswer(
                p.licence_number, p.name, p.address, p.phone, p.valid_until, _verdict(p, today)
            )
            for p in rows[:MAX_ANSWERS]
        ]
    return RecruiterCheck(query, promoters, public_warnings_for(query=query))


def published_notice_photo(*, notice_id: int) -> PublishedNotice | None:
    """The notice whose photograph the public may see: approved, with a photograph."""
    notice = _shown_notices().filter(pk=notice_id).first()
    if notice is None or not notice.photo or not _standing([notice]):
        return None
    return notice
