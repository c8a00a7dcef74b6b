"""Ledgers of historical cases through the API, as on the ledger pages: a file uploaded and
imported at once, a file read with its rows and their problems, and a waiting row corrected
(imported if good) or set aside. Monitoring cell only: the upload is refused (403), a file or
row is unknown (404) to everyone else. Stale versions are 409.

Every view starts at the statistics access functions (``htms/statistics/access.py``) and calls
the services the pages call (``htms/statistics/ledger``)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.api.errors import ErrorsMixin, error_responses
from htms.api.params import path_id
from htms.api.parsers import JSONParser
from htms.api.serializers.ledger import (
    LedgerBatchSerializer,
    LedgerRowInputSerializer,
    LedgerRowSerializer,
    LedgerUploadInputSerializer,
)
from htms.api.views.base import actor, path_id_parameter, valid
from htms.audit.models import AuditObject
from htms.audit.services import audit_view
from htms.statistics.access import (
    LEDGER_IMPORT_REFUSED,
    ledger_batch_get_for_user,
    ledger_may_import,
    ledger_row_get_for_user,
)
from htms.statistics.ledger.corrections import ledger_row_correct, ledger_row_dismiss
from htms.statistics.ledger.importer import FileProblem, ledger_batch_counts, ledger_import
from htms.statistics.ledger.presenters import batch_view, row_view
from htms.statistics.models import LedgerBatch

BATCH_ID = path_id_parameter("batch_id", "The ledger file's id")
NUMBER = path_id_parameter("number", "The row's number in the file")


def _batch_body(batch: LedgerBatch) -> Any:
    view = batch_view(batch)
    body = {"batch": batch, "counts": ledger_batch_counts(batch), "rows": view.rows}
    return LedgerBatchSerializer(body).data


class LedgerCollectionView(ErrorsMixin, APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": LedgerUploadInputSerializer},
        responses={201: LedgerBatchSerializer, **error_responses(400, 403)},
    )
    def post(self, request: Request) -> Response:
        """Uploads a ledger transcription and imports it: good rows become historical cases,
        rows whose case is already in HTMS are marked so, rows with problems wait for
        correction. Columns that cannot be found are a 400 naming each (nothing stored)."""
        user = actor(request)
        if not ledger_may_import(user):
            raise PermissionDenied(str(LEDGER_IMPORT_REFUSED))
        data = valid(LedgerUploadInputSerializer, request.data)
        upload = data["file"]
        try:
            result = ledger_import(
                actor=user, stream=upload, name=upload.name or "ledger", mapping=data["mapping"]
            )
        except FileProblem as exc:
            raise ValidationError({"file": [exc.message]}) from None
        if result.batch is None:
            raise ValidationError({f"mapping.{k}": [v] for k, v in result.mapping_problems.items()})
        return Response(_batch_body(result.batch), status=status.HTTP_201_CREATED)


class LedgerDetailView(ErrorsMixin, APIView):
    @extend_schema(
        parameters=[BATCH_ID], responses={200: LedgerBatchSerializer, **error_responses(404)}
    )
    def get(self, request: Request, batch_id: str) -> Response:
        """A ledger file: its columns, counts by status and every row with its problems; the
        read is audited."""
        user = actor(request)
        batch = ledger_batch_get_for_user(user=user, batch_id=path_id(batch_id))
        audit_view(actor=user, object_type=AuditObject.LEDGER_IMPORT, object_id=batch.pk)
        return Response(_batch_body(batch))


class LedgerRowView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[BATCH_ID, NUMBER],
        request=LedgerRowInputSerializer,
        responses={200: LedgerRowSerializer, **error_responses(400, 404, 409)},
    )
    def patch(self, request: Request, batch_id: str, number: str) -> Response:
        """Corrects a waiting row's cells (only those given) and checks it again: imported if
        good, else still waiting with its new problems. With ``dismiss_reason``, sets the row
        aside instead. Audited."""
        user = actor(request)
        row = ledger_row_get_for_user(user=user, batch_id=path_id(batch_id), number=path_id(number))
        data = valid(LedgerRowInputSerializer, request.data)
        version = data["expected_version"]
        if data["dismiss_reason"].strip():
            done = ledger_row_dismiss(
                actor=user,
                batch_id=row.batch_id,
                number=row.number,
                expected_version=version,
                reason=data["dismiss_reason"],
            )
        else:
            done = ledger_row_correct(
                actor=user,
                batch_id=row.batch_id,
                number=row.number,
                expected_version=version,
                cells=data["cells"],
            )
        return Response(LedgerRowSerializer(row_view(done)).data)
