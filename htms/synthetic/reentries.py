"""Demo suspects entered a second time with a slip no model should decide alone: a CNIC two
digits apart, or the sex keyed wrong, the rest alike. Batch resolution scores such a pair high
but may not link it (two different CNICs, two sexes), so the demo's review queue has work.

Each re-entry is made through ``person_create`` by the Lahore circle's investigating officer, of
a suspect in one of that circle's cases (a person the circle's in-charge and the monitoring cell
may judge). Synthetic, deterministic, and made once: a re-entry already there is not made again.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from htms.accounts.models import User
from htms.cases.models import PROTECTED_ROLES, CaseParty, PartyRole
from htms.identity.numbers import CNIC_LENGTH
from htms.persons.inputs import DocumentInput, PersonInput
from htms.persons.models import DatePrecision, DocumentKind, Person, Sex
from htms.persons.services import person_create
from htms.synthetic.demo import LAHORE

REENTRY_OFFICER = "demo-io"


def _respelt(name: str) -> str:
    """One slip of the pen in the first long word: two inner letters swapped."""
    words = name.split()
    for i, word in enumerate(words):
        if len(word) >= 5:
            words[i] = word[:2] + word[3] + word[2] + word[4:]
            break
    return " ".join(words)


def _cnic(person: Person) -> str:
    return next((d.number for d in person.documents.all() if d.kind == DocumentKind.CNIC), "")


def _district(person: Person) -> str:
    return next((a.district.code for a in person.addresses.all() if a.district), "")


def _other_cnic(person: Person) -> PersonInput | None:
    """Name, father's name and date of birth as before, but a CNIC two digits apart: the same
    man with a mistyped number, or two men alike? A person must say."""
    cnic = _cnic(person)
    if len(cnic) != CNIC_LENGTH:
        return None
    slipped = f"{(int(cnic[7]) + 3) % 10}", f"{(int(cnic[11]) + 5) % 10}"
    cnic = cnic[:7] + slipped[0] + cnic[8:11] + slipped[1] + cnic[12]
    return PersonInput(
        full_name=_respelt(person.full_name),
        relation=person.relation,
        father_name=person.father_name,
        sex=person.sex,
        birth_date=person.birth_date,
        birth_date_precision=person.birth_date_precision,
        documents=[DocumentInput(kind=DocumentKind.CNIC, number=cnic)],
    )


def _other_sex(person: Person) -> PersonInput:
    """Everything alike but the sex, keyed wrong on one of the two records (or a brother and
    sister with one name?)."""
    return PersonInput(
        full_name=person.full_name,
        relation=person.relation,
        father_name=person.father_name,
        sex=Sex.FEMALE if person.sex == Sex.MALE else Sex.MALE,
        birth_date=person.birth_date,
        birth_date_precision=person.birth_date_precision,
        district_code=_district(person),
    )


@dataclass(frozen=True)
class Recipe:
    name: str
    make: Callable[[Person], PersonInput | None]


RECIPES = (
    Recipe("another CNIC", _other_cnic),
    Recipe("another sex", _other_sex),
)


def _suspects(limit: int) -> list[Person]:
    """Accused in the Lahore circle's cases, never a victim or smuggled migrant, with a Latin
    name, a father's name and a full date of birth; the oldest records first."""
    accused = CaseParty.objects.filter(case__unit__code=LAHORE, role=PartyRole.ACCUSED)
    protected = CaseParty.objects.filter(role__in=PROTECTED_ROLES)
    return list(
        Person.objects.filter(pk__in=accused.values("person_id"))
        .exclude(pk__in=protected.values("person_id"))
        .exclude(full_name="")
        .exclude(father_name="")
        .filter(birth_date_precision=DatePrecision.DAY)
        .order_by("pk")[:limit]
    )


def _exists(data: PersonInput, unit_id: int | None) -> bool:
    """Names are sealed at rest: the few persons of that birth date are compared once read."""
    same = Person.objects.filter(
        birth_date=data.birth_date, sex=data.sex, created_by_unit_id=unit_id
    )
    return any(
        (p.full_name, p.father_name) == (data.full_name, data.father_name)
        for p in same.only("full_name", "father_name")
    )


@transaction.atomic
def reentries_seed(*, per_recipe: int = 4) -> int:
    """Makes the re-entries not made yet; returns how many were made. Needs the demo users
    (``seed_demo``)."""
    officer = User.objects.get(username=REENTRY_OFFICER)
    made = 0
    for recipe in RECIPES:
        inputs = [data for p in _suspects(per_recipe * 3) if (data := recipe.make(p))]
        for data in inputs[:per_recipe]:
            if not _exists(data, officer.unit_id):
                person_create(actor=officer, data=data, is_synthetic=True)
                made += 1
    return made
