"""Parties of a registered case: added in bulk, and the facts of one changed.

As in ``cases.py``, every view starts at the access chokepoint, so that a user who may not know
the case exists gets the same 404 whatever they send.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.accounts.models import User
from htms.api.errors import ErrorsMixin, error_responses
from htms.api.params import path_id
from htms.api.parsers import BulkJSONParser, JSONParser
from htms.api.serializers.case_output import PartySerializer
from htms.api.serializers.parties import (
    PartiesAddedSerializer,
    PartiesAddSerializer,
    PartyUpdateSerializer,
    party_facts_from,
    party_inputs_from,
)
from htms.api.views.base import actor, path_id_parameter, valid
from htms.cases.access import case_get_for_user
from htms.cases.models import Case, CaseParty
from htms.cases.services.parties_bulk import case_add_parties
from htms.cases.services.party_facts import party_update
from htms.persons.access import identity_visibility
from htms.persons.models import Person

CASE_ID = path_id_parameter("case_id", "The case's id")
PARTY_ID = path_id_parameter("party_id", "The party's id (not the person's)")


class CasePartiesView(ErrorsMixin, APIView):
    parser_classes = [BulkJSONParser]

    @extend_schema(
        parameters=[CASE_ID],
        request=PartiesAddSerializer,
        responses={201: PartiesAddedSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request: Request, case_id: str) -> Response:
        """Adds parties to the case: up to 10,000 victims, accused, witnesses or complainants
        in one request, all or none. A bad party is reported under `parties[i].field`."""
        user = actor(request)
        case = case_get_for_user(user=user, case_id=path_id(case_id), write=True)
        data = valid(PartiesAddSerializer, request.data)
        rows = case_add_parties(
            actor=user,
            case_id=case.pk,
            expected_version=data["expected_version"],
            parties=party_inputs_from(data),
        )
        version = Case.objects.values_list("version", flat=True).get(pk=case.pk)
        body = PartiesAddedSerializer({"case_version": version, "parties": rows})
        return Response(body.data, status=status.HTTP_201_CREATED)


class CasePartyView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[CASE_ID, PARTY_ID],
        request=PartyUpdateSerializer,
        responses={200: PartySerializer, **error_responses(400, 403, 404, 409)},
    )
    def patch(self, request: Request, case_id: str, party_id: str) -> Response:
        """Changes an accused's status or network role, or a victim's trafficking status and
        the organisation that decided it; the fields left out stay as they are."""
        user = actor(request)
        case = case_get_for_user(user=user, case_id=path_id(case_id), write=True)
        data = valid(PartyUpdateSerializer, request.data)
        row = party_update(
            actor=user,
            case_id=case.pk,
            expected_version=data["expected_version"],
            party_id=path_id(party_id),
            facts=party_facts_from(data),
        )
        return Response(_party_data(user, row.pk))


def _party_data(user: User, party_id: int) -> dict[str, object]:
    """The party as the case detail shows it, with its person masked where need be."""
    row = (
        CaseParty.objects.select_related("person", "network_role")
        .prefetch_related(
            "exploitation_types", "means_of_control", "person__documents", "person__phones"
        )
        .get(pk=party_id)
    )
    visible = identity_visibility(user, [row.person_id])

    def identity_visible(person: Person) -> bool:
        return visible[person.pk]

    return dict(PartySerializer(row, context={"identity_visible": identity_visible}).data)
