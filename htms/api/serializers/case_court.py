"""What the judgment and approval endpoints accept and answer."""

from typing import Any

from rest_framework import serializers

from htms.api.params import MAX_ID, MAX_VERSION
from htms.api.serializers.case_output import (
    CaseStateSerializer,
    StageChangeSerializer,
    VerdictSerializer,
)
from htms.cases.inputs import VerdictInput
from htms.cases.models import VerdictOutcome

REASON_HELP = "Why it is entered late: required when the date is well in the past"


def _text(max_length: int, **kwargs: Any) -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length, required=False, allow_blank=True, default="", **kwargs
    )


class VerdictInputSerializer(serializers.Serializer[Any]):
    accused = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="Party id")
    statute = serializers.CharField(max_length=40, help_text="Statute section code")
    outcome = serializers.ChoiceField(choices=VerdictOutcome.choices)
    sentence_months = serializers.IntegerField(
        min_value=0, max_value=1200, required=False, allow_null=True, default=None
    )
    fine_pkr = serializers.IntegerField(
        min_value=0, max_value=10**12, required=False, allow_null=True, default=None
    )


class JudgmentInputSerializer(serializers.Serializer[Any]):
    expected_version = serializers.IntegerField(
        min_value=1, max_value=MAX_VERSION, help_text="The case's version as last read"
    )
    court = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="Court id")
    date = serializers.DateField(help_text="The day the judgment was pronounced")
    backdate_reason = _text(2000, help_text=REASON_HELP)
    verdicts = serializers.ListField(child=VerdictInputSerializer(), min_length=1, max_length=1000)


def verdict_inputs_from(data: dict[str, Any]) -> list[VerdictInput]:
    return [
        VerdictInput(
            accused_party_id=v["accused"],
            statute_code=v["statute"],
            outcome=v["outcome"],
            sentence_months=v["sentence_months"],
            fine_pkr=v["fine_pkr"],
        )
        for v in data["verdicts"]
    ]


class JudgmentResultSerializer(serializers.Serializer[Any]):
    case = CaseStateSerializer(read_only=True)
    verdicts = VerdictSerializer(many=True, read_only=True)


class ApprovalSerializer(StageChangeSerializer):
    """A challan or closure waiting for the circle in-charge, with the case it moves."""

    case = CaseStateSerializer(read_only=True)
    reference = serializers.CharField(source="case.reference", read_only=True)

    class Meta(StageChangeSerializer.Meta):
        fields = ["case", "reference", *StageChangeSerializer.Meta.fields]


class ApproveInputSerializer(serializers.Serializer[Any]):
    note = _text(2000)


class DeclineInputSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(
        max_length=2000, help_text="Why the request is declined: shown to the officer who asked"
    )
