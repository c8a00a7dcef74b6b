"""A person's identity as one viewer may see it, decided here and nowhere else.

Pages and exports receive an ``IdentityView``, never decide masking themselves: a masked view
carries the pseudonym as its name and empty identity fields, so a template that forgets a check
shows the pseudonym, not the name. The rule is ``htms.persons.access.identity_visibility``.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import prefetch_related_objects

from htms.accounts.models import User
from htms.common.dates import partial_date_text
from htms.common.lists import join_list
from htms.persons.access import identity_visibility
from htms.persons.models import Person

DETAILS = (
    "documents", "phones", "aliases", "addresses__district", "nationality", "nationality_verified"
)  # fmt: skip


@dataclass(frozen=True)
class IdentityView:
    person_id: int
    visible: bool
    pseudonym: str
    name: str  # the name as written, or the pseudonym when masked
    sex: str  # shown to everyone who may see the person: statistics need it
    is_synthetic: bool
    name_ur: str = ""
    relation: str = ""
    father_name: str = ""
    father_name_ur: str = ""
    birth_date: str = ""  # as precise as recorded: "1984", "Mar 1984", "25 Mar 1984"
    birth_date_precision: str = ""
    nationality: str = ""
    nationality_verified: str = ""
    documents: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """Name, father's name and date of birth in one line, for choosing among persons."""
        if not self.visible:
            return self.pseudonym
        parts = [self.name]
        father = self.father_name or self.father_name_ur
        if father:
            parts.append(f"{self.relation or 's/o'} {father}")
        if self.birth_date:
            parts.append(self.birth_date)
        return join_list(parts)


def birth_date_text(person: Person) -> str:
    """The date of birth as precise as recorded."""
    return partial_date_text(person.birth_date, person.birth_date_precision)


def _masked(person: Person) -> IdentityView:
    return IdentityView(
        person.pk, False, person.pseudonym, person.pseudonym, person.get_sex_display(),
        person.is_synthetic,
    )  # fmt: skip


def _shown(person: Person, details: bool) -> IdentityView:
    view = IdentityView(
        person_id=person.pk,
        visible=True,
        pseudonym=person.pseudonym,
        name=person.full_name or person.full_name_ur,
        sex=person.get_sex_display(),
        is_synthetic=person.is_synthetic,
        name_ur=person.full_name_ur if person.full_name else "",
        relation=person.get_relation_display() if person.relation else "",
        father_name=person.father_name,
        father_name_ur=person.father_name_ur,
        birth_date=birth_date_text(person),
        birth_date_precision=person.get_birth_date_precision_display() if person.birth_date else "",
    )
    if not details:
        return view
    return IdentityView(
        **{
            **view.__dict__,
            "nationality": str(person.nationality or ""),
            "nationality_verified": str(person.nationality_verified or ""),
            "documents": [str(d) for d in person.documents.all()],
            "phones": [str(p) for p in person.phones.all()],
            "aliases": [str(a) for a in person.aliases.all()],
            "addresses": [_address(a) for a in person.addresses.all()],
        }
    )


def _address(address: object) -> str:
    district = getattr(address, "district", None)
    text = getattr(address, "text", "")
    return f"{text} ({district})" if text and district else text or str(district or "")


def identity_views(
    user: User, persons: Iterable[Person], *, details: bool = False
) -> dict[int, IdentityView]:
    """Person id -> the identity ``user`` may see. ``details`` adds documents, phones,
    aliases, addresses and nationality (prefetched for the visible persons only)."""
    people = list(persons)
    visible = identity_visibility(user, [p.pk for p in people])
    shown = [p for p in people if visible[p.pk]]
    if details and shown:
        prefetch_related_objects(shown, *DETAILS)
    views = {p.pk: _masked(p) for p in people if not visible[p.pk]}
    views.update({p.pk: _shown(p, details) for p in shown})
    return views


def identity_view(user: User, person: Person, *, details: bool = False) -> IdentityView:
    return identity_views(user, [person], details=details)[person.pk]
