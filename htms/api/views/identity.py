"""Search before create: candidate persons for what a client knows, with reasons."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.api.errors import ErrorsMixin, error_responses
from htms.api.serializers.identity import CandidateQuerySerializer, CandidateSerializer
from htms.api.views.base import actor, valid
from htms.identity.inputs import candidate_query_from_params
from htms.identity.present import candidate_out
from htms.identity.services import candidate_search


class CandidatesView(ErrorsMixin, APIView):
    @extend_schema(
        parameters=[CandidateQuerySerializer],
        responses={200: CandidateSerializer(many=True), **error_responses(400)},
    )
    def get(self, request: Request) -> Response:
        """Up to ten persons who may be the one described, best first, each with the reasons
        and conflicts an officer needs to decide. Only persons whose identity the user may see
        are candidates (national readers: suspects only). The search is audited."""
        params: dict[str, Any] = valid(CandidateQuerySerializer, request.query_params)
        if params.get("age") is not None:
            params["age"] = str(params["age"])
        query = candidate_query_from_params(params)
        found = candidate_search(user=actor(request), query=query)
        return Response(CandidateSerializer([candidate_out(c) for c in found], many=True).data)
