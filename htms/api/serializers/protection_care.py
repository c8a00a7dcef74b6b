"""The caseworker's records on a referral as the API shows them, and the input of each write.

What a caller sees is decided by ``htms.protection.presenters.referral_care``, as on the
referral page: plans, risk assessments, notes, follow-up notes and hearings go to the
organisation's caseworkers only; for the referring unit those lists are empty, never the value.
"""

from typing import Any

from rest_framework import serializers

from htms.api.params import MAX_VERSION
from htms.protection.models import (
    CourtMeasure,
    ReferralState,
    RiskLevel,
    ServiceType,
    StayDestination,
)

# As the pages' forms (``htms/protection/forms.py``).
TEXT_MAX = 4000
NOTE_MAX = 8000
COMPENSATION_MAX = 10**11


class CarePlanSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    kind = serializers.ChoiceField(choices=ServiceType.choices)
    objectives = serializers.CharField()
    actions = serializers.CharField()
    planned_end = serializers.DateField()
    actual_end = serializers.DateField(allow_null=True)
    outcome = serializers.CharField()
    written_by = serializers.CharField()
    written_at = serializers.DateTimeField()


class CareFollowUpSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    due_on = serializers.DateField()
    done_on = serializers.DateField(allow_null=True)
    note = serializers.CharField(help_text="Empty unless the caller is the organisation's")


class CareRiskSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    level = serializers.ChoiceField(choices=RiskLevel.choices)
    factors = serializers.CharField()
    assessed_by = serializers.CharField()
    assessed_at = serializers.DateTimeField()


class CareNoteSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    text = serializers.CharField()
    written_by = serializers.CharField()
    written_at = serializers.DateTimeField()


class CareStaySerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="stay.pk")
    shelter_id = serializers.IntegerField(source="stay.shelter_id")
    shelter = serializers.CharField(source="stay.shelter.name")
    admitted_on = serializers.DateField(source="stay.admitted_on")
    planned_days = serializers.IntegerField(source="stay.planned_days")
    discharged_on = serializers.DateField(source="stay.discharged_on", allow_null=True)
    destination = serializers.ChoiceField(
        source="stay.destination", choices=StayDestination.choices, allow_blank=True
    )
    days = serializers.IntegerField(help_text="Days in the shelter, to today while it is open")
    over_plan = serializers.BooleanField(help_text="Longer than the planned days")


class CareHearingSerializer(serializers.Serializer[Any]):
    on = serializers.DateField()
    court = serializers.CharField()


class CareCourtSerializer(serializers.Serializer[Any]):
    court_measures = serializers.ListField(
        child=serializers.ChoiceField(choices=CourtMeasure.choices)
    )
    compensation_ordered = serializers.IntegerField(allow_null=True)
    compensation_paid = serializers.IntegerField(allow_null=True)
    version = serializers.IntegerField(help_text="The referral's version")


class CareRecordSerializer(serializers.Serializer[Any]):
    referral_id = serializers.IntegerField(source="referral.pk")
    reference = serializers.CharField(source="referral.reference")
    state = serializers.ChoiceField(source="referral.state", choices=ReferralState.choices)
    caseworker_view = serializers.BooleanField(
        source="care.is_server",
        help_text="The caller is one of the organisation's caseworkers: plans, risk "
        "assessments, notes and hearings are shown; otherwise those lists are empty",
    )
    may_write = serializers.BooleanField(
        source="care.working", help_text="The caller may add records now"
    )
    court = CareCourtSerializer(source="referral")
    stays = CareStaySerializer(source="care.stays", many=True)
    follow_ups = CareFollowUpSerializer(source="care.follow_ups", many=True)
    plans = CarePlanSerializer(source="care.plans", many=True)
    risks = CareRiskSerializer(source="care.risks", many=True)
    notes = CareNoteSerializer(source="care.notes", many=True)
    hearings = CareHearingSerializer(source="care.hearings", many=True)


class ShelterOccupancySerializer(serializers.Serializer[Any]):
    organisation_id = serializers.IntegerField(source="shelter.pk")
    name = serializers.CharField(source="shelter.name")
    beds = serializers.IntegerField(source="shelter.beds", allow_null=True)
    occupied = serializers.IntegerField()
    free = serializers.IntegerField(
        allow_null=True, help_text="Null for a shelter without a bed count"
    )


class CarePlanInputSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=ServiceType.choices)
    objectives = serializers.CharField(max_length=TEXT_MAX)
    actions = serializers.CharField(
        max_length=TEXT_MAX, required=False, allow_blank=True, default=""
    )
    planned_end = serializers.DateField()


class CarePlanEndSerializer(serializers.Serializer[Any]):
    actual_end = serializers.DateField()
    outcome = serializers.CharField(
        max_length=TEXT_MAX, required=False, allow_blank=True, default=""
    )


class CareFollowUpInputSerializer(serializers.Serializer[Any]):
    due_on = serializers.DateField()
    done_on = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")


class CareFollowUpDoneSerializer(serializers.Serializer[Any]):
    done_on = serializers.DateField()
    note = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")


class CareRiskInputSerializer(serializers.Serializer[Any]):
    level = serializers.ChoiceField(choices=RiskLevel.choices)
    factors = serializers.CharField(
        max_length=TEXT_MAX, required=False, allow_blank=True, default=""
    )


class CareNoteInputSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=NOTE_MAX)


class CareCourtInputSerializer(serializers.Serializer[Any]):
    court_measures = serializers.ListField(
        child=serializers.ChoiceField(choices=CourtMeasure.choices),
        max_length=len(CourtMeasure.values), allow_empty=True,
    )  # fmt: skip
    compensation_ordered = serializers.IntegerField(
        min_value=0, max_value=COMPENSATION_MAX, allow_null=True
    )
    compensation_paid = serializers.IntegerField(
        min_value=0, max_value=COMPENSATION_MAX, allow_null=True
    )
    expected_version = serializers.IntegerField(min_value=1, max_value=MAX_VERSION)


class StayAdmitSerializer(serializers.Serializer[Any]):
    admitted_on = serializers.DateField()


class StayDischargeSerializer(serializers.Serializer[Any]):
    discharged_on = serializers.DateField()
    destination = serializers.ChoiceField(choices=StayDestination.choices)
