"""Help-line calls and leads as the API shows and takes them.

Whether the caller's name and number are shown is decided by ``htms.helpline.presenters``
(``call_view``), never here: a withheld caller arrives as "Withheld" with no number.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from htms.helpline.inputs import CallInput, call_input_from
from htms.helpline.models import CallLanguage, CallStatus, Category, Channel, Lead, Urgency


class CallSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="call.pk", read_only=True)
    reference = serializers.CharField(source="call.reference", read_only=True)
    channel = serializers.ChoiceField(source="call.channel", choices=Channel.choices)
    started_at = serializers.DateTimeField(source="call.started_at", read_only=True)
    answered_at = serializers.DateTimeField(source="call.answered_at", read_only=True)
    ended_at = serializers.DateTimeField(source="call.ended_at", read_only=True)
    anonymous = serializers.BooleanField(source="call.anonymous", read_only=True)
    caller = serializers.CharField(read_only=True, help_text="The name, or why it is not shown")
    caller_phone = serializers.CharField(read_only=True, help_text="E.164; empty when withheld")
    district = serializers.CharField(
        source="call.district.code", read_only=True, allow_null=True, default=None
    )
    language = serializers.ChoiceField(source="call.language", choices=CallLanguage.choices)
    summary = serializers.CharField(source="call.summary", read_only=True)
    category = serializers.ChoiceField(source="call.category", choices=Category.choices)
    urgency = serializers.ChoiceField(source="call.urgency", choices=Urgency.choices)
    status = serializers.ChoiceField(source="call.status", choices=CallStatus.choices)
    circle = serializers.CharField(
        source="call.circle.code", read_only=True, allow_null=True, default=None
    )
    escalated_at = serializers.DateTimeField(source="call.escalated_at", read_only=True)
    acknowledged_at = serializers.DateTimeField(source="call.acknowledged_at", read_only=True)
    case_id = serializers.IntegerField(source="call.case_id", read_only=True, allow_null=True)


class CallInputSerializer(serializers.Serializer[Any]):
    channel = serializers.ChoiceField(choices=Channel.choices)
    started_at = serializers.DateTimeField()
    answered_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    ended_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    anonymous = serializers.BooleanField(required=False, default=False)
    caller_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    caller_phone = serializers.CharField(required=False, allow_blank=True, max_length=30)
    district = serializers.CharField(
        required=False, allow_blank=True, max_length=16, help_text="District code"
    )
    language = serializers.ChoiceField(choices=CallLanguage.choices)
    summary = serializers.CharField(max_length=10000)
    category = serializers.ChoiceField(choices=Category.choices)
    urgency = serializers.ChoiceField(choices=Urgency.choices)
    circle = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=32,
        help_text="Code of the circle to alert; empty: the caller's district's circle",
    )

    def call_input(self) -> CallInput:
        return call_input_from(self.validated_data)


class LeadSerializer(serializers.ModelSerializer[Lead]):
    call_id = serializers.IntegerField(read_only=True)
    circle = serializers.CharField(source="circle.code", read_only=True, allow_null=True)

    class Meta:
        model = Lead
        fields = ["id", "call_id", "agent_name", "agent_phone", "what_was_said", "circle"]
        read_only_fields = fields
