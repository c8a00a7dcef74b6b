"""Statistics over the cases the user may see."""

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.api.errors import ErrorsMixin, error_responses
from htms.api.serializers.case_output import CaseCountSerializer
from htms.api.views.base import actor
from htms.cases.selectors import case_counts


class CaseCountsView(ErrorsMixin, APIView):
    @extend_schema(responses={200: CaseCountSerializer(many=True), **error_responses()})
    def get(self, request: Request) -> Response:
        """Cases by crime type, stage and province; a case counts once per crime type."""
        rows = case_counts(user=actor(request))
        return Response(CaseCountSerializer(rows, many=True).data)
