"""Border intake through the API: manifests (upload, columns, import and its progress), the rows
of a manifest (the correction queue) and the border events (listed, or recorded by hand), with
the pages' rules and audit.

Every view starts at the intake access chokepoint (``htms/intake/access.py``) and calls the
services the pages call; refusals come back as the API's usual 400, 403 and 404.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.accounts.models import User
from htms.api.errors import ErrorsMixin, error_responses
from htms.api.params import path_id
from htms.api.parsers import JSONParser
from htms.api.serializers.intake import (
    BorderEventSerializer,
    EntryInputSerializer,
    EventQuery,
    ManifestDetailSerializer,
    ManifestSerializer,
    ManifestUploadSerializer,
    MappingInputSerializer,
    ProgressSerializer,
    RowQuery,
    RowSerializer,
    ScreeningInputSerializer,
    ScreeningSerializer,
    UploadResultSerializer,
)
from htms.api.views.base import actor, path_id_parameter, valid
from htms.audit.models import AuditObject
from htms.audit.services import audit_list, audit_view
from htms.common.errors import NotAllowedError
from htms.intake.access import (
    border_event_get_for_user,
    intake_may_record,
    manifest_get_for_user,
    manifest_row_cells_visible,
    screening_answers_visible,
)
from htms.intake.forms.events import EntryForm
from htms.intake.models import BorderEvent, Manifest
from htms.intake.presenters import row_view
from htms.intake.selectors import QueueFilters, correction_queue, event_queue, manifest_list
from htms.intake.services.events import border_event_record_matched
from htms.intake.services.manifests import (
    import_progress,
    manifest_import_step,
    manifest_mapping,
    manifest_mapping_problems,
    manifest_mapping_save,
    manifest_upload,
)
from htms.intake.services.screening import ScreeningInput, screening_record
from htms.persons.presenters import identity_views

SCREENING_CLOSED = _("A possible victim's interview is shown only to their post.")
MANIFEST_ID = path_id_parameter("manifest_id", "The manifest's id")


def _audit_page(user: User, object_type: AuditObject, page: list[Any], **context: Any) -> None:
    """One audit row naming the records an API page showed."""
    audit_list(
        actor=user, object_type=object_type, object_id="api", ids=[r.pk for r in page], **context
    )


def _detail(manifest: Manifest) -> dict[str, Any]:
    return {
        "manifest": manifest,
        "progress": import_progress(manifest),
        "mapping": manifest.source.mapping,
        "suggested_mapping": manifest_mapping(manifest),
        "problems": manifest_mapping_problems(manifest),
    }


class ManifestCollectionView(ErrorsMixin, GenericAPIView[Any]):
    parser_classes = [MultiPartParser]

    @extend_schema(responses={200: ManifestSerializer(many=True), **error_responses(404)})
    def get(self, request: Request) -> Response:
        """The manifests the user may see, newest first."""
        user = actor(request)
        page = self.paginate_queryset(manifest_list(user=user)) or []
        _audit_page(user, AuditObject.MANIFEST_LIST, page)
        return self.get_paginated_response(ManifestSerializer(page, many=True).data)

    @extend_schema(
        request={"multipart/form-data": ManifestUploadSerializer},
        responses={
            201: UploadResultSerializer,
            200: UploadResultSerializer,
            **error_responses(400, 403),
        },
    )
    def post(self, request: Request) -> Response:
        """Uploads a list of one of the user's post's sources; its rows are stored raw, not
        imported. The same file again answers 200 with the manifest it already is."""
        user = actor(request)
        if not intake_may_record(user):
            raise PermissionDenied()
        data = valid(ManifestUploadSerializer, request.data)
        upload = data["file"]
        result = manifest_upload(
            actor=user,
            source_id=data["source_id"],
            stream=upload,
            file_name=upload.name or "upload",
            occurred_on=data["occurred_on"],
            flight_or_vessel=data["flight_or_vessel"],
        )
        body = UploadResultSerializer(result).data
        return Response(body, status=status.HTTP_201_CREATED if result.created else 200)


class ManifestDetailView(ErrorsMixin, APIView):
    @extend_schema(
        parameters=[MANIFEST_ID],
        responses={200: ManifestDetailSerializer, **error_responses(404)},
    )
    def get(self, request: Request, manifest_id: str) -> Response:
        """The manifest, its import progress and its columns; the read is audited."""
        user = actor(request)
        manifest = manifest_get_for_user(user=user, manifest_id=path_id(manifest_id))
        audit_view(actor=user, object_type=AuditObject.MANIFEST, object_id=manifest.pk)
        return Response(ManifestDetailSerializer(_detail(manifest)).data)


class ManifestMappingView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[MANIFEST_ID],
        request=MappingInputSerializer,
        responses={200: ManifestDetailSerializer, **error_responses(400, 403, 404, 409)},
    )
    def put(self, request: Request, manifest_id: str) -> Response:
        """Keeps the columns (and the date order) on the manifest's source for every later
        list of it; writers of the manifest's post only."""
        user = actor(request)
        manifest = manifest_get_for_user(user=user, manifest_id=path_id(manifest_id), write=True)
        data = valid(MappingInputSerializer, request.data)
        mapping, day_first = data["mapping"], data["day_first"]
        manifest_mapping_save(
            actor=user, manifest_id=manifest.pk, mapping=mapping, day_first=day_first
        )
        manifest.source.refresh_from_db()
        return Response(ManifestDetailSerializer(_detail(manifest)).data)


class ManifestImportView(ErrorsMixin, APIView):
    @extend_schema(
        parameters=[MANIFEST_ID],
        request=None,
        responses={200: ProgressSerializer, **error_responses(400, 403, 404)},
    )
    def post(self, request: Request, manifest_id: str) -> Response:
        """Imports the next batch of rows (one transaction) and answers the progress; call it
        again until ``done``."""
        user = actor(request)
        manifest = manifest_get_for_user(user=user, manifest_id=path_id(manifest_id), write=True)
        progress = manifest_import_step(actor=user, manifest_id=manifest.pk)
        return Response(ProgressSerializer(progress).data)


class ManifestRowsView(ErrorsMixin, GenericAPIView[Any]):
    @extend_schema(
        parameters=[MANIFEST_ID, RowQuery],
        responses={200: RowSerializer(many=True), **error_responses(400, 404)},
    )
    def get(self, request: Request, manifest_id: str) -> Response:
        """The rows of the manifest: by default the correction queue (rows to correct, to
        confirm, duplicates). Cells are masked as on the pages."""
        user = actor(request)
        manifest = manifest_get_for_user(user=user, manifest_id=path_id(manifest_id))
        query = valid(RowQuery, request.query_params)
        rows = correction_queue(user=user, manifest=manifest, status=query.get("status", ""))
        page = self.paginate_queryset(rows) or []
        _audit_page(user, AuditObject.MANIFEST_ROW_LIST, page, manifest=manifest.pk)
        visible = manifest_row_cells_visible(user, manifest)
        views = [row_view(r, manifest.source.mapping, visible) for r in page]
        return self.get_paginated_response(RowSerializer(views, many=True).data)


def events_body(user: User, events: list[BorderEvent]) -> Any:
    context = {"identities": identity_views(user, [e.person for e in events])}
    return BorderEventSerializer(events, many=True, context=context).data


class BorderEventCollectionView(ErrorsMixin, GenericAPIView[Any]):
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[EventQuery],
        responses={200: BorderEventSerializer(many=True), **error_responses(400, 404)},
    )
    def get(self, request: Request) -> Response:
        """The border events the user may see, oldest first; a protected person is shown by
        pseudonym."""
        user = actor(request)
        query = valid(EventQuery, request.query_params)
        manifest_id = query.get("manifest")
        if manifest_id is not None:
            manifest_id = manifest_get_for_user(user=user, manifest_id=manifest_id).pk
        events = event_queue(user=user, filters=QueueFilters(manifest_id=manifest_id))
        page = self.paginate_queryset(events) or []
        _audit_page(user, AuditObject.BORDER_EVENT_LIST, page, filters=request.query_params.dict())
        return self.get_paginated_response(events_body(user, page))

    @extend_schema(
        request=EntryInputSerializer,
        responses={201: BorderEventSerializer, **error_responses(400, 403)},
    )
    def post(self, request: Request) -> Response:
        """Records one offloadee or deportee by hand at the user's post, as the entry page does:
        the person holding the CNIC or passport, else a new person; other likely matches wait
        on the person's screen. Writers at an immigration post only."""
        user = actor(request)
        if not intake_may_record(user):
            raise PermissionDenied()
        data = valid(EntryInputSerializer, request.data)
        form = EntryForm({k: v for k, v in data.items() if v is not None})
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        event = border_event_record_matched(actor=user, entry=form.entry())
        return Response(events_body(user, [event])[0], status=status.HTTP_201_CREATED)


class ScreeningView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[path_id_parameter("event_id", "The border event's id")],
        request=ScreeningInputSerializer,
        responses={200: ScreeningSerializer, **error_responses(400, 403, 404, 409)},
    )
    def put(self, request: Request, event_id: str) -> Response:
        """Records or changes the screening interview of the person; the classification is
        suggested from the answers, and another one needs a reason. Writers of the event's
        post only."""
        user = actor(request)
        event = border_event_get_for_user(user=user, event_id=path_id(event_id), write=True)
        if not screening_answers_visible(user, event):
            raise NotAllowedError(str(SCREENING_CLOSED))
        data = valid(ScreeningInputSerializer, request.data)
        screening = screening_record(actor=user, event_id=event.pk, data=ScreeningInput(**data))
        return Response(ScreeningSerializer(screening).data)
