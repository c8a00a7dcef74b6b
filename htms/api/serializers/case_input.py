"""What the case endpoints accept. Each schema checks types, sizes and choices, then hands the
services their dataclass inputs; the services check codes, dates and the rules between fields.

Input field names follow the services' error keys (``statutes``, ``route[0].country``), so a
client finds a message under the name of the field it sent.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from htms.api.params import MAX_ID, MAX_VERSION
from htms.cases.inputs import CaseInput, PartyInput, RouteInput
from htms.cases.models import (
    AccusedStatus,
    ClosureReason,
    DecidingOrganisation,
    Origin,
    PartyRole,
    RouteEventKind,
    Stage,
    TraffickingStatus,
)
from htms.cases.selectors import CaseFilters
from htms.identity.inputs import MAX_TEXT
from htms.persons.inputs import DocumentInput, PersonInput
from htms.persons.models import DatePrecision, DocumentKind, Relation, Sex
from htms.reference.models import CrimeType

SAME_PARTY_TWICE = _("This person is already a party to the case in this role.")


def _text(max_length: int, **kwargs: Any) -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length, required=False, allow_blank=True, default="", **kwargs
    )


def _choice(choices: Any, **kwargs: Any) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=choices, required=False, allow_blank=True, default="", **kwargs
    )


def _codes(max_length: int, max_items: int, **kwargs: Any) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=max_length),
        max_length=max_items,
        required=False,
        default=list,
        **kwargs,
    )


def _many(child: serializers.Serializer[Any], max_items: int) -> serializers.ListSerializer[Any]:
    return serializers.ListSerializer(
        child=child, max_length=max_items, required=False, default=list
    )


def _id(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def _date(**kwargs: Any) -> serializers.DateField:
    return serializers.DateField(required=False, allow_null=True, default=None, **kwargs)


class DocumentInputSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    number = serializers.CharField(max_length=40)
    country = _text(2, help_text="ISO 3166-1 alpha-2 code of the issuing country")


class PersonInputSerializer(serializers.Serializer[Any]):
    full_name = _text(200)
    full_name_ur = _text(200)
    relation = _choice(Relation.choices)
    father_name = _text(200)
    father_name_ur = _text(200)
    sex = serializers.ChoiceField(choices=Sex.choices, required=False, default=Sex.UNKNOWN)
    birth_date = _date()
    birth_date_precision = _choice(DatePrecision.choices)
    nationality = _text(2, help_text="ISO 3166-1 alpha-2 code")
    documents = _many(DocumentInputSerializer(), 10)
    phones = _codes(40, 10)
    aliases = _codes(200, 20)
    district = _text(16, help_text="District code of the address")
    address = _text(300)


class PartyInputSerializer(serializers.Serializer[Any]):
    role = serializers.ChoiceField(choices=PartyRole.choices)
    person_id = _id(
        required=False,
        allow_null=True,
        default=None,
        help_text="An existing person; or give `person`",
    )
    person = PersonInputSerializer(
        required=False, allow_null=True, default=None, help_text="A new person; or give `person_id`"
    )
    network_role = _text(60, help_text="Term code of the network_role vocabulary")
    accused_status = _choice(AccusedStatus.choices)
    trafficking_status = _choice(TraffickingStatus.choices)
    status_decided_by = _choice(DecidingOrganisation.choices)
    exploitation_types = _codes(60, 20, help_text="Term codes")
    means_of_control = _codes(60, 20, help_text="Term codes")


class RouteLegInputSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=RouteEventKind.choices)
    country = serializers.CharField(max_length=2, help_text="ISO 3166-1 alpha-2 code")
    district = _text(16, help_text="District code")
    place = _text(120)
    date = _date()
    date_precision = _choice(DatePrecision.choices)


class CaseRegisterSerializer(serializers.Serializer[Any]):
    origin = serializers.ChoiceField(choices=Origin.choices)
    statutes = serializers.ListField(
        child=serializers.CharField(max_length=40),
        max_length=50,
        help_text="Statute codes, e.g. PTPA2018-3",
    )
    parties = _many(PartyInputSerializer(), 200)
    route = _many(RouteLegInputSerializer(), 50)
    summary = _text(20000)
    enquiry_number = _text(40)
    fir_number = _text(40)
    fir_date = _date()
    police_station = _text(120)
    occurred_on = _date()
    registered_on = _date(
        help_text="For a case entered from an older register: the day it was first registered"
    )
    duplicate_reason = _text(
        1000,
        help_text=(
            "Why this case is not a duplicate of the cases a 409 answer listed; needed only "
            "after such an answer, and kept in the audit log"
        ),
    )

    def validate_parties(self, parties: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # parties_check lets the same person and role through twice, and the database then
        # refuses the second row; until the service checks it, the API does.
        seen: set[tuple[int, str]] = set()
        errors: list[dict[str, list[str]]] = []
        for party in parties:
            key = (party["person_id"], party["role"])
            twice = party["person_id"] is not None and key in seen
            errors.append({"person_id": [str(SAME_PARTY_TWICE)]} if twice else {})
            seen.add(key)
        if any(errors):
            raise serializers.ValidationError(errors)
        return parties


def _person_input(data: dict[str, Any]) -> PersonInput:
    return PersonInput(
        full_name=data["full_name"],
        full_name_ur=data["full_name_ur"],
        relation=data["relation"],
        father_name=data["father_name"],
        father_name_ur=data["father_name_ur"],
        sex=data["sex"],
        birth_date=data["birth_date"],
        birth_date_precision=data["birth_date_precision"],
        nationality_code=data["nationality"],
        documents=[
            DocumentInput(kind=d["kind"], number=d["number"], country_code=d["country"])
            for d in data["documents"]
        ],
        phones=data["phones"],
        aliases=data["aliases"],
        district_code=data["district"],
        address_text=data["address"],
    )


def _party_input(data: dict[str, Any]) -> PartyInput:
    return PartyInput(
        role=data["role"],
        person_id=data["person_id"],
        person=_person_input(data["person"]) if data["person"] is not None else None,
        network_role_code=data["network_role"],
        accused_status=data["accused_status"],
        trafficking_status=data["trafficking_status"],
        status_decided_by=data["status_decided_by"],
        exploitation_type_codes=data["exploitation_types"],
        means_of_control_codes=data["means_of_control"],
    )


def party_input_from(data: dict[str, Any]) -> PartyInput:
    """The service input for one validated PartyInputSerializer item."""
    return _party_input(data)


def _route_input(data: dict[str, Any]) -> RouteInput:
    return RouteInput(
        kind=data["kind"],
        country_code=data["country"],
        district_code=data["district"],
        place=data["place"],
        date=data["date"],
        date_precision=data["date_precision"],
    )


def case_input_from(data: dict[str, Any]) -> CaseInput:
    """The service input for validated CaseRegisterSerializer data."""
    return CaseInput(
        origin=data["origin"],
        statute_codes=data["statutes"],
        parties=[_party_input(p) for p in data["parties"]],
        route=[_route_input(leg) for leg in data["route"]],
        summary=data["summary"],
        enquiry_number=data["enquiry_number"],
        fir_number=data["fir_number"],
        fir_date=data["fir_date"],
        police_station=data["police_station"],
        occurred_on=data["occurred_on"],
        registered_on=data["registered_on"],
    )


class StageRequestSerializer(serializers.Serializer[Any]):
    to_stage = serializers.ChoiceField(choices=Stage.choices)
    expected_version = serializers.IntegerField(
        min_value=1, max_value=MAX_VERSION, help_text="The case's version as last read"
    )
    closure_reason = _choice(ClosureReason.choices, help_text="Required to close")
    court = _id(
        required=False,
        allow_null=True,
        default=None,
        help_text="Court id: the court a challan is filed in, or the court that tries the case",
    )
    note = _text(2000)
    effective_on = _date(help_text="When the step happened (a challan's date); today if absent")
    backdate_reason = _text(
        2000, help_text="Why it is entered late: required when effective_on is well in the past"
    )
    challan_number = _text(60, help_text="Required for a challan")


class HearingInputSerializer(serializers.Serializer[Any]):
    court = _id(help_text="Court id")
    date = serializers.DateField(help_text="The day the hearing was held")
    backdate_reason = _text(
        2000, help_text="Why it is entered late: required when the date is well in the past"
    )
    purpose = _text(200)
    outcome = _text(300)
    next_date = _date()
    witnesses_due = serializers.ListField(
        child=_id(), max_length=100, required=False, default=list, help_text="Party ids"
    )


class CaseFilterSerializer(serializers.Serializer[Any]):
    q = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        max_length=MAX_TEXT,
        help_text=(
            "Case reference, FIR number, or a party's name in Latin or Urdu script; a name "
            "finds only parties whose identity the user may see"
        ),
    )
    crime_type = _choice(CrimeType.choices)
    stage = _choice(Stage.choices)
    unit = _id(required=False, help_text="Unit id")
    registered_from = serializers.DateField(required=False)
    registered_to = serializers.DateField(required=False)
    overdue = serializers.BooleanField(
        required=False, default=False, help_text="Only cases whose interim challan is overdue"
    )


def case_filters_from(data: dict[str, Any]) -> CaseFilters:
    """The selector's filters for validated CaseFilterSerializer data."""
    return CaseFilters(
        text=data["q"],
        crime_type=data["crime_type"],
        stage=data["stage"],
        unit_id=data.get("unit"),
        registered_from=data.get("registered_from"),
        registered_to=data.get("registered_to"),
        overdue=data["overdue"],
    )
