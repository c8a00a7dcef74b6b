"""The 409 answer of POST /api/cases/: the cases the new one looks like, as the user may see
them (``htms/cases/selectors_duplicates.py``)."""

from typing import Any

from rest_framework import serializers

from htms.cases.models import PartyRole, Stage


class DuplicatePersonSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="person_id")
    name = serializers.CharField(help_text="The name, or the pseudonym without need-to-know")
    role = serializers.ChoiceField(choices=PartyRole.choices, help_text="Role in that case")


class DuplicateCandidateSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="case_id")
    reference = serializers.CharField()
    unit = serializers.CharField(source="unit_name")
    stage = serializers.ChoiceField(choices=Stage.choices)
    registered_on = serializers.DateField()
    reason = serializers.CharField(help_text="What the two cases share, in plain words")
    persons = DuplicatePersonSerializer(many=True, help_text="The people the two cases share")


class DuplicateConflictSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField()
    candidates = DuplicateCandidateSerializer(many=True)
