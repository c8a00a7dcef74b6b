"""Search before create: the query string and the candidates of ``GET /api/persons/candidates/``."""

from typing import Any

from rest_framework import serializers


def _text(help_text: str, max_length: int = 200) -> serializers.CharField:
    return serializers.CharField(
        required=False, allow_blank=True, max_length=max_length, help_text=help_text
    )


class CandidateQuerySerializer(serializers.Serializer[Any]):
    """Any subset; at least a name, a father's name, a CNIC, a passport or a phone."""

    name = _text("The name in Latin or Urdu script, any spelling, any order")
    father_name = _text("The father's or husband's name")
    birth_date = _text("Date of birth: 1984, 1984-03 or 1984-03-12", 10)
    age = serializers.IntegerField(
        required=False, min_value=0, max_value=120, help_text="Age in years, instead of the date"
    )
    cnic = _text("Full (35202-1234567-1) or partial (35202-XXXXXXX-1, 35202)", 20)
    passport = _text("Passport number", 20)
    phone = _text("Phone number, 0300 1234567 or +92 300 1234567", 30)
    district = _text("District code", 16)
    sex = serializers.ChoiceField(
        choices=["M", "F", "X", "U"],
        required=False,
        allow_blank=True,  # an empty parameter is no parameter, as the schema now says
        help_text="To flag a different sex",
    )


class CandidateSerializer(serializers.Serializer[Any]):
    """One candidate: ``htms.identity.present.CandidateOut``."""

    person_id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True, help_text="Name in Latin script")
    name_ur = serializers.CharField(read_only=True, help_text="Name in Urdu script")
    father_name = serializers.CharField(read_only=True)
    birth_date = serializers.CharField(
        read_only=True, help_text="As precise as recorded: 1984, 1984-03 or 1984-03-12"
    )
    cnics = serializers.ListField(child=serializers.CharField(), read_only=True)
    score = serializers.FloatField(
        read_only=True, min_value=0, max_value=1, help_text="How alike, 0 to 1; not a decision"
    )
    reasons = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text='e.g. "same CNIC"'
    )
    conflicts = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text='e.g. "different sex"'
    )
