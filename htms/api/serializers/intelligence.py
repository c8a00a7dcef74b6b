"""The agents register, dossier facts and the red book as the API shows and takes them.

The output is built from the presenters of ``htms/intelligence`` (``identity_views``,
``fact_views``, ``red_book_rows``), so masking is decided there: an agent whose identity the
caller may not see has the pseudonym as ``name`` and ``•••`` as every fact's value.
"""

from typing import Any

from rest_framework import serializers

from htms.intelligence.models import (
    AgentStatus,
    Credibility,
    FactKind,
    HandlingCode,
    Reliability,
    SourceKind,
)


class AgentSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField(help_text="The name, or the pseudonym when masked")
    identity_visible = serializers.BooleanField()
    status = serializers.CharField(allow_null=True, help_text="The latest standing status fact")
    fact_count = serializers.IntegerField()
    is_synthetic = serializers.BooleanField()


class AgentQuery(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=AgentStatus.choices, required=False)
    page = serializers.IntegerField(required=False, min_value=1)


class FactSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    kind = serializers.CharField(source="kind_code")
    value = serializers.CharField(help_text="••• when the agent's identity is masked")
    place = serializers.CharField()
    source_record = serializers.CharField(source="source")
    source_case = serializers.IntegerField(source="source_case_id", allow_null=True)
    grading = serializers.CharField(help_text="Reliability, credibility and handling: `B2 H1`")
    recorded_by = serializers.CharField()
    recorded_at = serializers.DateTimeField()
    withdrawn = serializers.BooleanField()
    withdraw_reason = serializers.CharField()


class RedBookEntrySerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="entry_id")
    person = serializers.IntegerField(source="ident.person_id")
    name = serializers.CharField(source="ident.name")
    state = serializers.CharField()
    reasons = serializers.CharField()
    reward_pkr = serializers.DecimalField(max_digits=12, decimal_places=0, allow_null=True)
    last_known_location = serializers.CharField()
    expires_on = serializers.DateField()
    nominating_unit = serializers.CharField(source="unit")
    version = serializers.IntegerField()


class ConvictionSerializer(serializers.Serializer[Any]):
    offence = serializers.CharField()
    court = serializers.CharField()
    date = serializers.DateField()
    sentence_months = serializers.IntegerField(allow_null=True)
    appeal_status = serializers.CharField()


class DossierSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    identity_visible = serializers.BooleanField()
    cases = serializers.ListField(child=serializers.IntegerField())
    facts = FactSerializer(many=True)
    red_book = RedBookEntrySerializer(many=True)
    convictions = ConvictionSerializer(many=True)


class FactInputSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=FactKind.choices)
    value = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    district = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    country = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    source_kind = serializers.ChoiceField(choices=SourceKind.choices)
    source_reference = serializers.CharField(max_length=120)
    reliability = serializers.ChoiceField(choices=Reliability.choices)
    credibility = serializers.ChoiceField(choices=Credibility.choices)
    handling_code = serializers.ChoiceField(choices=HandlingCode.choices)


class NominationInputSerializer(serializers.Serializer[Any]):
    reasons = serializers.CharField(max_length=4000)
    last_known_location = serializers.CharField(max_length=300)
    reward_pkr = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    expires_on = serializers.DateField()


class RedBookDecisionSerializer(serializers.Serializer[Any]):
    expected_version = serializers.IntegerField(min_value=1)
    approve = serializers.BooleanField()
    reason = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
