"""Ledgers of historical cases through the API: a file uploaded and imported, its rows with
their problems, and a waiting row corrected or set aside (``htms/statistics/ledger``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from rest_framework import serializers

from htms.api.params import MAX_VERSION
from htms.intake.parsing.scan import TOO_BIG, megabytes
from htms.statistics.ledger.columns import LEDGER_KEYS
from htms.statistics.models import LedgerRowStatus

FIELDS_HELP = "Ledger fields: " + ", ".join(LEDGER_KEYS)


class LedgerUploadInputSerializer(serializers.Serializer[Any]):
    file = serializers.FileField(help_text="The ledger transcription, CSV or Excel .xlsx")
    mapping = serializers.JSONField(
        required=False,
        default=None,
        help_text="Optional: a JSON object, field -> column heading; without it the saved "
        "mapping and the headings' names are used. " + FIELDS_HELP,
    )

    def validate_file(self, upload: UploadedFile[Any]) -> UploadedFile[Any]:
        limit = settings.HTMS_UPLOAD_MAX_BYTES
        if upload.size is not None and upload.size > limit:
            raise serializers.ValidationError(str(TOO_BIG % {"limit": megabytes(limit)}))
        return upload

    def validate_mapping(self, mapping: Any) -> dict[str, str] | None:
        if mapping is None:
            return None
        if not isinstance(mapping, dict) or not all(
            isinstance(v, str) and len(v) <= 255 for v in mapping.values()
        ):
            raise serializers.ValidationError("Give an object of field -> column heading.")
        unknown = sorted(set(mapping) - set(LEDGER_KEYS))
        if unknown:
            raise serializers.ValidationError(f"Not a ledger field: {', '.join(unknown)}.")
        return {k: v for k, v in mapping.items() if v}


class LedgerRowInputSerializer(serializers.Serializer[Any]):
    expected_version = serializers.IntegerField(
        min_value=1, max_value=MAX_VERSION, help_text="The row's version, as read"
    )
    cells = serializers.DictField(
        child=serializers.CharField(max_length=300, allow_blank=True),
        required=False,
        default=dict,
        help_text="Field -> corrected text (only the fields to change); the row is then checked "
        "again and imported if good. " + FIELDS_HELP,
    )
    dismiss_reason = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        default="",
        help_text="Set the row aside with this reason instead of correcting it",
    )

    def validate_cells(self, cells: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(cells) - set(LEDGER_KEYS))
        if unknown:
            raise serializers.ValidationError(f"Not a ledger field: {', '.join(unknown)}.")
        return cells


class LedgerRowSerializer(serializers.Serializer[Any]):
    number = serializers.IntegerField(help_text="Row number as the spreadsheet shows it")
    status = serializers.ChoiceField(choices=LedgerRowStatus.choices)
    status_label = serializers.CharField()
    unit = serializers.CharField()
    fir_number = serializers.CharField()
    fir_date = serializers.CharField()
    problems = serializers.ListField(child=serializers.CharField())
    case_id = serializers.IntegerField(allow_null=True, help_text="The case it became or was")
    note = serializers.CharField(help_text="Why it was set aside")
    version = serializers.IntegerField()
    values = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        help_text="Field -> text: the cells as read, with the corrections over them",
    )


class LedgerBatchSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="batch.pk")
    file_name = serializers.CharField(source="batch.file_name")
    uploaded_at = serializers.DateTimeField(source="batch.uploaded_at")
    headers = serializers.ListField(child=serializers.CharField(), source="batch.headers")
    mapping = serializers.DictField(child=serializers.CharField(), source="batch.mapping")
    notes = serializers.ListField(child=serializers.CharField(), source="batch.notes")
    counts = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Rows by status: " + ", ".join(LedgerRowStatus.values),
    )
    rows = LedgerRowSerializer(many=True)
