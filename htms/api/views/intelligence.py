"""The agents register, dossiers, graded facts and the red book, through the services and
access rules of ``htms/intelligence``; every read and write is audited there or here."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.api.errors import ErrorsMixin, error_responses
from htms.api.params import path_id
from htms.api.parsers import JSONParser
from htms.api.serializers.intelligence import (
    AgentQuery,
    AgentSerializer,
    DossierSerializer,
    FactInputSerializer,
    FactSerializer,
    NominationInputSerializer,
    RedBookDecisionSerializer,
    RedBookEntrySerializer,
)
from htms.api.views.base import actor, path_id_parameter, valid
from htms.intelligence.books import book_shown, books_check, red_book_rows
from htms.intelligence.inputs import FactInput, NominationInput
from htms.intelligence.presenters import fact_views
from htms.intelligence.red_book import (
    red_book_current,
    red_book_decide,
    red_book_nominate,
    red_book_waiting,
)
from htms.intelligence.selectors import agent_dossier, agent_list, agent_list_shown
from htms.intelligence.services import fact_record
from htms.persons.presenters import identity_view, identity_views

PERSON_ID = path_id_parameter("person_id", "The agent's person id")
ENTRY_ID = path_id_parameter("entry_id", "The red-book entry's id")


class AgentCollectionView(ErrorsMixin, GenericAPIView[Any]):
    @extend_schema(
        parameters=[AgentQuery],
        responses={200: AgentSerializer(many=True), **error_responses(400, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        """The agents whose dossier the user may read, newest first; `status` filters by the
        latest standing status fact. Names are masked where the identity rule says so."""
        user = actor(request)
        books_check(user)
        query = valid(AgentQuery, request.query_params)
        agents = agent_list(user=user, status=query.get("status", ""))
        page = self.paginate_queryset(agents) or []
        agent_list_shown(user=user, agents=page, status=query.get("status", ""), api=True)
        views = identity_views(user, page)
        rows = [
            {
                "id": a.pk,
                "name": views[a.pk].name,
                "identity_visible": views[a.pk].visible,
                "status": getattr(a, "status", None),
                "fact_count": getattr(a, "fact_count", 0),
                "is_synthetic": a.is_synthetic,
            }
            for a in page
        ]
        return self.get_paginated_response(AgentSerializer(rows, many=True).data)


def _dossier_data(request: Request, person_id: int) -> dict[str, Any]:
    user = actor(request)
    dossier = agent_dossier(user=user, person_id=person_id)
    ident = identity_view(user, dossier.person)
    return {
        "id": ident.person_id,
        "name": ident.name,
        "identity_visible": ident.visible,
        "cases": [role.case_id for role in dossier.roles],
        "facts": fact_views(user, dossier.facts, identity=ident.visible),
        "red_book": red_book_rows(user, dossier.red_book),
        "convictions": dossier.convictions,
    }


class AgentDetailView(ErrorsMixin, APIView):
    @extend_schema(
        parameters=[PERSON_ID], responses={200: DossierSerializer, **error_responses(404)}
    )
    def get(self, request: Request, person_id: str) -> Response:
        """An agent's dossier: graded facts (withdrawn ones marked), red-book entries and
        standing convictions; the cases listed are those the user may see. Audited."""
        return Response(DossierSerializer(_dossier_data(request, path_id(person_id))).data)


class AgentFactsView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[PERSON_ID],
        request=FactInputSerializer,
        responses={201: FactSerializer, **error_responses(400, 403, 404)},
    )
    def post(self, request: Request, person_id: str) -> Response:
        """Records a graded fact (no photograph through the API). Case writers and analysts
        who may read the dossier. For a case source, `source_reference` is the case reference."""
        user = actor(request)
        pk = path_id(person_id)
        data = valid(FactInputSerializer, request.data)
        given = FactInput(
            kind=data["kind"],
            value=data["value"],
            source_kind=data["source_kind"],
            source_reference=data["source_reference"],
            reliability=data["reliability"],
            credibility=data["credibility"],
            handling_code=data["handling_code"],
            district_code=data["district"],
            country_code=data["country"],
        )
        fact = fact_record(actor=user, person_id=pk, data=given)
        ident = identity_view(user, fact.person)
        [view] = fact_views(user, [fact], identity=ident.visible)
        return Response(FactSerializer(view).data, status=status.HTTP_201_CREATED)


class AgentNominationView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[PERSON_ID],
        request=NominationInputSerializer,
        responses={201: RedBookEntrySerializer, **error_responses(400, 403, 404)},
    )
    def post(self, request: Request, person_id: str) -> Response:
        """Nominates the agent for the red book (case writers posted at a circle). The entry
        waits for headquarters."""
        user = actor(request)
        pk = path_id(person_id)
        data = valid(NominationInputSerializer, request.data)
        given = NominationInput(
            reasons=data["reasons"],
            last_known_location=data["last_known_location"],
            reward_pkr=data.get("reward_pkr"),
        )
        entry = red_book_nominate(
            actor=user, person_id=pk, data=given, expires_on=data["expires_on"]
        )
        [row] = red_book_rows(user, [entry])
        return Response(RedBookEntrySerializer(row).data, status=status.HTTP_201_CREATED)


class RedBookView(ErrorsMixin, APIView):
    @extend_schema(responses={200: RedBookEntrySerializer(many=True), **error_responses(403)})
    def get(self, request: Request) -> Response:
        """The red book today, then the nominations waiting for headquarters that the user may
        see. Audited."""
        user = actor(request)
        books_check(user)
        entries = [*red_book_current(user=user), *red_book_waiting(user=user)]
        rows = red_book_rows(user, entries)
        book_shown(user=user, book="red", rows=rows)
        return Response(RedBookEntrySerializer(rows, many=True).data)


class RedBookDecisionView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[ENTRY_ID],
        request=RedBookDecisionSerializer,
        responses={200: RedBookEntrySerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request: Request, entry_id: str) -> Response:
        """Approves or declines a waiting nomination (the ATU monitoring cell). A decline
        needs a `reason`; an old `expected_version` is refused (409)."""
        user = actor(request)
        pk = path_id(entry_id)
        data = valid(RedBookDecisionSerializer, request.data)
        entry = red_book_decide(
            actor=user,
            entry_id=pk,
            expected_version=data["expected_version"],
            approve=data["approve"],
            reason=data["reason"],
        )
        [row] = red_book_rows(user, [entry])
        return Response(RedBookEntrySerializer(row).data)
