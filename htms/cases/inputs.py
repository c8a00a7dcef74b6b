"""What a caller hands the case services."""

import datetime
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from htms.persons.inputs import PersonInput


@dataclass
class PartyInput:
    """A party to add: an existing person (``person_id``) or a new one (``person``)."""

    role: str
    person_id: int | None = None
    person: PersonInput | None = None
    network_role_code: str = ""
    accused_status: str = ""
    trafficking_status: str = ""
    status_decided_by: str = ""
    exploitation_type_codes: list[str] = field(default_factory=list)
    means_of_control_codes: list[str] = field(default_factory=list)


@dataclass
class RouteInput:
    kind: str
    country_code: str
    district_code: str = ""
    place: str = ""
    date: datetime.date | None = None
    date_precision: str = ""


@dataclass
class CaseInput:
    origin: str
    statute_codes: list[str]
    parties: list[PartyInput] = field(default_factory=list)
    route: list[RouteInput] = field(default_factory=list)
    summary: str = ""
    enquiry_number: str = ""
    fir_number: str = ""
    fir_date: date | None = None
    police_station: str = ""
    occurred_on: date | None = None
    investigating_officer_id: int | None = None
    # For a case entered from an older ledger: the day it was first registered.
    registered_on: date | None = None


@dataclass
class VerdictInput:
    """One accused's verdict on one offence. A term is given in years and months (months of 12
    or more carry into years); ``sentence_kind`` may be left out for a term."""

    accused_party_id: int
    statute_code: str
    outcome: str
    basis: str = ""
    sentence_kind: str = ""
    sentence_years: int | None = None
    sentence_months: int | None = None
    fine_amount: Decimal | int | None = None
    fine_currency: str = "PKR"
    compensation_amount: Decimal | int | None = None
    compensation_currency: str = "PKR"
