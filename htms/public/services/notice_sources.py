"""Notices for the public prepared from the red book or the black book (``htms/intelligence``).

The draft takes the agent's name, and the alias, district and photograph the entry or the
dossier holds; the preparer may leave out the alias, the district or the photograph, never
change what is taken. Only an approved, unexpired red-book entry or a standing conviction can
be the source, and never a person who is a victim or a smuggled migrant anywhere. The notice
still waits for another person's approval (``notices.notice_approve``); a red-book notice stops
showing when its entry is withdrawn or expires (``selectors.public_warnings_for``).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditObject
from htms.audit.services import audit_view
from htms.intelligence.access import agent_get_for_user, red_book_entry_get_for_user
from htms.intelligence.black_book import convictions
from htms.intelligence.models import DossierFact, FactKind
from htms.intelligence.photos import photo_open
from htms.intelligence.red_book import red_book_publishable
from htms.persons.access import protected_among
from htms.persons.models import Person
from htms.public.access import may_manage_notices
from htms.public.models import NoticeStatus, PublishedNotice
from htms.public.services.notices import NOT_ALLOWED, NoticeInput, notice_create

NOT_IN_RED_BOOK = _("Only an entry in the red book, approved and not expired, can be published.")
NOT_CONVICTED = _("Only an agent with a standing conviction can be published as convicted.")
PROTECTED = _("This person is a victim or a smuggled migrant in a case and is never published.")


@dataclass(frozen=True)
class NoticeDraft:
    """What a notice prepared from a book would say, before the preparer trims it."""

    status: str
    name: str
    alias: str
    district: str
    photo: FieldFile | None
    red_book_entry_id: int | None = None
    convicted_person_id: int | None = None

    @property
    def status_label(self) -> str:
        return str(NoticeStatus(self.status).label)


def _fact(person: Person, kind: str) -> DossierFact | None:
    facts = DossierFact.objects.filter(person=person, kind=kind, withdrawn_at__isnull=True)
    if kind == FactKind.AREA:
        facts = facts.filter(district__isnull=False).select_related("district")
    return facts.order_by("-recorded_at", "-id").first()


def _checked(actor: User, person: Person) -> None:
    if not may_manage_notices(actor):
        raise PermissionDenied(NOT_ALLOWED)
    if protected_among([person.pk]):
        raise ValidationError(str(PROTECTED))


def _draft(
    person: Person, status: str, entry_photo: FieldFile | None, **source: int
) -> NoticeDraft:
    alias, area = _fact(person, FactKind.ALIAS), _fact(person, FactKind.AREA)
    photo = entry_photo or (fact.photo if (fact := _fact(person, FactKind.PHOTOGRAPH)) else None)
    return NoticeDraft(
        status=status,
        name=person.full_name or person.full_name_ur,
        alias=alias.value if alias else "",
        district=area.district.name if area and area.district else "",
        photo=photo or None,
        **source,
    )


def notice_draft_from_red_book(*, actor: User, entry_id: int) -> NoticeDraft:
    """The draft of a wanted notice from an approved, unexpired red-book entry the actor may
    read (404 otherwise). Audited as a view of the entry."""
    entry = red_book_entry_get_for_user(user=actor, entry_id=entry_id)
    _checked(actor, entry.person)
    if not red_book_publishable(entry):
        raise ValidationError(str(NOT_IN_RED_BOOK))
    audit_view(actor=actor, object_type=AuditObject.RED_BOOK_ENTRY, object_id=entry.pk)
    photo = entry.photo or None
    return _draft(entry.person, NoticeStatus.WANTED, photo, red_book_entry_id=entry.pk)


def notice_draft_from_black_book(*, actor: User, person_id: int) -> NoticeDraft:
    """The draft of a convicted notice from an agent of the black book the actor may read (404
    otherwise). Audited as a view of the person."""
    person = agent_get_for_user(user=actor, person_id=person_id)
    _checked(actor, person)
    if not convictions([person.pk]):
        raise ValidationError(str(NOT_CONVICTED))
    audit_view(actor=actor, object_type=AuditObject.PERSON, object_id=person.pk)
    return _draft(person, NoticeStatus.CONVICTED, None, convicted_person_id=person.pk)


def notice_create_from_draft(
    *, actor: User, draft: NoticeDraft, alias: bool, district: bool, photo: bool
) -> PublishedNotice:
    """Prepares the notice of ``draft`` with the fields the preparer kept; it waits for another
    person's approval like any notice."""
    picture = None
    if photo and draft.photo is not None:
        content, _type = photo_open(draft.photo)
        picture = ContentFile(content, name=(draft.photo.name or "photo").rsplit("/", 1)[-1])
    data = NoticeInput(
        name=draft.name,
        status=draft.status,
        alias=draft.alias if alias else "",
        district=draft.district if district else "",
        photo=picture,
        red_book_entry_id=draft.red_book_entry_id,
        convicted_person_id=draft.convicted_person_id,
    )
    return notice_create(actor=actor, data=data)
