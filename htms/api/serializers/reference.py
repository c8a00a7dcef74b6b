"""Reference data, read-only: places, units, courts, statutes and vocabulary terms."""

from typing import Any

from rest_framework import serializers

from htms.api.serializers.base import OutputSerializer
from htms.reference.models import (
    Country,
    Court,
    CrimeType,
    District,
    Province,
    Statute,
    Term,
    Unit,
    UnitKind,
    Vocabulary,
)


class ProvinceSerializer(OutputSerializer[Province]):
    class Meta:
        model = Province
        fields = ["id", "code", "name", "name_ur"]


class DistrictSerializer(OutputSerializer[District]):
    province = serializers.CharField(source="province.code", read_only=True)

    class Meta:
        model = District
        fields = ["id", "code", "name", "name_ur", "province", "is_known_source"]


class CountrySerializer(OutputSerializer[Country]):
    class Meta:
        model = Country
        fields = ["id", "code", "code3", "name", "name_ur"]


class UnitSerializer(OutputSerializer[Unit]):
    zone = serializers.CharField(source="zone.code", read_only=True, allow_null=True)
    province = serializers.CharField(source="province.code", read_only=True, allow_null=True)
    district = serializers.CharField(source="district.code", read_only=True, allow_null=True)

    class Meta:
        model = Unit
        fields = [
            "id",
            "code",
            "name",
            "name_ur",
            "kind",
            "zone",
            "province",
            "district",
            "exit_point_kind",
        ]


class CourtSerializer(OutputSerializer[Court]):
    district = serializers.CharField(source="district.code", read_only=True, allow_null=True)

    class Meta:
        model = Court
        fields = ["id", "code", "name", "name_ur", "district"]


class StatuteSerializer(OutputSerializer[Statute]):
    class Meta:
        model = Statute
        fields = [
            "id",
            "code",
            "act",
            "act_ur",
            "act_short",
            "year",
            "section",
            "description",
            "description_ur",
            "crime_type",
            "iccs_code",
            "in_force",
            "needs_legal_review",
        ]


class TermSerializer(OutputSerializer[Term]):
    class Meta:
        model = Term
        fields = ["id", "vocabulary", "code", "label", "label_ur", "source"]


# An empty filter (``?province=``) is no filter, as DRF reads query strings; allow_blank says
# so in the schema.
class DistrictQuery(serializers.Serializer[Any]):
    province = serializers.CharField(
        required=False, allow_blank=True, max_length=8, help_text="Province code"
    )


class UnitQuery(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=UnitKind.choices, required=False, allow_blank=True)


class StatuteQuery(serializers.Serializer[Any]):
    crime_type = serializers.ChoiceField(
        choices=CrimeType.choices, required=False, allow_blank=True
    )


class TermQuery(serializers.Serializer[Any]):
    vocabulary = serializers.ChoiceField(
        choices=Vocabulary.choices, required=False, allow_blank=True
    )
