"""Returns home and from abroad as the API shows them. The reintegration plan and the
follow-ups' notes go only to the return's keepers (``htms/protection/services/returns.py``):
for the other side of the referral they are empty, never the value."""

from typing import Any

from rest_framework import serializers

from htms.api.params import MAX_ID, MAX_VERSION
from htms.protection.models import (
    AssistedReturn,
    DocumentState,
    NationalityCheck,
    ReturnClosure,
    ReturnKind,
    Situation,
    TracingOutcome,
    TravelDocumentKind,
)

STEP_CHOICES = [("nationality", "nationality"), ("document", "document"), ("avr", "avr")]
STEP_STATES = sorted({*NationalityCheck.values, *DocumentState.values, *AssistedReturn.values})


class ReturnFollowUpSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    months = serializers.IntegerField()
    due_on = serializers.DateField()
    done_on = serializers.DateField(allow_null=True)
    situation = serializers.ChoiceField(choices=Situation.choices, allow_blank=True)
    note = serializers.CharField(help_text="Empty unless the caller keeps the return")


class ReturnSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="record.pk")
    reference = serializers.CharField(source="record.reference")
    referral_id = serializers.IntegerField(source="record.referral_id")
    kind = serializers.ChoiceField(source="record.kind", choices=ReturnKind.choices)
    country = serializers.CharField(source="record.country.code")
    embassy_id = serializers.IntegerField(source="record.embassy_id", allow_null=True)
    nationality_state = serializers.ChoiceField(
        source="record.nationality_state", choices=NationalityCheck.choices, allow_blank=True
    )
    nationality_requested_on = serializers.DateField(
        source="record.nationality_requested_on", allow_null=True
    )
    nationality_answered_on = serializers.DateField(
        source="record.nationality_answered_on", allow_null=True
    )
    document_kind = serializers.ChoiceField(
        source="record.document_kind", choices=TravelDocumentKind.choices, allow_blank=True
    )
    document_state = serializers.ChoiceField(
        source="record.document_state", choices=DocumentState.choices, allow_blank=True
    )
    document_requested_on = serializers.DateField(
        source="record.document_requested_on", allow_null=True
    )
    document_answered_on = serializers.DateField(
        source="record.document_answered_on", allow_null=True
    )
    avr_state = serializers.ChoiceField(
        source="record.avr_state", choices=AssistedReturn.choices, allow_blank=True
    )
    avr_requested_on = serializers.DateField(source="record.avr_requested_on", allow_null=True)
    avr_answered_on = serializers.DateField(source="record.avr_answered_on", allow_null=True)
    departure_planned_on = serializers.DateField(
        source="record.departure_planned_on", allow_null=True
    )
    departed_on = serializers.DateField(source="record.departed_on", allow_null=True)
    closure = serializers.ChoiceField(
        source="record.closure", choices=ReturnClosure.choices, allow_blank=True
    )
    closure_reason = serializers.CharField(source="record.closure_reason")
    closed_on = serializers.DateField(source="record.closed_on", allow_null=True)
    returned_on = serializers.DateField(source="record.returned_on", allow_null=True)
    tracing_outcome = serializers.ChoiceField(
        source="record.tracing_outcome", choices=TracingOutcome.choices, allow_blank=True
    )
    traced_on = serializers.DateField(source="record.traced_on", allow_null=True)
    reintegration_plan = serializers.CharField(
        source="plan", help_text="Empty unless the caller keeps the return"
    )
    follow_ups = ReturnFollowUpSerializer(many=True)
    version = serializers.IntegerField(source="record.version")


class ReturnOpenSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=ReturnKind.choices)
    country = serializers.CharField(
        min_length=2, max_length=2, help_text="ISO 3166-1 alpha-2 code, not PK"
    )
    embassy_id = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True, default=None
    )
    returned_on = serializers.DateField(required=False, allow_null=True, default=None)


class _Versioned(serializers.Serializer[Any]):
    expected_version = serializers.IntegerField(min_value=1, max_value=MAX_VERSION)


class ReturnStepSerializer(_Versioned):
    step = serializers.ChoiceField(choices=STEP_CHOICES)
    state = serializers.ChoiceField(choices=[(s, s) for s in STEP_STATES])
    on = serializers.DateField()
    document_kind = serializers.ChoiceField(
        choices=TravelDocumentKind.choices, allow_blank=True, required=False, default=""
    )


class ReturnTravelSerializer(_Versioned):
    embassy_id = serializers.IntegerField(min_value=1, max_value=MAX_ID, allow_null=True)
    departure_planned_on = serializers.DateField(allow_null=True)
    departed_on = serializers.DateField(allow_null=True)


class ReturnClosureSerializer(_Versioned):
    closure = serializers.ChoiceField(choices=ReturnClosure.choices)
    closed_on = serializers.DateField()
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ReturnTracingSerializer(_Versioned):
    tracing_outcome = serializers.ChoiceField(choices=TracingOutcome.choices)
    traced_on = serializers.DateField()


class ReturnPlanSerializer(_Versioned):
    plan = serializers.CharField(max_length=8000)


class ReturnFollowUpDoneSerializer(serializers.Serializer[Any]):
    done_on = serializers.DateField()
    situation = serializers.ChoiceField(choices=Situation.choices)
    note = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
