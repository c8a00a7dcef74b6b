"""Border intake as the API shows it: manifests, their rows and border events.

What a viewer may see is decided by the intake access functions and presenters, never here:
a row's cells come masked from ``htms.intake.presenters.row_view``, a person's name from
``htms.persons.presenters.identity_views``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from rest_framework import serializers

from htms.api.params import MAX_VERSION
from htms.api.serializers.base import OutputSerializer
from htms.intake.fields import FIELDS
from htms.intake.models import (
    BorderEvent,
    BorderEventKind,
    Classification,
    FraudKind,
    Manifest,
    ReturnReason,
    RowStatus,
    Screening,
)
from htms.intake.parsing.scan import TOO_BIG, megabytes
from htms.intake.questionnaire import QUESTION_KEYS, QUESTIONS
from htms.intake.selectors import ALL_ROWS
from htms.persons.models import Sex

MAPPING_HELP = "Field -> column heading of the file; a field left out or empty is not read."


class ManifestSerializer(OutputSerializer[Manifest]):
    source_id = serializers.IntegerField(read_only=True)
    source_name = serializers.CharField(source="source.name", read_only=True)
    post = serializers.CharField(source="post.code", read_only=True)

    class Meta:
        model = Manifest
        fields = [
            "id", "file_name", "source_id", "source_name", "post", "file_kind", "encoding",
            "sha256", "headers", "notes", "occurred_on", "flight_or_vessel", "status",
            "total_rows", "uploaded_at", "is_synthetic",
        ]  # fmt: skip


class ProgressSerializer(serializers.Serializer[Any]):
    total = serializers.IntegerField(read_only=True)
    processed = serializers.IntegerField(read_only=True)
    done = serializers.BooleanField(read_only=True)
    counts = serializers.DictField(
        child=serializers.IntegerField(),
        read_only=True,
        help_text="Rows per status: " + ", ".join(RowStatus.values),
    )


class ManifestDetailSerializer(serializers.Serializer[Any]):
    manifest = ManifestSerializer(read_only=True)
    progress = ProgressSerializer(read_only=True)
    mapping = serializers.DictField(
        child=serializers.CharField(), read_only=True, help_text="The columns kept for the source"
    )
    suggested_mapping = serializers.DictField(
        child=serializers.CharField(),
        read_only=True,
        help_text="The kept columns completed with suggestions from the file's headings",
    )
    problems = serializers.DictField(
        child=serializers.CharField(),
        read_only=True,
        help_text="What the kept mapping lacks for this file; empty when it can be imported",
    )


class UploadResultSerializer(serializers.Serializer[Any]):
    created = serializers.BooleanField(read_only=True, help_text="False: the file was known")
    message = serializers.CharField(read_only=True)
    manifest = ManifestSerializer(read_only=True)


class ManifestUploadSerializer(serializers.Serializer[Any]):
    source_id = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, help_text="A source of lists of the user's post"
    )
    file = serializers.FileField(help_text="CSV or Excel .xlsx, within the upload limits")
    occurred_on = serializers.DateField(required=False, allow_null=True, default=None)
    flight_or_vessel = serializers.CharField(
        max_length=60, required=False, allow_blank=True, default=""
    )

    def validate_file(self, upload: UploadedFile[Any]) -> UploadedFile[Any]:
        """Refuses a file past the size limit before it is read, as the upload page does."""
        limit = settings.HTMS_UPLOAD_MAX_BYTES
        if upload.size is not None and upload.size > limit:
            raise serializers.ValidationError(str(TOO_BIG % {"limit": megabytes(limit)}))
        return upload


class MappingInputSerializer(serializers.Serializer[Any]):
    mapping = serializers.DictField(
        child=serializers.CharField(max_length=255, allow_blank=True), help_text=MAPPING_HELP
    )
    day_first = serializers.BooleanField(
        help_text="Dates are written day first (25/03/2026)", default=True
    )

    def validate_mapping(self, mapping: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(mapping) - {f.key for f in FIELDS})
        if unknown:
            raise serializers.ValidationError(f"Not a field of a list: {', '.join(unknown)}.")
        return mapping


class RowQuery(serializers.Serializer[Any]):
    status = serializers.ChoiceField(
        choices=[ALL_ROWS, *RowStatus.values],
        required=False,
        help_text="One status, or all; without it, the rows that wait for an officer",
    )
    page = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)


class DuplicateOfSerializer(serializers.Serializer[Any]):
    row_id = serializers.IntegerField(read_only=True)
    number = serializers.IntegerField(read_only=True)
    file_name = serializers.CharField(read_only=True, help_text="Set when in another file")


class RowSerializer(serializers.Serializer[Any]):
    """A row as ``htms.intake.presenters.RowView`` shows it to the viewer (cells masked)."""

    row_id = serializers.IntegerField(read_only=True)
    number = serializers.IntegerField(read_only=True, help_text="The file's row, as in Excel")
    status = serializers.ChoiceField(choices=RowStatus.values, read_only=True)
    visible = serializers.BooleanField(read_only=True)
    cells = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField(), min_length=2, max_length=2),
        read_only=True,
        help_text="[heading, text] of every cell as read",
    )
    problems = serializers.ListField(
        source="errors",
        child=serializers.ListField(child=serializers.JSONField()),
        read_only=True,
        help_text="[field label, [messages]]",
    )
    note = serializers.CharField(read_only=True)
    duplicate = DuplicateOfSerializer(read_only=True, allow_null=True)
    border_event_id = serializers.IntegerField(read_only=True, allow_null=True)


class EventQuery(serializers.Serializer[Any]):
    manifest = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False)
    page = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)


class BorderEventSerializer(OutputSerializer[BorderEvent]):
    """A border event; ``person_name`` is the pseudonym when the identity is protected."""

    person = serializers.IntegerField(source="person_id", read_only=True)
    person_name = serializers.SerializerMethodField()
    identity_visible = serializers.SerializerMethodField()
    post = serializers.CharField(source="post.code", read_only=True)
    manifest_row = serializers.SerializerMethodField(help_text="The file's row it came from")

    class Meta:
        model = BorderEvent
        fields = [
            "id", "kind", "occurred_on", "post", "person", "person_name", "identity_visible",
            "status", "manifest", "manifest_row", "nationality_doubt", "status_note", "version",
        ]  # fmt: skip

    def get_person_name(self, event: BorderEvent) -> str:
        return str(self.context["identities"][event.person_id].name)

    def get_identity_visible(self, event: BorderEvent) -> bool:
        return bool(self.context["identities"][event.person_id].visible)

    def get_manifest_row(self, event: BorderEvent) -> int | None:
        row = getattr(event, "manifest_row", None)
        return row.number if row is not None else None


def _text(max_length: int, help_text: str = "") -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length, required=False, allow_blank=True, default="", help_text=help_text
    )


def _country(help_text: str) -> serializers.CharField:
    return _text(2, help_text + " (ISO 3166-1 alpha-2 code)")


class EntryInputSerializer(serializers.Serializer[Any]):
    """One offloadee or deportee recorded by hand, as on the entry page."""

    kind = serializers.ChoiceField(choices=BorderEventKind.values)
    occurred_on = serializers.DateField()
    full_name = _text(200, "Name in Latin script")
    full_name_ur = _text(200, "Name in Urdu script")
    father_name = _text(200, "Father's or husband's name")
    sex = serializers.ChoiceField(choices=Sex.choices, required=False, default=Sex.UNKNOWN)
    birth_date = _text(20, "25/03/1990, 03/1990 or 1990")
    nationality = _country("Claimed nationality")
    cnic = _text(20)
    passport = _text(20)
    phone = _text(30)
    destination = _country("Intended destination (offloading)")
    fraud_kind = serializers.ChoiceField(
        choices=FraudKind.values, required=False, allow_blank=True, default=""
    )
    travel_document = _text(40, "Travel document presented (offloading)")
    deporting_country = _country("Deporting country (deportation)")
    return_reason = serializers.ChoiceField(
        choices=ReturnReason.values, required=False, allow_blank=True, default=""
    )
    escorted = serializers.BooleanField(required=False, allow_null=True, default=None)
    flight_or_vessel = _text(60)


class ScreeningInputSerializer(serializers.Serializer[Any]):
    answers = serializers.DictField(
        child=serializers.BooleanField(),
        help_text="Question key -> yes or no; a question left out is no. Keys: "
        + ", ".join(q.key for q in QUESTIONS),
    )
    classification = serializers.ChoiceField(
        choices=Classification.values,
        required=False,
        allow_blank=True,
        default="",
        help_text="Empty: accept the suggestion; another needs a change_reason",
    )
    change_reason = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )
    summary = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    expected_version = serializers.IntegerField(
        min_value=1,
        max_value=MAX_VERSION,
        required=False,
        allow_null=True,
        default=None,
        help_text="The screening's version, when changing one",
    )

    def validate_answers(self, answers: dict[str, bool]) -> dict[str, bool]:
        unknown = sorted(set(answers) - QUESTION_KEYS)
        if unknown:
            raise serializers.ValidationError(f"Not a question: {', '.join(unknown)}.")
        return answers


class ScreeningSerializer(OutputSerializer[Screening]):
    event = serializers.IntegerField(source="event_id", read_only=True)

    class Meta:
        model = Screening
        fields = [
            "event", "answers", "minor", "suggested", "classification", "change_reason",
            "summary", "interviewed_at", "version",
        ]  # fmt: skip
