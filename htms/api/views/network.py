"""Networks of links: a person's or a case's neighbourhood, and the path between two persons.
Access, masking and audit are those of the pages (``htms.network.selectors``)."""

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.api.errors import ErrorsMixin, error_responses
from htms.api.params import path_id
from htms.api.serializers.network import (
    NetworkQuery,
    NetworkSerializer,
    PathQuery,
    PathSerializer,
    link_filter,
)
from htms.api.views.base import actor, path_id_parameter, valid
from htms.network.forms import DEFAULT_DEPTH
from htms.network.presenters import link_json, network_json, node_json
from htms.network.selectors import case_network, path_between, person_network


class PersonNetworkView(ErrorsMixin, APIView):
    @extend_schema(
        parameters=[path_id_parameter("person_id", "The person's id"), NetworkQuery],
        responses={200: NetworkSerializer, **error_responses(400, 404)},
    )
    def get(self, request: Request, person_id: str) -> Response:
        """The links around a person; analysts, the monitoring cell and circle in-charges
        (their part) only; audited."""
        query = valid(NetworkQuery, request.query_params)
        depth, only = query.get("depth") or DEFAULT_DEPTH, link_filter(query)
        page = person_network(
            user=actor(request), person_id=path_id(person_id), depth=depth, only=only
        )
        return Response(network_json(page.view))


class CaseNetworkView(ErrorsMixin, APIView):
    @extend_schema(
        parameters=[path_id_parameter("case_id", "The case's id"), NetworkQuery],
        responses={200: NetworkSerializer, **error_responses(400, 404)},
    )
    def get(self, request: Request, case_id: str) -> Response:
        """The links around a case, like a person's network; 404 for a case the caller may not
        see."""
        query = valid(NetworkQuery, request.query_params)
        depth, only = query.get("depth") or DEFAULT_DEPTH, link_filter(query)
        page = case_network(user=actor(request), case_id=path_id(case_id), depth=depth, only=only)
        return Response(network_json(page.view))


class NetworkPathView(ErrorsMixin, APIView):
    @extend_schema(
        parameters=[PathQuery], responses={200: PathSerializer, **error_responses(400, 404)}
    )
    def get(self, request: Request) -> Response:
        """The shortest path between persons ``a`` and ``b``, each hop with the links that make
        it and their reasons; audited."""
        query = valid(PathQuery, request.query_params)
        found = path_between(user=actor(request), source_id=query["a"], target_id=query["b"],
                             depth=query.get("depth") or 4, only=link_filter(query))  # fmt: skip
        hops = [
            {"source": node_json(a), "target": node_json(b),
             "links": [link_json(li) for li in links]}
            for a, b, links in found.hops
        ]  # fmt: skip
        return Response({"hops": hops, "truncated": found.truncated})
