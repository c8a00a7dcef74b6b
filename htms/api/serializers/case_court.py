"""What the judgment and approval endpoints accept and answer."""

from decimal import Decimal
from typing import Any

from django.db import models
from rest_framework import serializers

from htms.api.params import MAX_ID, MAX_VERSION
from htms.api.serializers.case_output import (
    CaseStateSerializer,
    StageChangeSerializer,
    VerdictSerializer,
)
from htms.cases.inputs import VerdictInput
from htms.cases.models import SentenceKind, VerdictBasis, VerdictOutcome
from htms.persons.models import DatePrecision

REASON_HELP = "Why it is entered late: required when the date is well in the past"


def _text(max_length: int, **kwargs: Any) -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length, required=False, allow_blank=True, default="", **kwargs
    )


def _amount(help_text: str) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=Decimal(0),
        required=False,
        allow_null=True,
        default=None,
        help_text=help_text,
    )


def _currency() -> serializers.RegexField:
    return serializers.RegexField(
        r"^[A-Z]{3}$", required=False, default="PKR", help_text="ISO 4217 code, PKR if left out"
    )


def _count(max_value: int, help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=0,
        max_value=max_value,
        required=False,
        allow_null=True,
        default=None,
        help_text=help_text,
    )


def _optional_choice(choices: type[models.TextChoices], help_text: str) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=choices.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text=help_text,
    )


class VerdictInputSerializer(serializers.Serializer[Any]):
    accused = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="Party id")
    statute = serializers.CharField(max_length=40, help_text="Statute section code")
    outcome = serializers.ChoiceField(
        choices=VerdictOutcome.choices,
        help_text="At trial: convicted, acquitted, discharged. On appeal: upheld, "
        "appeal_acquitted, reduced, enhanced, remanded",
    )
    basis = _optional_choice(
        VerdictBasis,
        "compromise (compoundable offences, with an acquittal) or plea (with a conviction); "
        "blank: on the merits",
    )
    sentence_kind = _optional_choice(
        SentenceKind,
        "term (with years and months), life or death; term if left out with a length",
    )
    sentence_years = _count(100, "Years of a term")
    sentence_months = _count(1200, "Months of a term; 12 or more carry into years")
    fine_amount = _amount("The fine, in fine_currency")
    fine_currency = _currency()
    compensation_amount = _amount("Compensation to the victims, in compensation_currency")
    compensation_currency = _currency()


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
            accused_party_id=v.pop("accused"),
            statute_code=v.pop("statute"),
            **v,
        )
        for v in (dict(given) for given in data["verdicts"])
    ]


class OffenceTimePlaceInputSerializer(serializers.Serializer[Any]):
    expected_version = serializers.IntegerField(
        min_value=1, max_value=MAX_VERSION, help_text="The case's version as last read"
    )
    date = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="When it was committed"
    )
    date_precision = _optional_choice(
        DatePrecision, "day (if left out), month or year: how much of the date is known"
    )
    district = _text(16, help_text="District code, for an offence in Pakistan")
    country = _text(2, help_text="ISO 3166 country code, for an offence abroad")


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
