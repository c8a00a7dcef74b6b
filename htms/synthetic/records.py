"""The plain records the generator produces, and the reference catalogue it draws from.

Nothing here touches the database: ``load.catalogue_from_db`` builds a :class:`Catalogue` from
the reference tables, and the loaders turn the records into rows through the services.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True, slots=True)
class StatuteInfo:
    code: str
    crime_type: str
    year: int
    section: str


@dataclass(frozen=True, slots=True)
class DistrictInfo:
    code: str
    name: str
    province_code: str
    is_known_source: bool


@dataclass(frozen=True, slots=True)
class UnitInfo:
    code: str
    name: str
    province_code: str
    district_code: str


@dataclass(frozen=True, slots=True)
class CourtInfo:
    code: str
    district_code: str


@dataclass(frozen=True)
class Catalogue:
    """The reference data the generator may use; every code in the output comes from here."""

    statutes: Mapping[str, tuple[StatuteInfo, ...]]  # crime type -> in-force sections
    districts: tuple[DistrictInfo, ...]
    units: tuple[UnitInfo, ...]  # the circles cases are registered in
    courts: tuple[CourtInfo, ...]
    terms: Mapping[str, tuple[str, ...]]  # vocabulary -> codes
    countries: frozenset[str]
    # How much more often a unit gets cases; units not named weigh 1.
    unit_weights: Mapping[str, float] = field(default_factory=dict)

    @cached_property
    def crime_types(self) -> dict[str, str]:
        """Statute code -> crime type."""
        return {s.code: s.crime_type for infos in self.statutes.values() for s in infos}

    @cached_property
    def district_codes(self) -> frozenset[str]:
        return frozenset(d.code for d in self.districts)

    def has_term(self, vocabulary: str, code: str) -> bool:
        return code in self.terms.get(vocabulary, ())


@dataclass(slots=True)
class SynPerson:
    """One register entry. ``same_as`` is the ground truth for identity resolution: the key of
    an earlier record of the same human, entered again by another unit under another spelling."""

    key: int
    full_name: str
    full_name_ur: str
    relation: str
    father_name: str
    father_name_ur: str
    sex: str
    birth_date: dt.date | None
    birth_date_precision: str
    nationality_code: str
    cnic: str = ""  # 13 digits, normal form
    passport: str = ""
    phones: tuple[str, ...] = ()  # national format, 0300-1234567
    aliases: tuple[str, ...] = ()
    district_code: str = ""
    address_text: str = ""
    same_as: int | None = None


@dataclass(slots=True)
class SynParty:
    person_key: int
    role: str
    network_role_code: str = ""
    accused_status: str = ""  # at registration
    later_status: str = ""  # recorded once the case is under investigation, if set
    trafficking_status: str = ""
    status_decided_by: str = ""
    exploitation_type_codes: tuple[str, ...] = ()
    means_of_control_codes: tuple[str, ...] = ()

    @property
    def final_status(self) -> str:
        return self.later_status or self.accused_status


@dataclass(frozen=True, slots=True)
class SynRouteLeg:
    kind: str
    country_code: str
    district_code: str = ""
    place: str = ""
    date: dt.date | None = None
    date_precision: str = ""


@dataclass(frozen=True, slots=True)
class SynHearing:
    date: dt.date
    purpose: str
    outcome: str = ""
    next_date: dt.date | None = None
    witness_indexes: tuple[int, ...] = ()  # indexes into the case's parties


@dataclass(frozen=True, slots=True)
class SynVerdict:
    party_index: int
    statute_code: str
    outcome: str
    sentence_months: int | None = None
    fine: int | None = None  # rupees


@dataclass(slots=True)
class SynCase:
    """A case and the life it goes through after registration.

    ``stage_path`` lists the stages the case moves to after registering at ``fir`` (or
    ``enquiry`` when it has no FIR); ``pending_stage`` is a last request left for the circle
    in-charge to decide.
    """

    key: int
    unit_code: str
    kind: str  # "TIP", "SOM" or "BOTH"
    origin: str
    statute_codes: tuple[str, ...]
    parties: list[SynParty]
    route: tuple[SynRouteLeg, ...]
    summary: str
    police_station: str
    occurred_on: dt.date
    enquiry_number: str = ""
    fir_number: str = ""
    fir_date: dt.date | None = None
    stage_path: tuple[str, ...] = ()
    closure_reason: str = ""
    court_code: str = ""
    hearings: tuple[SynHearing, ...] = ()
    verdicts: tuple[SynVerdict, ...] = ()
    judgment_date: dt.date | None = None
    # The first appeal, decided in a High Court: its date and a verdict per conviction appealed.
    appeal_court_code: str = ""
    appeal_date: dt.date | None = None
    appeal_verdicts: tuple[SynVerdict, ...] = ()
    pending_stage: str = ""

    @property
    def offence_place(self) -> tuple[str, str]:
        """Where its offences were committed, as (district code, country code), one of them
        empty: where the route began (recruitment or first stop)."""
        if not self.route:
            return "", ""
        first = self.route[0]
        if first.country_code == "PK" and first.district_code:
            return first.district_code, ""
        return "", first.country_code

    @property
    def final_stage(self) -> str:
        if self.appeal_verdicts:
            return "judgment"  # the appeal was decided
        if self.stage_path:
            return self.stage_path[-1]
        return "fir" if self.fir_number else "enquiry"


@dataclass
class SyntheticData:
    cases: list[SynCase] = field(default_factory=list)
    persons: list[SynPerson] = field(default_factory=list)  # persons[i].key == i
