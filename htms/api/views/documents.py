"""Documents of a case (list, upload, download) and the case's timeline.

The same services as the pages (``htms/web/services/documents.py``): the same size and kind
limits on scans, the same access rules, and the same audit rows.
"""

from typing import Any

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.api.errors import ErrorsMixin, error_responses
from htms.api.params import path_id
from htms.api.serializers.documents import (
    CaseDocumentSerializer,
    DocumentUploadSerializer,
    TimelineEntrySerializer,
)
from htms.api.views.base import actor, path_id_parameter, valid
from htms.audit.models import AuditObject
from htms.audit.services import audit_list, audit_view
from htms.cases.access import case_get_for_user
from htms.cases.selectors import case_detail
from htms.web.presenters import case_timeline_for, party_views
from htms.web.selectors import case_documents
from htms.web.services.documents import case_document_add, case_document_download

CASE_ID = path_id_parameter("case_id", "The case's id")
DOCUMENT_ID = path_id_parameter("document_id", "The document's id")


class CaseDocumentsView(ErrorsMixin, APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        parameters=[CASE_ID],
        responses={200: CaseDocumentSerializer(many=True), **error_responses(404)},
    )
    def get(self, request: Request, case_id: str) -> Response:
        """The documents of the case, oldest first; the list read is audited."""
        user = actor(request)
        case = case_get_for_user(user=user, case_id=path_id(case_id))
        documents = list(case_documents(case=case))
        audit_list(
            actor=user,
            object_type=AuditObject.CASE_DOCUMENT,
            object_id="api",
            ids=[d.pk for d in documents],
            case=case.pk,
        )
        return Response(CaseDocumentSerializer(documents, many=True).data)

    @extend_schema(
        parameters=[CASE_ID],
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={201: CaseDocumentSerializer, **error_responses(400, 403, 404)},
    )
    def post(self, request: Request, case_id: str) -> Response:
        """Registers a document of the case, with its scan if sent (multipart)."""
        user = actor(request)
        case = case_get_for_user(user=user, case_id=path_id(case_id), write=True)
        data = valid(DocumentUploadSerializer, request.data)
        document = case_document_add(
            actor=user,
            case_id=case.pk,
            title=data["title"],
            kind=data["kind"],
            date=data["date"],
            upload=data["file"],
        )
        return Response(CaseDocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class CaseDocumentFileView(ErrorsMixin, APIView):
    @extend_schema(
        parameters=[CASE_ID, DOCUMENT_ID],
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                response=OpenApiTypes.BINARY, description="The scan, as an attachment"
            ),
            **error_responses(404),
        },
    )
    def get(self, request: Request, case_id: str, document_id: str) -> Any:
        """Downloads the document's scan; the read is audited. 404 for a paper-only one."""
        download = case_document_download(
            actor=actor(request), case_id=path_id(case_id), document_id=path_id(document_id)
        )
        return FileResponse(
            download.handle,
            as_attachment=True,
            filename=download.filename,
            content_type="application/octet-stream",
        )


class CaseTimelineView(ErrorsMixin, APIView):
    @extend_schema(
        parameters=[CASE_ID],
        responses={200: TimelineEntrySerializer(many=True), **error_responses(404)},
    )
    def get(self, request: Request, case_id: str) -> Response:
        """The case's dated events, oldest first, as on the case page: stages, FIR, hearings,
        verdicts, parties added, route legs, documents. Protected persons appear under their
        pseudonym for users without need-to-know. The read is audited as a read of the case."""
        user = actor(request)
        case = case_detail(user=user, case_id=path_id(case_id))
        timeline = case_timeline_for(
            case, parties=party_views(user, case), documents=list(case_documents(case=case))
        )
        audit_view(actor=user, object_type=AuditObject.CASE, object_id=case.pk)
        return Response(TimelineEntrySerializer(timeline, many=True).data)
