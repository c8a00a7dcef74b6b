"""The correction queue through the API, as on the row page: a row read with its cells masked
as on the pages, the row it repeats and the persons it may be about; corrected, given its
person, or set aside with a reason. Stale versions are 409.

Every view starts at the intake access chokepoint (``manifest_row_get_for_user``) and calls the
services of ``htms/intake/services/rows.py``, which the pages call.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.accounts.models import User
from htms.api.errors import ErrorsMixin, error_responses
from htms.api.params import path_id
from htms.api.parsers import JSONParser
from htms.api.serializers.intake_processing import (
    ChoosePersonInputSerializer,
    CorrectionInputSerializer,
    RowDetailSerializer,
    SetAsideInputSerializer,
)
from htms.api.views.base import actor, path_id_parameter, valid
from htms.audit.models import AuditObject
from htms.audit.services import audit_view
from htms.intake.access import manifest_row_cells_visible, manifest_row_get_for_user
from htms.intake.models import ManifestRow
from htms.intake.presenters import row_view
from htms.intake.selectors import candidate_views
from htms.intake.services.rows import row_choose_person, row_correct, row_set_aside

F = TypeVar("F", bound=Callable[..., Response])
ROW_ID = path_id_parameter("row_id", "The manifest row's id")


def _row_body(user: User, row_id: int) -> Any:
    row = manifest_row_get_for_user(user=user, row_id=row_id)
    visible = manifest_row_cells_visible(user, row.manifest)
    detail = {
        "row": row_view(row, row.manifest.source.mapping, visible),
        "manifest": row.manifest_id,
        "version": row.version,
        "candidates": candidate_views(user=user, candidates=row.candidates),
    }
    return RowDetailSerializer(detail).data


class RowDetailView(ErrorsMixin, APIView):
    @extend_schema(
        parameters=[ROW_ID], responses={200: RowDetailSerializer, **error_responses(404)}
    )
    def get(self, request: Request, row_id: str) -> Response:
        """A row of a list: its cells (masked as on the pages), problems, the row it repeats,
        the persons it may be about, and its version; the read is audited."""
        user = actor(request)
        row = manifest_row_get_for_user(user=user, row_id=path_id(row_id))
        audit_view(actor=user, object_type=AuditObject.MANIFEST_ROW, object_id=row.pk)
        return Response(_row_body(user, row.pk))


class _RowActionView(ErrorsMixin, APIView):
    """One decision on a row through its service; writers of the list's post only."""

    parser_classes = [JSONParser]
    input_class: type[serializers.Serializer[Any]]

    def act(self, user: User, row: ManifestRow, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def post(self, request: Request, row_id: str) -> Response:
        user = actor(request)
        row = manifest_row_get_for_user(user=user, row_id=path_id(row_id), write=True)
        data = valid(self.input_class, request.data)
        self.act(user, row, data)
        return Response(_row_body(user, row.pk))


def _row_schema(input_class: type) -> Callable[[F], F]:
    return extend_schema(
        parameters=[ROW_ID],
        request=input_class,
        responses={200: RowDetailSerializer, **error_responses(400, 403, 404, 409)},
    )


class RowCorrectionView(_RowActionView):
    input_class = CorrectionInputSerializer

    def act(self, user: User, row: ManifestRow, data: dict[str, Any]) -> Any:
        return row_correct(actor=user, row_id=row.pk, **data)

    @_row_schema(CorrectionInputSerializer)
    def post(self, request: Request, row_id: str) -> Response:
        """Corrects the values of a row that needs correction and tries it again: it is
        imported, or stays in the queue with its new problems. The cells stay as read."""
        return super().post(request, row_id)


class RowPersonView(_RowActionView):
    input_class = ChoosePersonInputSerializer

    def act(self, user: User, row: ManifestRow, data: dict[str, Any]) -> Any:
        person = data["person"]
        version = data["expected_version"]
        return row_choose_person(
            actor=user, row_id=row.pk, expected_version=version, person_id=person
        )

    @_row_schema(ChoosePersonInputSerializer)
    def post(self, request: Request, row_id: str) -> Response:
        """For a row whose numbers several persons carry: records it for one of its
        candidates, or for a new person."""
        return super().post(request, row_id)


class RowSetAsideView(_RowActionView):
    input_class = SetAsideInputSerializer

    def act(self, user: User, row: ManifestRow, data: dict[str, Any]) -> Any:
        version = data["expected_version"]
        return row_set_aside(
            actor=user, row_id=row.pk, expected_version=version, reason=data["note"]
        )

    @_row_schema(SetAsideInputSerializer)
    def post(self, request: Request, row_id: str) -> Response:
        """Takes a row out of the queue with the reason; it is kept, records nobody and
        cannot be undone. An imported row cannot be set aside."""
        return super().post(request, row_id)
