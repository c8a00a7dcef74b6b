"""Parties added to a registered case, in bulk, and the facts of a party changed."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from htms.api.params import MAX_VERSION
from htms.api.serializers.base import OutputSerializer
from htms.api.serializers.case_input import PartyInputSerializer, party_input_from
from htms.cases.inputs import PartyInput
from htms.cases.models import AccusedStatus, CaseParty, DecidingOrganisation, TraffickingStatus
from htms.cases.services.party_facts import PartyFactsInput

# The most parties one request adds: a large trafficking ring's victims.
MAX_PARTIES_AT_ONCE = 10000
NO_PARTIES = _("Send at least one party.")
TOO_MANY_PARTIES = _("Send at most {max_length} parties in one request; send the rest in another.")


def _version() -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1, max_value=MAX_VERSION, help_text="The case's version as last read"
    )


class PartiesAddSerializer(serializers.Serializer[Any]):
    expected_version = _version()
    parties: serializers.ListSerializer[Any] = serializers.ListSerializer(
        child=PartyInputSerializer(),
        min_length=1,
        max_length=MAX_PARTIES_AT_ONCE,
        error_messages={
            "min_length": NO_PARTIES,
            "max_length": TOO_MANY_PARTIES,
            "empty": NO_PARTIES,
        },
        help_text=(
            f"Up to {MAX_PARTIES_AT_ONCE:,} parties, each an existing person (`person_id`) or a "
            "new one (`person`). All are added or none; errors are keyed `parties[i].field`."
        ),
    )


def party_inputs_from(data: dict[str, Any]) -> list[PartyInput]:
    return [party_input_from(p) for p in data["parties"]]


def _optional_choice(choices: Any) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=choices, required=False, allow_blank=True)


def _optional_codes(help_text: str) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=60),
        max_length=20,
        required=False,
        help_text=help_text,
    )


class PartyUpdateSerializer(serializers.Serializer[Any]):
    """The facts to change; a field left out stays as it is."""

    expected_version = _version()
    accused_status = _optional_choice(AccusedStatus.choices)
    network_role = serializers.CharField(
        max_length=60,
        required=False,
        allow_blank=True,
        help_text="Term code of the network_role vocabulary; empty to remove",
    )
    trafficking_status = _optional_choice(TraffickingStatus.choices)
    status_decided_by = _optional_choice(DecidingOrganisation.choices)
    exploitation_types = _optional_codes("Term codes; replace the party's list")
    means_of_control = _optional_codes("Term codes; replace the party's list")


def party_facts_from(data: dict[str, Any]) -> PartyFactsInput:
    return PartyFactsInput(
        accused_status=data.get("accused_status"),
        network_role_code=data.get("network_role"),
        trafficking_status=data.get("trafficking_status"),
        status_decided_by=data.get("status_decided_by"),
        exploitation_type_codes=data.get("exploitation_types"),
        means_of_control_codes=data.get("means_of_control"),
    )


class PartyAddedSerializer(OutputSerializer[CaseParty]):
    class Meta:
        model = CaseParty
        fields = ["id", "person", "role"]


class PartiesAddedSerializer(serializers.Serializer[Any]):
    case_version = serializers.IntegerField(help_text="The case's version after the write")
    parties = PartyAddedSerializer(many=True, read_only=True, help_text="In the order sent")
