"""Country and district names as lists write them, resolved to reference codes.

Built once per import batch from the reference tables (a few hundred rows, two queries), with
the rows themselves by code for checking the batch's persons (``references``)."""

import re
from dataclasses import dataclass, field

from htms.intake.fields import normal_heading
from htms.persons.inputs import ReferenceLookups
from htms.reference.models import Country, District

# What lists write for the nationalities and countries met at Pakistan's borders.
DEMONYMS = {
    "pakistani": "PK",
    "pak": "PK",
    "پاکستان": "PK",
    "پاکستانی": "PK",
    "afghan": "AF",
    "afghani": "AF",
    "indian": "IN",
    "bangladeshi": "BD",
    "iranian": "IR",
    "omani": "OM",
    "emirati": "AE",
    "uae": "AE",
    "ksa": "SA",
    "saudi": "SA",
    "turkish": "TR",
    "turkey": "TR",
    "greek": "GR",
    "iraqi": "IQ",
    "qatari": "QA",
    "kuwaiti": "KW",
    "bahraini": "BH",
    "libyan": "LY",
    "italian": "IT",
    "british": "GB",
    "uk": "GB",
    "nepali": "NP",
    "sri lankan": "LK",
    "عمان": "OM",
    "ایران": "IR",
    "افغانستان": "AF",
}


def _key(text: str) -> str:
    return normal_heading(re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE))


@dataclass
class Lookups:
    countries: dict[str, str]
    districts: dict[str, str]
    references: ReferenceLookups = field(default_factory=ReferenceLookups)

    @classmethod
    def load(cls) -> "Lookups":
        references = ReferenceLookups()
        countries: dict[str, str] = {_key(k): v for k, v in DEMONYMS.items()}
        for country in Country.objects.all():
            references.countries[country.code] = country
            countries.setdefault(_key(country.name), country.code)
            countries.setdefault(country.code.casefold(), country.code)
            countries.setdefault(country.code3.casefold(), country.code)
            if country.name_ur:
                countries.setdefault(_key(country.name_ur), country.code)
        districts: dict[str, str] = {}
        for district in District.objects.select_related("province"):
            references.districts[district.code] = district
            districts.setdefault(_key(district.name), district.code)
            districts.setdefault(district.code.casefold(), district.code)
            if district.name_ur:
                districts.setdefault(_key(district.name_ur), district.code)
        return cls(countries, districts, references)

    def country(self, text: str) -> str:
        """The ISO code for a country name, code or nationality; "" if unknown."""
        return self.countries.get(_key(text), "")

    def district(self, text: str) -> str:
        key = _key(re.sub(r"^(district|distt?\.?)\s+", "", text.strip(), flags=re.IGNORECASE))
        return self.districts.get(key, "")
