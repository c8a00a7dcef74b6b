"""Case documents and the case timeline, as the API shows and accepts them."""

from typing import Any

from rest_framework import serializers

from htms.api.serializers.base import OutputSerializer
from htms.api.serializers.case_output import UserBriefSerializer
from htms.persons.models import DatePrecision
from htms.web.models import CaseDocument, DocumentKind
from htms.web.services.documents import MAX_FILE_BYTES


class CaseDocumentSerializer(OutputSerializer[CaseDocument]):
    added_by = UserBriefSerializer(read_only=True)
    has_file = serializers.SerializerMethodField(help_text="Whether a scan can be downloaded")

    class Meta:
        model = CaseDocument
        fields = ["id", "title", "kind", "date", "has_file", "added_by", "added_at"]

    def get_has_file(self, document: CaseDocument) -> bool:
        return bool(document.file)


class DocumentUploadSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    date = serializers.DateField(help_text="The date of the document, not of the upload")
    file = serializers.FileField(
        required=False,
        allow_null=True,
        default=None,
        allow_empty_file=False,
        help_text=(
            f"PDF, JPEG or PNG, up to {MAX_FILE_BYTES // (1024 * 1024)} MB; leave out for a "
            "paper-only document"
        ),
    )


class TimelineEntrySerializer(serializers.Serializer[Any]):
    day = serializers.DateField(help_text="The first day of the period when not exact")
    precision = serializers.ChoiceField(choices=DatePrecision.choices)
    day_text = serializers.CharField(help_text="The date as known: `2026`, `2026-08`, a day")
    kind = serializers.CharField(
        help_text="registered, offence, fir, stage, hearing, verdict, party, route, document"
    )
    title = serializers.CharField()
    detail = serializers.CharField()
    pending = serializers.BooleanField(help_text="A stage change waiting for approval")
