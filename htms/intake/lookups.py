"""Country and district names as lists write them, resolved to reference codes.

Built once per import batch from the reference tables (a few hundred rows)."""

import re
from dataclasses import dataclass

from htms.intake.fields import normal_heading
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

    @classmethod
    def load(cls) -> "Lookups":
        countries: dict[str, str] = {_key(k): v for k, v in DEMONYMS.items()}
        for code, code3, name, name_ur in Country.objects.values_list(
            "code", "code3", "name", "name_ur"
        ):
            countries.setdefault(_key(name), code)
            countries.setdefault(code.casefold(), code)
            countries.setdefault(code3.casefold(), code)
            if name_ur:
                countries.setdefault(_key(name_ur), code)
        districts: dict[str, str] = {}
        for code, name, name_ur in District.objects.values_list("code", "name", "name_ur"):
            districts.setdefault(_key(name), code)
            districts.setdefault(code.casefold(), code)
            if name_ur:
                districts.setdefault(_key(name_ur), code)
        return cls(countries, districts)

    def country(self, text: str) -> str:
        """The ISO code for a country name, code or nationality; "" if unknown."""
        return self.countries.get(_key(text), "")

    def district(self, text: str) -> str:
        key = _key(re.sub(r"^(district|distt?\.?)\s+", "", text.strip(), flags=re.IGNORECASE))
        return self.districts.get(key, "")
