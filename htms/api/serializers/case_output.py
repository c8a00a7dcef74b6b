"""Cases as the API returns them: list rows, the full case, and its parts."""

from typing import Any

from rest_framework import serializers

from htms.accounts.models import User
from htms.api.serializers.base import OutputSerializer
from htms.api.serializers.persons import PartyPersonSerializer
from htms.cases.models import (
    SENTENCE_FIELDS,
    Case,
    CaseParty,
    Hearing,
    Offence,
    RouteEvent,
    StageChange,
    Verdict,
)
from htms.reference.models import Court, Term, Unit


class UnitBriefSerializer(OutputSerializer[Unit]):
    class Meta:
        model = Unit
        fields = ["id", "code", "name"]


class CourtBriefSerializer(OutputSerializer[Court]):
    class Meta:
        model = Court
        fields = ["id", "code", "name", "level"]


class UserBriefSerializer(OutputSerializer[User]):
    name = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "name"]


class OffenceSerializer(OutputSerializer[Offence]):
    statute = serializers.CharField(source="statute.code", read_only=True)
    title = serializers.CharField(source="statute.__str__", read_only=True)
    description = serializers.CharField(source="statute.description", read_only=True)
    crime_type = serializers.CharField(source="statute.crime_type", read_only=True)
    iccs_code = serializers.CharField(source="statute.iccs_code", read_only=True)
    district = serializers.CharField(source="district.code", read_only=True, allow_null=True)
    country = serializers.CharField(source="country.code", read_only=True, allow_null=True)

    class Meta:
        model = Offence
        fields = [
            "id",
            "statute",
            "title",
            "description",
            "crime_type",
            "iccs_code",
            "date",
            "date_precision",
            "district",
            "country",
        ]


class CaseListItemSerializer(OutputSerializer[Case]):
    unit = UnitBriefSerializer(read_only=True)
    investigating_officer = UserBriefSerializer(read_only=True, allow_null=True)
    crime_types = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id",
            "reference",
            "unit",
            "investigating_officer",
            "origin",
            "stage",
            "crime_types",
            "fir_number",
            "fir_date",
            "registered_at",
            "historical",
            "version",
        ]

    def get_crime_types(self, case: Case) -> list[str]:
        return sorted({o.statute.crime_type for o in case.offences.all()})


class PartySerializer(OutputSerializer[CaseParty]):
    person = PartyPersonSerializer(read_only=True)
    network_role = serializers.CharField(
        source="network_role.code", read_only=True, allow_null=True
    )
    exploitation_types: serializers.SlugRelatedField[Term] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    means_of_control: serializers.SlugRelatedField[Term] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )

    class Meta:
        model = CaseParty
        fields = [
            "id",
            "role",
            "person",
            "network_role",
            "accused_status",
            "trafficking_status",
            "status_decided_by",
            "exploitation_types",
            "means_of_control",
        ]


class RouteEventSerializer(OutputSerializer[RouteEvent]):
    country = serializers.CharField(source="country.code", read_only=True)
    country_name = serializers.CharField(source="country.name", read_only=True)
    district = serializers.CharField(source="district.code", read_only=True, allow_null=True)

    class Meta:
        model = RouteEvent
        fields = [
            "id",
            "sequence",
            "kind",
            "country",
            "country_name",
            "district",
            "place",
            "date",
            "date_precision",
        ]


class HearingSerializer(OutputSerializer[Hearing]):
    court = CourtBriefSerializer(read_only=True)
    witnesses_due: serializers.PrimaryKeyRelatedField[CaseParty] = (
        serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    )

    class Meta:
        model = Hearing
        fields = [
            "id",
            "court",
            "date",
            "purpose",
            "outcome",
            "next_date",
            "witnesses_due",
            "recorded_at",
            "backdate_reason",
        ]


class StageChangeSerializer(OutputSerializer[StageChange]):
    requested_by = UserBriefSerializer(read_only=True)
    decided_by = UserBriefSerializer(read_only=True, allow_null=True)
    court = CourtBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = StageChange
        fields = [
            "id",
            "from_stage",
            "to_stage",
            "status",
            "closure_reason",
            "note",
            "effective_on",
            "backdate_reason",
            "challan_number",
            "court",
            "decline_reason",
            "requested_by",
            "requested_at",
            "decided_by",
            "decided_at",
        ]


class VerdictSerializer(OutputSerializer[Verdict]):
    class Meta:
        model = Verdict
        fields = [
            "id",
            "accused",
            "offence",
            "court",
            "date",
            "level",
            "outcome",
            "basis",
            *SENTENCE_FIELDS,
        ]


class CaseDetailSerializer(OutputSerializer[Case]):
    """The whole case. A victim's or smuggled migrant's identity is masked for users without
    need-to-know: the pseudonym as name, null for every identifying field."""

    unit = UnitBriefSerializer(read_only=True)
    investigating_officer = UserBriefSerializer(read_only=True, allow_null=True)
    registered_by = UserBriefSerializer(read_only=True)
    court = CourtBriefSerializer(read_only=True, allow_null=True)
    offences = OffenceSerializer(many=True, read_only=True)
    parties = PartySerializer(many=True, read_only=True)
    route = RouteEventSerializer(source="route_events", many=True, read_only=True)
    hearings = HearingSerializer(many=True, read_only=True)
    stage_history = StageChangeSerializer(source="stage_changes", many=True, read_only=True)
    verdicts = VerdictSerializer(many=True, read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "reference",
            "unit",
            "investigating_officer",
            "origin",
            "enquiry_number",
            "fir_number",
            "fir_date",
            "police_station",
            "occurred_on",
            "summary",
            "stage",
            "court",
            "closure_reason",
            "registered_at",
            "historical",
            "registered_by",
            "version",
            "offences",
            "parties",
            "route",
            "hearings",
            "stage_history",
            "verdicts",
        ]


class CaseStateSerializer(OutputSerializer[Case]):
    class Meta:
        model = Case
        fields = ["id", "stage", "version"]


class StageChangeResultSerializer(serializers.Serializer[Any]):
    change = StageChangeSerializer(read_only=True)
    case = CaseStateSerializer(read_only=True)


class CaseCountSerializer(serializers.Serializer[Any]):
    crime_type = serializers.CharField()
    stage = serializers.CharField()
    province = serializers.CharField(
        help_text="Province code of the registering unit; empty if the unit has none"
    )
    cases = serializers.IntegerField()
