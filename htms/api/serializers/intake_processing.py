"""Processing border intake through the API: the decision on a border event, its referrals and
leads, and the rows of the correction queue (corrected, given a person, set aside).

What a viewer may see is decided by the intake access functions and presenters, never here:
a row's cells come masked from ``htms.intake.presenters.row_view``, a candidate's name from
``htms.intake.selectors.candidate_views``.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from htms.api.params import MAX_ID, MAX_VERSION
from htms.api.serializers.base import OutputSerializer
from htms.api.serializers.intake import RowSerializer
from htms.intake.fields import FIELDS
from htms.intake.models import (
    IntakeStatus,
    LeadAgent,
    LeadPayment,
    LeadRouteLeg,
    PaymentMethod,
    Referral,
    ReferralTo,
    Transport,
)
from htms.intake.services.leads import CURRENCIES
from htms.persons.models import DatePrecision


def _version(help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_VERSION, help_text=help_text)


def _text(max_length: int, help_text: str = "") -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length, required=False, allow_blank=True, default="", help_text=help_text
    )


def _choice(choices: list[str], help_text: str = "") -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=choices, required=False, allow_blank=True, default="", help_text=help_text
    )


def _optional_id(help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True, default=None,
        help_text=help_text,
    )  # fmt: skip


class StatusInputSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(
        choices=IntakeStatus.values,
        help_text="Every decision but registered needs the screening first; referred needs a "
        "recorded referral; arrested and handed to police need a note and never a possible victim",
    )
    status_note = _text(300, "Why (for example the FIR or the police station)")
    expected_version = _version("The border event's version, as read")


class IntakeReferralInputSerializer(serializers.Serializer[Any]):
    to_kind = serializers.ChoiceField(choices=ReferralTo.values, help_text="To whom")
    referred_on = serializers.DateField(help_text="Not before the border event, not in future")
    organisation = _text(200)
    note = _text(300)


class IntakeReferralSerializer(OutputSerializer[Referral]):
    event = serializers.IntegerField(source="event_id", read_only=True)

    class Meta:
        model = Referral
        fields = ["id", "event", "to_kind", "organisation", "referred_on", "note", "created_at"]


class LeadAgentInputSerializer(serializers.Serializer[Any]):
    name = _text(200, "The agent's name, or the name the person used for them")
    phone = _text(30, "Any usual writing; kept in E.164")
    place = _text(200)
    role = _text(120, "What the agent did")


class LeadPaymentInputSerializer(serializers.Serializer[Any]):
    amount = serializers.CharField(max_length=30, help_text="A number above zero, like 650000")
    currency = serializers.ChoiceField(choices=list(CURRENCIES))
    payee = _optional_id("The id of an agent named in this interview")
    paid_on = serializers.DateField(required=False, allow_null=True, default=None)
    method = _choice(PaymentMethod.values)


class LeadLegInputSerializer(serializers.Serializer[Any]):
    country = serializers.CharField(max_length=2, help_text="ISO 3166-1 alpha-2 code")
    place = _text(120)
    date = serializers.DateField(required=False, allow_null=True, default=None)
    date_precision = _choice(DatePrecision.values, "How much of the date is known; default day")
    transport = _choice(Transport.values)
    conveyance = _text(120, "Boat or vehicle: name, registration")


class LeadAgentSerializer(OutputSerializer[LeadAgent]):
    class Meta:
        model = LeadAgent
        fields = ["id", "name", "phone", "place", "role"]


class LeadPaymentSerializer(OutputSerializer[LeadPayment]):
    payee_id = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = LeadPayment
        fields = ["id", "amount", "currency", "payee_id", "paid_on", "method"]


class LeadLegSerializer(OutputSerializer[LeadRouteLeg]):
    country = serializers.CharField(source="country.code", read_only=True)

    class Meta:
        model = LeadRouteLeg
        fields = [
            "id", "sequence", "country", "place", "date", "date_precision", "transport",
            "conveyance",
        ]  # fmt: skip


class LeadsSerializer(serializers.Serializer[Any]):
    agents = LeadAgentSerializer(many=True, read_only=True)
    payments = LeadPaymentSerializer(many=True, read_only=True)
    legs = LeadLegSerializer(many=True, read_only=True)


class RowCandidateSerializer(serializers.Serializer[Any]):
    """A person a row may be about; ``name`` is the pseudonym when the identity is protected."""

    person_id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="label", read_only=True)
    score = serializers.FloatField(read_only=True)
    reasons = serializers.ListField(child=serializers.CharField(), read_only=True)
    border_events = serializers.IntegerField(read_only=True)


class RowDetailSerializer(serializers.Serializer[Any]):
    row = RowSerializer(read_only=True)
    manifest = serializers.IntegerField(read_only=True)
    version = serializers.IntegerField(read_only=True, help_text="Give it back to change the row")
    candidates = RowCandidateSerializer(
        many=True, read_only=True, help_text="For a row to confirm: the persons it may be about"
    )


class CorrectionInputSerializer(serializers.Serializer[Any]):
    corrections = serializers.DictField(
        child=serializers.CharField(max_length=300, allow_blank=True),
        help_text="Field -> corrected text; the cells stay as read. Fields: "
        + ", ".join(f.key for f in FIELDS),
    )
    expected_version = _version("The row's version, as read")

    def validate_corrections(self, corrections: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(corrections) - {f.key for f in FIELDS})
        if unknown:
            raise serializers.ValidationError(f"Not a field of a list: {', '.join(unknown)}.")
        return corrections


class ChoosePersonInputSerializer(serializers.Serializer[Any]):
    person = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        allow_null=True,
        help_text="One of the row's candidates; null (given, not left out) records a new person",
    )
    expected_version = _version("The row's version, as read")


class SetAsideInputSerializer(serializers.Serializer[Any]):
    note = _text(300, "Why the row is set aside, for example: not a person, listed twice")
    expected_version = _version("The row's version, as read")
