"""Victim protection as the API shows it: the directory, and referrals with the person as the
caller may see them (``htms.protection.presenters``: the identity rule for the referring unit,
consent for the organisation). A field the caller may not see is empty, never the value."""

from typing import Any

from rest_framework import serializers

from htms.api.params import MAX_ID, MAX_VERSION
from htms.api.serializers.base import OutputSerializer
from htms.persons.models import Sex
from htms.protection.models import (
    ConsentBy,
    Organisation,
    OrganisationKind,
    ReferralSource,
    ReferralState,
    ServiceType,
    SharedField,
)


class OrganisationSerializer(OutputSerializer[Organisation]):
    services = serializers.ListField(child=serializers.ChoiceField(choices=ServiceType.choices))
    kind = serializers.ChoiceField(choices=OrganisationKind.choices)

    class Meta:
        model = Organisation
        fields = [
            "id", "name", "name_ur", "kind", "services", "accepts_sex", "min_age", "max_age",
            "languages", "beds", "phone", "email", "address", "hours", "demo_contacts", "active",
        ]  # fmt: skip


class ReferralPersonSerializer(serializers.Serializer[Any]):
    """An ``IdentityView``: ``name`` is the pseudonym where the name is not shown."""

    pseudonym = serializers.CharField()
    name = serializers.CharField()
    visible = serializers.BooleanField()
    sex = serializers.CharField()
    father_name = serializers.CharField()
    birth_date = serializers.CharField()
    documents = serializers.ListField(child=serializers.CharField())
    phones = serializers.ListField(child=serializers.CharField())
    addresses = serializers.ListField(child=serializers.CharField())


class ReferralSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="referral.pk")
    reference = serializers.CharField(source="referral.reference")
    state = serializers.ChoiceField(source="referral.state", choices=ReferralState.choices)
    source = serializers.ChoiceField(  # type: ignore[assignment]
        source="referral.source", choices=ReferralSource.choices
    )
    service = serializers.ChoiceField(source="referral.service", choices=ServiceType.choices)
    organisation_id = serializers.IntegerField(source="referral.organisation_id")
    from_unit = serializers.CharField(source="referral.from_unit.code")
    minor = serializers.BooleanField(source="referral.minor")
    consent_by = serializers.ChoiceField(source="referral.consent_by", choices=ConsentBy.choices)
    consent_withdrawn_at = serializers.DateTimeField(
        source="referral.consent_withdrawn_at", allow_null=True
    )
    proposed_at = serializers.DateTimeField(source="referral.proposed_at")
    sent_at = serializers.DateTimeField(source="referral.sent_at", allow_null=True)
    answered_at = serializers.DateTimeField(source="referral.answered_at", allow_null=True)
    version = serializers.IntegerField(source="referral.version")
    person = ReferralPersonSerializer()
    is_synthetic = serializers.BooleanField(source="referral.is_synthetic")


class CalledPersonSerializer(serializers.Serializer[Any]):
    full_name = serializers.CharField(max_length=200)
    sex = serializers.ChoiceField(choices=Sex.choices, required=False, default=Sex.UNKNOWN)
    birth_year = serializers.IntegerField(
        min_value=1900, max_value=2100, required=False, allow_null=True, default=None
    )


class ReferralInputSerializer(serializers.Serializer[Any]):
    source = serializers.ChoiceField(choices=ReferralSource.choices)  # type: ignore[assignment]
    organisation_id = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    service = serializers.ChoiceField(choices=ServiceType.choices)
    consent_by = serializers.ChoiceField(choices=ConsentBy.choices)
    shared_fields = serializers.ListField(
        child=serializers.ChoiceField(choices=SharedField.choices), required=False, default=list,
        max_length=len(SharedField.values),
    )  # fmt: skip
    consent_note = serializers.CharField(max_length=300, required=False, allow_blank=True)
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    person_id = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True,
        help_text="The victim of the case, or the person of a call or a walk-in",
    )  # fmt: skip
    case_id = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True
    )
    event_id = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True,
        help_text="The border event, for a referral from a border screening",
    )  # fmt: skip
    call_id = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True,
        help_text="The help-line call, for a referral by a call-taker of its help line",
    )  # fmt: skip
    called = CalledPersonSerializer(
        required=False, allow_null=True,
        help_text="For a referral after a call: the person referred, added to the register",
    )  # fmt: skip
    send = serializers.BooleanField(required=False, default=False)


class ReferralMoveSerializer(serializers.Serializer[Any]):
    to_state = serializers.ChoiceField(choices=ReferralState.choices)
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    expected_version = serializers.IntegerField(min_value=1, max_value=MAX_VERSION)
