"""Persons: search the register, read one person."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.api.errors import ErrorsMixin, error_responses
from htms.api.params import path_id
from htms.api.selectors import person_roles, person_search
from htms.api.serializers.persons import (
    PersonDetailSerializer,
    PersonListItemSerializer,
    PersonQuery,
)
from htms.api.views.base import actor, path_id_parameter, valid
from htms.audit.models import AuditObject
from htms.audit.services import audit_list, audit_view
from htms.persons.access import person_get_for_user, person_identity_visible
from htms.persons.models import Person


def _annotated_identity(person: Person) -> bool:
    return bool(getattr(person, "identity_visible", False))


class PersonCollectionView(ErrorsMixin, GenericAPIView[Any]):
    @extend_schema(
        parameters=[PersonQuery],
        responses={200: PersonListItemSerializer(many=True), **error_responses(400, 404)},
    )
    def get(self, request: Request) -> Response:
        """The persons the user may see. A name or CNIC matches only unmasked persons."""
        user = actor(request)
        query = valid(PersonQuery, request.query_params)
        terms = {key: query[key] for key in ("q", "cnic") if query.get(key)}
        persons = person_search(user=user, q=terms.get("q", ""), cnic=terms.get("cnic", ""))
        page = self.paginate_queryset(persons) or []
        audit_list(
            actor=user,
            object_type=AuditObject.PERSON_SEARCH if terms else AuditObject.PERSON_LIST,
            object_id="api",
            ids=[person.pk for person in page],
            search=terms,
            page=request.query_params.get("page", "1"),
        )
        context = {"identity_visible": _annotated_identity}
        return self.get_paginated_response(
            PersonListItemSerializer(page, many=True, context=context).data
        )


class PersonDetailView(ErrorsMixin, APIView):
    @extend_schema(
        parameters=[path_id_parameter("person_id", "The person's id")],
        responses={200: PersonDetailSerializer, **error_responses(404)},
    )
    def get(self, request: Request, person_id: str) -> Response:
        """One person and their roles in the cases the user may see; the read is audited."""
        user = actor(request)
        person = person_get_for_user(user=user, person_id=path_id(person_id))
        visible = person_identity_visible(user, person)
        context = {
            "identity_visible": lambda _person: visible,
            "roles": person_roles(user=user, person=person),
        }
        data = PersonDetailSerializer(person, context=context).data
        audit_view(actor=user, object_type=AuditObject.PERSON, object_id=person.pk)
        return Response(data)
