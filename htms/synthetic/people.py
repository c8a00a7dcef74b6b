"""Synthetic people: names in both scripts, dates of birth, CNICs, passports and phones.

Every number has a valid format and nothing more: a CNIC starts with the region digit of the
person's province and ends odd for a man, even for a woman; a passport is two letters and seven
digits; a mobile number starts with an operator prefix from 0300 to 0349.
"""

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from htms.synthetic import names as N
from htms.synthetic.records import Catalogue, DistrictInfo, SynPerson

# First digit of a CNIC by province (see persons.validators).
CNIC_REGION = {"KP": "1", "PB": "3", "SD": "4", "BA": "5", "ICT": "6", "GB": "7", "AJK": "8"}
NAME_REGION = {
    "PB": N.PUNJAB,
    "ICT": N.PUNJAB,
    "AJK": N.PUNJAB,
    "SD": N.SINDH,
    "KP": N.KP,
    "GB": N.KP,
    "BA": N.BALOCHISTAN,
}
# Mobile operator prefixes (Jazz, Zong, Warid, Ufone, Telenor); 0338 is not allocated.
MOBILE_PREFIXES = tuple(p for p in range(300, 350) if p != 338)
PASSPORT_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
ADULT = 18


@dataclass(frozen=True, slots=True)
class Spelled:
    """A person's name as Name entries, kept so the person can be re-entered under a variant."""

    given: tuple[N.Name, ...]
    family: N.Name | None
    father: tuple[N.Name, ...]


def _spell(rng: random.Random, name: N.Name, canonical: float = 0.7) -> str:
    if not name.variants or rng.random() < canonical:
        return name.latin
    return rng.choice(name.variants)


def _join(rng: random.Random, parts: tuple[N.Name, ...], canonical: float) -> tuple[str, str]:
    """Latin and Urdu forms; an abbreviated title such as "Ch." goes in front, as written."""
    spelled = [_spell(rng, p, canonical) for p in parts]
    latin = sorted(spelled, key=lambda s: not s.endswith("."))
    return " ".join(latin), " ".join(p.urdu for p in parts)


class PeopleMaker:
    """Makes persons from one random stream; remembers numbers so none is issued twice."""

    def __init__(self, rng: random.Random, catalogue: Catalogue) -> None:
        self.rng = rng
        self.cnics: set[str] = set()
        self.passports: set[str] = set()
        self.spelled: dict[int, Spelled] = {}
        self._families = {
            region: tuple(f for f in N.FAMILY if region in f.regions or N.ALL in f.regions)
            for region in (N.PUNJAB, N.SINDH, N.KP, N.BALOCHISTAN)
        }
        self._countries = catalogue.countries

    def person(
        self,
        *,
        key: int,
        sex: str,
        age: int,
        on: date,
        district: DistrictInfo,
        nationality: str = "PK",
        passport: bool = False,
        keep_spelling: bool = False,
        alias_chance: float = 0.0,
    ) -> SynPerson:
        """A new person aged ``age`` on ``on``, from ``district``."""
        rng = self.rng
        spelled = self._spelled(sex, district.province_code)
        if keep_spelling:
            self.spelled[key] = spelled
        birth, precision = self.birth_date(age, on)
        nationality = nationality if nationality in self._countries else "PK"
        person = SynPerson(
            key=key,
            full_name="",
            full_name_ur="",
            relation="",
            father_name="",
            father_name_ur="",
            sex=sex,
            birth_date=birth,
            birth_date_precision=precision,
            nationality_code=nationality,
            district_code=district.code if nationality == "PK" else "",
            address_text=self._address(district) if nationality == "PK" else "",
        )
        self._name(person, spelled, canonical=0.7)
        person.relation = self._relation(sex, age)
        if rng.random() < alias_chance:
            nick = f"{_spell(rng, spelled.given[-1])} {rng.choice(N.NICKNAMES)}"
            person.aliases = (nick,)
        self._numbers(person, age=age, province_code=district.province_code, passport=passport)
        return person

    def _numbers(self, person: SynPerson, *, age: int, province_code: str, passport: bool) -> None:
        """Adults carry a CNIC (Pakistanis) and maybe a passport; most adults have a phone."""
        pakistani = person.nationality_code == "PK"
        if pakistani and age >= ADULT:
            person.cnic = self.cnic(province_code, person.sex)
        if passport and age >= ADULT:
            person.passport = self.passport(pakistani=pakistani)
        if age >= ADULT - 2 and self.rng.random() < 0.8:
            person.phones = (self.phone(),)

    def _spelled(self, sex: str, province_code: str) -> Spelled:
        rng = self.rng
        region = NAME_REGION.get(province_code, N.PUNJAB)
        family = rng.choice(self._families[region]) if rng.random() < 0.75 else None
        father = (rng.choice(N.MALE),) if rng.random() < 0.6 else (N.MUHAMMAD, rng.choice(N.MALE))
        if sex == "F":
            suffix = rng.choice(N.FEMALE_SUFFIXES) if rng.random() < 0.6 else family
            given = (rng.choice(N.FEMALE),) if suffix is None else (rng.choice(N.FEMALE), suffix)
            return Spelled(given, None, father + ((family,) if family else ()))
        first = rng.choice(N.MALE)
        given = (N.MUHAMMAD, first) if rng.random() < 0.45 else (first,)
        return Spelled(given, family, father + ((family,) if family else ()))

    def _name(self, person: SynPerson, spelled: Spelled, canonical: float) -> None:
        rng = self.rng
        parts = spelled.given + ((spelled.family,) if spelled.family else ())
        person.full_name, person.full_name_ur = _join(rng, parts, canonical)
        person.father_name, person.father_name_ur = _join(rng, spelled.father, canonical)

    def _relation(self, sex: str, age: int) -> str:
        if sex == "M":
            return "s/o"
        return "w/o" if age >= 20 and self.rng.random() < 0.55 else "d/o"

    def respelled(self, original: SynPerson, *, key: int, keep_cnic: bool) -> SynPerson:
        """The same human entered again by another unit: other spellings, maybe no CNIC."""
        spelled = self.spelled[original.key]
        copy = replace(
            original,
            key=key,
            same_as=original.key,
            aliases=(),
            phones=(),
            cnic=original.cnic if keep_cnic else "",
        )
        self._name(copy, spelled, canonical=0.3)
        if original.phones and self.rng.random() < 0.5:
            copy.phones = original.phones
        return copy

    def birth_date(self, age: int, on: date) -> tuple[date, str]:
        """A date of birth ``age`` years before ``on``, kept at day, month or year precision."""
        rng = self.rng
        born = on - timedelta(days=int(age * 365.25) + rng.randint(1, 360))
        roll = rng.random()
        if roll < 0.65:
            return born, "day"
        if roll < 0.75:
            return date(born.year, born.month, 1), "month"
        return date(born.year, 1, 1), "year"

    def cnic(self, province_code: str, sex: str) -> str:
        rng = self.rng
        region = CNIC_REGION.get(province_code, "3")
        while True:
            locality = region + f"{rng.randint(1010, 9989):04d}"
            last = rng.choice("13579" if sex == "M" else "02468")
            number = f"{locality}{rng.randint(0, 9_999_999):07d}{last}"
            if number not in self.cnics:
                self.cnics.add(number)
                return number

    def passport(self, *, pakistani: bool) -> str:
        rng = self.rng
        while True:
            if pakistani:
                number = "".join(rng.choices(PASSPORT_LETTERS, k=2))
                number += f"{rng.randint(0, 9_999_999):07d}"
            else:
                number = rng.choice("PRA") + f"{rng.randint(0, 99_999_999):08d}"
            if number not in self.passports:
                self.passports.add(number)
                return number

    def phone(self) -> str:
        rng = self.rng
        return f"0{rng.choice(MOBILE_PREFIXES)}-{rng.randint(1_000_000, 9_999_999)}"

    def _address(self, district: DistrictInfo) -> str:
        rng = self.rng
        if district.province_code == "PB" and rng.random() < 0.4:
            place = f"Chak No. {rng.randint(2, 480)}/{rng.choice(('GB', 'JB', 'RB', 'EB', 'WB'))}"
        elif district.province_code == "SD" and rng.random() < 0.4:
            place = f"Goth {rng.choice(N.MALE).latin}"
        else:
            place = f"House {rng.randint(1, 900)}, {rng.choice(N.LOCALITIES)}"
        return f"{place}, District {district.name}"
