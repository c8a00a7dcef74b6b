"""Statistics over the cases the user may see, under the same disclosure control as the
statistics page (``docs/statistics.md``), read from the replica where one is configured
(``htms/common/replica.py``)."""

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.api.errors import ErrorsMixin, error_responses
from htms.api.serializers.case_output import CaseCountSerializer
from htms.api.serializers.statistics import (
    DurationsSerializer,
    FigureQuery,
    FunnelSerializer,
    PublishedTableSerializer,
)
from htms.api.views.base import actor, valid
from htms.cases.selectors import case_counts
from htms.common.replica import replica_reads
from htms.statistics.durations import case_durations
from htms.statistics.figures import CountingUnit
from htms.statistics.funnel import case_funnel
from htms.statistics.published import unit_tables


class CaseCountsView(ErrorsMixin, APIView):
    @extend_schema(responses={200: CaseCountSerializer(many=True), **error_responses()})
    def get(self, request: Request) -> Response:
        """Cases by crime type, stage and province; a case counts once per crime type."""
        user = actor(request)
        with replica_reads():
            rows = case_counts(user=user)
        return Response(CaseCountSerializer(rows, many=True).data)


class FigureView(ErrorsMixin, APIView):
    """One counting unit by year and one dimension; ``unit`` is set per route."""

    unit = CountingUnit.VICTIMS

    @extend_schema(
        parameters=[FigureQuery],
        responses={200: PublishedTableSerializer, **error_responses(400)},
    )
    def get(self, request: Request) -> Response:
        """People counted by year and one dimension; cells of fewer than k people withheld
        (null) unless the user may see every counted person's identity."""
        query = valid(FigureQuery, request.query_params)
        user = actor(request)
        with replica_reads():
            tables = unit_tables(
                user=user, unit=self.unit, year=query.get("year"), facts=[query["by"]]
            )
        table = tables[query["by"]]
        return Response(PublishedTableSerializer(table).data)


class FunnelView(ErrorsMixin, APIView):
    @extend_schema(responses={200: FunnelSerializer, **error_responses()})
    def get(self, request: Request) -> Response:
        """Cases with an FIR → challan → trial → conviction, by year of the FIR, with rates."""
        user = actor(request)
        with replica_reads():
            funnel = case_funnel(user=user)
        return Response(FunnelSerializer(funnel).data)


class DurationsView(ErrorsMixin, APIView):
    @extend_schema(responses={200: DurationsSerializer, **error_responses()})
    def get(self, request: Request) -> Response:
        """Days from FIR to challan and to trial judgment: quartiles by year of the FIR,
        withheld over fewer than k cases."""
        user = actor(request)
        with replica_reads():
            durations = case_durations(user=user)
        return Response(DurationsSerializer(durations).data)
